"""Reading the audit log: filter, page, show changes field by field, export to xlsx.

The log itself is written by :mod:`commdesk.store.audit` inside each change's
transaction. This module only reads it. ID numbers are masked here, at the
source, so no view or export can forget to: the audit log stores full values
(it must, to be able to say what changed), but nobody reads them through it.
"""

from __future__ import annotations

import contextlib
import errno
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy import Select, and_, func, select

from commdesk.domain import i18n
from commdesk.domain.catalogues import Catalogues
from commdesk.domain.ledgers import (
    BOOL,
    CHOICE,
    CHOICES,
    ID_NUMBER,
    LEDGERS,
    TEAM,
    VOLUNTEERS,
    Field,
)
from commdesk.domain.validators import mask_id
from commdesk.store.catalogue_store import load_catalogues
from commdesk.store.engine import Store
from commdesk.store.maintenance import save_workbook, workbook_guard
from commdesk.store.models import AuditEntry, VolunteerTeam
from commdesk.store.services.base import INTERNAL_COLUMNS

# Kinds of change: code → (Chinese, English). Labels are data, like field labels.
ACTIONS: dict[str, tuple[str, str]] = {
    "insert": ("新增", "Added"),
    "update": ("修改", "Changed"),
    "delete": ("删除", "Deleted"),
    "restore": ("恢复", "Restored"),
    "import": ("导入", "Imported"),
    "export": ("导出报表", "Return exported"),
    "submit": ("标记已上报", "Marked as submitted"),
    "unlock": ("解锁报告期", "Period unlocked"),
    "reveal_id": ("查看完整身份证号", "Full ID shown"),
    "password_set": ("设置启动密码", "Password set"),
    "password_removed": ("取消启动密码", "Password removed"),
    "demo": ("生成演示数据", "Demo data"),
    "merge": ("合并重复人员", "Duplicate people merged"),
    "issue_certificate": ("出具志愿服务记录证明", "Certificate issued"),
    "reprint_certificate": ("补打志愿服务记录证明", "Certificate reprinted"),
    "void_certificate": ("作废志愿服务记录证明", "Certificate voided"),
}
# Tables that are not ledgers but appear in the log.
OTHER_TABLES: dict[str, tuple[str, str]] = {
    "export_log": ("报表导出记录", "Return exports"),
    "app_setting": ("程序设置", "Settings"),
    "local_catalogue_item": ("本地目录项", "Local catalogue items"),
    "township": ("乡镇（街道）信息", "Township profile"),
    "township_committee": ("村（居）委会名册", "Committee roster"),
    "certificate": ("证明登记簿", "Certificate register"),
    "*": ("全部台账", "All ledgers"),
}
# What entries that are not ledger rows record (imports, exports, the roster, local
# catalogue items): key → (Chinese, English), so no raw key reaches a screen or export.
DETAIL_KEYS: dict[str, tuple[str, str]] = {
    "source": ("源文件", "Source file"),
    "sheet": ("工作表", "Sheet"),
    "added": ("新增", "Added"),
    "updated": ("更新", "Updated"),
    "skipped": ("跳过", "Skipped"),
    "rejected": ("未导入", "Rejected"),
    "warnings": ("提醒", "Warnings"),
    "teams_created": ("新建的队伍", "Teams created"),
    "first_id": ("第一条记录号", "First record no."),
    "last_id": ("最后一条记录号", "Last record no."),
    "period": ("报告期", "Period"),
    "file": ("文件", "File"),
    "export": ("导出文件", "Exported file"),
    "rows": ("行数", "Rows"),
    "field": ("字段", "Field"),
    "name": ("名称", "Name"),
    "division_code": ("区划代码", "Division code"),
    "kind": ("类别", "Kind"),
    "active": ("在册", "Active"),
    "code": ("代码", "Code"),
    "zh": ("中文名称", "Chinese name"),
    "group": ("分组", "Group"),
    "value": ("值", "Value"),
    "assumed_dates": ("按规则补的日期", "Dates assumed by rule"),
    "number": ("证明编号", "Certificate number"),
    "certificate": ("证明编号", "Certificate number"),
    "date_from": ("起始日期", "From"),
    "date_to": ("截止日期", "To"),
    "total_hours": ("服务时长合计", "Total hours"),
    "state": ("状态", "State"),
}
COMMITTEE_KINDS: dict[str, tuple[str, str]] = {
    "village": ("村委会", "Village committee"),
    "urban": ("居委会", "Residents' committee"),
    "township": ("乡镇（街道）", "Township"),
}
# Notes the program itself writes, in words (a clerk's own note is shown as typed).
NOTES: dict[str, tuple[str, str]] = {
    "import": ("导入", "Import"),
    "roster export with full IDs": ("导出含完整身份证号的名册", "Roster exported with full IDs"),
}
_IMPORT_NOTE = re.compile(
    r"^(?P<source>.*): added=(?P<added>\d+) updated=(?P<updated>\d+) "
    r"skipped=(?P<skipped>\d+) rejected=(?P<rejected>\d+) warnings=(?P<warnings>\d+)$",
    re.S,
)
_HIDDEN = INTERNAL_COLUMNS | {
    "created_at",
    "updated_at",
    "created_by",
    "updated_by",
    "deleted_at",
    "version",  # the row version moves with every save: not a change the clerk made
}
_SENSITIVE_KEYS = {"id_number", "recipient_id_number"}


