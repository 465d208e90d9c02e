"""On-screen preview of a computed return, laid out like the paper form.

The clerk checks the figures here before exporting, so each table reads like
the printed sheet: title and period above, 填报单位 / 计量单位, the column
headings with their units, the 甲 乙 丙 / 1 2 3 key row, row codes, indented
其中 rows and fixed-decimal numbers. Labels from the definition are Chinese
data and are shown as they are. The audit issues list sits next to it.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from commdesk.guide import rule_anchor
from commdesk.returns.audit import Issue
from commdesk.returns.compute import ReturnResult, TableResult
from commdesk.returns.form_layout import table_form
from commdesk.returns.rule_titles import rule_name

translate = QCoreApplication.translate

KEY_ROW_BACKGROUND = QColor("#eef2f3")
LEVEL_COLOURS = {
    "error": QColor("#b42318"),
    "warning": QColor("#9a6700"),
    "notice": QColor("#5b6b73"),
}
MAX_NUMERIC_WIDTH = 170  # px: a lone figure stays near its label
ISSUE_ROLE = Qt.ItemDataRole.UserRole + 1
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class TableSheet(QWidget):
    """One table of the return: heading lines above a read-only grid."""

    KEY_ROW = 0  # the 甲 乙 丙 / 1 2 3 row is the first grid row

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self)
        self.title.setObjectName("formTitle")
        self.title.setAlignment(CENTER)
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.period_label = QLabel(self)
        self.period_label.setAlignment(CENTER)
        self.unit_label = QLabel(self)
        self.unit_label.setObjectName("hint")
        self.measure_label = QLabel(self)
        self.measure_label.setObjectName("hint")
        self.measure_label.setAlignment(RIGHT)
        info = QHBoxLayout()
        info.addWidget(self.unit_label, 1)
        info.addWidget(self.measure_label)
        self.grid = QTableWidget(self)
        self.grid.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.verticalHeader().setVisible(False)
        self.grid.setWordWrap(True)
        self.grid.horizontalHeader().setDefaultAlignment(CENTER)
        # The form (headings + grid) is as wide as its columns and centred, like the paper.
        self.form = QWidget(self)
        form = QVBoxLayout(self.form)
        form.setContentsMargins(0, 0, 0, 0)
        form.setSpacing(2)
        form.addWidget(self.title)
        form.addWidget(self.period_label)
        form.addLayout(info)
        form.addWidget(self.grid, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 6, 4, 4)
        layout.addWidget(self.form)
        self.row_index: dict[str, int] = {}
        self.column_index: dict[str, int] = {}
        self._base_widths: list[int] = []
        self._n_desc = 2

    def show_table(self, result: ReturnResult, tr: TableResult) -> None:
        # The form itself is Chinese in every UI language, word for word as printed:
        # the same description the workbook and the paper copy are made from.
        form = table_form(result, tr, date.today())
        self.title.setText(form.title)
        self.period_label.setText(form.period)
        self.unit_label.setText(f"{form.unit_name}　　{form.division}")
        self.measure_label.setText(form.measure)
        n_desc = form.n_desc
        headings = [h for _kind, h in form.descriptive]
        headings += [f"{c.label}\n（{c.unit}）" if c.unit else c.label for c in form.columns]
        grid = self.grid
        grid.clear()
        grid.setColumnCount(len(headings))
        grid.setRowCount(len(form.rows) + 1)
        grid.setHorizontalHeaderLabels(headings)
        for j, key in enumerate(form.key_row):
            item = self._item(key, CENTER)
            item.setBackground(QBrush(KEY_ROW_BACKGROUND))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            grid.setItem(self.KEY_ROW, j, item)
        self.row_index = {}
        self.column_index = {c.key: n_desc + j for j, c in enumerate(form.columns)}
        for i, row in enumerate(form.rows, start=1):
            self.row_index[row.code] = i
            described = {"label": "　" * row.indent + row.label, "code": row.printed_code}
            described["unit"] = row.unit
            for j, (kind, _heading) in enumerate(form.descriptive):
                align = LEFT if kind == "label" else CENTER
                grid.setItem(i, j, self._item(described[kind], align, row.bold and j == 0))
            for fig in row.figures:
                align = CENTER if fig.decimals is None else RIGHT
                item = self._item(fig.text, align, row.bold)
                grid.setItem(i, self.column_index[fig.key], item)
        header = grid.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        grid.resizeColumnsToContents()
        self._n_desc = n_desc
        self._base_widths = [
            max(grid.columnWidth(j), 72 if j >= n_desc else 0) for j in range(grid.columnCount())
        ]
        self._fit_columns()
        grid.resizeRowsToContents()

    def _fit_columns(self) -> None:
        """Spread spare width over the numeric columns, as the printed form fills the page."""
        if not self._base_widths:
            return
        numeric = range(self._n_desc, len(self._base_widths))
        chrome = 2 * self.grid.frameWidth() + self.grid.verticalScrollBar().sizeHint().width() + 2
        margins = self.layout().contentsMargins()
        room = self.width() - margins.left() - margins.right() - chrome
        spare = room - sum(self._base_widths)
        extra = spare // len(numeric) if spare > 0 and len(numeric) else 0
        total = 0
        for j, width in enumerate(self._base_widths):
            grow = min(extra, max(MAX_NUMERIC_WIDTH - width, 0)) if j in numeric else 0
            self.grid.setColumnWidth(j, width + grow)
            total += width + grow
        self.form.setMaximumWidth(max(total + chrome, 360))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_columns()

    @staticmethod
    def _item(text: str, align: Qt.AlignmentFlag, bold: bool = False) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        item.setTextAlignment(align)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        if bold:
            font = item.font()
            font.setBold(True)
            item.setFont(font)
        return item

    def cell_text(self, row_code: str, column_key: str) -> str:
        item = self.grid.item(self.row_index[row_code], self.column_index[column_key])
        return item.text() if item is not None else ""

    def select(self, row_code: str | None, column_key: str | None) -> bool:
        if row_code not in self.row_index:
            return False
        row = self.row_index[row_code]
        column = self.column_index.get(column_key or "", 0)
        self.grid.setCurrentCell(row, column)
        item = self.grid.item(row, column)
        if item is not None:
            self.grid.scrollToItem(item, QAbstractItemView.ScrollHint.PositionAtCenter)
        self.grid.setFocus()
        return True


class ReturnPreview(QTabWidget):
    """One tab per table of the return (表1 … 表n)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDocumentMode(True)
        self.sheets: dict[str, TableSheet] = {}

    def show_result(self, result: ReturnResult) -> None:
        current = self.currentIndex()
        codes = [tr.table.code for tr in result.tables]
        if codes != list(self.sheets):
            self.clear()
            for sheet in self.sheets.values():
                sheet.deleteLater()
            self.sheets = {}
            for tr in result.tables:
                sheet = TableSheet(self)
                self.sheets[tr.table.code] = sheet
                self.addTab(sheet, tr.table.number)
                self.setTabToolTip(self.count() - 1, tr.table.title)
        for tr in result.tables:
            self.sheets[tr.table.code].show_table(result, tr)
        if 0 <= current < self.count():
            self.setCurrentIndex(current)

    def cell_text(self, table: str, row: str, column: str) -> str:
        return self.sheets[table].cell_text(row, column)

    def select_cell(self, table: str | None, row: str | None, column: str | None) -> bool:
        """Bring the cell an audit issue points at into view and select it."""
        sheet = self.sheets.get(table or "")
        if sheet is None:
            return False
        self.setCurrentWidget(sheet)
        return sheet.select(row, column)


