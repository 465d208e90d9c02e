"""Refuse hostile or broken files before a parser touches them.

calamine is fast but unforgiving: it inflates zip entries without asking, and it
materialises a sheet as a dense rectangle, so one stray cell at XFD1048576 makes
it ask the allocator for hundreds of gigabytes and the process aborts (SIGABRT,
no exception). Everything here is cheap (a bounded, streaming look at the zip
and the sheet XML) and raises :class:`ImportFileError` with a one-line reason.
"""

from __future__ import annotations

import codecs
import html
import posixpath
import re
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from commdesk.domain.i18n import translate
from commdesk.importing.errors import ImportFileError

XLSX, XLS, ODS, CSV, HTML = "xlsx", "xls", "ods", "csv", "html"

MAX_FILE_BYTES = 100 * 1024 * 1024  # on disk
MAX_UNCOMPRESSED = 200 * 1024 * 1024  # sum of a zip's entries
MAX_RATIO = 100  # uncompressed / compressed, for zips big enough to matter
RATIO_MIN_BYTES = 10 * 1024 * 1024
MAX_ZIP_ENTRIES = 10_000
MAX_CELLS = 8_000_000  # dense rectangle calamine would allocate (~30 bytes a cell)
_CHUNK = 8 * 1024 * 1024

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
_ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")
_TEXT_SUFFIXES = {".csv", ".txt", ".tsv"}
_HTML_SUFFIXES = {".xls", ".htm", ".html"}


def _fail(text: str, **kwargs: object) -> ImportFileError:
    """``text`` is already translated (``translate("Import", literal)`` at the call)."""
    return ImportFileError(text.format(**kwargs))


def sniff(path: Path) -> str:
    """The real format of ``path`` from its first bytes, whatever its name says."""
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode) and not stat.S_ISDIR(st.st_mode):
            # A FIFO would block open() until a writer came, holding the folder lock.
            raise _fail(
                translate(
                    "Import", "{name} is a device, pipe or socket, not a file; nothing was read."
                ),
                name=path.name,
            )
        size = st.st_size
        with path.open("rb") as fh:
            head = fh.read(8)
    except FileNotFoundError:
        raise _fail(translate("Import", "File not found: {name}"), name=path.name) from None
    except IsADirectoryError:
        raise _fail(
            translate("Import", "{name} is a folder, not a file."), name=path.name
        ) from None
    except OSError as exc:
        raise _fail(
            translate("Import", "Cannot open {name}: {error}"), name=path.name, error=exc.strerror
        ) from None
    if size == 0:
        raise _fail(translate("Import", "The file {name} is empty."), name=path.name)
    if size > MAX_FILE_BYTES:
        raise _fail(
            translate(
                "Import", "The file is too large ({mb} MB); split it into files under {limit} MB."
            ),
            mb=size // (1024 * 1024),
            limit=MAX_FILE_BYTES // (1024 * 1024),
        )
    suffix = path.suffix.lower()
    if head.startswith(_ZIP_MAGICS):
        return _zip_kind(path)
    if head == _OLE_MAGIC:
        if _ole_is_encrypted(path):
            raise _fail(
                translate(
                    "Import",
                    "The file is password-protected. Open it in Excel/WPS, remove the "
                    "password (File → Info → Protect workbook), save and import again.",
                )
            )
        return XLS
    if suffix in _TEXT_SUFFIXES:
        return CSV
    if suffix in _HTML_SUFFIXES and _looks_like_html(path):
        return HTML  # a web system's "Excel export": an HTML table named .xls
    if suffix in {".xls", ".xlsx", ".xml"} and _looks_like_markup(path):
        raise _fail(
            translate(
                "Import",
                "{name} is a web page or XML saved with a spreadsheet name (exported by "
                "another system); open it in Excel/WPS, save it as .xlsx and import that.",
            ),
            name=path.name,
        )
    if suffix in {".xlsx", ".xlsm"}:
        raise _fail(
            translate("Import", "{name} is password-protected or not an xlsx file."), name=path.name
        )
    raise _fail(
        translate("Import", "{name} is not a spreadsheet (xlsx, xls, ods or csv)."),
        name=path.name,
    )


