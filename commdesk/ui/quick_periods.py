"""Quick periods (今天, 本周, 本月 … 上年): one list of labels for the ledger filters and
the returns page, computed by :mod:`commdesk.domain.periods` for a given today."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QWidget

translate = QCoreApplication.translate


def quick_label(key: str) -> str:
    return {
        "today": translate("QuickPeriods", "Today"),
        "this_week": translate("QuickPeriods", "This week"),
        "this_month": translate("QuickPeriods", "This month"),
        "last_month": translate("QuickPeriods", "Last month"),
        "this_quarter": translate("QuickPeriods", "This quarter"),
        "last_quarter": translate("QuickPeriods", "Last quarter"),
        "this_year": translate("QuickPeriods", "This year"),
        "last_year": translate("QuickPeriods", "Last year"),
    }[key]


class QuickPeriodBox(QComboBox):
    """A drop-down of quick periods; choosing one (mouse, or arrow keys on the closed
    box) calls ``chosen(key)``. It shows the choice until the clerk edits the period by
    hand (:meth:`reset`), so it never claims a period that is no longer shown."""

    def __init__(
        self,
        keys: tuple[str, ...] | list[str],
        chosen: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("quickPeriod")
        self.set_keys(keys)
        self.setToolTip(translate("QuickPeriods", "Fill in a common period"))
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._chosen = chosen
        self.activated.connect(self._activated)

    def set_keys(self, keys: tuple[str, ...] | list[str]) -> None:
        self.clear()
        self.addItem(translate("QuickPeriods", "Quick…"), None)
        for key in keys:
            self.addItem(quick_label(key), key)
        self.setVisible(bool(keys))

    def reset(self) -> None:
        self.setCurrentIndex(0)

    def _activated(self, index: int) -> None:
        key = self.itemData(index)
        if key is not None:
            self._chosen(str(key))
