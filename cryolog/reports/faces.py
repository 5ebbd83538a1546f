"""Which of the family's faces a story draws, found before it is built (so only those
faces' files are read; see ``fonts``).

Text is drawn in a face by a paragraph (its style and the fragments its markup parsed
into, ``<b>``/``<i>`` included), or by a table cell's style; flowables holding others
(tables, kept-together groups, lists) are looked into. A flowable that draws in a face
some other way is not seen here: ReportLab then refuses the unregistered face and
``Renderer.render`` builds again with every face (never upright text for italics).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from reportlab.platypus import Paragraph, Table

from cryolog.reports.fonts import FACES


def faces_in(story: Iterable[Any]) -> frozenset[str]:
    """The family's faces the flowables of ``story`` name."""
    names: set[str] = set()
    stack: list[Any] = list(story)
    while stack:
        item = stack.pop()
        if isinstance(item, list | tuple):
            stack.extend(item)
        elif isinstance(item, Paragraph):
            names.add(item.style.fontName)
            names.update(str(getattr(frag, "fontName", "")) for frag in item.frags)
        elif isinstance(item, Table):
            stack.extend(item._cellvalues)
            names.update(style.fontname for row in item._cellStyles for style in row)
        else:
            content = getattr(item, "_content", None)  # KeepTogether and its kin
            if isinstance(content, list | tuple):
                stack.extend(content)
    return frozenset(names) & frozenset(FACES)