def _looks_like_html(path: Path) -> bool:
    """An HTML page (not the XML Spreadsheet 2003 format, which stays refused)."""
    with path.open("rb") as fh:
        head = fh.read(4096).lower()
    if head.startswith(codecs.BOM_UTF16_LE) or head.startswith(codecs.BOM_UTF16_BE):
        head = head.decode("utf-16", "replace").encode("utf-8", "replace")
    head = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return (
        head.startswith(b"<")
        and b"<workbook" not in head
        and any(tag in head for tag in (b"<html", b"<table", b"<!doctype html"))
    )


def _looks_like_markup(path: Path) -> bool:
    with path.open("rb") as fh:
        head = fh.read(2048).lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith(b"<") and any(
        tag in head for tag in (b"<html", b"<table", b"<?xml", b"<!doctype")
    )


def _ole_is_encrypted(path: Path) -> bool:
    """An encrypted xlsx is an OLE container with an ``EncryptedPackage`` stream."""
    with path.open("rb") as fh:
        while True:
            block = fh.read(_CHUNK)
            if not block:
                return False
            if _ENCRYPTED_MARK in block:
                return True
            if len(block) == _CHUNK:
                fh.seek(-len(_ENCRYPTED_MARK), 1)


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
                if "xl/workbook.bin" in names and "xl/workbook.xml" not in names:
                    raise _fail(
                        translate(
                            "Import", "xlsb workbooks are not supported; save the file as .xlsx."
                        )
                    )
                return XLSX
            if "content.xml" in names and "mimetype" in names:
                mimetype = zf.read("mimetype")[:100]
                if b"spreadsheet" in mimetype:
                    return ODS
    except zipfile.BadZipFile:
        raise _fail(
            translate("Import", "{name} is damaged (not a readable zip/xlsx file)."), name=path.name
        ) from None
    raise _fail(
        translate("Import", "{name} is not a spreadsheet (xlsx, xls, ods or csv)."), name=path.name
    )


@dataclass
class SheetScan:
    """What calamine would allocate for one sheet, and cells it cannot give us."""

    rows: int = 0
    columns: int = 0
    formula_without_value: set[tuple[int, int]] = field(default_factory=set)  # 1-based

    @property
    def cells(self) -> int:
        return self.rows * self.columns


@dataclass
class XlsxParts:
    """Sheet name → (visibility state, zip part) read from workbook.xml and its rels."""

    sheets: dict[str, tuple[str, str]]


def check_zip(zf: zipfile.ZipFile) -> None:
    """Refuse zip bombs and zip-level encryption, from the central directory."""
    infos = zf.infolist()
    if len(infos) > MAX_ZIP_ENTRIES:
        raise _fail(translate("Import", "The file has too many parts to be a normal workbook."))
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if any(i.flag_bits & 0x1 for i in infos):
        raise _fail(
            translate(
                "Import", "The file is password-protected; remove the password and save again."
            )
        )
    if total > MAX_UNCOMPRESSED:
        raise _fail(
            translate(
                "Import",
                "The workbook unpacks to {mb} MB, more than the {limit} MB allowed; "
                "it is either damaged or far larger than a ledger.",
            ),
            mb=total // (1024 * 1024),
            limit=MAX_UNCOMPRESSED // (1024 * 1024),
        )
    if total > RATIO_MIN_BYTES and total / packed > MAX_RATIO:
        raise _fail(
            translate(
                "Import",
                "The workbook is compressed {ratio}:1, which only a damaged or malicious "
                "file does; it was not opened.",
            ),
            ratio=int(total / packed),
        )


def read_part(zf: zipfile.ZipFile, name: str, limit: int = MAX_UNCOMPRESSED) -> bytes:
    """Read a zip entry, trusting neither its declared size nor its content length."""
    out = bytearray()
    try:
        with zf.open(name) as fh:
            while chunk := fh.read(_CHUNK):
                out += chunk
                if len(out) > limit:
                    raise _fail(
                        translate("Import", "A part of the workbook is too large to be a ledger.")
                    )
    except (zipfile.BadZipFile, EOFError, OSError, RuntimeError) as exc:
        raise _fail(
            translate("Import", "The workbook is damaged ({error})."), error=str(exc)[:80]
        ) from None
    return bytes(out)


