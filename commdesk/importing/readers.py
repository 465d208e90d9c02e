"""Read a clerk's workbook or CSV into plain rows of cell values.

Spreadsheets go through python-calamine (about ten times faster than openpyxl)
after :mod:`commdesk.importing.guards` has bounded what calamine will allocate.
Cell values keep their type on purpose: an ID that arrives as a float must
stay a float so the validator can say it lost digits in Excel; dates arrive as
``date``/``datetime`` or as serial numbers and the validator reads both.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from commdesk.domain.i18n import translate
from commdesk.importing import guards
from commdesk.importing.errors import ImportFileError

MAX_BLANK_RUN = 1000  # consecutive blank rows after which reading stops
MAX_ROWS = 200_000  # non-blank rows in one sheet

Cell = str | float | int | bool | date | datetime | time | timedelta | None
_BLANK_CHARS = " \t\r\n\u3000\u00a0\u200b\ufeff"


@dataclass(frozen=True)
class SheetInfo:
    name: str
    visible: bool = True
    worksheet: bool = True  # False for chart sheets, which hold no cells


@dataclass
class SheetData:
    """The non-blank rows of one sheet, each with its row number as Excel shows it."""

    name: str
    rows: list[tuple[int, tuple[Cell, ...]]]
    first_column: int = 0  # 0-based column of cells[0], for column letters in messages
    # ((first row, first col), (last row, last col)): rows as Excel numbers them,
    # columns 0-based like ``cells``.
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    formula_without_value: set[tuple[int, int]] = field(default_factory=set)  # (row, col) 1-based
    blank_rows: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def width(self) -> int:
        return max((len(cells) for _, cells in self.rows), default=0)


@dataclass
class Workbook:
    """An opened source file: its format and sheets; rows are read per sheet."""

    path: Path
    format: str
    sheets: list[SheetInfo]
    encoding: str | None = None  # CSV and HTML tables
    _calamine: Any = None
    _scans: dict[str, guards.SheetScan] = field(default_factory=dict)
    _xlsx_parts: dict[str, tuple[str, str]] = field(default_factory=dict)
    _csv_text: str | None = None
    _html_sheets: dict[str, SheetData] = field(default_factory=dict)

    def close(self) -> None:
        if self._calamine is not None:
            with contextlib.suppress(Exception):
                self._calamine.close()
            self._calamine = None


def _fail(text: str, **kwargs: object) -> ImportFileError:
    """``text`` is already translated (``translate("Import", literal)`` at the call)."""
    return ImportFileError(text.format(**kwargs))


def is_blank(value: Cell) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip(_BLANK_CHARS)
    return False


def _clean(value: Any) -> Cell:
    """calamine's empty string becomes None; whitespace-only text too."""
    if isinstance(value, str) and not value.strip(_BLANK_CHARS):
        return None
    return value


def open_workbook(path: Path | str) -> Workbook:
    """Sniff, check and open ``path``; raises :class:`ImportFileError` for bad files."""
    path = Path(path)
    kind = guards.sniff(path)
    if kind == guards.CSV:
        return _open_csv(path)
    if kind == guards.HTML:
        from commdesk.importing.html_table import open_html

        return open_html(path)
    scans: dict[str, guards.SheetScan] = {}
    parts: dict[str, tuple[str, str]] = {}
    if kind in (guards.XLSX, guards.ODS):
        try:
            with zipfile.ZipFile(path) as zf:
                guards.check_zip(zf)
                if kind == guards.XLSX:
                    parts = guards.xlsx_parts(zf).sheets
                    for name in ("xl/sharedStrings.xml", "xl/styles.xml"):
                        if name in zf.namelist():
                            guards.read_part(zf, name)  # real size, not the declared one
                else:
                    scans = guards.scan_ods(zf)
        except zipfile.BadZipFile:
            raise _fail(
                translate("Import", "{name} is damaged (not a readable zip/xlsx file)."),
                name=path.name,
            ) from None
    book = _calamine_open(path, kind)
    try:
        metadata = book.sheets_metadata
    except BaseException as exc:
        _reraise_fatal(exc)
        raise _fail(
            translate("Import", "Cannot read the list of sheets in {name}."), name=path.name
        ) from None
    from python_calamine import SheetTypeEnum, SheetVisibleEnum

    sheets = [
        SheetInfo(
            name=m.name,
            visible=m.visible == SheetVisibleEnum.Visible,
            worksheet=m.typ == SheetTypeEnum.WorkSheet,
        )
        for m in metadata
    ]
    return Workbook(path, kind, sheets, _calamine=book, _scans=scans, _xlsx_parts=parts)


