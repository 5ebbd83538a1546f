"""What every rule module shares: findings, the rule record, the evaluation context, helpers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from cryolog.domain.catalog import Modality, ModalityGroup, Protocol, modality, protocol
from cryolog.domain.enums import FindingLevel
from cryolog.domain.messages import Message
from cryolog.domain.rules.case import Case, PastSession, ProposedSession

HARD_STOP = FindingLevel.HARD_STOP
WARNING = FindingLevel.WARNING
INFO = FindingLevel.INFO

GENERAL = frozenset({ModalityGroup.GENERAL})
LOCAL_EXTREME = frozenset({ModalityGroup.LOCAL_EXTREME})
LOCAL_MODERATE = frozenset({ModalityGroup.LOCAL_MODERATE})
ALL_GROUPS = frozenset(ModalityGroup)


@dataclass(frozen=True, slots=True)
class Finding:
    """One rule's verdict on the proposed session."""

    rule: str
    level: FindingLevel
    text: Message

    @property
    def message(self) -> str:
        """The sentence in the current language (the command line's: English)."""
        return self.text.render()

    @property
    def sort_key(self) -> tuple[int, str]:
        return (self.level.rank, self.rule)


Verdict = tuple[FindingLevel, Message] | None
"""What a check returns: the level and the message, or None when the rule does not fire."""


@dataclass(frozen=True, slots=True)
class Context:
    """The case with the lookups every check needs."""

    case: Case
    modality: Modality
    protocol: Protocol | None
    earlier: tuple[PastSession, ...] = ()
    """The course's earlier sessions, oldest first: sorted once per case (several rules
    walk them; a long course has hundreds)."""

    @classmethod
    def of(cls, case: Case) -> Context:
        course = case.course
        found = protocol(course.protocol) if course else None
        earlier = tuple(sorted(course.sessions, key=_start)) if course else ()
        return cls(case, modality(case.session.modality), found, earlier)

    @property
    def day(self) -> date:
        return self.case.day

    @property
    def session(self) -> ProposedSession:
        return self.case.session

    @property
    def group(self) -> ModalityGroup:
        return self.modality.group

    def setting(self, name: str) -> float:
        return self.case.setting(name)

    def course_sessions(self) -> list[PastSession]:
        """The course's earlier sessions, oldest first (empty without a course)."""
        return list(self.earlier)


def _start(session: PastSession) -> datetime:
    return session.at


Check = Callable[[Context], Verdict]


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule id with its check and its scope (domain.md §6, column "applies to")."""

    id: str
    check: Check
    groups: frozenset[ModalityGroup] = ALL_GROUPS
    modalities: frozenset[str] | None = None
    protocols: frozenset[str] | None = None
    needs_course: bool = False

    def applies(self, ctx: Context) -> bool:
        if ctx.group not in self.groups:
            return False
        if self.modalities is not None and ctx.modality.id not in self.modalities:
            return False
        if self.needs_course and ctx.protocol is None:
            return False
        return self.protocols is None or (
            ctx.protocol is not None and ctx.protocol.id in self.protocols
        )

    def evaluate(self, ctx: Context) -> Finding | None:
        if not self.applies(ctx):
            return None
        verdict = self.check(ctx)
        return None if verdict is None else Finding(self.id, verdict[0], verdict[1])


def days_between(earlier: date, later: date) -> int:
    """Calendar days from ``earlier`` to ``later`` (S − D in the spec's definitions)."""
    return (later - earlier).days


def within(record_day: date, day: date, max_days: float) -> bool:
    """True when a record dated ``record_day`` lies in the window S − D ≤ max_days, D ≤ S."""
    return 0 <= days_between(record_day, day) <= max_days


def round1(value: Decimal) -> Decimal:
    """One decimal, half away from zero, as the spec rounds drops and seconds per dm²."""
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def dec(value: float) -> Decimal:
    """The decimal the practitioner typed (via the shortest float repr, not binary noise)."""
    return Decimal(repr(float(value)))


def num(value: float | Decimal) -> str:
    """A number as the command line writes it: '160', '14.5', '180.5'."""
    as_float = float(value)
    return str(int(as_float)) if as_float.is_integer() else f"{as_float:g}"


def say(key: str, **values: object) -> Message:
    """The message ``rule.<key>`` of the catalog with ``values``."""
    return Message(f"rule.{key}", **values)


def days(count: int) -> Message:
    return Message("unit.days", n=count)
