"""Export what a ledger page shows to Excel, with IDs masked unless asked otherwise."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from commdesk.domain.ledgers import ID_NUMBER
from commdesk.store.services.roster_export import RosterExportError, export_roster

if TYPE_CHECKING:
    from commdesk.ui.ledger_page import LedgerPage

translate = QCoreApplication.translate
LAST_FOLDER_KEY = "roster_export/last_folder"


class RosterExportOptions(QDialog):
    """Asks whether full ID numbers go into the file, warning what that means."""

    def __init__(self, rows: int, has_ids: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("RosterExportOptions")
        self.setWindowTitle(translate("RosterExport", "Export to Excel"))
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                translate("RosterExport", "Export the {rows} rows of the current view.").format(
                    rows=rows
                ),
                self,
            )
        )
        self.full_ids = QCheckBox(translate("RosterExport", "Include full ID numbers"), self)
        self.warning = QLabel(
            translate(
                "RosterExport",
                "ID numbers are sensitive personal information. With this ticked the file "
                "holds them in full: keep it safe and do not send it further than needed. "
                "The export is recorded in the audit log.",
            ),
            self,
        )
        self.warning.setWordWrap(True)
        self.warning.setObjectName("privacyWarning")
        self.warning.setVisible(False)
        self.full_ids.toggled.connect(self.warning.setVisible)
        self.full_ids.setVisible(has_ids)
        layout.addWidget(self.full_ids)
        layout.addWidget(self.warning)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(460, self.sizeHint().height())


def export_page(page: LedgerPage) -> Path | None:
    """Run the whole export from a ledger page; returns the written file or None."""
    ctx = page.ctx
    rows = page.row_count()
    has_ids = any(f.kind == ID_NUMBER for f in page.ledger.fields)
    options = RosterExportOptions(rows, has_ids, page)
    if options.exec() != QDialog.DialogCode.Accepted:
        return None
    folder = str(ctx.settings.value(LAST_FOLDER_KEY, "") or "") or QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation
    )
    name = f"{page.ledger.zh}_{date.today():%Y%m%d}.xlsx"
    chosen, _ = QFileDialog.getSaveFileName(
        page,
        translate("RosterExport", "Export to Excel"),
        str(Path(folder) / name),
        translate("RosterExport", "Excel workbook (*.xlsx)"),
    )
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != ".xlsx":
        path = path.with_suffix(".xlsx")
    progress = QProgressDialog(
        translate("RosterExport", "Writing {file}…").format(file=path.name),
        "",
        0,
        max(rows, 1),
        page,
    )
    progress.setCancelButton(None)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)

    def step(done: int, total: int) -> None:
        progress.setMaximum(max(total, 1))
        progress.setValue(done)
        QApplication.processEvents()

    try:
        count = export_roster(
            ctx.store, page.service, page.model.query, path, ctx.catalogues,
            include_full_ids=options.full_ids.isChecked(), progress=step,
        )  # fmt: skip
    except RosterExportError as exc:
        QMessageBox.warning(
            page,
            translate("RosterExport", "Export failed"),
            translate(
                "RosterExport", "The file could not be written; nothing was changed.\n\n{reason}"
            ).format(reason=exc.strerror or exc),
        )
        return None
    finally:
        progress.close()
    ctx.settings.setValue(LAST_FOLDER_KEY, str(path.parent))
    page.totals.setText(
        translate("RosterExport", "{count} rows exported to {file}").format(
            count=count, file=path.name
        )
    )
    return path