def _reraise_fatal(exc: BaseException) -> None:
    if isinstance(exc, KeyboardInterrupt | SystemExit | MemoryError):
        raise exc


def _calamine_open(path: Path, kind: str) -> Any:
    from python_calamine import CalamineWorkbook

    suffix = {guards.XLSX: ".xlsx", guards.XLS: ".xls", guards.ODS: ".ods"}[kind]
    try:
        if path.suffix.lower() == suffix or (
            kind == guards.XLSX and path.suffix.lower() == ".xlsm"
        ):
            return CalamineWorkbook.from_path(str(path))
        with path.open("rb") as fh:  # misnamed file: let calamine sniff the content
            return CalamineWorkbook.from_filelike(io.BytesIO(fh.read()))
    except BaseException as exc:  # pyo3 panics derive from BaseException
        _reraise_fatal(exc)
        if "password" in type(exc).__name__.lower() or "password" in str(exc).lower():
            raise _fail(
                translate(
                    "Import",
                    "The file is password-protected. Open it in Excel/WPS, remove the "
                    "password, save and import again.",
                )
            ) from None
        if kind == guards.XLS and path.suffix.lower() in {".xlsx", ".xlsm"}:
            raise _fail(
                translate("Import", "{name} is password-protected or not an xlsx file."),
                name=path.name,
            ) from None
        raise _fail(
            translate("Import", "Cannot read {name} as a spreadsheet ({error})."),
            name=path.name,
            error=str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__,
        ) from None


def read_sheet(book: Workbook, name: str) -> SheetData:
    """The non-blank rows of sheet ``name``, bounded in rows and blank runs."""
    if book.format == guards.CSV:
        return _read_csv_rows(book, name)
    if book.format == guards.HTML:
        return book._html_sheets[name]
    scan = book._scans.get(name)
    if book.format == guards.XLSX:
        part = book._xlsx_parts.get(name, ("", ""))[1]
        with zipfile.ZipFile(book.path) as zf:
            if part and part in zf.namelist():
                scan = guards.scan_xlsx_sheet(zf, part)
            else:
                # The sheet's part could not be named: bound every sheet instead, so
                # calamine is never handed an unchecked one. Formula positions are
                # unknown then, so none are reported.
                for other in zf.namelist():
                    if other.startswith("xl/worksheets/") and other.endswith(".xml"):
                        guards.scan_xlsx_sheet(zf, other)
                scan = None
    try:
        sheet = book._calamine.get_sheet_by_name(name)
        start_row, start_col = sheet.start or (0, 0)
        end_row = (sheet.end or (0, 0))[0]
        merged = list(sheet.merged_cell_ranges or [])
        # to_python() starts at the used area's first row, as the numbering assumes
        # (iter_rows() starts at row 1 whatever the area, so a table below blank rows
        # had its rows reported that many rows too low), and costs less.
        data = _collect(name, sheet.to_python(), start_row, end_row)
    except ImportFileError:
        raise
    except BaseException as exc:
        _reraise_fatal(exc)
        raise _fail(
            translate("Import", "Cannot read the sheet {sheet} ({error})."),
            sheet=name,
            error=str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__,
        ) from None
    data.first_column = start_col
    data.merged = [
        ((r0 + 1, c0 - start_col), (r1 + 1, c1 - start_col)) for (r0, c0), (r1, c1) in merged
    ]
    if scan is not None:
        data.formula_without_value = set(scan.formula_without_value)
    return data


