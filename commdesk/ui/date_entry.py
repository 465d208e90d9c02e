"""A date field that reads the whole typed text, with a calendar popup beside it.

QDateEdit parses what is typed section by section against its display format:
``2026-03-01`` typed into a ``yyyy-MM-dd`` QDateEdit silently became
2026-12-03, and an empty optional date could not be typed at all. This editor
is a line edit instead: the text is read whole by the domain's
:func:`~commdesk.domain.validators.read_typed_date` (the importer's parser), so
every spelling a clerk uses works and what cannot be read is refused with the
parser's message, never guessed.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QPoint, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QKeyEvent, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFrame,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from commdesk.domain.validators import TypedDate, read_typed_date

translate = QCoreApplication.translate
FIRST_DAY = QDate(1900, 1, 1)
LAST_DAY = QDate(2999, 12, 31)  # a future date must reach the checker, which explains it


def _calendar_icon(color: QColor) -> QIcon:
    """A small drawn calendar: no icon files to ship, and it follows the text colour."""
    pixmap = QPixmap(32, 32)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(color, 2.5))
    painter.drawRoundedRect(QRectF(4, 7, 24, 21), 3, 3)
    painter.fillRect(QRectF(4, 7, 24, 6), color)
    painter.drawLine(10, 3, 10, 9)
    painter.drawLine(22, 3, 22, 9)
    for row in range(2):
        for column in range(3):
            painter.fillRect(QRectF(8 + 6.5 * column, 16 + 5.5 * row, 3.5, 3.5), color)
    painter.end()
    return QIcon(pixmap)


class CalendarPopup(QFrame):
    """The month grid shown under a date field; picking a date closes it."""

    picked = Signal(QDate)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.calendar = QCalendarWidget(self)
        self.calendar.setDateRange(FIRST_DAY, LAST_DAY)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.clicked.connect(self._pick)
        self.calendar.activated.connect(self._pick)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.addWidget(self.calendar)

    @property
    def grid(self) -> QTableView:
        """The calendar's day grid (tests check that its last week is visible)."""
        view = self.calendar.findChild(QTableView)
        assert view is not None
        return view

    def open_at(self, day: QDate, below: QWidget) -> None:
        """Show the month of ``day`` under ``below`` (above it when there is no room)."""
        self.calendar.setSelectedDate(day)
        self.calendar.setCurrentPage(day.year(), day.month())
        self.ensurePolished()
        self.calendar.ensurePolished()
        self.resize(self._fitting_size())
        anchor = below.mapToGlobal(QPoint(0, below.height()))
        screen = below.screen().availableGeometry()
        x = min(max(anchor.x(), screen.left()), screen.right() - self.width())
        y = anchor.y()
        if y + self.height() > screen.bottom():
            y = max(below.mapToGlobal(QPoint(0, 0)).y() - self.height(), screen.top())
        self.move(x, y)
        self.show()
        self.calendar.setFocus()

    def _fitting_size(self) -> QSize:
        """Room for the navigation bar and all six weeks at the stylesheet's font size.

        The calendar's own size hint is too small once the stylesheet enlarges
        its font: QDateEdit's popup used it and cut the last week off.
        """
        navigation = self.calendar.findChild(QWidget, "qt_calendar_navigationbar")
        grid = self.grid.sizeHint()
        top = navigation.sizeHint().height() if navigation is not None else 0
        margins = self.contentsMargins()
        chrome = QSize(margins.left() + margins.right(), margins.top() + margins.bottom())
        chrome += QSize(2 * self.frameWidth(), 2 * self.frameWidth())
        needed = QSize(grid.width(), top + grid.height()) + chrome
        return self.sizeHint().expandedTo(needed)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)

    def _pick(self, day: QDate) -> None:
        self.close()
        self.picked.emit(day)