_SHEET_TAG = re.compile(rb"<(?:\w+:)?sheet\b([^>]*)/?>")
_ATTR = re.compile(rb'([\w:]+)\s*=\s*"([^"]*)"')
_REL_TAG = re.compile(rb"<(?:\w+:)?Relationship\b([^>]*)/?>")


def _attrs(raw: bytes) -> dict[str, str]:
    return {
        k.decode("ascii", "replace").split(":")[-1]: html.unescape(v.decode("utf-8", "replace"))
        for k, v in _ATTR.findall(raw)
    }


def xlsx_parts(zf: zipfile.ZipFile) -> XlsxParts:
    """Map sheet names to their XML parts without a general XML parser (no entity tricks)."""
    workbook = read_part(zf, "xl/workbook.xml", 16 * 1024 * 1024)
    try:
        rels = read_part(zf, "xl/_rels/workbook.xml.rels", 16 * 1024 * 1024)
    except KeyError:
        rels = b""
    targets: dict[str, str] = {}
    for raw in _REL_TAG.findall(rels):
        a = _attrs(raw)
        target = a.get("Target", "")
        if target.startswith("/"):
            part = target.lstrip("/")
        else:
            part = posixpath.normpath(posixpath.join("xl", target))
        targets[a.get("Id", "")] = part
    sheets: dict[str, tuple[str, str]] = {}
    for raw in _SHEET_TAG.findall(workbook):
        a = _attrs(raw)
        name = a.get("name")
        if name is None:
            continue
        sheets[name] = (a.get("state", "visible"), targets.get(a.get("id", ""), ""))
    return XlsxParts(sheets)


_ROW_R = re.compile(rb'<row\b[^>]*?\sr="(\d{1,9})"')
_FORMULA_CELL = re.compile(
    rb"<c\b([^>]*?)>\s*<f\b[^>]*?(?:/>|>.*?</f>)\s*(?:<v\b[^>]*?(?:/>|>(.*?)</v>))?",
    re.S,
)
_CELL_REF = re.compile(rb'\sr="([A-Z]{1,3})(\d{1,9})"')
_TYPE_ATTR = re.compile(rb'\st="(\w+)"')


def column_number(letters: bytes | str) -> int:
    """A1-style column letters to a 1-based number."""
    text = letters.decode("ascii") if isinstance(letters, bytes) else letters
    number = 0
    for char in text:
        number = number * 26 + (ord(char) - 64)
    return number


def scan_xlsx_sheet(zf: zipfile.ZipFile, part: str) -> SheetScan:
    """Bound the sheet's dense area and list formula cells that have no saved value."""
    scan = SheetScan()
    carry = b""
    total = 0
    try:
        fh = zf.open(part)
    except KeyError:
        raise _fail(
            translate("Import", "The workbook is damaged (sheet part {part} is missing)."),
            part=part,
        ) from None
    try:
        while True:
            block = fh.read(_CHUNK)
            total += len(block)
            if total > MAX_UNCOMPRESSED:
                raise _fail(
                    translate("Import", "A part of the workbook is too large to be a ledger.")
                )
            data = carry + block
            if block:
                cut = data.rfind(b"</row>")
                if cut < 0:
                    carry = data
                    continue
                cut += len(b"</row>")
                data, carry = data[:cut], data[cut:]
            else:
                carry = b""
            _scan_chunk(data, scan)
            if not block:
                break
    except (zipfile.BadZipFile, EOFError, OSError, RuntimeError) as exc:
        raise _fail(
            translate("Import", "The workbook is damaged ({error})."), error=str(exc)[:80]
        ) from None
    finally:
        fh.close()
    if scan.cells > MAX_CELLS:
        raise _fail(
            translate(
                "Import",
                "The sheet's used area is {rows} rows × {columns} columns, too large to open. "
                "Delete the empty rows and columns around the table (or stray cells far "
                "below or to the right), save and import again.",
            ),
            rows=scan.rows,
            columns=scan.columns,
        )
    return scan


