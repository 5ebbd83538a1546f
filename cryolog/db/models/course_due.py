"""The next date each open course is due a session, with what the day plan shows of it:
derived from the course, its counted sessions and its patient, kept by cryolog.db.course_due
in the transaction of every write that moves it."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from cryolog.db.base import Base
from cryolog.db.models._common import NAME_LEN
from cryolog.db.types import search_key


class CourseDue(Base):
    """One row per open, unarchived course of an unarchived patient with sessions still to
    do (revision 0020): ``next_due`` is the first day its protocol allows the next session,
    ``sessions_done`` its counted sessions so far, ``sessions_planned`` what it aims at (the
    planned number, else the protocol's most), ``patient_name`` the patient's name as the
    plan shows it and ``name_key`` the same case-folded. The day plan reads the courses due
    by a day as one range of the primary key (``next_due``, ``name_key``, ``course_id``),
    in the order it lists them, instead of every open course's sessions. A closed,
    archived or completed course has no row, nor has the course of an archived patient."""

    __tablename__ = "course_due"
    __table_args__ = (
        Index("ix_course_due_course_id", "course_id", unique=True),
        {"sqlite_with_rowid": False},
    )

    next_due: Mapped[date] = mapped_column(Date, primary_key=True)
    name_key: Mapped[str] = mapped_column(search_key(3 * NAME_LEN + 2), primary_key=True)
    course_id: Mapped[int] = mapped_column(
        ForeignKey("course.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    patient_id: Mapped[int] = mapped_column(ForeignKey("patient.id", ondelete="CASCADE"))
    protocol_id: Mapped[str] = mapped_column(String(40))
    sessions_done: Mapped[int] = mapped_column(Integer)
    sessions_planned: Mapped[int | None] = mapped_column(Integer)
    patient_name: Mapped[str] = mapped_column(String(3 * NAME_LEN + 2))
