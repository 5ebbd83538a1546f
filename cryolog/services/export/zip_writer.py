"""ZIP files of health data: plain, or AES-256 encrypted (WinZip AES, which 7-Zip, WinZip,
macOS Archive Utility with a password prompt, and ``pyzipper`` open)."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import IO, Any, Protocol

import pyzipper

_MEMBER_MODE = 0o600


class Archive(Protocol):
    def add(self, name: str, data: bytes | str) -> None: ...


class _Writer:
    def __init__(self, zf: Any, when: datetime) -> None:
        self._zf = zf
        stamp = when.astimezone(UTC)
        self._date_time = (
            max(stamp.year, 1980),
            stamp.month,
            stamp.day,
            stamp.hour,
            stamp.minute,
            stamp.second,
        )

    def add(self, name: str, data: bytes | str) -> None:
        make_info = getattr(self._zf, "zipinfo_cls", zipfile.ZipInfo)  # pyzipper has its own
        info = make_info(name, date_time=self._date_time)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = (0o100000 | _MEMBER_MODE) << 16
        payload = data.encode("utf-8") if isinstance(data, str) else data
        self._zf.writestr(info, payload)


@contextmanager
def open_archive(handle: IO[bytes], when: datetime, password: str | None) -> Iterator[Archive]:
    """A ZIP written to ``handle``; with ``password``, every member is AES-256 encrypted."""
    if password:
        with pyzipper.AESZipFile(
            handle, "w", compression=zipfile.ZIP_DEFLATED, encryption=pyzipper.WZ_AES
        ) as zf:
            zf.setpassword(password.encode("utf-8"))
            zf.setencryption(pyzipper.WZ_AES, nbits=256)
            yield _Writer(zf, when)
    else:
        with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            yield _Writer(zf, when)
