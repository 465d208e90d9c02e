"""The window's first paint: the frame and the service records' first screen, before
SQLAlchemy, the store and the other pages are imported (issue 16, "Start").

The rows come from :mod:`commdesk.store.first_look` (plain sqlite3). The window
looks like the main window at its saved place and size; the app builds the real
window right after this one has painted and shows it in its place. Anything
unusual (another first page, a gate before the data, an old schema) returns None
and the start takes the full path.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QCoreApplication,
    QEvent,
    QEventLoop,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSettings,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from commdesk.domain.i18n import translated
from commdesk.domain.ledgers import (
    FACILITIES,
    PROFILE,
    SERVICES,
    VOLUNTEERS_LEDGER,
    WORKERS,
    Field,
)
from commdesk.store.first_look import FirstLook, first_look
from commdesk.ui.actions import MENUS
from commdesk.ui.display import NUMERIC_KINDS, display_value
from commdesk.ui.screen_fit import restore_frame

translate = QCoreApplication.translate
SP = QStyle.StandardPixmap
FIRST_ROWS = 200  # one page of commdesk.ui.table_model (a test keeps them equal)
PAINT_WAIT_MS = 3000  # a window never exposed (minimised, locked screen) does not hold the start
_Index = QModelIndex | QPersistentModelIndex


def nav_entries() -> list[tuple[str, str, QStyle.StandardPixmap]]:
    """The sidebar of MainWindow._build_pages (a test keeps the two equal)."""
    return [
        ("services", SERVICES.label(), SP.SP_FileDialogListView),
        ("facilities", FACILITIES.label(), SP.SP_DirHomeIcon),
        ("volunteers", VOLUNTEERS_LEDGER.label(), SP.SP_DialogYesButton),
        ("workers", WORKERS.label(), SP.SP_FileDialogListView),
        ("profile", PROFILE.label(), SP.SP_FileDialogInfoView),
        ("reports", translate("MainWindow", "Returns"), SP.SP_FileIcon),
        ("consolidation", translate("MainWindow", "Consolidation"), SP.SP_DirIcon),
        ("overview", translate("MainWindow", "Overview"), SP.SP_ComputerIcon),
        ("audit", translate("MainWindow", "Audit log"), SP.SP_FileDialogDetailedView),
    ]


def restore_ledger_header(
    table: QTableView, fields: list[Field], state: object, page: QWidget
) -> None:
    """Column widths (in the page's font), hidden columns and order as saved; never a
    cut column title. The ledger page's, shared with the first page."""
    header = table.horizontalHeader()
    scale = max(page.fontMetrics().averageCharWidth() / 7.0, 1.0)
    for i, f in enumerate(fields):
        header.resizeSection(i, int(f.width * scale))
        header.setSectionHidden(i, not f.visible)
    if isinstance(state, QByteArray | bytes) and state:
        header.restoreState(QByteArray(state))
    bold = QFont(header.font())
    bold.setBold(True)  # the stylesheet draws titles bold
    metrics = QFontMetrics(bold)
    for i, f in enumerate(fields):
        needed = metrics.horizontalAdvance(f.label()) + 30  # padding + sort arrow
        if header.sectionSize(i) < needed:
            header.resizeSection(i, needed)
    header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)


