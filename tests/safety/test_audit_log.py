"""The audit log read back: filters, field-by-field changes, masked IDs, a safe xlsx export."""

from __future__ import annotations

import zipfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from commdesk.domain import i18n
from commdesk.domain.validators import mask_id
from commdesk.store import privacy
from commdesk.store.services import audit_log
from commdesk.store.services.audit_log import AuditFilter
from commdesk.store.services.volunteers import teams, volunteers

ID = "11010519810101003X"


def _history(store: Any) -> int:
    vid = volunteers.add(store, {"name": "李秀英", "id_number": ID, "mobile": "13800138000"})
    volunteers.update(store, vid, {"mobile": "13900139000", "skills": "理发"})
    volunteers.delete(store, [vid])
    volunteers.restore(store, [vid])
    privacy.audit_reveal(store, "volunteer", vid)
    teams.add(store, {"name": '=HYPERLINK("http://x","点我")'})
    return vid


def test_filters_counts_and_paging(store: Any) -> None:
    vid = _history(store)
    assert audit_log.count(store) == 6
    rows = audit_log.query(store)
    assert [r.action for r in rows][:1] == ["insert"]  # newest first (the team)
    only = AuditFilter(tables=("volunteer",))
    assert [r.action for r in audit_log.query(store, only)] == [
        "reveal_id", "restore", "delete", "update", "insert"
    ]  # fmt: skip
    assert audit_log.count(store, AuditFilter(actions=("reveal_id",))) == 1
    assert audit_log.count(store, AuditFilter(row_id=vid, tables=("volunteer",))) == 5
    today = date.today()
    assert audit_log.count(store, AuditFilter(date_from=today, date_to=today)) == 6
    assert audit_log.count(store, AuditFilter(date_to=today - timedelta(days=1))) == 0
    page = audit_log.query(store, only, offset=2, limit=2)
    assert [r.action for r in page] == ["delete", "update"]
    tables, actions = audit_log.distinct_values(store)
    assert tables == ["volunteer", "volunteer_team"]
    assert "reveal_id" in actions


def test_changes_list_only_changed_fields_with_labels_and_masked_ids(store: Any) -> None:
    _history(store)
    i18n.install(None, "zh_CN")
    update = audit_log.query(store, AuditFilter(actions=("update",)))[0]
    changed = {c.name: (c.label, c.before, c.after) for c in update.changes}
    assert changed == {
        "mobile": ("手机号码", "13800138000", "13900139000"),
        "skills": ("专长", "", "理发"),
    }
    insert = audit_log.query(store, AuditFilter(actions=("insert",), tables=("volunteer",)))[0]
    shown = {c.name: c.after for c in insert.changes}
    assert shown["id_number"] == mask_id(ID)
    assert insert.after is not None and insert.after["id_number"] == mask_id(ID)
    everything = repr(audit_log.query(store))
    assert ID not in everything


def test_export_is_masked_text_only_and_chinese(store: Any, tmp_path: Path) -> None:
    _history(store)
    i18n.install(None, "en")  # the export is Chinese whatever the UI language
    try:
        out = tmp_path / "audit.xlsx"
        assert audit_log.export_xlsx(store, None, out) == 6
    finally:
        i18n.install(None, "zh_CN")
    with zipfile.ZipFile(out) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/")]
        xml = "".join(z.read(n).decode("utf-8") for n in sheets)
    assert "<f>" not in xml and "<f " not in xml  # no formulas at all
    book = load_workbook(out)
    cells = [c for row in book.active.iter_rows() for c in row if c.value is not None]
    values = [str(c.value) for c in cells]
    assert values[:3] == ["时间", "用户", "操作"]
    assert all(c.data_type == "s" for c in cells)
    assert '=HYPERLINK("http://x","点我")' in values  # kept as plain text
    assert not any(ID in v for v in values)
    assert mask_id(ID) in values
    assert {"新增", "修改", "删除", "恢复", "查看完整身份证号"} <= set(values)
    assert not list(tmp_path.glob(".*part"))


def test_export_keeps_the_old_file_when_it_fails(store: Any, tmp_path: Path) -> None:
    _history(store)
    out = tmp_path / "audit.xlsx"
    out.write_bytes(b"previous export")
    missing = tmp_path / "no-such-folder" / "audit.xlsx"
    try:
        audit_log.export_xlsx(store, None, missing)
    except OSError:
        pass
    else:  # pragma: no cover
        raise AssertionError("export into a missing folder must fail")
    assert out.read_bytes() == b"previous export"
