"""What the mapping step shows: the file's columns, from a plan or from a probe.

``plan_import`` refuses a file in which no column matches a required field
(say the name column is headed 人员名称). The CLI answers with ``--map``; the
wizard must instead show that file's columns so the clerk can point at the
right one. :func:`probe_columns` finds the table and maps the headers the way
the planner does — same reader, same table finder, same matcher, same
remembered mapping — but without validating rows, so the mapping step can
open even when planning failed. Once the clerk has chosen, the wizard plans
with ``mapping=`` as usual.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from commdesk.importing import ImportFileError, plan_import
from commdesk.importing import headers as hdr
from commdesk.importing.kinds import kind_for
from commdesk.importing.plan import ImportPlan
from commdesk.importing.readers import Cell, Workbook, open_workbook, read_sheet
from commdesk.importing.table import Table, find_table
from commdesk.store.engine import Store

SAMPLE_ROWS = 3


@dataclass
class ColumnsView:
    """The columns of the table being imported, and how each is currently mapped."""

    source: Path
    sheet: str
    header_rows: tuple[int, ...]
    headers: list[str]
    fields: dict[int, str]  # column → field name
    ignored: list[tuple[int, str, str]]  # (column, label, reason)
    origin: dict[int, str]  # column → auto / map / remembered
    samples: list[tuple[Cell, ...]]  # cells of the first data rows
    data_rows: int

    @classmethod
    def from_plan(cls, plan: ImportPlan) -> ColumnsView:
        rows = [
            *((r.row_number, r.cells) for r in plan.to_add),
            *((r.row_number, r.cells) for _, r in plan.to_update),
            *((r.row_number, r.cells) for r in plan.rejected),
            *((r.row_number, r.cells) for r in plan.skipped),
        ]
        rows.sort(key=lambda item: item[0])
        return cls(
            source=plan.source,
            sheet=plan.sheet,
            header_rows=tuple(plan.header_rows),
            headers=list(plan.headers),
            fields=dict(plan.columns.fields),
            ignored=list(plan.columns.ignored),
            origin=dict(plan.columns.origin),
            samples=[cells for _, cells in rows[:SAMPLE_ROWS]],
            data_rows=len(rows),
        )

    def columns(self) -> list[int]:
        """Columns worth a row in the mapping step: mapped, or ignored but holding data."""
        return sorted(set(self.fields) | {c for c, _, _ in self.ignored})


@dataclass
class PlanOutcome:
    """A plan, or — when planning failed although the table was found — a probe."""

    plan: ImportPlan | None = None
    probe: ColumnsView | None = None
    error: str = ""


def plan_or_probe(
    store: Store,
    kind: str,
    path: Path | str,
    *,
    sheet: str | None = None,
    update_duplicates: bool = False,
) -> PlanOutcome:
    """Plan without a mapping; on a refusal the mapping step still gets the columns."""
    try:
        plan = plan_import(store, kind, path, sheet=sheet, update_duplicates=update_duplicates)
    except ImportFileError as exc:
        probe = probe_columns(store, kind, path, sheet)
        if probe is None:
            raise
        return PlanOutcome(probe=probe, error=str(exc))
    return PlanOutcome(plan=plan)


def probe_columns(
    store: Store, kind: str, path: Path | str, sheet: str | None = None
) -> ColumnsView | None:
    """The table's columns as the planner would map them; None when no table is found."""
    k = kind_for(kind)
    matcher = hdr.HeaderMatcher(k.ledger)
    known = hdr.remembered_headers(store, k.ledger.name)
    try:
        book = open_workbook(Path(path))
    except ImportFileError:
        return None
    try:
        table = _find(book, matcher, sheet, known)
    finally:
        book.close()
    if table is None:
        return None
    remembered = hdr.load_remembered(store, k.ledger.name, hdr.header_key(table.headers))
    columns = hdr.map_columns(matcher, table.headers, table.data_columns, remembered=remembered)
    return ColumnsView(
        source=Path(path),
        sheet=table.sheet,
        header_rows=tuple(table.header_rows),
        headers=list(table.headers),
        fields=dict(columns.fields),
        ignored=list(columns.ignored),
        origin=dict(columns.origin),
        samples=[cells for _, cells in table.rows[:SAMPLE_ROWS]],
        data_rows=len(table.rows),
    )


def _find(
    book: Workbook, matcher: hdr.HeaderMatcher, sheet: str | None, known: list[str]
) -> Table | None:
    """The chosen sheet's table, or the first visible sheet that has one."""
    if sheet is not None:
        names = [sheet]
    else:
        names = [s.name for s in book.sheets if s.visible and s.worksheet]
    for name in names:
        try:
            return find_table(read_sheet(book, name), matcher, known)
        except ImportFileError:
            continue
    return None
