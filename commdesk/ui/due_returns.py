"""Due dates on the 概览 page, and the notice at start when a return is due soon or late.

The calendar and the states are computed by :mod:`commdesk.domain.due_dates`
from the export history (:mod:`commdesk.store.services.periods`); this module
only shows them. The notice goes to the status bar (never a dialog) once per
session, however often the window is rebuilt.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QStatusBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from commdesk.domain import due_dates as dd
from commdesk.domain.periods import Period
from commdesk.store.services import periods as period_log
from commdesk.ui.context import UiContext
from commdesk.ui.returns_history import status_text

translate = QCoreApplication.translate

NOTICE_SHOWN = "due_returns.notice_shown"  # key in UiContext.page_state
NOTICE_MS = 120_000
STATE_COLOURS = {
    dd.OVERDUE: QColor("#cf222e"),
    dd.MODIFIED: QColor("#9a6700"),
    dd.SUBMITTED: QColor("#1a7f37"),
}
PERIOD_ROLE = Qt.ItemDataRole.UserRole + 1
clock: Callable[[], date] = date.today  # the day the notice at start is computed for


def state_text(state: str) -> str:
    return {
        dd.NOT_STARTED: translate("DueReturns", "Not started"),
        dd.EXPORTED: translate("DueReturns", "Exported"),
        dd.SUBMITTED: translate("DueReturns", "Submitted"),
        dd.MODIFIED: translate("DueReturns", "Modified, needs re-submitting"),
        dd.OVERDUE: translate("DueReturns", "Overdue"),
    }.get(state, state)


def when_text(item: dd.DueReturn) -> str:
    """How far the due date is: in N days, today, N days late."""
    if item.days_left > 0:
        return translate("DueReturns", "in {days} days").format(days=item.days_left)
    if item.days_left == 0:
        return translate("DueReturns", "due today")
    return translate("DueReturns", "{days} days late").format(days=-item.days_left)


def current(
    ctx: UiContext, today: date | None = None, history: dict[Period, str] | None = None
) -> list[dd.DueReturn]:
    """The calendar's returns for ``today`` with their states (CalendarError if unusable);
    ``history`` receives each period's export-history state."""
    rules = dd.load_calendar(dd.calendar_path(ctx.data_dir))
    store = ctx.store
    seen = {} if history is None else history

    def status(period: Period) -> str:
        if period not in seen:
            seen[period] = period_log.state(store, period).status
        return seen[period]

    return dd.due_returns(rules, today or clock(), status)


def notice_details(items: list[dd.DueReturn]) -> str:
    """Every return due within the notice window or late, one a line; "" if none."""
    parts = [
        translate("DueReturns", "{name} {period}: due {date} ({when}, {state})").format(
            name=d.rule.label(),
            period=d.period.label(),
            date=f"{d.due:%Y-%m-%d}",
            when=when_text(d),
            state=state_text(d.state),
        )
        for d in items
        if d.needs_notice
    ]
    if not parts:
        return ""
    return translate("DueReturns", "Returns due soon or late: {list}").format(
        list="\n" + "\n".join(parts)
    )


def notice_text(items: list[dd.DueReturn], *, by_count: bool = False) -> str:
    """One short status-bar line: the late returns and those due soon, by name (or by
    count, where the names do not fit); "" if none."""
    late = [d.rule.label() for d in items if d.needs_notice and d.days_left < 0]
    soon = [d.rule.label() for d in items if d.needs_notice and d.days_left >= 0]
    sep = translate("DueReturns", ", ")
    parts = []
    if late:
        names = sep.join(late)
        if by_count:
            names = translate("DueReturns", "{count} returns").format(count=len(late))
        parts.append(translate("DueReturns", "{names} late").format(names=names))
    if soon:
        names = sep.join(soon)
        if by_count:
            names = translate("DueReturns", "{count} returns").format(count=len(soon))
        parts.append(
            translate("DueReturns", "{names} due within {days} days").format(
                names=names, days=dd.NOTICE_DAYS
            )
        )
    if not parts:
        return ""
    return translate("DueReturns", "Returns: {list}. Details on the Overview page.").format(
        list=translate("DueReturns", "; ").join(parts)
    )


def message_room(bar: QStatusBar) -> int:
    """Pixels a temporary message has while it shows: the bar less what stays visible
    beside it (the permanent widgets, the size grip) and the layout's margins."""
    beside = [
        w
        for w in bar.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if not w.isHidden() and not w.isWindow()
    ]
    return bar.width() - sum(w.width() + 6 for w in beside) - 12


