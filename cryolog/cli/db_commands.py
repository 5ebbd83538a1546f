"""Database commands: ``demo`` and ``check``."""

from __future__ import annotations

import argparse


def register(
    commands: argparse._SubParsersAction,  # type: ignore[type-arg]
) -> list[argparse.ArgumentParser]:
    return []
