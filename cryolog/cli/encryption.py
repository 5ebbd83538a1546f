"""``cryolog encrypt``, ``cryolog decrypt``, ``cryolog passphrase``; the passphrase of commands.

A command on an encrypted file takes its passphrase from ``CRYOLOG_PASSPHRASE`` or asks for
it at the terminal (``getpass``: nothing is echoed); a change of passphrase takes the new
one from ``CRYOLOG_NEW_PASSPHRASE`` or asks twice. The recovery key is shown only on a
terminal, never written where output is redirected (a file).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from cryolog.cli.common import exclusive_database, fail, note
from cryolog.db.backends import SqlcipherFileBackend, backend_for
from cryolog.db.backends import sqlcipher_keys as keys
from cryolog.db.backends.sqlcipher_file import KeyFileDamaged, KeyFileMissing, WrongPassphrase
from cryolog.db.errors import DatabaseProblem
from cryolog.db.location import resolve_target

if TYPE_CHECKING:
    SubParsers = argparse._SubParsersAction[argparse.ArgumentParser]

PASSPHRASE_VAR = "CRYOLOG_PASSPHRASE"
NEW_PASSPHRASE_VAR = "CRYOLOG_NEW_PASSPHRASE"


class NoPassphrase(DatabaseProblem):
    """No passphrase in the environment and no terminal to ask at."""


def register(commands: SubParsers) -> list[argparse.ArgumentParser]:
    encrypt = commands.add_parser(
        "encrypt",
        help=f"encrypt the database file (passphrase from ${PASSPHRASE_VAR} or asked)",
    )
    _backup_choice(encrypt, "encrypted")
    encrypt.set_defaults(handler=run_encrypt, unlocks_itself=True)
    decrypt = commands.add_parser(
        "decrypt", help=f"turn an encrypted database back into a plain file (${PASSPHRASE_VAR})"
    )
    _backup_choice(decrypt, "decrypted")
    decrypt.set_defaults(handler=run_decrypt, unlocks_itself=True)
    change = commands.add_parser(
        "passphrase",
        help=f"change the passphrase of an encrypted database (${PASSPHRASE_VAR},"
        f" ${NEW_PASSPHRASE_VAR})",
    )
    change.add_argument(
        "--recovery-key",
        action="store_true",
        help="show the recovery key on the terminal instead of changing the passphrase",
    )
    change.set_defaults(handler=run_passphrase, unlocks_itself=True)
    return [encrypt, decrypt, change]


def _backup_choice(parser: argparse.ArgumentParser, done: str) -> None:
    parser.add_argument(
        "--backups",
        choices=("convert", "remove"),
        default="convert",
        help=f"existing backups: {done} too (default) or removed",
    )


def _ask(prompt: str) -> str:
    if not sys.stdin.isatty():
        raise NoPassphrase(
            f"No passphrase: set {PASSPHRASE_VAR} or run the command at a terminal.", ""
        )
    return getpass.getpass(prompt)


def current_passphrase(path: Path) -> str:
    given = os.environ.get(PASSPHRASE_VAR)
    return given if given is not None else _ask(f"Passphrase for {path.name}: ")


def new_passphrase(variable: str) -> str:
    given = os.environ.get(variable)
    if given is not None:
        return given
    first = _ask("New passphrase: ")
    problem = keys.passphrase_problem(first)
    if problem:
        raise DatabaseProblem(problem, "")
    if _ask("The same passphrase again: ") != first:
        raise DatabaseProblem("The two passphrases differ; nothing was changed.", "")
    return first


def unlock_for_command(db_arg: str | None) -> int | None:
    """Before a command on an encrypted file: open its key (None when done or not needed),
    else the failed command's exit status."""
    try:
        backend = backend_for(resolve_target(db_arg))
    except DatabaseProblem:
        return None  # the command itself says what is wrong with the target
    if not isinstance(backend, SqlcipherFileBackend) or backend.unlocked:
        return None
    missing = backend.key_file_missing
    try:
        _unlock(backend, current_passphrase(backend.file))
    except DatabaseProblem as exc:
        return fail(str(exc))
    except (EOFError, KeyboardInterrupt):
        return fail("No passphrase was given; nothing was opened.")
    if missing and not backend.key_file_missing:
        note(f"the key-check file of {backend.file.name} was missing; it was written again.")
    elif missing:
        note(
            f"the key-check file of {backend.file.name} is still missing: set"
            f" {NEW_PASSPHRASE_VAR} with the recovery key to write it again."
        )
    return None


