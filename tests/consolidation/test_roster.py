"""The township roster: profile, expected committees, xlsx import as clerks make them, audit."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from commdesk.store.models import AuditEntry
from commdesk.store.services import township as roster

CODE = "110105001"


@pytest.fixture
def town_store(store: Any) -> Any:
    roster.save_township(store, "朝外街道", CODE)
    return store


def audit_rows(store: Any, table: str) -> list[AuditEntry]:
    with store.read() as s:
        query = select(AuditEntry).where(AuditEntry.table_name == table).order_by(AuditEntry.id)
        return list(s.scalars(query))


def test_township_profile_is_validated_and_audited(store: Any) -> None:
    assert roster.get_township(store) is None
    assert roster.load_roster(store) is None
    for name, code in [("", CODE), ("朝外街道", "11010500"), ("朝外街道", "990105001"),
                       ("朝外街道", "110105001001")]:  # fmt: skip
        with pytest.raises(roster.RosterError):
            roster.save_township(store, name, code)
    roster.save_township(store, " 朝外街道 ", "１１０１０５００１")  # full-width digits typed
    assert roster.get_township(store) == ("朝外街道", CODE)
    roster.save_township(store, "朝外街道办事处", CODE)
    actions = [a.action for a in audit_rows(store, "township")]
    assert actions == ["insert", "update"]


def test_add_update_remove_committees(town_store: Any) -> None:
    with pytest.raises(roster.RosterError):
        roster.add_committee(town_store, "幸福社区居民委员会", "110105002001", "urban")
    with pytest.raises(roster.RosterError):
        roster.add_committee(town_store, "幸福社区居民委员会", "11010500100", "urban")
    a = roster.add_committee(town_store, "幸福社区居民委员会", "110105001001")  # kind from name
    b = roster.add_committee(town_store, "东坝村民委员会", "110105001201", "村")
    assert (a.kind, b.kind) == ("urban", "village")
    with pytest.raises(roster.RosterError, match="already"):
        roster.add_committee(town_store, "重复", "110105001001", "urban")
    with pytest.raises(roster.RosterError):
        roster.add_committee(town_store, "无法判断", "110105001002", "")
    roster.update_committee(town_store, b.id, name="东坝村", active=False)
    with pytest.raises(roster.RosterError, match="already"):
        roster.update_committee(town_store, b.id, division_code="110105001001")
    info = roster.load_roster(town_store)
    assert info is not None and info.code == CODE and info.child_length == 12
    assert [(e.name, e.active) for e in info.entries] == [
        ("幸福社区居民委员会", True),
        ("东坝村", False),
    ]
    with pytest.raises(roster.RosterError, match="not under"):
        roster.save_township(town_store, "别的街道", "110105002")
    roster.remove_committee(town_store, a.id)
    assert [e.division_code for e in roster.list_committees(town_store)] == ["110105001201"]
    actions = [a.action for a in audit_rows(town_store, "township_committee")]
    assert actions == ["insert", "insert", "update", "delete"]


def test_committees_need_a_township_first(store: Any) -> None:
    with pytest.raises(roster.RosterError, match="first"):
        roster.add_committee(store, "幸福社区居民委员会", "110105001001", "urban")


def make_roster_xlsx(path: Path) -> Path:
    """A hand-made roster: title row, synonyms, numbers and text mixed, blank lines."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["朝外街道村（居）委会名册"])
    ws.merge_cells("A1:D1")
    ws.append([])
    ws.append(["序号", "村（居）委会名称", "区划代码", "类别"])
    ws.append([1, "幸福社区居民委员会", 110105001001, "社区"])
    ws.append([2, "东坝村民委员会", "110105001201", "村委会"])
    ws.append([None, None, None, None])
    ws.append([3, "金台社区居委会", "１１０１０５００１００２", None])  # full-width, kind from name
    ws.append([4, "外街道社区", "110105002001", "居"])  # other township: rejected
    ws.append([5, "重复社区", 110105001001, "居"])  # duplicate row: rejected
    ws.append([6, "无类型", "110105001003", "其他"])  # unknown kind: rejected
    wb.save(path)
    return path


def test_import_from_xlsx(town_store: Any, tmp_path: Path) -> None:
    roster.add_committee(town_store, "幸福社区（旧名）", "110105001001", "urban")
    report = roster.import_committees(town_store, make_roster_xlsx(tmp_path / "名册.xlsx"))
    assert (report.added, report.updated, report.unchanged) == (2, 1, 0)
    assert [n for n, _reason in report.rejected] == [8, 9, 10]
    entries = {e.division_code: e for e in roster.list_committees(town_store)}
    assert entries["110105001001"].name == "幸福社区居民委员会"
    assert entries["110105001002"].kind == "urban"
    assert entries["110105001201"].kind == "village"
    assert len(audit_rows(town_store, "township_committee")) == 4
    again = roster.import_committees(town_store, tmp_path / "名册.xlsx")
    assert (again.added, again.updated, again.unchanged) == (0, 0, 3)


def test_import_refuses_files_without_headers(town_store: Any, tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["姓名", "电话"])
    wb.save(tmp_path / "x.xlsx")
    with pytest.raises(roster.RosterError, match="header"):
        roster.import_committees(town_store, tmp_path / "x.xlsx")
    (tmp_path / "y.xlsx").write_bytes(b"not a zip")
    with pytest.raises(roster.RosterError):
        roster.import_committees(town_store, tmp_path / "y.xlsx")


def test_county_roster_expects_townships(store: Any) -> None:
    roster.save_township(store, "朝阳区", "110105")
    entry = roster.add_committee(store, "朝外街道", "110105001")
    assert entry.kind == "township"
    info = roster.load_roster(store)
    assert info is not None and info.child_length == 9
