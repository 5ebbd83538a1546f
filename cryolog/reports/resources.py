"""Where the bundled resources live, and reading the editable document texts.

In a wheel the repository's ``resources/`` folder is installed as ``cryolog/resources``;
in a checkout (or an editable install) it sits beside the package.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

_PACKAGE = Path(__file__).resolve().parent.parent


class ResourceMissing(RuntimeError):
    """A bundled file is missing: the installation is incomplete."""


@cache
def resource_dir() -> Path:
    for candidate in (_PACKAGE / "resources", _PACKAGE.parent / "resources"):
        if (candidate / "fonts").is_dir():
            return candidate
    raise ResourceMissing(f"cryolog's resources folder is missing (looked beside {_PACKAGE})")


def resource(*parts: str) -> Path:
    path = resource_dir().joinpath(*parts)
    if not path.is_file():
        raise ResourceMissing(f"cryolog's resource file {'/'.join(parts)} is missing")
    return path


@cache
def texts(language: str, name: str) -> dict[str, Any]:
    """The editable texts ``resources/handouts/<language>/<name>.toml``."""
    import tomllib  # with the first texts read: the window's icon needs only the folder

    path = resource("handouts", language, f"{name}.toml")
    with path.open("rb") as handle:
        return tomllib.load(handle)
