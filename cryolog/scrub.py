"""Remove patient data from text bound for the log or the crash report.

The first line of defence is not to write such data at all: the engine hides SQL
parameters, refused input is described by its field names (``describe_exception``), and
no log call passes a name, a note or a file the practitioner chose. This module is the
second line, applied to every log record and to the crash report: whatever a message
carries, these are masked:

- SQL parameters and pydantic's ``input_value=...``;
- quoted text (Python shows the values it complains about in quotes);
- file paths outside cryolog's own folders (a saved PDF's name may be a patient's name);
- dates, e-mail addresses, phone-like runs of digits and measurements with a unit.

Traceback frame lines (``File "...", line N, in f``) and the source lines under them are
kept: they are the program's code, not its data.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from cryolog.domain.errors import InvalidInput

QUOTED = "'…'"
PATH = "<path>"
DATE = "<date>"
VALUE = "<value>"

_FRAME = re.compile(r'^\s*File "[^"\n]*", line \d+')
_SQL_PARAMETERS = re.compile(r"\[parameters: [\s\S]*?\](?=\s*(?:\n|\(Background|$))")
_PYDANTIC_INPUT = re.compile(r"input_value=[\s\S]*?(?=, input_type=)")
_QUOTED = re.compile(r"""(?<![\w'"])(['"])(?:(?!\1)[^\n])*\1(?![\w])""")
_DATE = re.compile(
    r"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b"
    r"|(?<![\d.])(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|1[0-2])\.(?:\d{4}|\d{2})(?![.\d])"
    r"|(?<![\d/])\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})(?![/\d])"
)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<![\w.])\+?\d(?:[\d \-().]{6,}\d)(?![\w.])")
_MEASURE = re.compile(
    r"(?<![\w.])[-+−]?\d+(?:[.,]\d+)?\s?(?:mmHg|°C|°F|/min|bpm|kg|cm|dm²|dm2|%)(?!\w)"
)
_PATH_START = re.compile(r"(?<![\w.:/\\~<])(?:~?/|[A-Za-z]:[\\/]|\\\\)(?=[^\s/\\])")
_EXTENSION_END = re.compile(r"\.[A-Za-z0-9]{1,5}[)\],;:.!?'\"]*$")


class Scrubber:
    """Masks patient data in text; paths under ``safe_roots`` (cryolog's own folders)
    are kept, because they say where the program and its files are."""

    def __init__(self, safe_roots: Iterable[str] = ()) -> None:
        self.safe_roots = tuple(sorted({r.rstrip("/\\") for r in safe_roots if r}, key=len))

    def text(self, text: str) -> str:
        """A log message or an exception's text, with any traceback frames kept."""
        text = _SQL_PARAMETERS.sub("[parameters hidden]", text)
        text = _PYDANTIC_INPUT.sub("input_value=…", text)
        out: list[str] = []
        code_follows = False
        for line in text.split("\n"):
            if _FRAME.match(line):
                out.append(line)
                code_follows = True
            elif code_follows and line.startswith("    "):
                out.append(line)  # the frame's source line and its ^^^ markers
            else:
                code_follows = False
                out.append(self.line(line))
        return "\n".join(out)

    def line(self, line: str) -> str:
        """One line of message text."""
        line = self._paths(line)
        line = _QUOTED.sub(QUOTED, line)
        line = _EMAIL.sub("<e-mail>", line)
        line = _DATE.sub(DATE, line)
        line = _MEASURE.sub(VALUE, line)
        return _PHONE.sub(VALUE, line)

    def _paths(self, line: str) -> str:
        out: list[str] = []
        position = 0
        for match in _PATH_START.finditer(line):
            if match.start() < position:
                continue
            end = _path_end(line, match.start())
            path = line[match.start() : end]
            out.append(line[position : match.start()])
            out.append(path if self._is_safe(path) else PATH + _trailing(path))
            position = end
        out.append(line[position:])
        return "".join(out)

    def _is_safe(self, path: str) -> bool:
        if "~" in path[:1] or ".." in path:
            return False
        return any(
            path == root or path.startswith((root + "/", root + "\\")) for root in self.safe_roots
        )


def _path_end(line: str, start: int) -> int:
    """Where a path that starts at ``start`` ends: its first word, or, when a later word
    before the next ': ' ends in a file extension, that word (names may hold spaces)."""
    stop = line.find(": ", start)
    segment_end = len(line) if stop < 0 else stop
    first = re.compile(r"\S+").match(line, start)
    end = first.end() if first else start
    for word in re.finditer(r"\S+", line[start:segment_end]):
        if _EXTENSION_END.search(word.group()):
            end = max(end, start + word.end())
    return end


def _trailing(path: str) -> str:
    """Punctuation the path swallowed from its sentence (a closing bracket, a full stop)."""
    match = re.search(r"[)\],;.!?'\"]+$", path)
    return match.group() if match else ""


def describe_exception(exc: BaseException) -> str:
    """One line about an error for the log: refused input by its field names only (the
    messages repeat the values that were typed), anything else by its scrubbed text."""
    name = type(exc).__name__
    if isinstance(exc, InvalidInput):
        fields = sorted({e.path or "(form)" for e in exc.errors})
        return f"{name}: refused input in {', '.join(fields)}"
    text = str(exc).split("\n", 1)[0]
    return f"{name}: {text}" if text else name
