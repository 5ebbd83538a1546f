"""The import dialog's preview: each row of the list as it would be imported, or why not."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor

from cryolog.domain import locale as loc
from cryolog.domain.messages import Ref
from cryolog.services.importing.plan import RowPlan, Status
from cryolog.ui.language import QT_TRANSLATE_NOOP
from cryolog.ui.models import Column, Index, RowsModel

STATUS_LABELS = {
    Status.NEW: QT_TRANSLATE_NOOP("import_preview", "new"),
    Status.MERGE: QT_TRANSLATE_NOOP("import_preview", "merge"),
    Status.DUPLICATE: QT_TRANSLATE_NOOP("import_preview", "duplicate"),
    Status.REJECTED: QT_TRANSLATE_NOOP("import_preview", "rejected"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("import_preview", text)


def why(row: RowPlan) -> str:
    """Why a row is imported as it is, in the window's language (a rejected row's problems
    too: the command line prints them in English)."""
    if row.status is Status.REJECTED:
        return "; ".join(p.render(loc.window_locale()) for p in row.problems)
    if row.same_as_row is not None:
        return QCoreApplication.translate("import_preview", "same person as row {0}").format(
            row.same_as_row
        )
    if row.status is Status.MERGE:
        fields = ", ".join(Ref("field_label", f).render(loc.window_locale()) for f in row.fills)
        return QCoreApplication.translate("import_preview", "adds {0} to patient {1}").format(
            fields.lower(), row.existing[0]
        )
    if row.existing:
        return QCoreApplication.translate(
            "import_preview", "already on file as patient {0}"
        ).format(
            QCoreApplication.translate("import_preview", " and ").join(str(i) for i in row.existing)
        )
    return ""


STATUS_COLOURS = {
    Status.REJECTED: QColor("#fde7e6"),
    Status.DUPLICATE: QColor("#fff4d6"),
    Status.MERGE: QColor("#e8f0fe"),
}


def _value(key: str) -> Callable[[RowPlan], str]:
    def text(row: RowPlan) -> str:
        value = row.values.get(key, "")
        return value.strftime("%d.%m.%Y") if hasattr(value, "strftime") else str(value or "")

    return text


PREVIEW_COLUMNS: list[Column[RowPlan]] = [
    Column(QT_TRANSLATE_NOOP("Column", "Row"), lambda r: str(r.row), align_right=True),
    Column(QT_TRANSLATE_NOOP("Column", "Status"), lambda r: _tr(STATUS_LABELS[r.status])),
    Column(QT_TRANSLATE_NOOP("Column", "Family name"), _value("family_name")),
    Column(QT_TRANSLATE_NOOP("Column", "Given name"), _value("given_name")),
    Column(QT_TRANSLATE_NOOP("Column", "Middle name"), _value("middle_name")),
    Column(QT_TRANSLATE_NOOP("Column", "Born"), _value("birth_date")),
    Column(QT_TRANSLATE_NOOP("Column", "Phone"), _value("phone")),
    Column(QT_TRANSLATE_NOOP("Column", "E-mail"), _value("email")),
    Column(QT_TRANSLATE_NOOP("Column", "Why"), why),
]


class PreviewModel(RowsModel[RowPlan]):
    """Rejected rows red, duplicates amber, merges blue."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(PREVIEW_COLUMNS, parent)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and index.isValid():
            return STATUS_COLOURS.get(self.row_at(index.row()).status)
        return super().data(index, role)