_LAST_ROW_R = re.compile(rb'\sr="(\d{1,9})"')
_REF_ROW = re.compile(rb'r="[A-Z]{1,3}(\d{1,9})"')
_REF_COL = re.compile(rb'r="([A-Z]{1,3})\d')
_REF_ANY = re.compile(rb'r="([A-Z]{1,3})(\d{1,9})"')
_FEW_CELLS = 20_000  # per 8 MB chunk
_WIDE_REF = re.compile(rb'r="([A-Z]{2,3})\d')


def _cell_tags(data: bytes) -> int:
    return sum(data.count(b"<c" + end) for end in (b" ", b">", b"\t", b"\n", b"\r", b"/"))


def _sheet_data(data: bytes) -> bytes:
    """Only the ``<sheetData>`` part: ``<cols>``, ``<cfRule>``… also start with ``<c``."""
    start = data.find(b"<sheetData")
    end = data.find(b"</sheetData>")
    return data[start if start >= 0 else 0 : end if end >= 0 else len(data)]


def _scan_chunk(data: bytes, scan: SheetScan) -> None:
    """Update ``scan`` from whole rows of sheet XML.

    The fast path is a handful of byte counts and literal-prefix searches that
    bound the area from above; when the bound is not tight enough, or anything
    is unusual (cells without a reference, odd whitespace, inline rich text),
    every cell reference is read.
    """
    data = _sheet_data(data)
    row_tags = data.count(b"<row")
    refs = data.count(b'r="')
    if refs - row_tags < data.count(b"<c"):
        _scan_chunk_exact(data, scan)
    else:
        last = data.rfind(b"<row")
        match = _LAST_ROW_R.search(data, last, data.find(b">", last) + 1) if last >= 0 else None
        rows = max(int(match.group(1)) if match else 0, scan.rows + row_tags)
        digits = len(str(max(rows, 1)))
        columns = 26
        if _odd_refs(data, digits):
            if digits < 9:  # references have at most nine digits: none has more then
                longer = re.compile(rb'r="[A-Z]{1,3}(\d{%d,9})"' % (digits + 1))
                for found in longer.findall(data):
                    rows = max(rows, int(found))
                    digits = len(str(rows))
            if _WIDE_REF.search(data):
                wide = set(_WIDE_REF.findall(data))
                columns = column_number(max(wide, key=lambda c: (len(c), c)))
        # A cell may name a later row than its <row> (hostile, never seen in real
        # files); with the same number of digits it stays below 10**digits.
        if 10**digits * max(columns, scan.columns) > MAX_CELLS:
            _scan_chunk_exact(data, scan)
        else:
            scan.rows = max(scan.rows, rows)
            scan.columns = max(scan.columns, columns)
    if b"<f" in data:
        _formula_cells(data, scan)


def _odd_refs(data: bytes, digits: int) -> bool:
    """Whether some cell reference has two or three letters, or a row number of more
    than ``digits`` digits: one pass, where none is found in an ordinary sheet and the
    two passes that read such references are skipped."""
    return re.search(rb'r="(?:[A-Z]{2,3}\d|[A-Z]\d{%d})' % (digits + 1), data) is not None


def _scan_chunk_exact(data: bytes, scan: SheetScan) -> None:
    """Read the reference of every cell that holds something.

    Cells with content end in ``</c>``; a formatted blank cell is ``<c …/>``,
    which calamine skips. Few content cells (the hostile "million formatted
    rows" case) are located one by one; many are read with one regex pass.
    """
    rows, letters = scan.rows, set()
    if data.count(b"</c>") <= _FEW_CELLS:
        end = data.find(b"</c>")
        while end >= 0:
            start = _cell_start(data, end)
            ref = _REF_ANY.search(data, start, data.find(b">", start) + 1) if start >= 0 else None
            if ref:
                letters.add(ref.group(1))
                rows = max(rows, int(ref.group(2)))
            end = data.find(b"</c>", end + 4)
    else:
        rows = max([rows, *map(int, _REF_ROW.findall(data))])
        letters = set(_REF_COL.findall(data))
    if letters:
        scan.columns = max(scan.columns, column_number(max(letters, key=lambda c: (len(c), c))))
    if data.count(b'r="') - data.count(b"<row") < _cell_tags(data):
        rows = max([rows, scan.rows + data.count(b"<row"), *map(int, _ROW_R.findall(data))])
        for segment in data.split(b"<row")[1:]:
            scan.columns = max(scan.columns, _cell_tags(segment))
    scan.rows = max(scan.rows, rows)


