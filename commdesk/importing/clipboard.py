"""Rows pasted from Excel or WPS, planned exactly like an imported file.

Excel and WPS put a copied range on the clipboard twice: as tab-separated text
and as an HTML table. The HTML keeps what the text flavour loses (a cell with
a tab or a line break, merged cells), so it is read when present. Both become
the reader's :class:`SheetData` and go through the importer's own table
finder, column matcher and row pipeline (:func:`plan_table`): a pasted row is
accepted or rejected for the same reasons as a row of a file.

The clipboard is outside input like a file: its size, the cells it would
expand to (``colspan``/``rowspan``) and its row count are bounded before
anything is built, and the HTML parser never fetches anything.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from commdesk.domain.i18n import translate
from commdesk.importing import headers as hdr
from commdesk.importing.errors import ImportFileError
from commdesk.importing.gc_pause import gc_paused
from commdesk.importing.guards import MAX_CELLS
from commdesk.importing.kinds import kind_for
from commdesk.importing.plan import ImportPlan, plan_table
from commdesk.importing.readers import MAX_ROWS, Cell, SheetData, SheetInfo, _collect
from commdesk.importing.table import MIN_HEADER_MATCHES, Table, find_table
from commdesk.store.engine import Store

MAX_PASTE_CHARS = 50 * 1024 * 1024  # of either flavour
MAX_SPAN = 1000  # colspan / rowspan of one cell
MAX_COLUMNS = 16_384  # Excel's own limit
PASTE_SHEET = "剪贴板"  # the sheet name the preview and the audit log show
_BLANK = " \t\r\n\u3000\u00a0\u200b\ufeff"
_PLAIN = re.compile(r"[^\s\ue000]*(?: [^\s\ue000]+)*")  # nothing for _html_text to tidy


def _too_large() -> ImportFileError:
    return ImportFileError(
        translate(
            "Import",
            "The clipboard holds too much to paste at once; paste fewer rows or import a file.",
        )
    )


def _cell(text: str) -> Cell:
    text = text.strip(_BLANK)
    return text or None


def sheet_from_text(text: str) -> SheetData:
    """Tab-separated rows as Excel and WPS copy them (a cell with a tab, a line
    break or a quote comes quoted, with quotes doubled)."""
    if len(text) > MAX_PASTE_CHARS:
        raise _too_large()
    reader = csv.reader(io.StringIO(text, newline=""), delimiter="\t")
    try:
        return _collect(PASTE_SHEET, ([_cell(v) for v in row] for row in reader), 0, None)
    except csv.Error as exc:
        raise ImportFileError(
            translate("Import", "The pasted text cannot be read ({error}).").format(
                error=str(exc)[:120]
            )
        ) from None


def sheet_from_html(markup: str) -> SheetData | None:
    """The first table of the HTML flavour, or None when it holds no table."""
    if len(markup) > MAX_PASTE_CHARS:
        raise _too_large()
    start = markup.find("<")  # Windows' CF_HTML puts "Version:0.9 StartHTML:…" first
    lowered = markup.lower()
    if start < 0 or "<table" not in lowered:
        return None
    from lxml import etree

    parser = etree.HTMLParser(
        no_network=True, remove_comments=True, remove_pis=True, huge_tree=False
    )
    try:
        root = etree.fromstring(markup[start:], parser)
    except (etree.LxmlError, ValueError):
        return None
    if root is None:
        return None
    table = next(root.iter("table"), None)
    if table is None:
        return None
    # Each walk of the tree costs as much as the parse: only the ones the markup needs.
    inside = lowered.find("<table")  # Excel's <style> sits in the head, outside the table
    if lowered.find("<style", inside) >= 0 or lowered.find("<script", inside) >= 0:
        etree.strip_elements(table, "style", "script", with_tail=False)
    if lowered.find("<br", inside) >= 0:
        for br in table.iter("br"):  # a line break in a cell; the source's own are spaces
            br.tail = "\ue000" + (br.tail or "")
    merged = "colspan" in lowered or "rowspan" in lowered
    return _collect(PASTE_SHEET, _html_rows(table) if merged else _plain_rows(table), 0, None)


def _span(element: Any, name: str) -> int:
    raw = element.get(name)
    if raw is None:
        return 1
    try:
        value = int(str(raw).strip() or 1)
    except ValueError:
        return 1
    return max(1, min(value, MAX_SPAN))


def _html_text(cell: Any) -> str:
    """A cell's text as Excel shows it: <br> breaks a line, other white space is one space."""
    text = (cell.text or "") if len(cell) == 0 else "".join(cell.itertext())
    if _PLAIN.fullmatch(text):
        return text
    lines = text.replace("\u00a0", " ").split("\ue000")  # sheet_from_html marks each <br>
    return "\n".join(" ".join(line.split()) for line in lines)