class IssueList(QTreeWidget):
    """Audit results: errors red, warnings amber, notices grey; double-click to follow."""

    issueActivated = Signal(object)  # Issue

    COLUMNS = 4

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRootIsDecorated(False)
        self.setAlternatingRowColors(True)
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.setColumnCount(self.COLUMNS)
        self.setHeaderLabels(
            [
                translate("ReturnPreview", "Level"),
                translate("ReturnPreview", "Rule"),
                translate("ReturnPreview", "Message"),
                translate("ReturnPreview", "Explanation"),
            ]
        )
        header = self.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self.itemActivated.connect(self._activated)  # double-click or Enter
        self.itemClicked.connect(self._rule_clicked)

    def _rule_clicked(self, item: QTreeWidgetItem, column: int) -> None:
        issue = item.data(0, ISSUE_ROLE)
        if column == 1 and issue is not None:
            from commdesk.ui.help_window import open_help

            open_help("returns", rule_anchor(issue.code))

    def current_rule(self) -> str | None:
        """The anchor of the selected issue's rule, for F1 on the returns page."""
        item = self.currentItem()
        issue = item.data(0, ISSUE_ROLE) if item is not None else None
        return rule_anchor(issue.code) if issue is not None else None

    @staticmethod
    def level_text(level: str) -> str:
        return {
            "error": translate("ReturnPreview", "Error"),
            "warning": translate("ReturnPreview", "Warning"),
        }.get(level, translate("ReturnPreview", "Notice"))

    def show_issues(self, issues: list[Issue], notes: dict[str, str]) -> None:
        self.clear()
        order = {"error": 0, "warning": 1}
        for issue in sorted(issues, key=lambda i: order.get(i.level, 2)):
            note = ""
            if issue.level == "warning":
                note = notes.get(issue.code, "").strip() or translate(
                    "ReturnPreview", "(explanation needed)"
                )
            item = QTreeWidgetItem(
                [self.level_text(issue.level), rule_name(issue.code), issue.message, note]
            )
            colour = LEVEL_COLOURS.get(issue.level, LEVEL_COLOURS["notice"])
            for column in range(self.COLUMNS):
                item.setForeground(column, QBrush(colour))
            item.setToolTip(2, issue.message + self._hint(issue))
            # The rule's name is a link to its explanation in the guide (click, or F1).
            link = item.font(1)
            link.setUnderline(True)
            item.setFont(1, link)
            item.setToolTip(1, translate("ReturnPreview", "Click for this rule's explanation (F1)"))
            item.setData(0, ISSUE_ROLE, issue)
            if issue.level == "error":
                font = item.font(0)
                font.setBold(True)
                item.setFont(0, font)
            self.addTopLevelItem(item)
        self.setColumnWidth(3, max(self.columnWidth(3), 160))

    @staticmethod
    def _hint(issue: Issue) -> str:
        if issue.drill.get("ids"):
            return "\n" + translate("ReturnPreview", "Double-click to see the records.")
        if issue.table:
            return "\n" + translate("ReturnPreview", "Double-click to show the figure.")
        return ""

    def issues(self) -> list[Issue]:
        return [self.topLevelItem(i).data(0, ISSUE_ROLE) for i in range(self.topLevelItemCount())]

    def item_for(self, code: str) -> QTreeWidgetItem | None:
        for i in range(self.topLevelItemCount()):
            item = self.topLevelItem(i)
            if item.data(0, ISSUE_ROLE).code == code:
                return item
        return None

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        issue = item.data(0, ISSUE_ROLE)
        if issue is not None:
            self.issueActivated.emit(issue)
