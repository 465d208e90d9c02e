"""Read a web system's "Excel export": an HTML page named ``.xls``.

WPS and many government web systems save a page holding a ``<table>`` and call it
``.xls``; Excel opens it, calamine does not. Each table of the page becomes one
"sheet" (the planner then takes the first one that has a header row). The page
is parsed as a stream by lxml's HTML parser (no network, no DTD, no entities
beyond HTML's own), with the same kind of bounds as the other readers: file
size (checked by the sniffer), element nesting, rows, columns and cells, so a
hostile page is refused with one line instead of exhausting memory. Merged cells
(rowspan/colspan) keep their value in the first cell and leave the others empty,
as calamine does for an xlsx, and are listed in ``SheetData.merged`` the same way.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from commdesk.domain.i18n import translate
from commdesk.importing import guards
from commdesk.importing.readers import (
    _BOMS,
    MAX_ROWS,
    Cell,
    SheetData,
    SheetInfo,
    Workbook,
    _collect,
    _decode,
    _fail,
    _refuse_mixed_encodings,
)

MAX_DEPTH = 100  # nested elements; a WPS export is about 6 deep, libxml2 stops silently at 256
MAX_COLUMNS = 16_384  # Excel's own width
MAX_COLSPAN = 1_000  # the HTML standard's limits
MAX_ROWSPAN = 65_534
_FEED = 1024 * 1024  # characters fed to the parser at a time
_WHITESPACE = re.compile(r"[ \t\r\n\f\u00a0]+")
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_BREAK = object()  # a <br> among a cell's text pieces


def open_html(path: Path) -> Workbook:
    """Decode, parse and bound the page; every table with content becomes a sheet."""
    text, encoding, note = _decode_page(path.read_bytes(), path.name)
    tables = _parse(text, path.name)
    sheets: dict[str, SheetData] = {}
    for number, table in enumerate(tables, start=1):
        name = translate("Import", "Table {number}").format(number=number)
        data = table.sheet_data(name)
        if data.rows:
            if note:
                data.notes.append(note)
            sheets[name] = data
    if not sheets:
        raise _fail(
            translate("Import", "{name} is a web page with no table in it; nothing to import."),
            name=path.name,
        )
    return Workbook(
        path,
        guards.HTML,
        [SheetInfo(name) for name in sheets],
        encoding="GBK/GB18030" if encoding == "gb18030" else encoding,
        _html_sheets=sheets,
    )


# ------------------------------------------------------------------------ encoding


def _declared(raw: bytes) -> str | None:
    """The page's own charset (``<meta charset>`` or http-equiv), as a Python codec name."""
    match = _META_CHARSET.search(raw[:8192])
    if not match:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None
    return "gb18030" if name in ("gbk", "gb2312", "gb18030") else name


def _decode_page(raw: bytes, name: str) -> tuple[str, str, str | None]:
    """Text, its encoding and a note when the page says one encoding and is in another."""
    if raw.startswith(tuple(bom for bom, _ in _BOMS)):
        return (*_decode(raw, name), None)  # a byte-order mark outranks any declaration
    declared = _declared(raw)
    if declared is not None and not raw.isascii():
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            if declared == "gb18030":
                _refuse_mixed_encodings(raw, name)
            if declared != "utf-8":
                try:
                    return raw.decode(declared), declared, None
                except UnicodeDecodeError:
                    pass
        else:
            # Chinese in GBK is practically never valid UTF-8: the page is UTF-8.
            return raw.decode("utf-8"), "utf-8", _mismatch(declared, "utf-8")
    text, encoding = _decode(raw, name)
    note = _mismatch(declared, encoding) if declared not in (None, encoding) else None
    return text, encoding, note


def _mismatch(declared: str, actual: str) -> str | None:
    if declared == actual:
        return None
    label = {"gb18030": "GBK/GB18030"}
    return translate(
        "Import",
        "The page declares the text encoding {declared} but is written in {actual}; "
        "it was read as {actual}.",
    ).format(declared=label.get(declared, declared), actual=label.get(actual, actual))


# ------------------------------------------------------------------------- parsing


