"""The languages cryolog knows: a row each, so a further handout language is data.

``for_handouts``: patients' handouts and forms can be printed in it (its texts are in
resources/handouts/<code>/). ``for_window``: the window and its messages speak it (that also
needs the window's translation, so it is never only data). A patient's handout language and a
stored document's language refer to a row here instead of a fixed list in a CHECK.
"""

from __future__ import annotations

from sqlalchemy import Boolean, CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from cryolog.db.base import Base

SEEDED: tuple[tuple[str, str, bool, bool], ...] = (
    ("en", "English", True, True),
    ("ru", "Русский", True, True),
    ("de", "Deutsch", True, False),
)
"""(code, its own name, for handouts, for the window) of the languages revision 0013 adds."""


class Language(Base):
    __tablename__ = "language"
    __table_args__ = (
        CheckConstraint("length(code) BETWEEN 2 AND 5", name="code_length"),
        CheckConstraint("length(name) > 0", name="name_present"),
    )

    code: Mapped[str] = mapped_column(String(5), primary_key=True)
    name: Mapped[str] = mapped_column(String(60))
    for_handouts: Mapped[bool] = mapped_column(Boolean, default=True)
    for_window: Mapped[bool] = mapped_column(Boolean, default=False)
