"""The second line of defence: what the scrubber masks, and what it keeps."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, ValidationError

from cryolog.domain.errors import FieldError, InvalidInput
from cryolog.scrub import Scrubber, describe_exception

SAFE = "/home/anna/.local/share/cryolog"
scrub = Scrubber([SAFE, "/opt/cryolog/_internal"])


@pytest.mark.parametrize(
    ("text", "hidden", "kept"),
    [
        ("Could not save /tmp/Иванова Мария.pdf: Permission denied", "Иванова", "Permission"),
        ("[Errno 13] Permission denied: '/srv/Smith John.pdf'", "Smith", "Errno 13"),
        (r"C:\Users\Anna Maria\Documents\Иванова Мария.pdf: denied", "Maria", "denied"),
        ("/srv/patients/Petrova Anna Maria.pdf is open", "Petrova", "is open"),
        ("/srv/clinic/Petrova.db is in use by another program", "Petrova", "in use"),
        ("invalid literal for int() with base 10: 'Иванова'", "Иванова", "invalid literal"),
        ('KeyError: "Smith"', "Smith", "KeyError"),
        ("birth 1985-03-14, seen 14.03.1985, or 03/14/1985", "1985", "birth"),
        ("at 2024-05-06T10:30:00+02:00", "10:30", "at"),
        ("systolic 300 mmHg, skin 12.5 °C, SpO2 97 %", "300", "systolic"),
        ("call +7 912 345-67-89 or anna.petrova@example.org", "345", "call"),
        ("[SQL: INSERT INTO patient VALUES (?)]\n[parameters: ('Иванова',)]", "Иванова", "[SQL:"),
        ("input_value=250, input_type=int]", "250", "input_type=int"),
    ],
)
def test_masks_patient_data(text: str, hidden: str, kept: str) -> None:
    out = scrub.text(text)
    assert hidden not in out
    assert kept in out


@pytest.mark.parametrize(
    "text",
    [
        f"backed up {SAFE}/cryolog.db to {SAFE}/backups/cryolog-0003.db",
        "can't open the patient's record",
        "Running upgrade 0003 -> 0004",
        "Python 3.11.7; Linux 6.18.44-fc (x86_64); Qt 6.11.3",
        "(Background on this error at: https://sqlalche.me/e/20/gkpj)",
    ],
)
def test_keeps_what_holds_no_patient_data(text: str) -> None:
    assert scrub.text(text) == text


def test_a_path_that_climbs_out_of_a_safe_folder_is_masked() -> None:
    assert "Ivanova" not in scrub.text(f"saved {SAFE}/../../Ivanova.pdf")
    assert "Ivanova" not in scrub.text("saved ~/Ivanova.pdf")


def test_traceback_frames_are_kept_and_the_message_masked() -> None:
    frame = '  File "/opt/cryolog/_internal/cryolog/ui/x.py", line 3, in save'
    source = '    raise ValueError(f"bad {name!r}")'
    text = f"Traceback (most recent call last):\n{frame}\n{source}\nValueError: bad 'Ivanova'"
    out = scrub.text(text).split("\n")
    assert out[1:3] == [frame, source]
    assert out[3] == "ValueError: bad '…'"


def test_pydantic_errors_lose_their_input_values() -> None:
    class Form(BaseModel):
        family_name: int

    with pytest.raises(ValidationError) as caught:
        Form.model_validate({"family_name": "Иванова"})
    assert "Иванова" in str(caught.value)  # what pydantic says, before scrubbing
    out = scrub.text(str(caught.value))
    assert "Иванова" not in out and "family_name" in out


def test_refused_input_is_described_by_its_fields_only() -> None:
    exc = InvalidInput(
        [
            FieldError("birth_date", "2090-01-01 is in the future"),
            FieldError("bp_pre.systolic", "300 mmHg is outside 60–260 mmHg"),
        ]
    )
    assert describe_exception(exc) == "InvalidInput: refused input in birth_date, bp_pre.systolic"
    assert describe_exception(RuntimeError("first line\nsecond")) == "RuntimeError: first line"
    assert describe_exception(KeyError()) == "KeyError"
