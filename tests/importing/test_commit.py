"""Commit: one transaction (all or nothing), audit, duplicates, updates, remembered mappings."""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from import_helpers import (
    ID_F_1949,
    ID_F_1985,
    ID_M_1945,
    ID_M_1980,
    ID_M_1990,
    dump,
    xlsx,
)
from sqlalchemy import select

from commdesk.importing import ImportCancelled, commit_import, plan_import
from commdesk.importing import commit as commit_module
from commdesk.importing.plan import duplicate_key
from commdesk.store.models import AuditEntry, ImportMapping
from commdesk.store.services.base import Query
from commdesk.store.services.service_records import service_records
from commdesk.store.services.volunteers import teams, volunteers

ALL = Query(limit=None)


def _roster(tmp_path: Path, rows: list[list[Any]], name: str = "r.xlsx") -> Path:
    return xlsx(tmp_path / name, [["姓名", "身份证号", "手机", "志愿服务队"], *rows])


def test_exception_half_way_leaves_database_exactly_as_before(
    store: Any, fixture_copy: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    commit_import(store, plan_import(store, "volunteers", fixture_copy("roster.xlsx")))
    people = [[f"人{i}", id_number, None, "新队"] for i, id_number in enumerate([ID_M_1945])]
    path = _roster(tmp_path, [*people, ["张三", ID_M_1980, "13900000000", "另一队"]])
    plan = plan_import(store, "volunteers", path, update_duplicates=True)
    assert len(plan.to_add) == 1 and len(plan.to_update) == 1 and plan.new_teams
    before = dump(store.path)
    calls: list[tuple[int, int]] = []

    def explode(done: int, total: int) -> None:
        calls.append((done, total))
        if done >= 1:  # after the insert, before the update and the audit event
            raise RuntimeError("power cut")

    with pytest.raises(RuntimeError, match="power cut"):
        commit_import(store, plan, progress=explode)
    assert calls[-1][0] >= 1
    assert dump(store.path) == before


def test_exception_between_batches(store: Any, tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.setattr(commit_module, "BATCH", 1)
    ids = [ID_M_1980, ID_F_1949, ID_M_1990, ID_F_1985]
    plan = plan_import(
        store,
        "volunteers",
        _roster(tmp_path, [[f"人{i}", x, None, None] for i, x in enumerate(ids)]),
    )
    before = dump(store.path)

    def explode(done: int, total: int) -> None:
        if done == total // 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        commit_import(store, plan, progress=explode)
    assert dump(store.path) == before


def test_cancel(store: Any, tmp_path: Path) -> None:
    plan = plan_import(store, "volunteers", _roster(tmp_path, [["张三", ID_M_1980, None, "队"]]))
    before = dump(store.path)
    with pytest.raises(ImportCancelled):
        commit_import(store, plan, cancel=lambda: True)
    assert dump(store.path) == before


def test_one_audit_event_and_progress(store: Any, tmp_path: Path) -> None:
    path = _roster(tmp_path, [["张三", ID_M_1980, None, None], ["李四", ID_F_1949, None, None]])
    seen: list[tuple[int, int]] = []
    result = commit_import(
        store,
        plan_import(store, "volunteers", path),
        source_name="花名册.xlsx",
        progress=lambda d, t: seen.append((d, t)),
    )
    assert seen[-1] == (2, 2)
    assert (result.added, result.first_id, result.last_id) == (2, 1, 2)
    with store.read() as s:
        entries = list(s.scalars(select(AuditEntry)))
    assert [e.action for e in entries] == ["import"]
    after = json.loads(entries[0].after)
    assert after["source"] == "花名册.xlsx" and after["added"] == 2
    assert "added=2" in entries[0].note


@pytest.mark.sqlite_only  # SQLite's typeof(); a server's columns are typed
def test_stored_exactly_like_manual_entry(store: Any, tmp_path: Path) -> None:
    """Same column types and text formats as LedgerService.add; same search_text."""
    path = xlsx(
        tmp_path / "v.xlsx",
        [
            ["姓名", "身份证号", "手机", "是否注册", "加入日期"],
            ["曾小明", ID_M_1980, "13800138000", "是", "2020-01-02"],
        ],
    )
    commit_import(store, plan_import(store, "volunteers", path))
    volunteers.add(
        store,
        {
            "name": "曾小明",
            "id_number": ID_F_1949,
            "mobile": "13800138000",
            "platform_registered": True,
            "joined_date": date(2020, 1, 2),
        },
    )
    con = sqlite3.connect(store.path)
    try:
        columns = [r[1] for r in con.execute("PRAGMA table_info(volunteer)")]
        typed = ", ".join(f"typeof({c}), {c}" for c in columns)
        imported, added = con.execute(f"SELECT {typed} FROM volunteer ORDER BY id").fetchall()
    finally:
        con.close()
    for index, column in enumerate(columns):
        type_a, value_a = imported[2 * index], imported[2 * index + 1]
        type_b, value_b = added[2 * index], added[2 * index + 1]
        assert type_a == type_b, column
        if column in ("created_at", "updated_at"):
            assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}", value_a)
        elif column not in ("id", "id_number", "gender", "birth_date"):
            assert value_a == value_b, column
    assert volunteers.query(store, Query(search="zxm"))  # pinyin initials, 曾 read as zeng


def test_duplicates_against_database_and_update(store: Any, tmp_path: Path) -> None:
    commit_import(
        store,
        plan_import(
            store, "volunteers", _roster(tmp_path, [["张三", ID_M_1980, "13800138000", "甲队"]])
        ),
    )
    path = _roster(
        tmp_path,
        [["张三丰", ID_M_1980, "13911112222", None], ["李四", ID_F_1949, None, None]],
        "2.xlsx",
    )
    skip = plan_import(store, "volunteers", path)
    assert [s.existing_id for s in skip.skipped] == [1]
    assert "already in the ledger" in skip.skipped[0].reason
    update = plan_import(store, "volunteers", path, update_duplicates=True)
    result = commit_import(store, update)
    assert (result.added, result.updated, result.skipped) == (1, 1, 0)
    row = volunteers.get(store, 1)
    assert row is not None
    assert (row["name"], row["mobile"]) == ("张三丰", "13911112222")
    assert row["team_id"] is not None  # blank cell in the file: the team is kept
    with store.read() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "update")).one()
    assert json.loads(entry.before)["mobile"] == "13800138000"
    assert json.loads(entry.after)["mobile"] == "13911112222"
    assert volunteers.count(store) == 2


