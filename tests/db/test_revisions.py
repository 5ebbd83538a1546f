"""The revision list used at start-up matches the migration scripts that ship."""

from __future__ import annotations

from cryolog.db.alembic_config import head_revision, script_directory
from cryolog.db.revisions import HEAD_REVISION, KNOWN_REVISIONS


def test_known_revisions_match_the_scripts() -> None:
    chain = [rev.revision for rev in script_directory().walk_revisions()]
    assert tuple(reversed(chain)) == KNOWN_REVISIONS, "update cryolog/db/revisions.py"
    assert head_revision() == HEAD_REVISION
