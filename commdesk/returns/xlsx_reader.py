"""Read a return workbook written by :mod:`xlsx_writer` and check it for tampering.

The township opens hundreds of these at once, so reading uses python-calamine:
a whole return reads and checks in about 6 ms here, where openpyxl in read-only
mode needs about 60 ms just to read the cells (and sees neither merged cells
nor protection). Calamine gives numbers as floats, so figures are compared with
a tolerance. Two checks: the SHA-256 stored with the metadata must match the
metadata content, and every visible figure must equal the metadata's. A
workbook edited by hand after export is still read, but reported as altered.
"""

from __future__ import annotations

import errno
import hashlib
import json
import math
import re
import stat
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from python_calamine import CalamineWorkbook

from commdesk.importing.errors import ImportFileError
from commdesk.importing.guards import check_zip, scan_xlsx_sheet, xlsx_parts
from commdesk.importing.headers import column_letter
from commdesk.returns.xlsx_writer import (
    FORMAT_MARKER,
    META_FIRST_CHUNK_ROW,
    META_SHEET,
    READABLE_VERSIONS,
    canonical_json,
)

Value = int | float | str | None
Values = dict[str, dict[str, dict[str, Value]]]

_COORD = re.compile(r"^([A-Z]{1,3})([1-9][0-9]{0,6})$")
_REL_TOL = 1e-9
_ABS_TOL = 1e-9
MAX_CELL_PROBLEMS = 20  # a shifted sheet would otherwise list every cell
# A return has six tables and a township workbook a sheet per committee; far more
# than these is a hostile or broken file, refused before calamine allocates it.
MAX_SHEETS = 1_000
MAX_SHEET_CELLS = 2_000_000


class BadFileError(ValueError):
    """The file is not a readable .xlsx workbook at all (empty, not a zip, damaged)."""


class NotAReturnError(ValueError):
    """A readable workbook, but not a CommDesk return (or its metadata is unreadable)."""


@dataclass
class ReturnFile:
    """A return as read back: what its metadata says and whether the file was altered."""

    path: Path
    meta: dict[str, Any]
    values: Values
    visible_values: Values
    hash_ok: bool
    visible_ok: bool
    stored_sha256: str
    problems: list[str] = field(default_factory=list)

    @property
    def altered(self) -> bool:
        return not self.hash_ok or not self.visible_ok

    @property
    def definition_id(self) -> str:
        return str(self.meta.get("definition", {}).get("id", ""))

    @property
    def definition_version(self) -> str:
        return str(self.meta.get("definition", {}).get("version", ""))

    @property
    def period_code(self) -> str:
        return str(self.meta.get("period", {}).get("code", ""))

    @property
    def division_code(self) -> str:
        return str(self.meta.get("community", {}).get("division_code", ""))


@lru_cache(maxsize=4096)
def _cell_index(coord: str) -> tuple[int, int] | None:
    """0-based (row, column) of an A1 reference, or None if it is not one."""
    m = _COORD.match(coord)
    if m is None:
        return None
    col = 0
    for ch in m.group(1):
        col = col * 26 + (ord(ch) - 64)
    return int(m.group(2)) - 1, col - 1


def _at(grid: list[list[Any]], row: int, col: int) -> Any:
    if row < len(grid) and col < len(grid[row]):
        return grid[row][col]
    return None


def _text(value: Any) -> str:
    """A cell read as text (calamine gives floats for numbers typed over a string)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def normalise(value: Any) -> Value:
    """A visible cell as the metadata would hold it: '' → None, 12.0 → 12."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, float):
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    if isinstance(value, int | str):
        return value
    if isinstance(value, datetime | date | time | timedelta):
        return value.isoformat() if not isinstance(value, timedelta) else str(value)
    return str(value)


def _as_number(value: Value) -> float | None:
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            number = float(value.strip().replace(",", ""))
        except ValueError:
            return None
        return number if math.isfinite(number) else None
    return None


def same_value(expected: Value, seen: Value) -> bool:
    """Equal as the township means it: numbers within float noise, text exactly."""
    if expected == seen and type(expected) is type(seen):
        return True
    if expected is None or seen is None:
        return False
    if isinstance(expected, str) and isinstance(seen, str):
        return expected == seen
    a, b = _as_number(expected), _as_number(seen)
    if a is None or b is None:
        return False
    return math.isclose(a, b, rel_tol=_REL_TOL, abs_tol=_ABS_TOL)


def _show(value: Value) -> str:
    return "空" if value is None else f"{value:g}" if isinstance(value, float) else str(value)


