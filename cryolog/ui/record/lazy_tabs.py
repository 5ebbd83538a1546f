"""Tabs built when first shown: a record opens with its visible tab only.

Each tab starts as an empty placeholder page; the first time it is shown (or its widget
is first wanted, ``build``) its builder runs and the real page takes the placeholder's
place, at the same index, with the same title, without the tab bar's signals seeing the
swap. A builder fills its page with the data already shown, so a tab built later shows
exactly what it would have shown had it been built at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QTabWidget, QWidget


@dataclass
class _Tab:
    title: str
    builder: Callable[[], QWidget]
    placeholder: QWidget
    page: QWidget | None = None


class LazyTabs:
    """The pages of ``tabs`` by key, each built on first show or first use."""

    def __init__(self, tabs: QTabWidget) -> None:
        self.tabs = tabs
        self._tabs: dict[str, _Tab] = {}
        self._building = False
        # connected first: every later slot of currentChanged sees the real page
        tabs.currentChanged.connect(self._shown)

    def add(self, key: str, title: str, builder: Callable[[], QWidget]) -> None:
        placeholder = QWidget()
        placeholder.setObjectName(f"unbuilt-{key}")
        self._tabs[key] = _Tab(title, builder, placeholder)
        self.tabs.addTab(placeholder, title)

    def key_at(self, index: int) -> str | None:
        """The key of the tab at ``index`` (None for a page added by someone else)."""
        widget = self.tabs.widget(index)
        for key, tab in self._tabs.items():
            if widget is tab.placeholder or (tab.page is not None and widget is tab.page):
                return key
        return None

    def built(self, key: str) -> bool:
        return self._tabs[key].page is not None

    def build(self, key: str) -> QWidget:
        """The real page of ``key``, built (and put in its place) now if not yet."""
        tab = self._tabs[key]
        if tab.page is not None:
            return tab.page
        page = tab.builder()
        tab.page = page
        index = self.tabs.indexOf(tab.placeholder)
        if index >= 0:
            title = self.tabs.tabText(index)
            current = self.tabs.currentIndex()
            blocked = self.tabs.blockSignals(True)
            try:
                self.tabs.removeTab(index)
                self.tabs.insertTab(index, page, title)
                self.tabs.setCurrentIndex(current)
            finally:
                self.tabs.blockSignals(blocked)
        tab.placeholder.deleteLater()
        return page

    def _shown(self, index: int) -> None:
        widget = self.tabs.widget(index)
        for key, tab in self._tabs.items():
            if tab.page is None and tab.placeholder is widget:
                self.build(key)
                return
