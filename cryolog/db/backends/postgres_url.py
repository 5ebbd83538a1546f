"""A PostgreSQL address as cryolog keeps it: the psycopg driver, and no password.

What the practitioner gives (``postgresql://user:pw@host/db?sslmode=require``,
``postgres://…``, ``postgresql+psycopg2://…``, ``postgresql:///?service=clinic``) becomes a
``ServerAddress``: the SQLAlchemy URL with the ``postgresql+psycopg`` driver whatever
SQLAlchemy's default is, without the password (which only travels to the driver when a
connection is made), plus the password itself, if one was typed into the address. The
label the window shows and the target saved as "last database" are made from the URL
without the password, so neither can leak it; a password comes from a prompt, ``.pgpass``
or the service file (``pg_service.conf``), which libpq reads itself.

Nothing here imports SQLAlchemy (the window's start-up path stays light).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

from cryolog.db.errors import DatabaseProblem

DRIVER_SCHEME = "postgresql+psycopg"
SHOWN_SCHEME = "postgresql"
SCHEMES = ("postgresql", "postgres")
SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
SECRET_PARAMETERS = ("password", "sslpassword")
"""Query parameters that hold a secret: taken out of the address like its password."""


@dataclass(frozen=True)
class ServerAddress:
    url: str
    """The SQLAlchemy URL (``postgresql+psycopg://``), never holding a secret."""
    shown: str
    """The same address as the practitioner writes it (``postgresql://``), no secret."""
    secrets: tuple[tuple[str, str], ...] = ()
    """("password", …) and the like, given in the address: passed to the driver only."""

    @property
    def password(self) -> str | None:
        return dict(self.secrets).get("password")


def is_postgres(target: str) -> bool:
    scheme = target.split("://", 1)[0].lower() if "://" in target else ""
    return scheme.split("+", 1)[0] in SCHEMES


def parse_address(target: str) -> ServerAddress:
    """The address ``target`` names, or DatabaseProblem with what is wrong with it."""
    text = target.strip()
    if "\x00" in text or any(ord(c) < 32 for c in text):
        raise DatabaseProblem("The server address holds a control character.", "")
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as exc:
        raise DatabaseProblem(f"The server address is not valid ({exc}).", "") from exc
    scheme = parts.scheme.lower().split("+", 1)[0]
    if scheme not in SCHEMES:
        raise DatabaseProblem(f"{parts.scheme}:// is not a PostgreSQL address.", "")
    query = parse_qsl(parts.query, keep_blank_values=True)
    secrets = [(k, v) for k, v in query if k in SECRET_PARAMETERS]
    kept = [(k, v) for k, v in query if k not in SECRET_PARAMETERS]
    _check_parameters(kept)
    if parts.password is not None:
        secrets.append(("password", unquote(parts.password)))  # wins over ?password=
    user = "" if parts.username is None else quote(unquote(parts.username), safe="")
    host = parts.hostname or ""
    if ":" in host:  # an IPv6 address
        host = f"[{host}]"
    where = (f"{user}@" if user else "") + host + ("" if port is None else f":{port}")
    database = parts.path.lstrip("/")
    if "/" in database:
        raise DatabaseProblem(
            f"“{database}” is not a database name (a server address names one database).", ""
        )
    rest = f"{where}/{quote(unquote(database), safe='')}"
    if kept:
        rest += "?" + urlencode(kept)
    shown = f"{SHOWN_SCHEME}://{rest}"
    return ServerAddress(f"{DRIVER_SCHEME}://{rest}", shown, tuple(secrets))


def _check_parameters(query: list[tuple[str, str]]) -> None:
    for key, value in query:
        if key == "sslmode" and value not in SSL_MODES:
            raise DatabaseProblem(
                f"sslmode={value} is not a TLS setting PostgreSQL knows; use one of"
                f" {', '.join(SSL_MODES)}.",
                "",
            )
        if not key:
            raise DatabaseProblem("The server address has a parameter without a name.", "")


def safe_target(target: str) -> str:
    """``target`` without any secret, for settings and messages (the shown form)."""
    return parse_address(target).shown
