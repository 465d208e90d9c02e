"""证明登记簿: every certificate issued, reprint, void with a reason, the 公示 list;
and a volunteer's service record (志愿服务记录) saved as PDF or Excel."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from commdesk.domain.periods import QUICK_RANGES, quick_range
from commdesk.domain.validators import mask_id
from commdesk.store.services import certificates as certs
from commdesk.ui.certificate_dialog import hours_text, save_path
from commdesk.ui.context import UiContext
from commdesk.ui.date_entry import DateEditor, DateProblemLabel
from commdesk.ui.quick_periods import QuickPeriodBox

translate = QCoreApplication.translate


def _state_text(row: dict[str, Any]) -> str:
    if row["state"] == certs.VOIDED:
        return translate("Certificates", "voided: {reason}").format(reason=row["void_reason"])
    if row["reprints"]:
        return translate("Certificates", "issued, reprinted {count}×").format(count=row["reprints"])
    return translate("Certificates", "issued")


class RegisterDialog(QDialog):
    """The register of certificates issued in a span (all of them when the span is empty)."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.rows: list[dict[str, Any]] = []
        self.setObjectName("CertificateRegister")
        self.setWindowTitle(translate("Certificates", "Certificate register"))
        any_day = translate("Certificates", "any")
        self.date_from = DateEditor(self, placeholder=any_day)
        self.date_to = DateEditor(self, placeholder=any_day)
        self.date_from.setObjectName("registerFrom")
        self.date_to.setObjectName("registerTo")
        self.quick_period = QuickPeriodBox(QUICK_RANGES, self.apply_quick_period, self)
        self.date_problem = DateProblemLabel(self, self.date_from, self.date_to)
        for edit in (self.date_from, self.date_to):
            edit.entered.connect(self.refresh)
            edit.textEdited.connect(lambda _text: self.quick_period.reset())
        span = QHBoxLayout()
        span.addWidget(QLabel(translate("Certificates", "Issued from"), self))
        span.addWidget(self.date_from)
        span.addWidget(QLabel(translate("Certificates", "to"), self))
        span.addWidget(self.date_to)
        span.addWidget(self.quick_period)
        span.addStretch(1)

        headers = (
            translate("Certificates", "Number"),
            translate("Certificates", "Volunteer"),
            translate("Certificates", "ID number"),
            translate("Certificates", "Service period"),
            translate("Certificates", "Hours"),
            translate("Certificates", "Issued on"),
            translate("Certificates", "State"),
        )
        self.table = QTableWidget(0, len(headers), self)
        self.table.setObjectName("registerTable")
        self.table.setHorizontalHeaderLabels(list(headers))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.message = QLabel(self)
        self.message.setObjectName("registerMessage")
        self.message.setWordWrap(True)

        self.reprint_button = QPushButton(translate("Certificates", "Reprint…"), self)
        self.void_button = QPushButton(translate("Certificates", "Void…"), self)
        self.publicity_button = QPushButton(translate("Certificates", "Publicity list…"), self)
        self.publicity_button.setToolTip(
            translate(
                "Certificates",
                "The certificates issued in the span, to post for at least {days} days",
            ).format(days=certs.PUBLICITY_DAYS)
        )
        self.reprint_button.clicked.connect(self.reprint_selected)
        self.void_button.clicked.connect(lambda: self.void_selected())
        self.publicity_button.clicked.connect(self.publicity)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        for button in (self.reprint_button, self.void_button, self.publicity_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(span)
        layout.addWidget(self.date_problem)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(820, 480)
        self.refresh()

    # ------------------------------------------------------------ list
    def apply_quick_period(self, key: str) -> None:
        start, end = quick_range(key, date.today())
        self.date_from.set_value(start)
        self.date_to.set_value(end)
        self.refresh()

    def span(self) -> tuple[date | None, date | None]:
        return self.date_from.date_value(), self.date_to.date_value()

    def refresh(self) -> None:
        self.rows = certs.register(self.ctx.store, *self.span())
        self.table.setRowCount(len(self.rows))
        for n, row in enumerate(self.rows):
            cells = (
                row["number"],
                row["volunteer_name"],
                mask_id(row["id_number"]),
                f"{row['date_from'].isoformat()} – {row['date_to'].isoformat()}",
                hours_text(row["total_hours"]),
                row["issued_on"].isoformat(),
                _state_text(row),
            )
            for column, text in enumerate(cells):
                self.table.setItem(n, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self._update_buttons()

    def selected(self) -> dict[str, Any] | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def select_number(self, number: str) -> None:
        for n, row in enumerate(self.rows):
            if row["number"] == number:
                self.table.selectRow(n)

    def _update_buttons(self) -> None:
        row = self.selected()
        live = row is not None and row["state"] == certs.ISSUED
        self.reprint_button.setEnabled(live)
        self.void_button.setEnabled(live)

    # ------------------------------------------------------------ actions
    def reprint_selected(self) -> Path | None:
        from commdesk.paper.certificate_files import reprint_to_pdf

        row = self.selected()
        if row is None:
            return None
        out = save_path(
            self, self.ctx, translate("Certificates", "Save the reprint"),
            f"{row['number']}_{row['volunteer_name']}.pdf",
            translate("Certificates", "PDF file (*.pdf)"),
        )  # fmt: skip
        if out is None:
            return None
        try:
            reprint_to_pdf(self.ctx.store, row["id"], out.with_suffix(".pdf"))
        except (certs.CertificateRefused, OSError) as exc:
            self._fail(exc)
            return None
        self.message.setText(
            translate("Certificates", "{number} reprinted to {file}.").format(
                number=row["number"], file=out.name
            )
        )
        self.refresh()
        self.select_number(row["number"])
        return out.with_suffix(".pdf")

    def void_selected(self, reason: str | None = None) -> bool:
        """Void the selected certificate; ``reason`` is asked for unless given."""
        row = self.selected()
        if row is None:
            return False
        if reason is None:
            reason, ok = QInputDialog.getText(
                self,
                translate("Certificates", "Void certificate"),
                translate(
                    "Certificates", "Why is {number} ({name}) void? It stays in the register."
                ).format(number=row["number"], name=row["volunteer_name"]),
            )
            if not ok:
                return False
        try:
            certs.void(self.ctx.store, row["id"], reason)
        except certs.CertificateRefused as exc:
            self.message.setText(str(exc))
            return False
        self.message.setText(
            translate("Certificates", "{number} voided.").format(number=row["number"])
        )
        self.refresh()
        return True

    def publicity(self) -> Path | None:
        from commdesk.paper.certificate_files import publicity_to_pdf

        start, end = self.span()
        if start is None or end is None:
            self.message.setText(
                translate("Certificates", "Enter the span of issue dates for the list.")
            )
            return None
        out = save_path(
            self, self.ctx, translate("Certificates", "Save the publicity list"),
            f"志愿服务记录证明公示_{start:%Y%m%d}-{end:%Y%m%d}.pdf",
            translate("Certificates", "PDF file (*.pdf)"),
        )  # fmt: skip
        if out is None:
            return None
        try:
            count = publicity_to_pdf(self.ctx.store, start, end, out.with_suffix(".pdf"))
        except OSError as exc:
            self._fail(exc)
            return None
        self.message.setText(
            translate("Certificates", "{count} certificate(s) listed in {file}.").format(
                count=count, file=out.name
            )
        )
        return out.with_suffix(".pdf")

    def _fail(self, exc: Exception) -> None:
        QMessageBox.warning(
            self,
            translate("Certificates", "Not written"),
            str(getattr(exc, "strerror", None) or exc),
        )


def open_register(ctx: UiContext, parent: QWidget) -> QDialog:
    dialog = RegisterDialog(ctx, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def export_service_record(ctx: UiContext, volunteer_id: int | None, parent: QWidget) -> Path | None:
    """Save one volunteer's service record as PDF or Excel (the clerk picks the type)."""
    from commdesk.paper.certificate_files import record_to_file
    from commdesk.store.services.volunteers import volunteers

    row = volunteers.get(ctx.store, volunteer_id) if volunteer_id is not None else None
    if row is None or row.get("deleted_at") is not None:
        QMessageBox.information(
            parent,
            translate("Certificates", "Service record"),
            translate("Certificates", "Select a volunteer on the volunteers page first."),
        )
        return None
    out = save_path(
        parent, ctx, translate("Certificates", "Save the service record"),
        f"志愿服务记录_{row['name']}.pdf",
        translate("Certificates", "PDF file (*.pdf);;Excel workbook (*.xlsx)"),
    )  # fmt: skip
    if out is None:
        return None
    try:
        record_to_file(ctx.store, int(row["id"]), out)
    except (certs.CertificateRefused, OSError) as exc:
        QMessageBox.warning(
            parent,
            translate("Certificates", "Not written"),
            str(getattr(exc, "strerror", None) or exc),
        )
        return None
    return out


# ----------------------------------------------------------------- doors
def certificate_menu_button(page: Any) -> QPushButton:
    """The volunteers page's 证明 button: issue, the register, a volunteer's record."""
    from PySide6.QtWidgets import QMenu

    from commdesk.ui.certificate_dialog import open_certificate_dialog

    button = QPushButton(translate("Certificates", "Certificates"), page)
    button.setObjectName("certificateButton")
    button.setToolTip(
        translate("Certificates", "Volunteer service certificates (志愿服务记录证明)")
    )
    menu = QMenu(button)
    menu.addAction(
        translate("Certificates", "Issue certificate…"),
        lambda: open_certificate_dialog(page.ctx, page.selected_ids(), page),
    )
    menu.addAction(
        translate("Certificates", "Certificate register…"), lambda: open_register(page.ctx, page)
    )
    menu.addAction(
        translate("Certificates", "Service record…"),
        lambda: export_service_record(page.ctx, page.current_id(), page),
    )
    button.setMenu(menu)
    return button


def run_from_window(window: Any, what: str) -> object:
    """The main window's actions: act on the volunteers page's selection when it is in front."""
    from commdesk.ui.certificate_dialog import open_certificate_dialog, volunteer_selection

    page, selected = volunteer_selection(window)
    if what == "issue":
        return open_certificate_dialog(window.ctx, selected, window)
    if what == "register":
        return open_register(window.ctx, window)
    current = page.current_id() if page is not None and selected else None
    return export_service_record(window.ctx, current, window)
