"""Why a booking was not written."""

from __future__ import annotations

from collections.abc import Sequence

from cryolog.domain.booking.checks import BookingFinding
from cryolog.domain.messages import Message


class BookingRefused(Exception):
    """A refusal stands against the booking; ``findings`` say which and why."""

    def __init__(self, findings: Sequence[BookingFinding]) -> None:
        super().__init__("; ".join(f.message for f in findings))
        self.findings = list(findings)


class ReasonNeeded(Exception):
    """The booking only draws warnings: it is written once a reason is given for them."""

    def __init__(self, findings: Sequence[BookingFinding]) -> None:
        super().__init__("A reason is needed: " + "; ".join(f.message for f in findings))
        self.findings = list(findings)


class PlaceTaken(Exception):
    """The place was taken on another workstation between the check and the write."""

    def __init__(self) -> None:
        self.text = Message("booking.place_taken")
        super().__init__(self.text.render())

    def __str__(self) -> str:
        return self.text.render()
