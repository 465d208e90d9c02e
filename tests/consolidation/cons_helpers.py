"""Helpers of the consolidation tests: committee returns, independent reading, damage.

33 demo communities (different seeds, village and urban) under township
110105001, plus one under 110105002, each in its own data folder and exported
like a clerk would: ``export`` with an explanation for every warning. Building
them in-process costs ~0.6 s each; the tests only copy the files.

``visible_figures`` reads a workbook the way a person would — find the 甲/乙/丙
key row, then each indicator row by its code in column B — independent of the
layout metadata the code under test uses.
"""

from __future__ import annotations

import functools
import shutil
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

TOWNSHIP = "110105001"
OTHER_TOWNSHIP = "110105002"
TODAY = date(2026, 10, 5)
PERIOD_CODE = "2026Q3"
N_COMMITTEES = 33
RECORDS = 300


@dataclass
class Committee:
    code: str
    kind: str
    seed: int
    data_dir: Path
    path: Path  # its exported 2026Q3 return
    name: str = ""


@dataclass
class Town:
    root: Path
    committees: list[Committee]
    foreign: Committee  # under another township
    definition: Any
    period: Any

    def folder(self, name: str, committees: list[Committee] | None = None) -> Path:
        """A fresh folder holding copies of ``committees``' returns (default: all)."""
        folder = self.root / "work" / name
        n = 1
        while folder.exists():  # each caller gets its own folder
            n += 1
            folder = self.root / "work" / f"{name}-{n}"
        folder.mkdir(parents=True)
        for c in self.committees if committees is None else committees:
            shutil.copy2(c.path, folder / c.path.name)
        return folder


def export_committee(
    data_dir: Path, definition: Any, period: Any, out: Path, today: date = TODAY
) -> Path:
    """Export like a clerk: every warning explained."""
    from commdesk.returns.export import export, prepare
    from commdesk.store.engine import open_store

    store = open_store(data_dir, create=False)
    try:
        prepared = prepare(store, definition, period, today=today)
        notes = {i.code: "已核实，数据无误。" for i in prepared.warnings}
        export(store, definition, period, out, notes=notes, prepared=prepared, today=today)
    finally:
        store.close()
    return out


def make_committee(
    root: Path, template: Path, code: str, kind: str, seed: int, definition: Any, period: Any
) -> Committee:
    from commdesk.store.demo import generate
    from commdesk.store.engine import db_path, open_store

    data_dir = root / f"data-{code}"
    data_dir.mkdir()
    shutil.copy(template, db_path(data_dir))  # migrated once, copied: 0.5 s saved each
    store = open_store(data_dir, create=False)
    try:
        for _attempt in range(5):
            try:
                generate(
                    store, records=RECORDS, seed=seed, division_code=code, kind=kind, today=TODAY
                )
                break
            except ValueError:  # demo.py: a few seeds draw a volunteer no team fits (all-zero
                seed += 1000  # weights in random.choices); reported, worked around here
    finally:
        store.close()
    path = export_committee(data_dir, definition, period, root / "returns" / f"{code}.xlsx")
    return Committee(code, kind, seed, data_dir, path)


# ------------------------------------------------------------------ independent reading
def visible_figures(path: Path) -> dict[tuple[str, str, str], Any]:
    """{(sheet, row code, column key): value} of every table sheet, found by scanning."""
    stat = Path(path).stat()
    return dict(_visible_figures(str(path), stat.st_mtime_ns, stat.st_size))


@functools.lru_cache(maxsize=256)
def _visible_figures(path: str, _mtime: int, _size: int) -> dict[tuple[str, str, str], Any]:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    out: dict[tuple[str, str, str], Any] = {}
    try:
        for ws in wb.worksheets:
            if ws.sheet_state != "visible":
                continue
            rows = [list(r) for r in ws.iter_rows(values_only=True)]
            key_row = next((i for i, r in enumerate(rows) if r and r[0] == "甲"), None)
            if key_row is None:
                continue
            keys = {c: str(v) for c, v in enumerate(rows[key_row]) if c >= 2 and v not in ("丙",)}
            for r in rows[key_row + 1 :]:
                code = r[1] if len(r) > 1 else None
                if code is None:
                    break
                for c, key in keys.items():
                    if c < len(r):
                        out[(ws.title, str(code), key)] = r[c]
    finally:
        wb.close()
    return out


def sheet_rows(path: Path, sheet: str) -> list[list[Any]]:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True)
    try:
        return [list(r) for r in wb[sheet].iter_rows(values_only=True)]
    finally:
        wb.close()


def sheet_text(path: Path, sheet: str) -> str:
    return "\n".join(
        "\t".join("" if v is None else str(v) for v in row) for row in sheet_rows(path, sheet)
    )


def tamper(src: Path, dest: Path, sheet: str, row_code: str, delta: int) -> Path:
    """Copy ``src`` and add ``delta`` to the column-1 figure of a row, as a clerk would in Excel."""
    from openpyxl import load_workbook

    wb = load_workbook(src)
    ws = wb[sheet]
    for row in ws.iter_rows():
        if row[1].value == row_code:
            row[3].value = row[3].value + delta
            break
    else:  # pragma: no cover - the fixture always has the row
        raise AssertionError(row_code)
    wb.save(dest)
    return dest


def not_a_return(path: Path) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["姓名", "电话"])
    wb.active.append(["张三", "13800000000"])
    wb.save(path)
    return path


def corrupt(src: Path, dest: Path) -> Path:
    data = src.read_bytes()
    dest.write_bytes(data[: len(data) // 2])
    return dest


def roster_store(data_dir: Path, committees: list[Committee], extra: list[tuple[str, str]]) -> Any:
    """A township data folder whose roster lists ``committees`` plus ``extra`` (code, name)."""
    from commdesk.store.engine import open_store
    from commdesk.store.services import township

    store = open_store(data_dir)
    township.save_township(store, "朝阳测试街道", TOWNSHIP)
    for c in committees:
        township.add_committee(store, c.name, c.code, c.kind)
    for code, name in extra:
        township.add_committee(store, name, code, "urban")
    return store


def half_up(value: float, decimals: int) -> float:
    """四舍五入 as statistical practice (and the return) rounds."""
    q = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(value)).quantize(q, rounding=ROUND_HALF_UP))
