"""The markup escape of printed user text is the standard library's, character for
character (it is written out only to keep the URL library out of a report's process)."""

from __future__ import annotations

from xml.sax.saxutils import escape as standard

from hypothesis import given
from hypothesis import strategies as st

from cryolog.reports.text import escape, para


@given(st.text())
def test_escape_is_the_standard_librarys(text: str) -> None:
    assert escape(text) == standard(text)


def test_markup_in_user_text_is_printed_as_typed() -> None:
    assert para("<b>bold?</b> & more\nline") == "&lt;b&gt;bold?&lt;/b&gt; &amp; more<br/>line"
    assert escape("&amp;") == "&amp;amp;"