def _guard(path: Path) -> None:
    """The importer's zip and sheet-extent guards, with a return's smaller bounds.

    calamine materialises a sheet as a dense rectangle: one stray value at
    XFD1048576 makes it ask for 500 GB and abort the process (no exception), and
    a value at ZZ60000 costs gigabytes. A return is a few hundred cells a sheet.
    """
    try:
        with zipfile.ZipFile(path) as zf:
            check_zip(zf)
            sheets = xlsx_parts(zf).sheets
            if len(sheets) > MAX_SHEETS:
                raise BadFileError(
                    f"{path.name}：工作簿有 {len(sheets)} 个工作表，远多于一份报表，未读取。"
                )
            for name, (_state, part) in sheets.items():
                try:
                    scan = scan_xlsx_sheet(zf, part)
                except ImportFileError:
                    scan = None
                if scan is None or scan.cells > MAX_SHEET_CELLS:
                    size = f"为 {scan.rows} 行 × {scan.columns} 列" if scan else "过大或已损坏"
                    raise BadFileError(
                        f"{path.name}：工作表“{name}”的已用区域{size}，不是一份报表，未读取。"
                    )
    except ImportFileError as exc:  # zip bomb, encryption, too many parts
        raise BadFileError(f"{path.name}：{exc}") from exc
    except zipfile.BadZipFile as exc:
        raise BadFileError(f"{path.name}：不是 Excel（.xlsx）工作簿（不是 zip 文件）。") from exc


def _open(path: Path) -> CalamineWorkbook:
    try:
        st = path.stat()
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(errno.EISDIR, path.name)
        if not stat.S_ISREG(st.st_mode):  # a FIFO would block the read forever
            raise BadFileError(f"{path.name}：不是普通文件（设备、管道或套接字），未读取。")
        if st.st_size == 0:
            raise BadFileError(f"{path.name}：文件为空，不是 Excel 工作簿。")
        _guard(path)
        return CalamineWorkbook.from_path(str(path))
    except BadFileError:
        raise
    except FileNotFoundError as exc:
        raise BadFileError(f"{path.name}：文件不存在。") from exc
    except IsADirectoryError as exc:
        raise BadFileError(f"{path.name}：这是一个文件夹，不是 Excel 工作簿。") from exc
    except OSError as exc:
        reason = "符号链接循环" if exc.errno == errno.ELOOP else (exc.strerror or str(exc))
        raise BadFileError(f"{path.name}：无法读取（{reason}），已跳过。") from exc
    except Exception as exc:  # calamine raises its own zip/xml errors, and others
        raise BadFileError(
            f"{path.name}：无法作为 Excel（.xlsx）工作簿读取（{type(exc).__name__}）。"
        ) from exc


def _sheet(wb: CalamineWorkbook, name: str) -> list[list[Any]]:
    return wb.get_sheet_by_name(name).to_python(skip_empty_area=False)


def _read_meta(wb: CalamineWorkbook, path: Path) -> tuple[dict[str, Any], str, str]:
    """The metadata content, the stored hash and the hash of the content as read."""
    if META_SHEET not in wb.sheet_names:
        raise NotAReturnError(
            f"{path.name}：不是 CommDesk 导出的统计报表（缺少元数据工作表 {META_SHEET}）。"
        )
    grid = _sheet(wb, META_SHEET)
    if _text(_at(grid, 0, 0)) != FORMAT_MARKER:
        raise NotAReturnError(f"{path.name}：不是 CommDesk 导出的统计报表（缺少格式标记）。")
    version = _text(_at(grid, 0, 1))
    if version not in {str(v) for v in READABLE_VERSIONS}:
        raise NotAReturnError(
            f"{path.name}：报表文件格式版本 {version or '未知'} 不受支持，请升级 CommDesk。"
        )
    stored = _text(_at(grid, 1, 1)).strip().lower()
    try:
        count = int(_text(_at(grid, 2, 1)))
    except ValueError:
        count = -1
    first = META_FIRST_CHUNK_ROW - 1
    if count > len(grid) - first:  # more chunks claimed than rows exist: not ours
        count = -1
    chunks = [_text(_at(grid, first + i, 0)) for i in range(max(count, 0))]
    try:
        if count < 1:
            raise ValueError("chunk count")
        content = json.loads("".join(chunks))
        if not isinstance(content, dict) or content.get("format") != FORMAT_MARKER:
            raise ValueError("format marker")
    except ValueError as exc:
        raise NotAReturnError(
            f"{path.name}：报表元数据已损坏，无法读取（可能被手工修改过）。"
        ) from exc
    computed = hashlib.sha256(canonical_json(content).encode("utf-8")).hexdigest()
    return content, stored, computed


