"""``cryolog rules check CASE.json`` (placeholder until the rule engine lands)."""

from __future__ import annotations

import argparse


def register(
    commands: argparse._SubParsersAction,  # type: ignore[type-arg]
) -> list[argparse.ArgumentParser]:
    return []
