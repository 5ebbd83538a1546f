"""``cryolog report ...``: printed documents (registered once the renderers exist)."""

from __future__ import annotations

import argparse


def register(
    commands: argparse._SubParsersAction,  # type: ignore[type-arg]
) -> list[argparse.ArgumentParser]:
    return []
