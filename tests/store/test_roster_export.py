"""Roster export: masked IDs by default, text cells, no formulas, temp-then-rename."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from commdesk.store.catalogue_store import load_catalogues
from commdesk.store.models import AuditEntry
from commdesk.store.services.base import Query
from commdesk.store.services.roster_export import RosterExportError, export_roster
from commdesk.store.services.service_records import service_records
from commdesk.store.services.volunteers import teams, volunteers

ID = "11010519491231002X"


@pytest.fixture
def filled(store: Any) -> Any:
    team = teams.add(store, {"name": '=HYPERLINK("http://x")队'})
    volunteers.add(store, {"name": "张三", "id_number": ID, "mobile": "13800138000",
                           "team_id": team, "skills": "+理发 -修脚 @义诊"})  # fmt: skip
    volunteers.add(
        store,
        {"name": "李四", "id_number": "110105198001010016", "political_status_code": "CPC",
         "platform_registered": True},
    )  # fmt: skip
    return store


def _rows(path: Path) -> list[list[Any]]:
    ws = load_workbook(path).active
    return [[c.value for c in row] for row in ws.iter_rows()]


def test_masked_by_default_chinese_headers_labels(filled: Any, tmp_path: Path) -> None:
    out = tmp_path / "志愿者.xlsx"
    n = export_roster(filled, volunteers, Query(limit=None), out, load_catalogues(filled))
    assert n == 2
    rows = _rows(out)
    assert rows[0][:3] == ["姓名", "身份证号", "性别"]
    by_name = {r[0]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
    assert by_name["张三"]["身份证号"] == "110105********002X"
    assert by_name["李四"]["政治面貌"] == "中共党员"
    assert by_name["李四"]["已在全国志愿服务信息系统注册"] == "是"
    assert ID not in json.dumps(rows, ensure_ascii=False, default=str)
    assert not list(tmp_path.glob(".*part"))


def test_text_cells_and_no_formulas(filled: Any, tmp_path: Path) -> None:
    out = tmp_path / "v.xlsx"
    export_roster(filled, volunteers, Query(limit=None), out, load_catalogues(filled),
                  include_full_ids=True)  # fmt: skip
    ws = load_workbook(out).active
    cells = {c.value: c for row in ws.iter_rows() for c in row if c.value is not None}
    assert cells[ID].data_type == "s" and cells[ID].number_format == "@"
    assert cells["13800138000"].data_type == "s"
    team_cell = cells['=HYPERLINK("http://x")队']
    assert team_cell.data_type == "s"  # written as text, never run as a formula
    assert cells["+理发 -修脚 @义诊"].data_type == "s"
    assert all(c.data_type != "f" for c in cells.values())


def test_full_ids_only_on_request_and_audited(filled: Any, tmp_path: Path) -> None:
    out = tmp_path / "full.xlsx"
    export_roster(filled, volunteers, Query(limit=None), out, load_catalogues(filled),
                  include_full_ids=True, user="clerk")  # fmt: skip
    assert ID in [r[1] for r in _rows(out)]
    with filled.read() as s:
        reveal = s.scalars(select(AuditEntry).where(AuditEntry.action == "reveal_id")).one()
    assert reveal.user == "clerk" and reveal.table_name == "volunteer"


def test_export_follows_the_filter(filled: Any, tmp_path: Path) -> None:
    service_records.add(filled, {"service_date": "2026-03-01", "category_code": "WM01"})
    service_records.add(filled, {"service_date": "2026-04-01", "category_code": "BM01",
                                 "volunteers": [1, 2]})  # fmt: skip
    out = tmp_path / "s.xlsx"
    n = export_roster(filled, service_records, Query(filters={"category_code": "BM01"}),
                      out, load_catalogues(filled))  # fmt: skip
    rows = _rows(out)
    assert n == 1 and len(rows) == 2
    record = dict(zip(rows[0], rows[1], strict=True))
    assert record["服务类别"] == "政务服务代办"
    assert record["参与志愿者"] == "张三、李四"


def test_unwritable_target_leaves_nothing(filled: Any, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(RosterExportError):
        export_roster(filled, volunteers, Query(limit=None), blocker / "v.xlsx",
                      load_catalogues(filled))  # fmt: skip
    existing = tmp_path / "keep.xlsx"
    existing.write_bytes(b"old")
    export_roster(filled, volunteers, Query(limit=None), existing, load_catalogues(filled))
    assert existing.read_bytes() != b"old"