@dataclass
class _Table:
    """Rows of one ``<table>`` as they are parsed, with spans laid out like a grid."""

    order: int
    page: str
    rows: list[list[Cell]] = field(default_factory=list)
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    covered: dict[int, int] = field(default_factory=dict)  # column → rows still covered
    current: list[Cell] | None = None
    cells: list[int] = field(default_factory=lambda: [0])  # shared by the page's tables

    def start_row(self) -> None:
        self.end_row()
        if len(self.rows) >= MAX_ROWS:
            raise _fail(
                translate(
                    "Import",
                    "The sheet {sheet} has more than {limit} rows; split it into smaller files.",
                ),
                sheet=self.page,
                limit=f"{MAX_ROWS:,}",
            )
        self.current = []

    def add_cell(self, value: Cell, rowspan: int, colspan: int) -> None:
        if self.current is None:
            self.start_row()
        row = self.current
        assert row is not None
        while self.covered.get(len(row), 0) > 0:
            row.append(None)
        col = len(row)
        row.append(value)
        row.extend([None] * (colspan - 1))
        if len(row) > MAX_COLUMNS:
            raise _fail(
                translate(
                    "Import", "A table in {name} is wider than {limit} columns; it is not a ledger."
                ),
                name=self.page,
                limit=MAX_COLUMNS,
            )
        if rowspan > 1:
            for c in range(col, col + colspan):
                self.covered[c] = max(self.covered.get(c, 0), rowspan)
        if rowspan > 1 or colspan > 1:
            number = len(self.rows) + 1
            self.merged.append(((number, col), (number + rowspan - 1, col + colspan - 1)))

    def end_row(self) -> None:
        row = self.current
        if row is None:
            return
        # Columns still covered by a rowspan from above belong to this row too.
        row.extend([None] * (max((c + 1 for c in self.covered), default=0) - len(row)))
        self.covered = {c: left - 1 for c, left in self.covered.items() if left > 1}
        self.cells[0] += max(len(row), 1)  # an empty row costs memory too
        if self.cells[0] > guards.MAX_CELLS:
            raise _fail(
                translate(
                    "Import",
                    "The tables in {name} have more than {limit} cells; split it into smaller "
                    "files.",
                ),
                name=self.page,
                limit=f"{guards.MAX_CELLS:,}",
            )
        self.rows.append(row)
        self.current = None

    def sheet_data(self, name: str) -> SheetData:
        last = len(self.rows)
        data = _collect(name, self.rows, 0, None)
        data.merged = [
            ((r0, c0), (min(r1, last), c1)) for (r0, c0), (r1, c1) in self.merged if r0 <= last
        ]
        return data


def _span(element: Any, attribute: str, limit: int) -> int:
    digits = re.match(r"\s*(\d+)", element.get(attribute) or "")
    return min(max(int(digits.group(1)), 1), limit) if digits else 1


def _cell_text(element: Any) -> str | None:
    """The cell as Excel shows it: HTML whitespace collapsed, ``<br>`` a line break."""
    pieces: list[object] = []

    def walk(node: Any) -> None:
        if node.text:
            pieces.append(node.text)
        for child in node:
            if child.tag == "br":
                pieces.append(_BREAK)
            elif isinstance(child.tag, str):
                walk(child)
            if child.tail:
                pieces.append(child.tail)

    walk(element)
    lines: list[str] = []
    current: list[str] = []
    for piece in [*pieces, _BREAK]:
        if piece is _BREAK:
            lines.append(_WHITESPACE.sub(" ", "".join(current)).strip())
            current = []
        else:
            current.append(str(piece))
    text = "\n".join(lines).strip("\n")
    return text or None


def _events(text: str) -> Iterator[tuple[str, Any]]:
    from lxml import etree

    parser = etree.HTMLPullParser(
        events=("start", "end"),
        no_network=True,
        remove_comments=True,
        remove_pis=True,
        huge_tree=False,
    )
    for start in range(0, len(text), _FEED):
        parser.feed(text[start : start + _FEED])
        yield from parser.read_events()
    parser.close()
    yield from parser.read_events()


def _parse(text: str, name: str) -> list[_Table]:
    """Tables of the page in document order (an inner table before its outer one ends)."""
    open_tables: list[_Table] = []
    done: list[_Table] = []
    depth = 0
    started = 0
    cells = [0]  # every table's cells count against one budget
    for event, element in _events(text):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            depth += 1
            if depth > MAX_DEPTH:
                raise _fail(
                    translate(
                        "Import",
                        "{name} nests its elements more than {limit} deep; it is damaged or "
                        "not a table exported by another system.",
                    ),
                    name=name,
                    limit=MAX_DEPTH,
                )
            if tag == "table":
                open_tables.append(_Table(started, name, cells=cells))
                started += 1
            elif tag == "tr" and open_tables:
                open_tables[-1].start_row()
            continue
        depth -= 1
        if not open_tables:
            continue
        table = open_tables[-1]
        if tag in ("td", "th"):
            table.add_cell(
                _cell_text(element),
                _span(element, "rowspan", MAX_ROWSPAN),
                _span(element, "colspan", MAX_COLSPAN),
            )
            element.clear(keep_tail=True)
        elif tag == "tr":
            table.end_row()
            element.clear(keep_tail=True)
            parent = element.getparent()
            while parent is not None and element.getprevious() is not None:
                del parent[0]  # rows already read: keep memory flat on long tables
        elif tag == "table":
            table.end_row()
            done.append(open_tables.pop())
    done.extend(open_tables)
    return sorted(done, key=lambda t: t.order)