def show_notice_once(window: QMainWindow, ctx: UiContext, today: date | None = None) -> str:
    """At start: the due/late returns in the status bar, once per session; the full list
    in the bar's tooltip and on the overview. Returns the text shown."""
    if ctx.page_state.get(NOTICE_SHOWN):
        return ""
    ctx.page_state[NOTICE_SHOWN] = True
    bar = window.statusBar()
    try:
        items = current(ctx, today)
    except dd.CalendarError as exc:
        items = []
        text, details = translate("DueReturns", "The return calendar cannot be read."), str(exc)
    else:
        text, details = notice_text(items), notice_details(items)
    if not text:
        return ""
    bar.showMessage(text, NOTICE_MS)  # hides the bar's own widgets: now measure the room
    if bar.fontMetrics().horizontalAdvance(text) > message_room(bar) and items:
        text = notice_text(items, by_count=True)
        bar.showMessage(text, NOTICE_MS)
    bar.setToolTip(details)
    bar.messageChanged.connect(lambda shown: None if shown == text else bar.setToolTip(""))
    return text


class _CompactTable(QTableWidget):
    """As tall as its rows where there is room; down to one row (then it scrolls) where
    there is not, so the 概览 page still fits a 1366×768 screen at 150 % text."""

    def _height(self, rows: int) -> int:
        header = self.horizontalHeader().sizeHint().height()
        return header + rows * self.verticalHeader().defaultSectionSize() + 2 * self.frameWidth()

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self._height(max(self.rowCount(), 1)))

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), self._height(1))


class DueReturnsPanel(QWidget):
    """The returns to send now, one list: return, period, due date, state, and a button
    to prepare or open it (double-click or Enter on a row opens it too)."""

    open_return = Signal(object)  # the Period

    RETURN, PERIOD, DUE, STATE, ACTION = range(5)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("dueReturns")
        self.table = _CompactTable(0, 5, self)
        self.table.setObjectName("dueReturnsTable")
        self.table.setHorizontalHeaderLabels(
            [
                translate("DueReturns", "Return"),
                translate("DueReturns", "Period"),
                translate("DueReturns", "Due"),
                translate("DueReturns", "State"),
                "",
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        for column in (self.RETURN, self.PERIOD, self.DUE, self.ACTION):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.STATE, QHeaderView.ResizeMode.Stretch)
        # rows tall enough for the buttons in them, at any font size
        probe = QPushButton(translate("OverviewPage", "Prepare…"))  # never shown
        self.table.verticalHeader().setDefaultSectionSize(
            max(self.table.verticalHeader().defaultSectionSize(), probe.sizeHint().height())
        )
        self.table.cellDoubleClicked.connect(self._open)
        self.table.activated.connect(lambda index: self._open(index.row(), index.column()))
        self.error = QLabel(self)
        self.error.setObjectName("dueReturnsError")
        self.error.setWordWrap(True)
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addWidget(self.error)

    def refresh(self, today: date | None = None) -> None:
        history: dict[Period, str] = {}
        try:
            items = current(self.ctx, today, history)
        except dd.CalendarError as exc:
            self.error.setText(
                translate("DueReturns", "The return calendar cannot be read: {error}").format(
                    error=exc
                )
            )
            self.error.show()
            self._fill_without_calendar(today or clock())
            return
        self.error.hide()
        self.table.setRowCount(len(items))
        for row, d in enumerate(items):
            status = history.get(d.period, period_log.NONE)
            state = state_text(d.state)
            if d.state == dd.OVERDUE and status == period_log.EXPORTED:
                state = translate("DueReturns", "Overdue (exported, not submitted)")
            due = f"{d.due:%Y-%m-%d}"
            if d.state != dd.SUBMITTED:
                due = translate("DueReturns", "{date} ({when})").format(date=due, when=when_text(d))
            self._set_row(row, (d.rule.label(), d.period.label(), due, state), d.period, status)
            colour = STATE_COLOURS.get(d.state)
            if colour is not None:
                self.table.item(row, self.STATE).setForeground(colour)
        self.table.updateGeometry()

    def _fill_without_calendar(self, today: date) -> None:
        """No usable calendar: the latest period of each kind and its state, no deadline."""
        from commdesk.store.services.overview import returns_due
        from commdesk.ui.returns_period import PeriodPicker

        due = returns_due(self.ctx.store, today)
        self.table.setRowCount(len(due))
        for row, r in enumerate(due):
            kind = PeriodPicker.kind_label(r.period.kind)
            texts = (kind, r.period.label(), "—", status_text(r.status))
            self._set_row(row, texts, r.period, r.status)
        self.table.updateGeometry()

    def _set_row(self, row: int, texts: tuple[str, ...], period: Period, status: str) -> None:
        for column, text in enumerate(texts):
            item = QTableWidgetItem(text)
            item.setData(PERIOD_ROLE, period)
            self.table.setItem(row, column, item)
        action = (
            translate("OverviewPage", "Prepare…")
            if status in (period_log.NONE, period_log.MODIFIED)
            else translate("OverviewPage", "Open…")
        )
        button = QPushButton(action, self.table)
        button.setObjectName(f"overviewOpen_{period.code}")
        button.clicked.connect(lambda _=False, p=period: self.open_return.emit(p))
        self.table.setCellWidget(row, self.ACTION, button)

    def _open(self, row: int, _column: int) -> None:
        item = self.table.item(row, self.RETURN)
        if item is not None:
            self.open_return.emit(item.data(PERIOD_ROLE))