def test_services_duplicates(store: Any, tmp_path: Path) -> None:
    header = ["日期", "服务类别", "服务对象", "人次", "服务内容", "服务对象姓名"]
    rows = [
        ["2025-01-02", "养老服务", "老年人", 3, "入户走访", None],
        ["2025-01-02", "养老服务", "困难家庭", 3, "入户走访", None],  # another service
        ["2025-01-02", "养老服务", "老年人", 3, "入户走访", None],  # the same one again
        ["2025-01-02", "养老服务", "老年人", 1, "送餐", "王大爷"],
        ["2025-01-02", "养老服务", "老年人", 2, "送药", "王大爷"],  # same recipient, same day
    ]
    plan = plan_import(store, "services", xlsx(tmp_path / "s.xlsx", [header, *rows]))
    assert [r.row_number for r in plan.to_add] == [2, 3, 5]
    assert [s.row_number for s in plan.skipped] == [4, 6]
    commit_import(store, plan)
    again = plan_import(store, "services", xlsx(tmp_path / "s.xlsx", [header, *rows]))
    assert again.to_add == [] and len(again.skipped) == 5
    assert duplicate_key.__doc__ and "recipient" in duplicate_key.__doc__


def test_remembered_mapping(store: Any, tmp_path: Path) -> None:
    path = xlsx(
        tmp_path / "m.xlsx", [["人员", "号码", "电话号"], ["张三", ID_M_1980, "13800138000"]]
    )
    from commdesk.importing import ImportFileError

    with pytest.raises(ImportFileError, match="No header row"):
        plan_import(store, "volunteers", path)
    overrides = ["人员=name", "号码=身份证号", "电话号=mobile"]
    dry = plan_import(store, "volunteers", path, mapping=overrides)
    assert dry.mapping == {"人员": "name", "号码": "id_number", "电话号": "mobile"}
    with store.read() as s:
        assert s.scalars(select(ImportMapping)).first() is None  # planning writes nothing
    commit_import(store, dry)
    later = xlsx(tmp_path / "m2.xlsx", [["人员", "号码", "电话号"], ["李四", ID_F_1949, None]])
    plan = plan_import(store, "volunteers", later)
    assert plan.mapping == dry.mapping
    assert any("remembered" in note for note in plan.notes)
    ignore = plan_import(store, "volunteers", later, mapping={"电话号": ""})
    assert "mobile" not in ignore.mapping.values()


