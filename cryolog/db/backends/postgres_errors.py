"""PostgreSQL's errors as sentences a practitioner can act on.

The driver's own text (libpq's, the server's) is kept out of the sentence where it could
hold the address's secrets; its SQLSTATE decides which problem it is. A connection lost
in the middle of a save is ``ConnectionLost``: the transaction was rolled back by the
server, nothing was half written, and the same save can simply be tried again.
"""

from __future__ import annotations

from cryolog.db.errors import DatabaseProblem, DiskFull


class ServerUnreachable(DatabaseProblem):
    """The server did not answer (down, wrong address, no network)."""


class LoginRefused(DatabaseProblem):
    """The server answered and refused the role, its password or the database."""


class ConnectionLost(DatabaseProblem):
    """The connection broke during a read or a save; nothing was written, retry."""


class PermissionRefused(DatabaseProblem):
    """The role signed in may not do this (roles and grants)."""


class ServerBusy(DatabaseProblem):
    """A conflict with another workstation's transaction (serialisation, deadlock)."""


_UNREACHABLE_WORDS = (
    "connection refused",
    "could not connect",
    "could not translate host name",
    "name or service not known",
    "timeout expired",
    "no route to host",
    "network is unreachable",
    "no such file or directory",  # a unix socket that is not there
    "definition of service",
    "server does not support ssl",
    "ssl",
)
_LOST_WORDS = (
    "server closed the connection",
    "terminating connection",
    "connection is lost",
    "consuming input failed",
    "connection already closed",
    "the connection is closed",
    "ssl syscall error",
    "eof detected",
)


def translate_server_error(exc: BaseException, label: str) -> DatabaseProblem:
    """One sentence for ``exc``, raised by the driver while using server ``label``."""
    if isinstance(exc, DatabaseProblem):
        return exc
    if isinstance(exc, ModuleNotFoundError):
        return DatabaseProblem(
            f"The PostgreSQL driver is not installed ({exc.name}); install cryolog with"
            " its dependencies to use a server.",
            label,
        )
    state = str(getattr(exc, "sqlstate", None) or "")
    text = " ".join(str(exc).split()).lower()
    if state == "3D000" or (not state and 'database "' in text and "does not exist" in text):
        return LoginRefused(f"The database named in {label} does not exist on the server.", label)
    if state in ("28P01", "28000") or (not state and _login_problem(text)):
        return LoginRefused(
            f"The server {label} refused the sign-in: check the user name and password"
            " (or .pgpass / the service file) and that this user may use the database.",
            label,
        )
    if state.startswith("57P") or state.startswith("08") or any(w in text for w in _LOST_WORDS):
        return ConnectionLost(
            f"The connection to {label} was lost; nothing of this change was saved."
            " Check the network and try again.",
            label,
        )
    if state == "53100":
        return DiskFull(
            f"The server {label} has no room left on its disk; nothing was saved. Ask for"
            " space to be freed on the server.",
            label,
        )
    if state == "42501":
        return PermissionRefused(
            f"The database user signed in to {label} may not do this; nothing was changed.",
            label,
        )
    if state in ("40001", "40P01", "55P03"):
        return ServerBusy(
            f"Another workstation was changing the same records at the same moment on {label};"
            " nothing was saved. Try again.",
            label,
        )
    if not state and any(w in text for w in _UNREACHABLE_WORDS):
        return ServerUnreachable(
            f"The server {label} cannot be reached: check that it is running, the address"
            " and the network (and TLS, if sslmode asks for it).",
            label,
        )
    code = f" (error {state})" if state else ""
    return DatabaseProblem(f"The server {label} refused the request{code}.", label)


def _login_problem(text: str) -> bool:
    if "password" in text and ("authentication" in text or "supplied" in text):
        return True
    return ("role" in text and "does not exist" in text) or "pg_hba.conf" in text
