"""The audit log reads in words: no raw keys, codes or ``added=35 …`` lines.

Entries are made by the program's own doors (an import, the township roster, a
local catalogue item, an export and its submission, an ID reveal), then read
back as the audit page (in Chinese and in English) and the export show them.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from commdesk.domain import i18n
from commdesk.domain.ledgers import CHOICE, LEDGERS
from commdesk.store.services import audit_log

_RAW_KEY = re.compile(r"^[a-z]+(?:_[a-z]+)*$")
_CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture
def logged(store_with_profile: Any, tmp_path: Path, submit_period: Any) -> Any:
    from commdesk.importing import commit_import, plan_import
    from commdesk.store.catalogue_store import add_local_item
    from commdesk.store.privacy import audit_reveal
    from commdesk.store.services import township

    store = store_with_profile
    roster = tmp_path / "志愿者.xlsx"
    wb = Workbook()
    wb.active.append(["姓名", "性别", "身份证号"])
    wb.active.append(["张三", "男", "110105198001010016"])
    wb.active.append(["李四", "男", "110105198001010017"])  # rejected: checksum
    wb.save(roster)
    commit_import(store, plan_import(store, "volunteers", roster), source_name=roster.name)
    township.save_township(store, "朝外街道", "110105001")
    township.add_committee(store, "幸福村", "110105001201", "village")
    kind = next(f.catalogue for ledger in LEDGERS.values() for f in ledger.fields
                if f.kind == CHOICE and f.catalogue)  # fmt: skip
    add_local_item(store, kind, "X01", "本地项目")
    submit_period(store, "2026-09")
    audit_reveal(store, "volunteer", 1)
    return store


def _entries(store: Any, chinese: bool) -> list[audit_log.AuditRow]:
    return audit_log.query(store, limit=None, chinese=chinese)


def test_details_have_labels_not_keys(logged: Any) -> None:
    for chinese in (True, False):
        for row in _entries(logged, chinese):
            for change in row.changes:
                assert not _RAW_KEY.match(change.label), (row.action, row.table_name, change)
                assert change.before not in ("village", "urban"), change
                assert change.after not in ("village", "urban"), change
                if change.name == "field":
                    assert change.after != "id_number", change


def test_import_note_in_words_in_both_languages(logged: Any) -> None:
    (chinese,) = [r for r in _entries(logged, True) if r.action == "import" and r.note]
    assert "added=" not in chinese.note
    assert chinese.note == "志愿者.xlsx：新增 1，更新 0，跳过 0，未导入 1，提醒 0"
    (english,) = [r for r in _entries(logged, False) if r.action == "import" and r.note]
    assert english.note == "志愿者.xlsx: Added 1, Updated 0, Skipped 0, Rejected 1, Warnings 0"


def test_english_screen_labels_are_english(logged: Any) -> None:
    i18n.install(None, "en")
    try:
        rows = _entries(logged, False)
    finally:
        i18n.install(None, "zh_CN")
    for row in rows:
        assert not _CJK.search(audit_log.action_label(row.action, chinese=False))
        for change in row.changes:
            assert not _CJK.search(change.label), change


def test_export_is_chinese_throughout(logged: Any, tmp_path: Path) -> None:
    out = tmp_path / "审计.xlsx"
    audit_log.export_xlsx(logged, None, out)
    sheet = load_workbook(out).active
    for row in sheet.iter_rows(min_row=2, values_only=True):
        _at, _user, action, table, _row_id, label, _before, after, note = row
        for text in (action, table, label):
            assert text is None or _CJK.search(str(text)) or text == "", row
        assert not _RAW_KEY.match(str(label or "X")), row
        assert "added=" not in str(note or ""), row
        assert str(after or "") not in ("village", "urban"), row
