"""A save refused as "changed elsewhere" says what was saved meanwhile: each field with
their value and the one typed here, who saved it and when (on a file and on a server)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from cryolog.db.database import Database
from cryolog.domain.errors import StaleRecord
from cryolog.domain.other_change import FieldChange
from cryolog.services import Services
from tests.services.conftest import other_patient

pytestmark = pytest.mark.both_backends


def test_the_refusal_names_the_other_change_and_both_values(db: Database) -> None:
    desk = Services.open(db, actor="front.desk")
    room = Services.open(db, actor="dr.petrova")
    opened = desk.patients.register(other_patient("Shared"))
    before = datetime.now(UTC) - timedelta(seconds=5)
    desk.patients.edit(
        opened.id, other_patient("Shared", notes="Called to move the visit", height_cm=170.0),
        expected_version=opened.version, reason="Phone call from the patient",
    )  # fmt: skip
    with pytest.raises(StaleRecord, match="changed elsewhere") as refused:
        room.patients.edit(
            opened.id, other_patient("Shared", notes="Knee pain after session"),
            expected_version=opened.version, reason="Noted during the session",
        )  # fmt: skip
    other = refused.value.other
    assert other is not None
    assert other.actor == "front.desk" and other.at >= before
    assert other.version == opened.version + 1
    by_field = {f.field: f for f in other.fields}
    assert set(by_field) == {"notes", "height_cm"}
    assert by_field["notes"] == FieldChange(
        "notes", "Called to move the visit", "Knee pain after session", True
    )
    assert by_field["notes"].conflicting
    assert by_field["height_cm"].theirs == 170.0 and by_field["height_cm"].yours == 165.0
    # nothing of the refused edit was written
    assert room.patients.get_patient(opened.id).notes == "Called to move the visit"


def test_several_saves_since_are_all_named(db: Database) -> None:
    desk = Services.open(db, actor="front.desk")
    nurse = Services.open(db, actor="nurse.ivanova")
    opened = desk.patients.register(other_patient("Busy"))
    first = desk.patients.edit(
        opened.id, other_patient("Busy", notes="First"),
        expected_version=opened.version, reason="Phone call from the patient",
    )  # fmt: skip
    nurse.patients.edit(
        opened.id, other_patient("Busy", notes="Second", height_cm=171.0),
        expected_version=first.version, reason="Measured at the front desk",
    )  # fmt: skip
    with pytest.raises(StaleRecord) as refused:
        desk.patients.edit(
            opened.id, other_patient("Busy", notes="Mine"),
            expected_version=opened.version, reason="Noted during the session",
        )  # fmt: skip
    other = refused.value.other
    assert other is not None
    assert other.actor == "nurse.ivanova" and other.actors == ("nurse.ivanova", "front.desk")
    assert {f.field: f.theirs for f in other.fields} == {"notes": "Second", "height_cm": 171.0}