class FirstRowsModel(QAbstractTableModel):
    """The first screen of rows as the ledger page's model shows them; the count is the
    ledger's, so the scroll bar is already right."""

    def __init__(self, look: FirstLook, fields: list[Field], parent: QObject) -> None:
        super().__init__(parent)
        self.look = look
        self.fields = fields

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.look.count

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.fields)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        f = self.fields[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            right = f.kind in NUMERIC_KINDS
            side = Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft
            return int(side | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole or index.row() >= len(self.look.rows):
            return None
        value = self.look.rows[index.row()].get(f.name)
        return display_value(f, value, self.look.catalogues, team_names=self.look.team_names)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.fields[section].label()
        return super().headerData(section, orientation, role)


class FirstWindow(QMainWindow):
    """The main window's look with the service records' first screen; nothing works yet."""

    def __init__(self, look: FirstLook, settings: QSettings, data_dir: Path) -> None:
        super().__init__()
        self.setObjectName("MainWindow")  # the stylesheet's rules for the main window
        self.painted_at: float | None = None  # clock time of the first paint
        self.painted_cpu = 0.0  # and the process's CPU seconds then
        # What the clerk did here before the real window came (see hand_over).
        self.clicked: str | None = None  # the text of the last button clicked
        app_name = translate("MainWindow", "CommDesk community ledgers")
        self.setWindowTitle(f"{look.community} — {app_name}" if look.community else app_name)
        for _key, text in MENUS:
            self.menuBar().addMenu(translated(text))
        self.sidebar = QListWidget(self)
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setIconSize(QSize(20, 20))
        self.sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for _key, label, icon in nav_entries():
            self.sidebar.addItem(QListWidgetItem(self.style().standardIcon(icon), label))
        self.sidebar.setCurrentRow(0)
        widest = max(
            self.sidebar.fontMetrics().horizontalAdvance(self.sidebar.item(i).text())
            for i in range(self.sidebar.count())
        )
        self.sidebar.setMinimumWidth(widest + 80)
        self.table = QTableView(self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self._page(look, settings))
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)
        bar = self.statusBar()
        bar.addWidget(QLabel(look.community, self))
        bar.addWidget(
            QLabel(
                translate("MainWindow", "{ledger}: {count} rows").format(
                    ledger=SERVICES.label(), count=look.count
                ),
                self,
            ),
            1,
        )
        folder = QLabel(translate("MainWindow", "Data folder: {path}").format(path=data_dir))
        folder.setObjectName("path")
        bar.addPermanentWidget(folder)
        restore_frame(self, self.splitter, self.sidebar, settings)

    def _page(self, look: FirstLook, settings: QSettings) -> QWidget:
        """The ledger page's top row and table (its buttons wait for the real page)."""
        page = QWidget(self)
        actions = QHBoxLayout()
        new = QPushButton(translate("LedgerPage", "New"), page)
        new.setObjectName("primary")
        actions.addWidget(new)
        self._remember_click(new)
        for text in (translate("LedgerPage", "Edit"), translate("LedgerPage", "Delete")):
            button = QPushButton(text, page)
            button.setEnabled(False)  # nothing selected yet, as on the ledger page
            actions.addWidget(button)
        actions.addSpacing(12)
        self.search = QLineEdit(page)
        self.search.setPlaceholderText(
            translate("LedgerPage", "Search: name, text, pinyin initials (zs) or ID digits")
        )
        actions.addWidget(self.search, 1)
        for text in (
            translate("LedgerPage", "Import…"),
            translate("LedgerPage", "Export…"),
            translate("LedgerPage", "Deleted"),
        ):
            button = QPushButton(text, page)
            actions.addWidget(button)
            self._remember_click(button)
        fields = SERVICES.columns()
        self.table.setParent(page)
        self.table.setModel(FirstRowsModel(look, fields, self.table))
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        header = self.table.horizontalHeader()
        header.setSortIndicatorShown(True)
        header.setStretchLastSection(True)
        restore_ledger_header(self.table, fields, settings.value("services/header"), page)
        filters = QWidget(page)  # the page's filter row comes with the page: its height now
        filters.setFixedHeight(QLineEdit().sizeHint().height())
        totals = QLabel(page)
        totals.setObjectName("totals")
        layout = QVBoxLayout(page)
        layout.addLayout(actions)
        layout.addWidget(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(totals)
        return page

    def show_until_painted(self) -> None:
        """Show, and run the event loop until the rows are on screen (or a short wait)."""
        loop = QEventLoop(self)
        window = self

        class Painted(QObject):
            def eventFilter(self, watched: QObject, event: QEvent) -> bool:
                if event.type() == QEvent.Type.Paint and window.painted_at is None:
                    window.painted_at = time.time()
                    window.painted_cpu = time.process_time()
                    window.on_painted()
                    QTimer.singleShot(0, loop.quit)  # after this paint has returned
                return False

        probe = Painted(self)
        self.table.viewport().installEventFilter(probe)
        QTimer.singleShot(PAINT_WAIT_MS, loop.quit)
        self.show()
        loop.exec()
        self.table.viewport().removeEventFilter(probe)

    def on_painted(self) -> None:
        """The first page is on screen (a hook for the start-up tests)."""

    def _remember_click(self, button: QPushButton) -> None:
        button.clicked.connect(lambda: setattr(self, "clicked", button.text()))

    def take_input(self) -> None:
        """Deliver here the input that arrived while the real window was being built (it
        is still queued for this window), before the real window is shown and paints."""
        QCoreApplication.processEvents()

    def hand_over(self, window: Any) -> None:
        """Give the real window (a MainWindow, just shown) what the clerk did here while
        it was being built (see :meth:`take_input`), so that nothing typed or clicked in
        the first second is lost: the page chosen in the sidebar, the search text (with
        the focus and cursor on it) and the last button clicked go over.
        """
        key = nav_entries()[max(self.sidebar.currentRow(), 0)][0]
        services = window.ledger_pages["services"]
        if self.search.text():
            services.search.setText(self.search.text())  # searched as if typed there
            services.search.setCursorPosition(self.search.cursorPosition())
        if key != "services":
            window.show_page(key)
        elif self.focusWidget() is self.search:
            services.search.setFocus()
        if self.clicked is not None and key == "services":
            for button in services.findChildren(QPushButton):
                if button.text() == self.clicked and button.isEnabled():
                    QTimer.singleShot(0, button.click)  # a dialog it opens runs in the loop
                    break


def show_first_page(data_dir: Path, settings: QSettings | None) -> FirstWindow | None:
    """The first page painted from the light read, or None: the full path shows it."""
    if settings is None or str(settings.value("window/page", "services")) != "services":
        return None
    look = first_look(data_dir, SERVICES, FIRST_ROWS)
    if look is None:
        return None
    window = FirstWindow(look, settings, data_dir)
    window.show_until_painted()
    return window
