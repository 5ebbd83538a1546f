"""A server address: the psycopg driver whatever was typed, and no secret kept anywhere."""

from __future__ import annotations

import pytest

from cryolog.db.backends import PostgresBackend, backend_for
from cryolog.db.backends.postgres_url import parse_address
from cryolog.db.database import Database
from cryolog.db.errors import DatabaseProblem


@pytest.mark.parametrize(
    ("typed", "url"),
    [
        ("postgresql://dr@clinic.lan/cryo", "postgresql+psycopg://dr@clinic.lan/cryo"),
        ("postgres://dr@clinic.lan:5433/cryo", "postgresql+psycopg://dr@clinic.lan:5433/cryo"),
        ("postgresql+psycopg2://dr@h/cryo", "postgresql+psycopg://dr@h/cryo"),
        ("POSTGRESQL+asyncpg://dr@h/cryo", "postgresql+psycopg://dr@h/cryo"),
        ("postgresql:///?service=clinic", "postgresql+psycopg:///?service=clinic"),
        ("postgresql://[::1]:5432/cryo", "postgresql+psycopg://[::1]:5432/cryo"),
    ],
)
def test_every_spelling_goes_to_the_psycopg_driver(typed: str, url: str) -> None:
    backend = backend_for(typed)
    assert isinstance(backend, PostgresBackend)
    assert backend.url == url
    assert backend.label == url.replace("postgresql+psycopg://", "postgresql://")


def test_the_password_is_never_in_the_url_label_or_stored_target() -> None:
    typed = "postgresql://dr.ivanova:S3cr%40t!@clinic.lan/cryo?sslmode=require&password=Other1"
    backend = backend_for(typed)
    assert isinstance(backend, PostgresBackend)
    shown = {backend.url, backend.label, backend.stored_target}
    assert not any("S3cr" in s or "Other1" in s or "%40t" in s for s in shown)
    assert backend.stored_target == "postgresql://dr.ivanova@clinic.lan/cryo?sslmode=require"
    assert backend.address.password == "S3cr@t!"  # only for the driver, at connect time
    assert backend.connect_arguments()["password"] == "S3cr@t!"
    db = Database(backend.url, None, backend=backend)  # what the window saves and shows
    assert "S3cr" not in db.stored_target + db.label + repr(db)


def test_a_stored_target_opens_the_same_server_again() -> None:
    first = backend_for("postgresql://dr:pw@clinic.lan:5433/cryo?sslmode=verify-full")
    again = backend_for(first.stored_target)
    assert again.url == first.url and again.stored_target == first.stored_target


@pytest.mark.parametrize("mode", ["disable", "require", "verify-ca", "verify-full"])
def test_sslmode_is_passed_through(mode: str) -> None:
    from sqlalchemy.engine import make_url

    backend = backend_for(f"postgresql://dr@clinic.lan/cryo?sslmode={mode}")
    assert make_url(backend.url).query["sslmode"] == mode


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("postgresql://dr@h/cryo?sslmode=always", "sslmode=always is not a TLS setting"),
        ("postgresql://dr@h:99999/cryo", "not valid"),
        ("postgresql://dr@h/cryo/more", "not a database name"),
        ("postgresql://dr@h/cr\x00yo", "control character"),
        ("postgresql://dr@h/cryo?=x", "without a name"),
    ],
)
def test_a_bad_address_is_one_sentence(typed: str, said: str) -> None:
    with pytest.raises(DatabaseProblem, match=said):
        parse_address(typed)


def test_other_servers_are_still_refused() -> None:
    with pytest.raises(DatabaseProblem, match="cannot open mysql://"):
        backend_for("mysql://dr@h/cryo")
