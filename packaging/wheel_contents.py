"""Does a built wheel hold every resource file and every migration script?

    python packaging/wheel_contents.py dist/cryolog-0.1.0-py3-none-any.whl

Exit 1 with the missing files named (a wheel without its fonts or migrations installs
fine and fails at the first document or the first start).
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = {
    ROOT / "resources": "cryolog/resources",
    ROOT / "cryolog" / "db" / "migrations": "cryolog/db/migrations",
}


def expected_files() -> set[str]:
    names = set()
    for folder, inside in SOURCES.items():
        for path in folder.rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                names.add(f"{inside}/{path.relative_to(folder).as_posix()}")
    return names


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: wheel_contents.py WHEEL", file=sys.stderr)
        return 2
    with zipfile.ZipFile(argv[0]) as wheel:
        present = set(wheel.namelist())
    missing = sorted(expected_files() - present)
    if missing:
        print(f"{argv[0]} lacks {len(missing)} files: {', '.join(missing[:10])}", file=sys.stderr)
        return 1
    print(f"wheel holds all {len(expected_files())} resource and migration files")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
