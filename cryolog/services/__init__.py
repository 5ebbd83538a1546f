"""Use cases: one unit of work per user action; each returns DTOs, never ORM objects.

Each service module is imported on first use, so the window opens without loading the
rule engine, the document builders or the validation schemas it does not need yet.
"""

from __future__ import annotations

import getpass
import importlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from cryolog.db.database import Database

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from cryolog.services.alerts import AlertService
    from cryolog.services.appointments import AppointmentService
    from cryolog.services.appointments_week import WeekService
    from cryolog.services.courses import CourseService
    from cryolog.services.documents import DocumentService
    from cryolog.services.languages import LanguageService
    from cryolog.services.outcomes import OutcomeService
    from cryolog.services.patients import PatientService
    from cryolog.services.practice import PracticeService
    from cryolog.services.pretreatment import PretreatmentService
    from cryolog.services.records import RecordService
    from cryolog.services.search import SearchService
    from cryolog.services.sessions import SessionService
    from cryolog.services.today import TodayService


_USE_CASES = (
    "patients",
    "records",
    "alerts",
    "pretreatment",
    "courses",
    "sessions",
    "outcomes",
    "today",
    "practice",
    "appointments",
)


def load_data_layer(db: Database) -> None:
    """Import the use cases (with the ORM, the rule engine and the schemas) and make the
    engine, ahead of need: the window calls this in the background once it is up, so
    opening the first patient does not wait for half a second of imports."""
    for name in _USE_CASES:
        importlib.import_module(f"cryolog.services.{name}")
    db.load_orm()


def default_actor() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in a bare container
        return "unknown"


@dataclass(frozen=True)
class Services:
    """Every use case over one open database, acting as ``actor``."""

    db: Database
    actor: str
    session: Session | None = None

    @classmethod
    def open(cls, db: Database, actor: str | None = None) -> Services:
        """``actor`` defaults to the database role signed in on a server (each
        practitioner has their own), else the computer's user name."""
        signed_in = getattr(db.storage, "role", None)
        return cls(db, actor or signed_in or default_actor())

    @contextmanager
    def unit(self) -> Iterator[Services]:
        """One transaction for several use cases (preferences, an import, a restore): the
        yielded services all write into it; it commits when the block ends and rolls back
        entirely on any error. Inside an open unit, a nested ``unit()`` joins it."""
        if self.session is not None:
            yield self
            return
        with self.db.write() as session:
            yield replace(self, session=session)

    @property
    def languages(self) -> LanguageService:
        from cryolog.services.languages import LanguageService

        return LanguageService(self.db, self.actor, self.session)

    @property
    def patients(self) -> PatientService:
        from cryolog.services.patients import PatientService

        return PatientService(self.db, self.actor, self.session)

    @property
    def search(self) -> SearchService:
        from cryolog.services.search import SearchService

        return SearchService(self.db, self.actor)

    @property
    def pretreatment(self) -> PretreatmentService:
        from cryolog.services.pretreatment import PretreatmentService

        return PretreatmentService(self.db, self.actor, self.session)

    @property
    def courses(self) -> CourseService:
        from cryolog.services.courses import CourseService

        return CourseService(self.db, self.actor, self.session)

    @property
    def sessions(self) -> SessionService:
        from cryolog.services.sessions import SessionService

        return SessionService(self.db, self.actor, self.session)

    @property
    def outcomes(self) -> OutcomeService:
        from cryolog.services.outcomes import OutcomeService

        return OutcomeService(self.db, self.actor, self.session)

    @property
    def practice(self) -> PracticeService:
        from cryolog.services.practice import PracticeService

        return PracticeService(self.db, self.actor, self.session)

    @property
    def records(self) -> RecordService:
        from cryolog.services.records import RecordService

        return RecordService(self.db, self.actor, self.session)

    @property
    def alerts(self) -> AlertService:
        from cryolog.services.alerts import AlertService

        return AlertService(self.db, self.actor, self.session)

    @property
    def today(self) -> TodayService:
        from cryolog.services.today import TodayService

        return TodayService(self.db, self.actor, self.session)

    @property
    def documents(self) -> DocumentService:
        from cryolog.services.documents import DocumentService

        return DocumentService(self.db, self.actor, self.session)

    @property
    def appointments(self) -> AppointmentService:
        from cryolog.services.appointments import AppointmentService

        return AppointmentService(self.db, self.actor, self.session)

    @property
    def week(self) -> WeekService:
        from cryolog.services.appointments_week import WeekService

        return WeekService(self.db, self.actor, self.session)
