"""The languages documents can be printed in, read from the ``language`` table.

A further handout language is a row here (``LanguageService.add``, an audit event) and
its texts in resources/handouts/<code>/; nothing in the code lists the languages. The
window speaks only the languages it has translations for (``window``), English and Russian.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from cryolog.db.models import Language
from cryolog.domain.errors import FieldError, InvalidInput, said
from cryolog.domain.reasons import has_visible_letter
from cryolog.services import audit
from cryolog.services.base import Service

_CODE = re.compile(r"[a-z]{2,3}(_[a-z]{2})?")
NAME_MAX = 60


@dataclass(frozen=True, slots=True)
class LanguageDTO:
    code: str
    name: str
    handouts: bool
    window: bool


def _dto(row: Language) -> LanguageDTO:
    return LanguageDTO(row.code, row.name, bool(row.for_handouts), bool(row.for_window))


def all_languages(session: Session) -> tuple[LanguageDTO, ...]:
    rows = session.scalars(select(Language).order_by(Language.code))
    return tuple(_dto(row) for row in rows)


def handout_codes(session: Session) -> tuple[str, ...]:
    return tuple(lang.code for lang in all_languages(session) if lang.handouts)


def check_handout_language(session: Session, code: str, path: str = "language") -> str:
    """``code`` if documents can be printed in it; InvalidInput naming ``path`` if not."""
    codes = handout_codes(session)
    if code not in codes:
        raise InvalidInput([FieldError(path, said("one_of", choices=", ".join(codes)))])
    return code


class LanguageService(Service):
    def list(self) -> tuple[LanguageDTO, ...]:
        with self.read() as s:
            return all_languages(s)

    def add(self, code: str, name: str, *, handouts: bool = True) -> LanguageDTO:
        """A further language for handouts and forms (never the window's: that needs its
        translation). Its texts go in resources/handouts/<code>/."""
        errors: list[FieldError] = []
        if not isinstance(code, str) or not _CODE.fullmatch(code):
            errors.append(FieldError("code", said("language_code")))
        if not isinstance(name, str) or not has_visible_letter(name) or len(name) > NAME_MAX:
            errors.append(FieldError("name", said("language_name", limit=NAME_MAX)))
        if errors:
            raise InvalidInput(errors)
        with self.write() as s:
            if s.get(Language, code) is not None:
                raise InvalidInput([FieldError("code", said("language_known", code=code))])
            row = Language(code=code, name=name.strip(), for_handouts=handouts, for_window=False)
            s.add(row)
            s.flush()
            details = {"code": code, "name": row.name, "handouts": handouts}
            audit.event(s, self.actor, "create", "language", None, None, details)
            return _dto(row)