def _plain_rows(table: Any) -> Iterator[list[Cell]]:
    """Rows of a table without merged cells — a plain copied range, the usual case —
    read without the span bookkeeping of :func:`_html_rows` (a third of the time)."""
    cells_seen = 0
    for rows, tr in enumerate(table.iter("tr"), 1):
        if rows > MAX_ROWS:
            raise _too_large()
        tds = list(tr.iterchildren("td", "th"))
        texts = [(td.text or "") if len(td) == 0 else "\n" for td in tds]
        if _PLAIN.fullmatch("\x01".join(texts)):  # no cell has markup or white space to tidy
            row: list[Cell] = [t.strip(_BLANK) or None for t in texts]
        else:
            row = [_cell(_html_text(td)) for td in tds]
        cells_seen += len(row)
        if cells_seen > MAX_CELLS or len(row) > MAX_COLUMNS:
            raise _too_large()
        yield row


def _html_rows(table: Any) -> Iterator[list[Cell]]:
    """Rows of cells; a merged cell's text stands in its first position, the rest blank."""
    carried: dict[int, int] = {}  # column → rows still covered by a rowspan from above
    cells_seen = 0
    rows = 0
    for tr in table.iter("tr"):
        rows += 1
        if rows > MAX_ROWS:
            raise _too_large()
        row: list[Cell] = []
        col = 0
        for td in tr:
            if td.tag not in ("td", "th"):
                continue
            while carried.get(col, 0) > 0:
                row.append(None)
                carried[col] -= 1
                col += 1
            colspan, rowspan = _span(td, "colspan"), _span(td, "rowspan")
            row.append(_cell(_html_text(td)))
            row.extend([None] * (colspan - 1))
            if rowspan > 1:
                for c in range(col, col + colspan):
                    carried[c] = rowspan - 1
            col += colspan
        while carried.get(col, 0) > 0:
            row.append(None)
            carried[col] -= 1
            col += 1
        cells_seen += len(row)
        if cells_seen > MAX_CELLS or len(row) > MAX_COLUMNS:
            raise _too_large()
        yield row


def pasted_sheet(text: str | None, markup: str | None) -> SheetData:
    """The HTML flavour when it holds a table, else the text; empty → ImportFileError."""
    data = sheet_from_html(markup) if markup else None
    if data is None or not data.rows:
        data = sheet_from_text(text or "")
    if not data.rows:
        raise ImportFileError(
            translate(
                "Import",
                "The clipboard holds no rows. Select the rows in Excel or WPS, copy them "
                "(Ctrl+C) and paste again.",
            )
        )
    return data


def first_row_is_header(kind: str, data: SheetData) -> bool:
    """The first row names at least as many of the ledger's columns as a file's header must."""
    matcher = hdr.HeaderMatcher(kind_for(kind).ledger)
    cells = data.rows[0][1] if data.rows else ()
    found = {matcher.match(hdr.header_text(c)).field for c in cells if c is not None}
    return len(found - {None}) >= MIN_HEADER_MATCHES


@gc_paused()
def plan_paste(
    store: Store,
    kind: str,
    data: SheetData,
    columns: Sequence[tuple[str, str]],
    *,
    source: Path,
    today: date | None = None,
    header: bool | None = None,
) -> ImportPlan:
    """Plan pasted rows. The first row is the header when it looks like one; otherwise
    the rows are read in the order of ``columns`` — (label, field name) of the page's
    visible columns (``header`` says which, instead of guessing). Writes nothing;
    duplicates are skipped, never updated."""
    k = kind_for(kind)
    notes: list[str] = []
    overrides: list[tuple[str, str]] = []
    if header if header is not None else first_row_is_header(kind, data):
        table = find_table(data, hdr.HeaderMatcher(k.ledger))
        notes.append(translate("Import", "The first pasted row was read as the header."))
    else:
        width = data.width
        if width > len(columns):
            extra = width - len(columns)
            notes.append(
                translate(
                    "Import",
                    "The pasted rows have {count} more column(s) than the page shows; "
                    "they were not read.",
                ).format(count=extra)
            )
        used = list(columns[:width])
        headers = [label for label, _ in used]
        overrides = [(label, name) for label, name in used]
        rows = [(number, cells[: len(used)]) for number, cells in data.rows]
        table = Table(sheet=PASTE_SHEET, header_rows=(), headers=headers, rows=rows)
        notes.append(
            translate(
                "Import",
                "The pasted rows have no header; read in the page's column order: {names}.",
            ).format(names="、".join(headers))
        )
    plan = plan_table(
        store,
        k,
        table,
        data,
        source=source,
        sheets=[SheetInfo(PASTE_SHEET)],
        notes=notes,
        overrides=overrides,
        today=today,
    )
    plan.remember = None  # a paste's columns are not a file's header to remember
    return plan