def _collect(
    name: str, rows: Iterable[Iterable[Any]], start_row: int, end_row: int | None
) -> SheetData:
    data = SheetData(name=name, rows=[])
    blank_run = 0
    for index, raw in enumerate(rows):
        cells = tuple(
            [v if v.__class__ is not str or (v and not v.isspace()) else None for v in raw]
        )
        number = start_row + index + 1
        if cells.count(None) == len(cells):  # a blank row (count runs in C)
            data.blank_rows += 1
            blank_run += 1
            if blank_run >= MAX_BLANK_RUN:
                if end_row is None:
                    data.notes.append(
                        translate(
                            "Import",
                            "Stopped reading at row {row}: {count} blank rows in a row; "
                            "anything below them was not read.",
                        ).format(row=number, count=MAX_BLANK_RUN)
                    )
                elif end_row + 1 > number:
                    data.notes.append(
                        translate(
                            "Import",
                            "Stopped reading at row {row}: {count} blank rows in a row. "
                            "Rows {first}–{last} below them were not read.",
                        ).format(
                            row=number, count=MAX_BLANK_RUN, first=number + 1, last=end_row + 1
                        )
                    )
                break
            continue
        blank_run = 0
        data.rows.append((number, _trim_trailing(cells) if cells[-1] is None else cells))
        if len(data.rows) > MAX_ROWS:
            raise _fail(
                translate(
                    "Import",
                    "The sheet {sheet} has more than {limit} rows; split it into smaller files.",
                ),
                sheet=name,
                limit=f"{MAX_ROWS:,}",
            )
    return data


def _trim_trailing(cells: tuple[Cell, ...]) -> tuple[Cell, ...]:
    end = len(cells)
    while end and cells[end - 1] is None:
        end -= 1
    return cells[:end]


# --------------------------------------------------------------------------- CSV

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _decode(raw: bytes, name: str) -> tuple[str, str]:
    """Text and the encoding it was in: UTF-8 (with or without BOM), UTF-16, GBK/GB18030."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return raw.decode(encoding), encoding
            except UnicodeDecodeError:
                break
    if b"\x00" in raw[:4096]:
        raise _fail(
            translate("Import", "{name} is not a spreadsheet (xlsx, xls, ods or csv)."), name=name
        )
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    _refuse_mixed_encodings(raw, name)
    try:
        return raw.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    raise _fail(
        translate(
            "Import",
            "Cannot tell the text encoding of {name}; save it as “CSV UTF-8” in Excel/WPS.",
        ),
        name=name,
    )


def _line_numbers(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:5])
    return shown + (" …" if len(numbers) > 5 else "")


def _refuse_mixed_encodings(raw: bytes, name: str) -> None:
    """Not UTF-8 as a whole, yet some lines are: the file was pasted together from a
    GBK and a UTF-8 export, and reading it all as GBK would import those lines garbled.
    (A line of Chinese in GBK is practically never valid UTF-8, so the test is reliable.)"""
    utf8: list[int] = []
    other: list[int] = []
    for number, line in enumerate(raw.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            other.append(number)
        else:
            utf8.append(number)
    if utf8 and other:
        raise _fail(
            translate(
                "Import",
                "{name} mixes two text encodings: line(s) {utf8} are UTF-8, line(s) {other} "
                "GBK; nothing was imported. Open it in Excel/WPS, fix the garbled lines and "
                "save it as “CSV UTF-8”.",
            ),
            name=name,
            utf8=_line_numbers(utf8),
            other=_line_numbers(other),
        )


def _open_csv(path: Path) -> Workbook:
    text, encoding = _decode(path.read_bytes(), path.name)
    if "\x00" in text:
        raise _fail(
            translate("Import", "{name} is not a spreadsheet (xlsx, xls, ods or csv)."),
            name=path.name,
        )
    return Workbook(
        path,
        guards.CSV,
        [SheetInfo(path.stem)],
        encoding="GBK/GB18030" if encoding == "gb18030" else encoding,
        _csv_text=text,
    )


def _delimiter(text: str) -> str:
    lines = [line for line in text.splitlines()[:30] if line.strip()]
    best, best_score = ",", 0
    for candidate in (",", "\t", ";", "|"):
        counts = [line.count(candidate) for line in lines]
        if not counts or max(counts) == 0:
            continue
        score = sum(1 for c in counts if c == max(counts)) * max(counts)
        if score > best_score:
            best, best_score = candidate, score
    return best


def _read_csv_rows(book: Workbook, name: str) -> SheetData:
    text = book._csv_text or ""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    try:
        return _collect(name, _csv_cells(reader), 0, None)
    except csv.Error as exc:
        raise _fail(
            translate("Import", "The CSV file is malformed ({error})."), error=str(exc)[:120]
        ) from None


def _csv_cells(reader: Iterator[list[str]]) -> Iterator[list[Cell]]:
    for record in reader:
        yield [value if value != "" else None for value in record]


def list_sheets(path: Path | str) -> list[SheetInfo]:
    """Sheets of a file with their visibility, for the wizard's sheet step."""
    book = open_workbook(path)
    try:
        return list(book.sheets)
    finally:
        book.close()