def _chinese(chinese: bool | None) -> bool:
    """Screens follow the UI language; exports pass ``chinese=True``."""
    return i18n.is_chinese() if chinese is None else chinese


def _pick(pair: tuple[str, str], chinese: bool | None) -> str:
    return pair[0] if _chinese(chinese) else pair[1]


def action_label(code: str, chinese: bool | None = None) -> str:
    return _pick(ACTIONS[code], chinese) if code in ACTIONS else code


def import_counts_text(counts: dict[str, Any], chinese: bool | None = None) -> str:
    """An import's counts in words: 新增 35，更新 0，… (not the CLI's ``added=35 …``)."""
    keys = ("added", "updated", "skipped", "rejected", "warnings")
    parts = [f"{_pick(DETAIL_KEYS[k], chinese)} {counts.get(k, 0)}" for k in keys]
    return ("，" if _chinese(chinese) else ", ").join(parts)


def note_text(note: str | None, chinese: bool | None = None) -> str:
    """A stored note as the clerk reads it; the program's own notes in words."""
    if not note:
        return ""
    if note in NOTES:
        return _pick(NOTES[note], chinese)
    match = _IMPORT_NOTE.match(note)
    if match:
        counts = {k: v for k, v in match.groupdict().items() if k != "source"}
        colon = "：" if _chinese(chinese) else ": "
        return match["source"] + colon + import_counts_text(counts, chinese)
    return note


def _detail_label(name: str, chinese: bool | None) -> str:
    return _pick(DETAIL_KEYS[name], chinese) if name in DETAIL_KEYS else name


def _detail_value(table: str, name: str, value: Any, chinese: bool | None) -> str | None:
    """Codes recorded in non-ledger entries, in words; None: format it as usual."""
    if not isinstance(value, str):
        return None
    if name == "kind" and value in COMMITTEE_KINDS:
        return _pick(COMMITTEE_KINDS[value], chinese)
    if name == "kind" and table == "local_catalogue_item":
        for ledger in LEDGERS.values():
            for f in ledger.fields:
                if f.catalogue == value:
                    return _pick((f.zh, f.en), chinese)
    if name == "field":
        for ledger in ([LEDGERS[table]] if table in LEDGERS else []) + list(LEDGERS.values()):
            if value in ledger.names():
                f = ledger.field(value)
                return _pick((f.zh, f.en), chinese)
    return None


def table_label(name: str, chinese: bool | None = None) -> str:
    if name in LEDGERS:
        return _pick((LEDGERS[name].zh, LEDGERS[name].en), chinese)
    return _pick(OTHER_TABLES[name], chinese) if name in OTHER_TABLES else name


@dataclass
class AuditFilter:
    """What the audit page asks for; empty means "any"."""

    tables: Sequence[str] = ()
    actions: Sequence[str] = ()
    date_from: date | None = None
    date_to: date | None = None
    row_id: int | None = None


@dataclass
class Change:
    name: str
    label: str
    before: str
    after: str


@dataclass
class AuditRow:
    id: int
    at: datetime
    user: str
    action: str
    table_name: str
    row_id: int | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    note: str | None = None
    changes: list[Change] = field(default_factory=list)


