"""Helpers for the importer tests: fixture paths, file builders, database dumps, the CLI."""

from __future__ import annotations

import sqlite3
import subprocess
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "import"
SHARED = FIXTURES / "shared"

# Valid IDs (checksum right, area codes python-stdnum knows for the birth year).
ID_M_1980 = "110105198001010016"
ID_F_1949 = "11010519491231002X"
ID_M_1990 = "110105199005060138"
ID_F_1985 = "110105198507090244"
ID_F_1975 = "110105197503040261"
ID_M_1968 = "110105196802290311"
ID_M_1972 = "110108197211110554"
ID_F_1995 = "110108199506200628"
ID_M_1945 = "110105194508150116"
ID_F_1938 = "110105193801010441"


def xlsx(path: Path, rows: Sequence[Sequence[Any]], *, title: str = "Sheet1") -> Path:
    """A one-sheet workbook written by openpyxl."""
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(list(row))
    wb.save(path)
    return path


def csv_file(path: Path, rows: Sequence[Sequence[Any]], encoding: str, sep: str = ",") -> Path:
    text = "\r\n".join(sep.join("" if v is None else str(v) for v in row) for row in rows)
    path.write_bytes(text.encode(encoding))
    return path


_CT = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'  # noqa: E501
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'  # noqa: E501
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'  # noqa: E501
    "</Types>"
)
_RELS = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'  # noqa: E501
    "</Relationships>"
)
_WB = (
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WB_RELS = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'  # noqa: E501
    "</Relationships>"
)


def inline(ref: str, text: str) -> str:
    """An inline-string cell; fast to write in bulk, no shared-strings table needed."""
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def raw_xlsx(path: Path, sheet_rows: Iterable[str], *, level: int = 6) -> Path:
    """An xlsx whose sheet XML is written directly (a million rows in a second or two)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as zf:
        zf.writestr("[Content_Types].xml", _CT)
        zf.writestr("_rels/.rels", _RELS)
        zf.writestr("xl/workbook.xml", _WB)
        zf.writestr("xl/_rels/workbook.xml.rels", _WB_RELS)
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as fh:
            fh.write(
                b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                b"<sheetData>"
            )
            buffer: list[str] = []
            for row in sheet_rows:
                buffer.append(row)
                if len(buffer) >= 10000:
                    fh.write("".join(buffer).encode("utf-8"))
                    buffer.clear()
            fh.write("".join(buffer).encode("utf-8"))
            fh.write(b"</sheetData></worksheet>")
    return path


def roster_header_rows(*people: tuple[str, str]) -> list[str]:
    """Sheet XML rows: 姓名/身份证号 header and one row per (name, id)."""
    rows = [f'<row r="1">{inline("A1", "姓名")}{inline("B1", "身份证号")}</row>']
    for index, (name, id_number) in enumerate(people, start=2):
        rows.append(
            f'<row r="{index}">{inline(f"A{index}", name)}{inline(f"B{index}", id_number)}</row>'
        )
    return rows


def dump(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, for 'exactly as before' comparisons."""
    con = sqlite3.connect(db)
    try:
        tables = [
            r[0]
            for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        ]
        return {t: con.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in tables}
    finally:
        con.close()


def run_main(data_dir: Path, *argv: str) -> int:
    """``commdesk --data-dir D import …`` in this process, through the real parser."""
    from commdesk.cli import main

    return main(["--data-dir", str(data_dir), "import", *argv])


def run_cli(data_dir: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """``commdesk --data-dir D import …`` through the installed console script."""
    from console_script import commdesk

    return commdesk("import", *argv, data_dir=data_dir, timeout=120)