def _check_visible(
    wb: CalamineWorkbook, meta: dict[str, Any], problems: list[str]
) -> tuple[Values, bool]:
    """Every recorded value cell compared with the metadata's figure."""
    values: Values = meta.get("values") or {}
    layout: dict[str, Any] = meta.get("layout") or {}
    visible: Values = {}
    ok = True
    sheets = set(wb.sheet_names)
    grids: dict[str, list[list[Any]]] = {}
    mismatches = 0
    for table, spec in layout.items():
        name = str(spec.get("sheet", ""))
        if name not in sheets:
            problems.append(f"工作表“{name}”（{table}）缺失或已改名。")
            ok = False
            continue
        if name not in grids:
            grids[name] = _sheet(wb, name)
        grid = grids[name]
        seen_table = visible.setdefault(table, {})
        for row, cols in (spec.get("cells") or {}).items():
            for col, coord in cols.items():
                index = _cell_index(str(coord))
                if index is None:
                    problems.append(f"{name} {row} 第{col}列：元数据中的单元格位置无效。")
                    ok = False
                    continue
                seen = normalise(_at(grid, *index))
                seen_table.setdefault(row, {})[col] = seen
                expected = values.get(table, {}).get(row, {}).get(col)
                if not same_value(expected, seen):
                    ok = False
                    mismatches += 1
                    if mismatches > MAX_CELL_PROBLEMS:
                        continue
                    problems.append(
                        f"{name} {row} 第{col}列 单元格 {coord} 与元数据不一致："
                        f"元数据为 {_show(expected)}，表格中为 {_show(seen)}。"
                    )
    budget = max(MAX_CELL_PROBLEMS - mismatches, 0)
    text_ok, text_problems = _check_text(meta, grids, wb, layout, problems, budget)
    ok = ok and text_ok
    more = max(mismatches - MAX_CELL_PROBLEMS, 0) + max(text_problems - budget, 0)
    if more:
        problems.append(f"另有 {more} 个单元格与导出时不一致。")
    # A value in the metadata without a visible cell is a tampered layout too.
    for table, rows in values.items():
        for row, cols in rows.items():
            for col in cols:
                if col not in (layout.get(table, {}).get("cells", {}).get(row) or {}):
                    ok = False
                    problems.append(f"{table} {row} 第{col}列：元数据中缺少对应的表格单元格。")
    return visible, ok


def _check_text(
    meta: dict[str, Any],
    grids: dict[str, list[list[Any]]],
    wb: CalamineWorkbook,
    layout: dict[str, Any],
    problems: list[str],
    budget: int,
) -> tuple[bool, int]:
    """Every visible cell that is not a figure (labels, codes, period, 填报单位, dates,
    signatories, notes) as exported, and no text added (format 2 on). Lists at most
    ``budget`` problems; returns (all as exported, problems found)."""
    texts: dict[str, dict[str, Value]] = meta.get("visible_text") or {}
    figures: dict[str, set[str]] = {}
    for spec in layout.values():
        cells = figures.setdefault(str(spec.get("sheet", "")), set())
        cells.update(str(c) for cols in (spec.get("cells") or {}).values() for c in cols.values())
    ok = True
    shown = 0

    def say(message: str) -> None:
        nonlocal shown
        shown += 1
        if shown <= budget:
            problems.append(message)

    for name, cells in texts.items():
        if name not in wb.sheet_names:
            say(f"工作表“{name}”缺失或已改名。")
            ok = False
            continue
        if name not in grids:
            grids[name] = _sheet(wb, name)
        grid = grids[name]
        for coord, expected in cells.items():
            index = _cell_index(str(coord))
            seen = normalise(_at(grid, *index)) if index is not None else None
            if not same_value(normalise(expected), seen):
                ok = False
                say(
                    f"{name}!{coord} 的内容与导出时不同：导出时为“{_show(expected)}”，"
                    f"现在为“{_show(seen)}”。"
                )
        known = figures.get(name, set()) | set(cells)
        for r, row in enumerate(grid):
            for c, value in enumerate(row):
                coord = f"{column_letter(c)}{r + 1}"
                if normalise(value) is not None and coord not in known:
                    ok = False
                    say(f"{name}!{coord} 是导出后添加的内容：“{_show(normalise(value))}”。")
    return ok, shown


def read_return(path: Path) -> ReturnFile:
    """Read and verify one return workbook.

    Raises :class:`BadFileError` when the file is not a readable .xlsx and
    :class:`NotAReturnError` when it is a workbook but not a CommDesk return.
    """
    path = Path(path)
    wb = _open(path)
    try:
        try:
            meta, stored, computed = _read_meta(wb, path)
            problems: list[str] = []
            hash_ok = stored == computed
            if not hash_ok:
                problems.append("元数据校验失败（SHA-256 不符），报表导出后被修改过。")
            visible, visible_ok = _check_visible(wb, meta, problems)
        except (BadFileError, NotAReturnError):
            raise
        except (AttributeError, TypeError, KeyError) as exc:  # metadata of the wrong shape
            raise NotAReturnError(
                f"{path.name}：报表元数据已损坏，无法读取（可能被手工修改过）。"
            ) from exc
        except Exception as exc:  # a damaged sheet part inside a valid zip
            raise BadFileError(
                f"{path.name}：工作簿内容损坏，无法读取（{type(exc).__name__}）。"
            ) from exc
    finally:
        wb.close()
    return ReturnFile(
        path=path,
        meta=meta,
        values=meta.get("values") or {},
        visible_values=visible,
        hash_ok=hash_ok,
        visible_ok=visible_ok,
        stored_sha256=stored,
        problems=problems,
    )