def _where(f: AuditFilter) -> list[Any]:
    t = AuditEntry
    clauses: list[Any] = []
    if f.tables:
        clauses.append(t.table_name.in_(list(f.tables)))
    if f.actions:
        clauses.append(t.action.in_(list(f.actions)))
    if f.date_from:
        clauses.append(t.at >= datetime.combine(f.date_from, time.min))
    if f.date_to:
        clauses.append(t.at <= datetime.combine(f.date_to, time.max))
    if f.row_id is not None:
        clauses.append(t.row_id == f.row_id)
    return clauses


def _select(f: AuditFilter) -> Select[Any]:
    return select(AuditEntry).where(and_(True, *_where(f)))


def count(store: Store, f: AuditFilter | None = None) -> int:
    f = f or AuditFilter()
    with store.read() as s:
        stmt = select(func.count()).select_from(AuditEntry).where(and_(True, *_where(f)))
        return int(s.execute(stmt).scalar_one())


def _loads(text: str | None) -> dict[str, Any] | None:
    if not text:
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return {"?": text}
    return value if isinstance(value, dict) else {"value": value}


def _masked(values: dict[str, Any] | None, table: str) -> dict[str, Any] | None:
    if values is None:
        return None
    ledger = LEDGERS.get(table)
    out = {}
    for key, value in values.items():
        id_field = key in _SENSITIVE_KEYS
        if ledger is not None and key in ledger.names():
            id_field = id_field or ledger.field(key).kind == ID_NUMBER
        out[key] = mask_id(str(value)) if id_field and value else value
    return out


def query(
    store: Store,
    f: AuditFilter | None = None,
    *,
    offset: int = 0,
    limit: int | None = 200,
    chinese: bool | None = None,
) -> list[AuditRow]:
    """One page of entries, newest first, IDs already masked, changes worked out."""
    f = f or AuditFilter()
    stmt = _select(f).order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).offset(offset)
    if limit is not None:
        stmt = stmt.limit(limit)
    with store.read() as s:
        entries = list(s.scalars(stmt))
        rows = [
            AuditRow(
                id=e.id,
                at=e.at,
                user=e.user,
                action=e.action,
                table_name=e.table_name,
                row_id=e.row_id,
                before=_masked(_loads(e.before), e.table_name),
                after=_masked(_loads(e.after), e.table_name),
                note=note_text(e.note, chinese) or None,
            )
            for e in entries
        ]
        teams = {r[0]: r[1] for r in s.execute(select(VolunteerTeam.id, VolunteerTeam.name))}
    catalogues = load_catalogues(store)
    for row in rows:
        row.changes = changes(row, catalogues, teams, chinese=chinese)
    return rows


def distinct_values(store: Store) -> tuple[list[str], list[str]]:
    """The tables and actions present in the log (for the filter lists)."""
    with store.read() as s:
        tables = sorted(s.scalars(select(AuditEntry.table_name).distinct()))
        actions = sorted(s.scalars(select(AuditEntry.action).distinct()))
    return tables, actions


# ----------------------------------------------------------------- changes
def _yes_no(value: bool, chinese: bool | None) -> str:
    return ("是" if value else "否") if _chinese(chinese) else ("Yes" if value else "No")


def format_value(
    f: Field | None,
    value: Any,
    catalogues: Catalogues,
    teams: dict[int, str] | None = None,
    *,
    chinese: bool | None = None,
) -> str:
    """A stored value as the clerk reads it; IDs were masked when the row was read."""
    if value is None or value == "":
        return ""
    if f is not None:
        if f.kind == BOOL:
            return _yes_no(bool(value), chinese)
        if f.kind == CHOICE and f.catalogue:
            return _value_text(f.catalogue, value, catalogues, chinese)
        if f.kind == CHOICES and f.catalogue and isinstance(value, list | tuple):
            return "、".join(_value_text(f.catalogue, c, catalogues, chinese) for c in value)
        if f.kind == TEAM:
            with contextlib.suppress(TypeError, ValueError):
                return (teams or {}).get(int(value), str(value))
        if f.kind == VOLUNTEERS and isinstance(value, list):
            return "、".join(str(v) for v in value)
    if isinstance(value, bool):
        return _yes_no(value, chinese)
    if isinstance(value, list | tuple):
        return "、".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _value_text(catalogue: str, code: Any, catalogues: Catalogues, chinese: bool | None) -> str:
    with contextlib.suppress(KeyError):
        item = catalogues[catalogue].get(str(code))
        if item is not None:
            return _pick((item.zh, item.en), chinese)
    return str(code)


