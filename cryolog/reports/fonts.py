"""The bundled DejaVu Sans family: each face registered once, when a document draws it.

The ``<b>``/``<i>`` markup of every style is mapped onto the four faces from the start;
a face's file is read (tens of milliseconds each) only by ``register_fonts`` for the
faces asked for. A face mapped but not registered is never drawn silently in another
face: ReportLab refuses it with a KeyError (``missing_face`` recognises it), so a document
that did not say it draws a face fails loudly instead of printing upright text.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from cryolog.reports.resources import resource

FAMILY = "DejaVuSans"
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}
FACES: tuple[str, ...] = tuple(_FILES)
UPRIGHT: tuple[str, ...] = (REGULAR, BOLD)
"""The faces every document draws (its header and footer)."""
_lock = threading.Lock()
_registered: set[str] = set()
_mapped = False


def register_fonts(faces: Iterable[str] = FACES) -> None:
    """Register ``faces`` (all four by default) that are not registered yet, and map
    ``<b>``/``<i>`` in Paragraph markup onto the family's faces."""
    global _mapped
    with _lock:
        for name in faces:
            if name not in _registered:
                pdfmetrics.registerFont(TTFont(name, str(resource("fonts", _FILES[name]))))
                _registered.add(name)
        if not _mapped:
            for bold, italic, name in (
                (0, 0, REGULAR),
                (1, 0, BOLD),
                (0, 1, ITALIC),
                (1, 1, BOLD_ITALIC),
            ):
                addMapping(FAMILY, bold, italic, name)
            _mapped = True


def registered() -> frozenset[str]:
    with _lock:
        return frozenset(_registered)


def missing_face(exc: KeyError) -> bool:
    """``exc`` is ReportLab refusing one of the family's faces that is not registered."""
    text = str(exc)
    return any(f"'{face}'" in text for face in FACES) and "no afm found" in text
