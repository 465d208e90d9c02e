"""出具证明…: issue 志愿服务记录证明 for the selected volunteers or a team, as one PDF.

The clerk picks who and the range (typed, from the calendar or a quick period),
sees each volunteer's linked records and hours, then issues: the numbers, the
register rows and the PDF are one step (commdesk.paper.certificate_files).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from commdesk.domain.periods import QUICK_RANGES, quick_range
from commdesk.domain.validators import mask_id
from commdesk.store.services import certificates as certs
from commdesk.store.services.profile import get_profile
from commdesk.store.services.volunteers import team_choices, volunteers
from commdesk.ui.context import UiContext
from commdesk.ui.date_entry import DateEditor, DateProblemLabel
from commdesk.ui.quick_periods import QuickPeriodBox

translate = QCoreApplication.translate
LAST_FOLDER_KEY = "certificates/last_folder"


def hours_text(hours: float) -> str:
    return f"{round(hours, 2):g}"


def save_path(parent: QWidget, ctx: UiContext, title: str, name: str, filters: str) -> Path | None:
    """Ask where to save (remembering the folder); None when the clerk cancels."""
    folder = str(ctx.settings.value(LAST_FOLDER_KEY, "") or "") or QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation
    )
    chosen, chosen_filter = QFileDialog.getSaveFileName(
        parent, title, str(Path(folder) / name), filters
    )
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() not in (".pdf", ".xlsx"):
        path = path.with_suffix(".xlsx" if "xlsx" in chosen_filter else ".pdf")
    ctx.settings.setValue(LAST_FOLDER_KEY, str(path.parent))
    return path


class CertificateDialog(QDialog):
    """Who, which range, a preview of the records and hours, then 出具 (issue)."""

    def __init__(
        self,
        ctx: UiContext,
        selected: list[int],
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.selected = list(selected)
        self.fixed_today = today
        self.issued: certs.Issued | None = None
        self.setObjectName("CertificateDialog")
        self.setWindowTitle(translate("Certificates", "Issue service certificates"))
        self.by_selection = QRadioButton(
            translate("Certificates", "Selected volunteers ({count})").format(count=len(selected)),
            self,
        )
        self.by_team = QRadioButton(translate("Certificates", "Whole team"), self)
        self.team = QComboBox(self)
        self.team.setObjectName("certificateTeam")
        for team_id, name in team_choices(ctx.store):
            self.team.addItem(name, team_id)
        self.by_selection.setEnabled(bool(selected))
        (self.by_selection if selected else self.by_team).setChecked(True)
        self.team.setEnabled(not selected)
        self.by_team.toggled.connect(self.team.setEnabled)
        who = QHBoxLayout()
        who.addWidget(self.by_selection)
        who.addWidget(self.by_team)
        who.addWidget(self.team, 1)

        self.date_from = DateEditor(self)
        self.date_to = DateEditor(self)
        self.date_from.setObjectName("certificateFrom")
        self.date_to.setObjectName("certificateTo")
        self.quick_period = QuickPeriodBox(QUICK_RANGES, self.apply_quick_period, self)
        self.date_problem = DateProblemLabel(self, self.date_from, self.date_to)
        span = QHBoxLayout()
        span.addWidget(self.date_from)
        span.addWidget(QLabel(translate("Certificates", "to"), self))
        span.addWidget(self.date_to)
        span.addWidget(self.quick_period)
        span.addStretch(1)
        for edit in (self.date_from, self.date_to):
            edit.textEdited.connect(lambda _text: self.quick_period.reset())

        profile = get_profile(ctx.store) or {}
        self.clerk = QLineEdit(str(profile.get("preparer") or ""), self)
        self.clerk.setObjectName("certificateClerk")
        self.clerk.setMaxLength(30)

        form = QFormLayout()
        form.addRow(translate("Certificates", "Volunteers"), who)
        form.addRow(translate("Certificates", "Service from"), span)
        form.addRow("", self.date_problem)
        form.addRow(translate("Certificates", "Handling clerk"), self.clerk)

        self.preview_button = QPushButton(translate("Certificates", "Preview"), self)
        self.preview_button.setObjectName("certificatePreview")
        self.preview_button.clicked.connect(self.preview)
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels(
            [
                translate("Certificates", "Volunteer"),
                translate("Certificates", "Services"),
                translate("Certificates", "Hours"),
                translate("Certificates", "Note"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.message = QLabel(self)
        self.message.setObjectName("certificateMessage")
        self.message.setWordWrap(True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.issue_button = buttons.addButton(
            translate("Certificates", "Issue and save PDF…"),
            QDialogButtonBox.ButtonRole.ActionRole,
        )
        self.issue_button.setObjectName("certificateIssue")
        self.issue_button.setEnabled(False)
        self.issue_button.clicked.connect(self.issue)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        for edit in (self.date_from, self.date_to):
            edit.changed.connect(lambda: self.issue_button.setEnabled(False))
        self.by_team.toggled.connect(lambda _on: self.issue_button.setEnabled(False))
        self.team.currentIndexChanged.connect(lambda _i: self.issue_button.setEnabled(False))
        self.resize(720, 480)

    # ------------------------------------------------------------ inputs
    def today(self) -> date:
        return self.fixed_today or date.today()

    def apply_quick_period(self, key: str) -> None:
        start, end = quick_range(key, self.today())
        self.date_from.set_value(start)
        self.date_to.set_value(min(end, self.today()))
        self.date_problem.update_text()
        self.issue_button.setEnabled(False)

    def volunteer_ids(self) -> list[int]:
        if self.by_selection.isChecked():
            return self.selected
        team = self.team.currentData()
        if team is None:
            return []
        return certs.team_members(self.ctx.store, self.team.currentText())

    def _range(self) -> tuple[date, date] | None:
        start, end = self.date_from.date_value(), self.date_to.date_value()
        if start is None or end is None:
            self._say(translate("Certificates", "Enter the first and last day of the service."))
            return None
        return start, end

    def _say(self, text: str, *, error: bool = True) -> None:
        self.message.setText(text)
        self.message.setProperty("level", "error" if error else "info")

    # ------------------------------------------------------------ preview and issue
    def preview(self) -> bool:
        """Each volunteer's linked records and hours in the range; True when some can be issued."""
        self.issue_button.setEnabled(False)
        self.table.setRowCount(0)
        span = self._range()
        if span is None:
            return False
        try:
            certs.check_range(self.ctx.store, *span, self.today())
        except certs.CertificateRefused as exc:
            self._say(str(exc))
            return False
        ids = self.volunteer_ids()
        ready = 0
        total = 0.0
        for volunteer_id in ids:
            row = volunteers.get(self.ctx.store, volunteer_id)
            if row is None:
                continue
            records = certs.linked_records(self.ctx.store, volunteer_id, *span)
            hours = certs.total_hours(records)
            note = ""
            if row.get("deleted_at") is not None:
                note = translate("Certificates", "deleted: no certificate")
            elif not records:
                note = translate("Certificates", "no linked service records in the range")
            else:
                ready += 1
                total += hours
            self._add_row(f"{row['name']} {mask_id(row['id_number'])}", len(records), hours, note)
            if not note:  # the records the certificate will list, under the volunteer
                for record in records:
                    self._add_row(
                        f"    {record['date'].isoformat()} {record['content']}",
                        None,
                        float(record["hours"] or 0.0),
                        "",
                    )
        self.table.resizeColumnsToContents()
        if not ready:
            self._say(translate("Certificates", "Nobody here has service records in the range."))
            return False
        self._say(
            translate(
                "Certificates", "{count} certificate(s) to issue, {hours} hours in all."
            ).format(count=ready, hours=hours_text(total)),
            error=False,
        )
        self.issue_button.setEnabled(True)
        return True

    def _add_row(self, who: str, count: int | None, hours: float, note: str) -> None:
        """A volunteer (bold, with the number of records) or one record under them."""
        row = self.table.rowCount()
        self.table.insertRow(row)
        cells = (who, "" if count is None else str(count), hours_text(hours), note)
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if column in (1, 2):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if count is not None:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.table.setItem(row, column, item)

    def issue(self) -> Path | None:
        """Ask where to save, then issue and write the PDF; the result stays in ``issued``."""
        from commdesk.paper.certificate_files import issue_to_pdf

        span = self._range()
        if span is None or not self.preview():
            return None
        name = translate("Certificates", "service-certificates_{day}.pdf").format(
            day=f"{self.today():%Y%m%d}"
        )
        out = save_path(
            self, self.ctx, translate("Certificates", "Save the certificates"), name,
            translate("Certificates", "PDF file (*.pdf)"),
        )  # fmt: skip
        if out is None:
            return None
        if out.suffix.lower() != ".pdf":
            out = out.with_suffix(".pdf")
        try:
            self.issued = issue_to_pdf(
                self.ctx.store, self.volunteer_ids(), *span, out,
                clerk=self.clerk.text(), today=self.today(),
            )  # fmt: skip
        except (certs.CertificateRefused, OSError) as exc:
            QMessageBox.warning(
                self,
                translate("Certificates", "No certificate issued"),
                translate(
                    "Certificates", "Nothing was issued and no number was used.\n\n{reason}"
                ).format(reason=getattr(exc, "strerror", None) or exc),
            )
            return None
        self.issue_button.setEnabled(False)
        numbers = "、".join(c["number"] for c in self.issued.certificates)
        text = translate("Certificates", "Issued {numbers}; saved to {file}.").format(
            numbers=numbers, file=out.name
        )
        if self.issued.refused:
            text += " " + translate("Certificates", "Not issued: {list}").format(
                list="; ".join(f"{r.who}: {r.reason}" for r in self.issued.refused)
            )
        self._say(text, error=False)
        return out


def open_certificate_dialog(ctx: UiContext, selected: list[int], parent: QWidget) -> QDialog:
    dialog = CertificateDialog(ctx, selected, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def volunteer_selection(window: Any) -> tuple[Any, list[int]]:
    """The volunteers page of the main window and the rows selected on it (if in front)."""
    page = next((p for p in window.ledger_pages.values() if p.ledger.name == "volunteer"), None)
    if page is None or window.current_ledger_page() is not page:
        return page, []
    return page, page.selected_ids()