def changes(
    row: AuditRow,
    catalogues: Catalogues,
    teams: dict[int, str] | None = None,
    *,
    chinese: bool | None = None,
) -> list[Change]:
    """Field by field, what the entry changed: for an update only the fields that differ."""
    before, after = row.before or {}, row.after or {}
    ledger = LEDGERS.get(row.table_name)
    names = [n for n in dict.fromkeys([*before, *after]) if n not in _HIDDEN and n != "id"]
    if ledger is not None:
        order = {n: i for i, n in enumerate(ledger.names())}
        names.sort(key=lambda n: order.get(n, len(order)))
    out = []
    for name in names:
        b, a = before.get(name), after.get(name)
        if row.before is not None and row.after is not None and b == a:
            continue
        f = ledger.field(name) if ledger is not None and name in ledger.names() else None
        label = _pick((f.zh, f.en), chinese) if f is not None else _detail_label(name, chinese)

        def shown(value: Any, f: Field | None = f, name: str = name) -> str:
            if f is None:
                words = _detail_value(row.table_name, name, value, chinese)
                if words is not None:
                    return words
            return format_value(f, value, catalogues, teams, chinese=chinese)

        out.append(
            Change(
                name,
                label,
                shown(b) if row.before else "",
                shown(a) if row.after else "",
            )
        )
    return out


# ----------------------------------------------------------------- export
EXPORT_HEADERS_ZH = ("时间", "用户", "操作", "台账", "记录号", "字段", "修改前", "修改后", "备注")


def export_xlsx(
    store: Store,
    f: AuditFilter | None,
    out: Path,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Write the filtered log to ``out`` (one line per changed field); returns entries.

    Chinese whatever the UI language, as the returns are. Text cells only
    (nothing a spreadsheet would run as a formula), IDs masked; written to a
    temporary name, fsynced and renamed, so a full disk leaves no half file
    under ``out`` and an older file of that name intact.
    """
    from openpyxl import Workbook

    f = f or AuditFilter()
    out = Path(out)
    if not out.parent.is_dir():  # before building anything: a clear error, no stray state
        raise FileNotFoundError(
            errno.ENOENT, i18n.translate("Store", "the folder does not exist"), str(out.parent)
        )
    total = count(store, f)
    wb = Workbook(write_only=True)
    with workbook_guard(wb, out):  # rows stream to temp files: the disk can fill up here
        done = _fill(wb, store, f, total, progress)
    save_workbook(wb, out)
    return done


def _fill(
    wb: Any,
    store: Store,
    f: AuditFilter,
    total: int,
    progress: Callable[[int, int], None] | None,
) -> int:
    from openpyxl.cell import WriteOnlyCell

    ws = wb.create_sheet("审计日志")
    for column, width in zip("ABCDEFGHI", (20, 12, 16, 14, 8, 18, 30, 30, 30), strict=True):
        ws.column_dimensions[column].width = width

    def text(value: object) -> WriteOnlyCell:
        cell = WriteOnlyCell(ws, value="" if value is None else str(value))
        cell.data_type = "s"  # a value starting with "=" stays text, never a formula
        cell.number_format = "@"
        return cell

    ws.append([text(h) for h in EXPORT_HEADERS_ZH])
    done = 0
    while done < total:
        rows = query(store, f, offset=done, limit=500, chinese=True)
        if not rows:
            break
        for row in rows:
            head = (
                row.at.isoformat(sep=" "),
                row.user,
                action_label(row.action, chinese=True),
                table_label(row.table_name, chinese=True),
                "" if row.row_id is None else row.row_id,
            )
            for change in row.changes or [Change("", "", "", "")]:
                values = (*head, change.label, change.before, change.after, row.note or "")
                ws.append([text(v) for v in values])
        done += len(rows)
        if progress is not None:
            progress(done, total)
    return done