def _unlock(backend: SqlcipherFileBackend, text: str) -> None:
    """The passphrase; or, when that fails and ``text`` is a recovery key, the recovery key
    (a lost key-check file is then wrapped under ``CRYOLOG_NEW_PASSPHRASE`` if given)."""
    try:
        backend.unlock(text)
    except (WrongPassphrase, KeyFileMissing, KeyFileDamaged) as refused:
        if keys.parse_recovery(text) is None:
            if isinstance(refused, KeyFileMissing):
                raise KeyFileMissing(
                    f"{refused} Give the recovery key in {PASSPHRASE_VAR} (and a new"
                    f" passphrase in {NEW_PASSPHRASE_VAR}); nothing was opened.",
                    refused.path,
                ) from refused
            raise
        backend.unlock_with_recovery_key(text, os.environ.get(NEW_PASSPHRASE_VAR))


def _show_recovery_key(text: str) -> None:
    if sys.stdout.isatty():
        print(f"Recovery key (copy it by hand, keep it on paper): {text}")
    else:
        note(
            "the recovery key is shown only on a terminal (the output is redirected):"
            " run `cryolog passphrase --recovery-key` at a terminal to see it."
        )


def run_encrypt(args: argparse.Namespace) -> int:
    from cryolog.services.encryption import LOST_NOTE, SSD_NOTE, encrypt_database

    try:
        with exclusive_database(args.db) as held:
            path = held.backend.path
            if path is None:
                return fail("Only a database file can be encrypted.")
            if isinstance(held.backend, SqlcipherFileBackend):
                return fail(f"{path} is encrypted already.")
            passphrase = new_passphrase(PASSPHRASE_VAR)
            result = encrypt_database(path, passphrase, args.backups)
    except DatabaseProblem as exc:
        return fail(str(exc))
    except (EOFError, KeyboardInterrupt):
        return fail("No passphrase was given; nothing was changed.")
    print(
        f"Encrypted {path}: {result.facts.patients} patients, {result.facts.changes} audit"
        f" entries checked; backups {_backups(result.backups_converted, result.backups_removed)}."
    )
    for failed in result.backups_failed:
        note(failed.render())
    _show_recovery_key(result.recovery_key)
    note(LOST_NOTE)
    note(SSD_NOTE)
    return 0


def _backups(converted: int, removed: int) -> str:
    if removed:
        return f"removed: {removed}"
    return f"encrypted or decrypted with it: {converted}"


def run_decrypt(args: argparse.Namespace) -> int:
    from cryolog.services.encryption import decrypt_database

    try:
        with exclusive_database(args.db) as held:
            path = held.backend.path
            if path is None or not isinstance(held.backend, SqlcipherFileBackend):
                return fail(f"{held.backend.label} is not encrypted.")
            result = decrypt_database(path, current_passphrase(path), args.backups)
    except DatabaseProblem as exc:
        return fail(str(exc))
    except (EOFError, KeyboardInterrupt):
        return fail("No passphrase was given; nothing was changed.")
    print(
        f"Decrypted {path}: {result.facts.patients} patients checked; backups"
        f" {_backups(result.backups_converted, result.backups_removed)}."
        " Anyone with the file can read it now."
    )
    for failed in result.backups_failed:
        note(failed.render())
    return 0


def run_passphrase(args: argparse.Namespace) -> int:
    from cryolog.services.encryption import change_passphrase

    try:
        with exclusive_database(args.db) as held:
            path = held.backend.path
            backend = held.backend
            if path is None or not isinstance(backend, SqlcipherFileBackend):
                return fail(f"{held.backend.label} is not encrypted.")
            old = current_passphrase(path)
            if args.recovery_key:
                if not sys.stdout.isatty():
                    return fail("The recovery key is shown only on a terminal.")
                backend.unlock(old)
                assert backend.key is not None
                _show_recovery_key(keys.recovery_text(backend.key))
                return 0
            change_passphrase(path, old, new_passphrase(NEW_PASSPHRASE_VAR))
    except DatabaseProblem as exc:
        return fail(str(exc))
    except (EOFError, KeyboardInterrupt):
        return fail("No passphrase was given; nothing was changed.")
    print(f"The passphrase of {path} was changed; the recovery key stays the same.")
    return 0