class DateEditor(QLineEdit):
    """Type a date in any common spelling, or pick it from the calendar (Alt+↓, F4).

    ``value()`` is a :class:`date`, ``None`` when empty, or a
    :class:`TypedDate` holding unreadable text, so the form's check reports it
    and the form cannot save it. Up/Down step a day. ``entered`` fires when
    the clerk finishes an entry (Enter, leaving the field, a calendar pick,
    emptying it): filters apply then, not at each keystroke.
    """

    changed = Signal()
    entered = Signal()

    def __init__(self, parent: QWidget | None = None, *, placeholder: str | None = None) -> None:
        super().__init__(parent)
        self.popup: CalendarPopup | None = None
        self._last_entered = ""
        self.setMaxLength(40)
        self.setPlaceholderText(
            placeholder or translate("DateEditor", "yyyy-mm-dd, e.g. 2026-03-01")
        )
        width = self.fontMetrics().horizontalAdvance(" 0000-00-00 ")
        self.setMinimumWidth(width + self.fontMetrics().height() * 2 + 12)
        self.calendar_action = QAction(_calendar_icon(self.palette().text().color()), "", self)
        self.calendar_action.setToolTip(translate("DateEditor", "Choose from the calendar (F4)"))
        self.calendar_action.triggered.connect(self.open_calendar)
        self.addAction(self.calendar_action, QLineEdit.ActionPosition.TrailingPosition)
        self.textChanged.connect(self._on_text_changed)
        self.editingFinished.connect(self._finish)

    # ------------------------------------------------------------ values
    def value(self) -> date | TypedDate | None:
        text = self.text()
        checked = read_typed_date(text)
        if checked.ok:
            return checked.value
        return TypedDate(text.strip())

    def set_value(self, value: Any) -> None:
        text = "" if value is None else str(value)  # a date's str() is its ISO form
        self._last_entered = text  # loaded, not entered: no ``entered`` signal
        self.setText(text)
        self._mark_invalid(bool(self.problem()))

    def date_value(self) -> date | None:
        """The date typed, or None when empty or unreadable (filters)."""
        value = self.value()
        return value if isinstance(value, date) else None

    def problem(self) -> str:
        """Why the text cannot be read as a date ("" when it can or is empty)."""
        checked = read_typed_date(self.text())
        return " ".join(checked.errors)

    # ------------------------------------------------------------ calendar
    def open_calendar(self) -> None:
        """Open at the field's date, or at today when it is empty or unreadable."""
        if self.popup is None:
            self.popup = CalendarPopup(self)
            self.popup.picked.connect(self._picked)
        shown = self.date_value()
        self.popup.open_at(QDate(shown) if shown else QDate.currentDate(), self)

    def _picked(self, day: QDate) -> None:
        self.setText(day.toString("yyyy-MM-dd"))
        self.setFocus()
        self._finish()

    # ------------------------------------------------------------ keyboard
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        alt = event.modifiers() & Qt.KeyboardModifier.AltModifier
        if key == Qt.Key.Key_F4 or (key == Qt.Key.Key_Down and alt):
            self.open_calendar()
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not event.modifiers():
            self._step(1 if key == Qt.Key.Key_Up else -1)
            return
        super().keyPressEvent(event)

    def _step(self, days: int) -> None:
        current = self.date_value()
        if current is None and self.text().strip():
            return  # unreadable text stays as typed, with its message
        day = current + timedelta(days=days) if current else date.today()
        if FIRST_DAY.toPython() <= day <= LAST_DAY.toPython():
            self.setText(day.isoformat())

    # ------------------------------------------------------------ state
    def _on_text_changed(self, text: str) -> None:
        if not self.problem():
            self._mark_invalid(False)  # red only once an entry is finished, not mid-typing
        self.changed.emit()
        if not text.strip():
            self._finish()

    def _mark_invalid(self, invalid: bool) -> None:
        if self.property("invalid") != invalid:
            self.setProperty("invalid", invalid)
            self.style().unpolish(self)
            self.style().polish(self)

    def _finish(self) -> None:
        """Show a read date in the one canonical spelling; tell listeners once."""
        shown = self.date_value()
        if shown is not None and self.text() != shown.isoformat():
            self.setText(shown.isoformat())
        self._mark_invalid(bool(self.problem()))
        if self.text() != self._last_entered:
            self._last_entered = self.text()
            self.entered.emit()


class DateProblemLabel(QLabel):
    """The message of the first unreadable date among some filter fields."""

    def __init__(self, parent: QWidget, *editors: DateEditor) -> None:
        super().__init__(parent)
        self.editors = editors
        self.setObjectName("fieldMessage")
        self.setProperty("level", "error")
        self.hide()
        for editor in editors:
            editor.entered.connect(self.update_text)

    def update_text(self) -> None:
        text = next((e.problem() for e in self.editors if e.problem()), "")
        self.setText(text)
        self.setVisible(bool(text))