def _cell_start(data: bytes, before: int) -> int:
    """Start of the ``<c`` tag that the ``</c>`` at ``before`` closes (-1 if none)."""
    pos = before
    while True:
        pos = data.rfind(b"<c", 0, pos)
        if pos < 0 or data[pos + 2 : pos + 3] in (b" ", b">", b"\t", b"\n", b"\r"):
            return pos


def _formula_cells(data: bytes, scan: SheetScan) -> None:
    for match in _FORMULA_CELL.finditer(data):
        attrs, value = match.group(1), match.group(2)
        if value:
            continue
        type_attr = _TYPE_ATTR.search(attrs)
        if type_attr and type_attr.group(1) in (b"str", b"s", b"inlineStr"):
            continue  # a formula whose saved result is the empty text
        ref = _CELL_REF.search(b" " + attrs)
        if ref:
            scan.formula_without_value.add((int(ref.group(2)), column_number(ref.group(1))))


_ODS_TABLE = re.compile(rb"<table:table(?=[\s>])([^>]*)>")
_ODS_ROW = re.compile(rb"<table:table-row(?=[\s/>])([^>]*?)(/?)>")
_ODS_CELL = re.compile(rb"<table:(?:covered-)?table-cell(?=[\s/>])([^>]*?)(/?)>")
_ROWS_REPEATED = re.compile(rb'number-rows-repeated="(\d+)"')
_COLS_REPEATED = re.compile(rb'number-columns-repeated="(\d+)"')


def scan_ods(zf: zipfile.ZipFile) -> dict[str, SheetScan]:
    """Dense area of every table in content.xml, counting repeated rows/cells that hold values.

    LibreOffice writes blank areas as one row repeated a million times; that is
    harmless. A *value* repeated a million times is what would blow up.
    """
    data = read_part(zf, "content.xml")
    scans: dict[str, SheetScan] = {}
    tables = list(_ODS_TABLE.finditer(data))
    for index, match in enumerate(tables):
        name = _attrs(match.group(1)).get("name", f"Sheet{index + 1}")
        end = tables[index + 1].start() if index + 1 < len(tables) else len(data)
        scans[name] = _scan_ods_table(data[match.end() : end])
    for name, scan in scans.items():
        if scan.cells > MAX_CELLS:
            raise _fail(
                translate(
                    "Import",
                    "The sheet {sheet} has {rows} rows × {columns} columns of values, too "
                    "large to open.",
                ),
                sheet=name,
                rows=scan.rows,
                columns=scan.columns,
            )
    return scans


def _scan_ods_table(body: bytes) -> SheetScan:
    scan = SheetScan()
    row_index = 0
    rows = list(_ODS_ROW.finditer(body))
    for index, row in enumerate(rows):
        repeat_match = _ROWS_REPEATED.search(row.group(1))
        repeat = int(repeat_match.group(1)) if repeat_match else 1
        if row.group(2):  # <table:table-row/>: an empty row
            row_index += repeat
            continue
        end = rows[index + 1].start() if index + 1 < len(rows) else len(body)
        last_value_col = _ods_row_width(body[row.end() : end])
        row_index += repeat
        if last_value_col:
            scan.rows = row_index
            scan.columns = max(scan.columns, last_value_col)
    return scan


def _ods_row_width(row: bytes) -> int:
    """1-based column of the last cell in the row that holds a value (0 if none)."""
    col = 0
    last = 0
    cells = list(_ODS_CELL.finditer(row))
    for index, cell in enumerate(cells):
        repeat_match = _COLS_REPEATED.search(cell.group(1))
        repeat = int(repeat_match.group(1)) if repeat_match else 1
        end = cells[index + 1].start() if index + 1 < len(cells) else len(row)
        has_value = b"value-type" in cell.group(1) or (
            not cell.group(2) and b"<text:" in row[cell.end() : end]
        )
        col += repeat
        if has_value:
            last = col
    return last