def test_bad_map_arguments(store: Any, tmp_path: Path) -> None:
    from commdesk.importing import ImportFileError

    path = _roster(tmp_path, [["张三", ID_M_1980, None, None]])
    with pytest.raises(ImportFileError, match="no column"):
        plan_import(store, "volunteers", path, mapping=["不存在=name"])
    with pytest.raises(ImportFileError, match="not a field"):
        plan_import(store, "volunteers", path, mapping=["手机=no_such_field"])
    with pytest.raises(ImportFileError, match="表头=field"):
        plan_import(store, "volunteers", path, mapping=["手机"])


def test_locked_period_rows_rejected(store: Any, tmp_path: Path) -> None:
    from commdesk.domain.periods import Period
    from commdesk.store.services.periods import log_export, mark_submitted

    log_id = log_export(
        store,
        period=Period.parse("2025-03"),
        definition_id="x",
        definition_version="1",
        file_name="r.xlsx",
        values={},
        sha256="0" * 64,
        exported_at=datetime(2025, 4, 1),
    )
    mark_submitted(store, log_id)
    path = xlsx(
        tmp_path / "s.xlsx",
        [["日期", "服务类别"], ["2025-03-05", "养老服务"], ["2025-04-05", "养老服务"]],
    )
    plan = plan_import(store, "services", path)
    assert [r.row_number for r in plan.rejected] == [2]
    assert "locked" in plan.rejected[0].reason
    commit_import(store, plan)
    assert [r["service_date"] for r in service_records.query(store, ALL)] == [date(2025, 4, 5)]


def test_teams_reused_not_duplicated(store: Any, tmp_path: Path) -> None:
    teams.add(store, {"name": "银龄志愿队"})
    path = _roster(
        tmp_path, [["张三", ID_M_1980, None, "银龄志愿队"], ["李四", ID_F_1949, None, "新 队"]]
    )
    plan = plan_import(store, "volunteers", path)
    assert plan.new_teams == ["新 队"]
    result = commit_import(store, plan)
    assert teams.count(store) == 2
    stored = {r["name"]: r["team_id"] for r in volunteers.query(store, ALL)}
    assert stored["张三"] == 1
    assert stored["李四"] == result.team_ids[0] == 2  # the team the import created


def test_bind_conversion_per_value_and_type() -> None:
    """Converted once per distinct value, but never across types or signs (1 / True / 1.0)."""
    calls: list[object] = []

    def convert(value: object) -> str:
        calls.append(value)
        return f"{type(value).__name__}:{value!r}"

    values = [1, True, 1.0, "1", None, 1, -0.0, 0.0, date(2020, 1, 1), datetime(2020, 1, 1), 1]
    assert commit_module._bound(values, convert, {}) == [
        "int:1", "bool:True", "float:1.0", "str:'1'", None, "int:1", "float:-0.0",
        "float:0.0", "date:datetime.date(2020, 1, 1)",
        "datetime:datetime.datetime(2020, 1, 1, 0, 0)", "int:1",
    ]  # fmt: skip
    assert calls.count(1) == 3  # 1, True and 1.0 are each converted once (1 == True == 1.0)
    assert commit_module._bound(values, None, {}) is values


def test_bind_conversion_remembered_across_batches() -> None:
    """A date, text or integer converted in one batch is not converted again in the next;
    equal-looking values of other types still are."""
    calls: list[object] = []

    def convert(value: object) -> str:
        calls.append(value)
        return f"{type(value).__name__}:{value!r}"

    memo: dict[object, object] = {}
    day = date(2020, 1, 1)
    assert commit_module._bound([day, "1", 1, None], convert, memo) == [
        "date:datetime.date(2020, 1, 1)", "str:'1'", "int:1", None,
    ]  # fmt: skip
    assert commit_module._bound([1, "1", day, day], convert, memo) == [
        "int:1", "str:'1'", "date:datetime.date(2020, 1, 1)", "date:datetime.date(2020, 1, 1)",
    ]  # fmt: skip
    assert calls == [day, "1", 1]
    assert commit_module._bound([True, 1.0], convert, memo) == ["bool:True", "float:1.0"]
