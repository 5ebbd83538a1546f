"""Bounds on an imported patient list, and the one error that refuses a whole file."""

from __future__ import annotations

from typing import Any

from cryolog.domain.messages import Message, as_message

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 50_000
MAX_COLUMNS = 200
MAX_CELL_CHARS = 20_000


class ImportProblem(Exception):
    """The file as a whole cannot be imported; ``str(exc)`` is one sentence for the user,
    in the current language (``said``: keyed ``import.*``). Nothing has been written."""

    def __init__(self, message: Message | str) -> None:
        self.said = as_message(message)
        super().__init__(self.said.render())

    def __str__(self) -> str:
        return self.said.render()


def import_said(key: str, /, **values: Any) -> Message:
    return Message(f"import.{key}", **values)


def size_label(count: int) -> str:
    if count < 1024 * 1024:
        return f"{max(1, round(count / 1024))} KB"
    return f"{count / (1024 * 1024):.1f} MB"
