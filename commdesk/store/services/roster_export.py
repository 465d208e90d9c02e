"""Export the current filtered view of a ledger to xlsx (花名册 / 台账导出).

Chinese headers always (the file goes to other offices), catalogue labels not
codes, IDs masked unless the clerk explicitly asks for full numbers — which is
itself written to the audit log. IDs, phones and every text are text cells, so
Excel neither drops digits nor runs a "=…" cell as a formula. The file is
written under a temporary name and renamed, so a full disk or a crash never
leaves half a roster under the real name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from commdesk.domain.catalogues import Catalogues
from commdesk.domain.i18n import translate
from commdesk.domain.ledgers import (
    BOOL,
    CHOICE,
    CHOICES,
    GENDER,
    ID_NUMBER,
    MOBILE,
    PHONE,
    TEAM,
    VOLUNTEERS,
    Field,
)
from commdesk.domain.validators import mask_id
from commdesk.store import audit
from commdesk.store.engine import Store
from commdesk.store.services.base import LedgerService, Query

PAGE = 5000
_TEXT_KINDS = {ID_NUMBER, MOBILE, PHONE}


class RosterExportError(OSError):
    """The file could not be written; nothing was left under the target name."""


def _names(store: Store) -> tuple[dict[int, str], dict[int, str]]:
    from commdesk.store.services.volunteers import team_choices, volunteers

    teams = dict(team_choices(store))
    people = {int(r["id"]): str(r["name"]) for r in volunteers.query(store, Query(limit=None))}
    return teams, people


def _cell_value(
    f: Field,
    value: Any,
    catalogues: Catalogues,
    *,
    full_ids: bool,
    teams: dict[int, str],
    people: dict[int, str],
) -> Any:
    if value is None or value == "":
        return None
    if f.kind == ID_NUMBER:
        return str(value) if full_ids else mask_id(str(value))
    if f.kind == CHOICE and f.catalogue:
        return catalogues[f.catalogue].zh(value)
    if f.kind == CHOICES and f.catalogue:  # read back by the importer: "书记、主任"
        return "、".join(catalogues[f.catalogue].zh(code) for code in value)
    if f.kind == BOOL:
        return "是" if value else "否"
    if f.kind == GENDER:
        return {"M": "男", "F": "女"}.get(value, value)
    if f.kind == TEAM:
        return teams.get(int(value), "")
    if f.kind == VOLUNTEERS:
        return "、".join(people.get(int(i), str(i)) for i in value)
    if isinstance(value, datetime):
        return value.replace(microsecond=0)
    return value


def _cell(
    ws: Any,
    f: Field,
    row: dict[str, Any],
    catalogues: Catalogues,
    full_ids: bool,
    teams: dict[int, str],
    people: dict[int, str],
) -> Any:
    from openpyxl.cell import WriteOnlyCell

    value = _cell_value(
        f, row.get(f.name), catalogues, full_ids=full_ids, teams=teams, people=people
    )
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever it starts with
        if f.kind in _TEXT_KINDS:
            cell.number_format = "@"
    elif isinstance(value, date):
        cell.number_format = "yyyy-mm-dd"
    return cell


def export_roster(
    store: Store,
    service: LedgerService,
    query: Query,
    path: Path,
    catalogues: Catalogues,
    *,
    include_full_ids: bool = False,
    progress: Callable[[int, int], None] | None = None,
    user: str | None = None,
) -> int:
    """Write every row matching ``query`` (all pages) to ``path``; return the row count."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    path = Path(path)
    if not path.parent.is_dir():
        raise RosterExportError(
            20,
            translate("Store", "Cannot write {name}: {reason}").format(
                name=path.name, reason=translate("Store", "the folder does not exist")
            ),
        )
    fields = list(service.ledger.fields)
    total = service.count(store, query)
    teams, people = _names(store)
    if include_full_ids and any(f.kind == ID_NUMBER for f in fields):
        # The request itself is audited, before any full number leaves the program.
        with store.write() as s:
            audit.record(
                s, "reveal_id", service.ledger.name, None,
                after={"export": path.name, "rows": total}, note="roster export with full IDs",
                user=user or audit.current_user(store),
            )  # fmt: skip
    from commdesk.store.maintenance import (
        WriteError,
        disk_problem,
        save_workbook,
        workbook_guard,
    )

    written = 0
    wb = Workbook(write_only=True)
    try:
        with workbook_guard(wb, path):
            ws = wb.create_sheet(service.ledger.zh[:31])
            bold = Font(bold=True)
            header = []
            for f in fields:
                cell = WriteOnlyCell(ws, value=f.zh)
                cell.font = bold
                header.append(cell)
            ws.append(header)
            offset = 0
            while offset < total:
                page = service.query(store, replace(query, offset=offset, limit=PAGE))
                if not page:
                    break
                for row in page:
                    ws.append([_cell(ws, f, row, catalogues, include_full_ids, teams, people)
                               for f in fields])  # fmt: skip
                    written += 1
                offset += len(page)
                if progress is not None:
                    progress(written, total)
        save_workbook(wb, path)
    except OSError as exc:
        raise RosterExportError(
            exc.errno,
            exc.strerror
            if isinstance(exc, WriteError) and exc.strerror
            else translate("Store", "Cannot write {name}: {reason}").format(
                name=path.name, reason=disk_problem(exc)
            ),
        ) from exc
    return written
