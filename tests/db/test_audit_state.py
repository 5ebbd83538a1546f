"""Which tables the audit trail hashes, and with which columns: the models and the database
agree, and no new table slips past unclassified."""

from __future__ import annotations

from cryolog.db.audit_state import ENTITIES, NOT_AUDITED, WHOLE_TABLES, model_specs, reflected_specs
from cryolog.db.database import Database
from cryolog.db.models import Base


def test_every_table_is_audited_or_said_not_to_be() -> None:
    audited = {table for table, _, _ in ENTITIES.values()} | set(WHOLE_TABLES.values())
    children = {child for _, _, kids in ENTITIES.values() for _, child, _ in kids}
    tables = {t.name for t in Base.metadata.sorted_tables}
    unclassified = tables - audited - children - NOT_AUDITED
    assert unclassified == set(), "add new tables to db/audit_state.py ENTITIES or NOT_AUDITED"


def test_the_database_at_head_has_the_models_columns(db: Database) -> None:
    with db.engine.connect() as conn:
        assert reflected_specs(conn) == model_specs()


def test_derived_search_keys_and_document_bytes_are_not_hashed() -> None:
    specs = model_specs()
    assert "search_name" not in specs["patient"].table.names
    assert "pdf" not in specs["document"].table.names
    assert "sha256" in specs["document"].table.names
    assert [c.key for c in specs["session"].children] == [
        "areas",
        "pain_zones",
        "findings",
        "bp_readings",
    ]
