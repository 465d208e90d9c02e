"""Acceptance: a WPS "Excel export" (a GBK HTML table named .xls) imports like its .xlsx twin."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from console_script import commdesk

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
COLUMNS = "v.name, v.gender, v.id_number, v.mobile, v.birth_date, t.name"


def _stored(data_dir: Path) -> list[tuple[object, ...]]:
    con = sqlite3.connect(data_dir / "commdesk.sqlite")
    try:
        columns = {r[1] for r in con.execute("PRAGMA table_info(volunteer)")}
        assert {"name", "gender", "id_number", "mobile", "birth_date"} <= columns
        return con.execute(
            f"SELECT {COLUMNS} FROM volunteer v LEFT JOIN volunteer_team t ON t.id = v.team_id "
            "ORDER BY v.id_number"
        ).fetchall()
    finally:
        con.close()


def _import(tmp_path: Path, name: str) -> tuple[str, str, list[tuple[object, ...]]]:
    source = tmp_path / "files" / name
    source.parent.mkdir(exist_ok=True)
    shutil.copyfile(FIXTURES / name, source)
    data_dir = tmp_path / f"data-{source.suffix.lstrip('.')}"
    result = commdesk("import", "volunteers", source, data_dir=data_dir)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1, (result.returncode, result.stdout, result.stderr)  # 1 rejected
    summary = result.stdout.strip().splitlines()[-1]
    check = commdesk("check", data_dir=data_dir)
    assert check.returncode == 0, check.stdout + check.stderr
    return summary, check.stdout.strip(), _stored(data_dir)


def test_html_xls_imports_like_its_xlsx_twin(tmp_path: Path) -> None:
    raw = (FIXTURES / "volunteers_html.xls").read_bytes()
    assert raw.lstrip().startswith(b"<html") and b"charset=gb2312" in raw
    assert "志愿者".encode("gbk") in raw  # really GBK, with merged header cells
    assert b'colspan="3"' in raw and b'rowspan="2"' in raw

    html_summary, html_check, html_rows = _import(tmp_path, "volunteers_html.xls")
    xlsx_summary, xlsx_check, xlsx_rows = _import(tmp_path, "volunteers_html_twin.xlsx")

    assert html_summary == "added=5 updated=0 skipped=1 rejected=1 warnings=1"
    assert html_summary == xlsx_summary
    assert html_check == xlsx_check
    assert "volunteer=5" in html_check and "volunteer_team=2" in html_check
    assert html_rows == xlsx_rows
    assert ("张霞", "F", "110105198001010016", "13800138001") in [r[:4] for r in html_rows]
