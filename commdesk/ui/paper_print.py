"""打印预览 / 打印 / 导出PDF of whatever a page hands over as a paper Document.

A page that has something to print implements ``request_paper(then)``: it checks
what it must (a return is refused on the same audit as its export, a roster asks
about full ID numbers) and calls ``then(document, file_name)``. The window's
Print preview, Print and Export PDF actions then do the rest here, with Qt's own
print dialogs: no office suite needed, and the paper layer stays widget-free.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths, Qt
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from commdesk.paper.blocks import Document
from commdesk.paper.render import paint_document

translate = QCoreApplication.translate
LAST_FOLDER_KEY = "paper/last_folder"
PREVIEW, PRINT, PDF = "preview", "print", "pdf"
# What a page calls back with: the printout and a file name for its PDF.
Deliver = Callable[[Document, str], None]


def _printer() -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    return printer


def open_preview(parent: QWidget, doc: Document) -> QPrintPreviewDialog:
    """The print preview, its Print button printing the same pages (non-modal open)."""
    printer = _printer()
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setObjectName("PrintPreview")
    dialog.setWindowTitle(translate("Paper", "Print preview: {title}").format(title=doc.title))
    dialog.paintRequested.connect(lambda device: paint_document(doc, device))
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog._printer = printer  # type: ignore[attr-defined]  # lives as long as the dialog
    window = parent.window()
    dialog.resize(max(window.width() * 9 // 10, 800), max(window.height() * 9 // 10, 560))
    dialog.open()
    return dialog


def open_print_dialog(parent: QWidget, doc: Document) -> QPrintDialog:
    """Qt's print dialog; the pages are painted when the clerk confirms."""
    printer = _printer()
    dialog = QPrintDialog(printer, parent)
    dialog.setObjectName("PrintDialog")
    dialog.setWindowTitle(translate("Paper", "Print: {title}").format(title=doc.title))
    dialog.accepted.connect(lambda: _print(parent, doc, printer))
    dialog.finished.connect(lambda _r: dialog.deleteLater())
    QDialog.open(dialog)  # PySide6's QPrintDialog.open() wants a receiver; the base one does not
    return dialog


def _print(parent: QWidget, doc: Document, printer: QPrinter) -> None:
    try:
        paint_document(doc, printer)
    except OSError as exc:
        QMessageBox.warning(
            parent,
            translate("Paper", "Print"),
            translate("Paper", "The printer could not be used: {reason}").format(reason=exc),
        )


def _folder(settings: QSettings) -> Path:
    saved = str(settings.value(LAST_FOLDER_KEY, "") or "")
    if saved and Path(saved).is_dir():
        return Path(saved)
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(docs) if docs and Path(docs).is_dir() else Path.home()


def save_pdf(parent: QWidget, doc: Document, name: str, settings: QSettings) -> Path | None:
    """Ask where, write the PDF (atomically, privately); the file, or None if not written."""
    from commdesk.paper.pdf import write_pdf

    chosen, _filter = QFileDialog.getSaveFileName(
        parent,
        translate("Paper", "Export PDF"),
        str(_folder(settings) / name),
        translate("Paper", "PDF document (*.pdf)"),
    )
    if not chosen:
        return None
    out = Path(chosen)
    if out.suffix.lower() != ".pdf":
        out = out.with_name(out.name + ".pdf")
    try:
        write_pdf(doc, out)
    except OSError as exc:
        QMessageBox.warning(
            parent,
            translate("Paper", "Export PDF"),
            translate("Paper", "The PDF could not be written; nothing was changed.\n\n{reason}")
            .format(reason=exc.strerror or exc),
        )  # fmt: skip
        return None
    settings.setValue(LAST_FOLDER_KEY, str(out.parent))
    return out


def deliver(how: str, parent: QWidget, settings: QSettings) -> Deliver:
    """The callback a page's ``request_paper`` gets for the chosen action."""

    def run(doc: Document, name: str) -> None:
        if how == PREVIEW:
            open_preview(parent, doc)
        elif how == PRINT:
            open_print_dialog(parent, doc)
        else:
            save_pdf(parent, doc, name, settings)

    return run


def pdf_name(name: str) -> str:
    """A file name with the .pdf suffix in place of whatever it had."""
    return str(Path(name).with_suffix(".pdf"))
