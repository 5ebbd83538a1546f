"""The next date each open course is due a session: derived from the course and its counted
sessions, kept by cryolog.db.course_due in the transaction of every write that moves it."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Index, Integer
from sqlalchemy.orm import Mapped, mapped_column

from cryolog.db.base import Base


class CourseDue(Base):
    """One row per open, unarchived course with sessions still to do (revision 0020):
    ``next_due`` is the first day its protocol allows the next session, ``sessions_done``
    its counted sessions so far. The day plan reads the courses due by a day from the
    ``next_due`` index instead of every open course's sessions. A closed, archived or
    completed course has no row; a course whose patient is archived keeps its row (the
    plan leaves archived patients out when it reads)."""

    __tablename__ = "course_due"
    __table_args__ = (Index("ix_course_due_next_due", "next_due"),)

    course_id: Mapped[int] = mapped_column(
        ForeignKey("course.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    next_due: Mapped[date] = mapped_column(Date)
    sessions_done: Mapped[int] = mapped_column(Integer)
