"""Ctrl+C on a ledger page: the selected rows as Excel and WPS paste them.

Two flavours, as Excel itself copies: tab-separated text and an HTML table,
both with a header row and the page's visible columns in their on-screen
order. Cells are the table's own display text, so an ID number is masked
exactly as the table shows it.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QMimeData, Qt
from PySide6.QtGui import QGuiApplication

if TYPE_CHECKING:
    from commdesk.ui.ledger_page import LedgerPage

translate = QCoreApplication.translate
_TEXT_STYLE = "mso-number-format:'\\@';"  # Excel keeps the cell as text (masked IDs, codes)


def _tsv_cell(text: str) -> str:
    """Quoted as Excel quotes a cell holding a tab, a line break or a quote."""
    if any(c in text for c in '\t\n\r"'):
        return '"' + text.replace('"', '""') + '"'
    return text


def rows_as_tsv(rows: Sequence[Sequence[str]]) -> str:
    return "".join("\t".join(_tsv_cell(c) for c in row) + "\r\n" for row in rows)


def rows_as_html(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    def cells(tag: str, row: Sequence[str]) -> str:
        return "".join(
            f'<{tag} style="{_TEXT_STYLE}">{html.escape(c).replace(chr(10), "<br>")}</{tag}>'
            for c in row
        )

    body = "".join(f"<tr>{cells('td', row)}</tr>" for row in rows)
    return (
        '<html><head><meta charset="utf-8"></head><body><table>'
        f"<tr>{cells('th', header)}</tr>{body}</table></body></html>"
    )


def copy_rows(page: LedgerPage) -> int:
    """Put the selected rows on the clipboard; returns how many were copied."""
    rows = sorted({index.row() for index in page.table.selectionModel().selectedRows()})
    if not rows:
        return 0
    columns = page.visible_columns()
    model = page.model
    header = [model.fields[c].label() for c in columns]
    texts = [
        [str(model.data(model.index(r, c), Qt.ItemDataRole.DisplayRole) or "") for c in columns]
        for r in rows
    ]
    mime = QMimeData()
    mime.setText(rows_as_tsv([header, *texts]))
    mime.setHtml(rows_as_html(header, texts))
    QGuiApplication.clipboard().setMimeData(mime)
    page.notice.emit(translate("LedgerPage", "Copied {count} row(s).").format(count=len(rows)))
    return len(rows)
