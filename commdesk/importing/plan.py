"""Preview an import: read, find the table, map headers, validate, find duplicates.

:func:`plan_import` never writes. Its :class:`ImportPlan` is what the dry run
prints and what the GUI's preview step shows; :func:`commit_import` then writes
exactly the plan's rows.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from operator import methodcaller
from pathlib import Path
from typing import Any

from sqlalchemy import select

from commdesk.domain.catalogues import Catalogues
from commdesk.domain.i18n import translate
from commdesk.domain.ledgers import BOOL, CHOICE, CHOICES, TEAM, VOLUNTEERS, Ledger
from commdesk.importing import headers as hdr
from commdesk.importing.assumptions import DateGaps, choose_dates, find_gaps
from commdesk.importing.errors import ImportFileError
from commdesk.importing.gc_pause import gc_paused
from commdesk.importing.kinds import Kind, kind_for
from commdesk.importing.readers import (
    Cell,
    SheetData,
    SheetInfo,
    Workbook,
    open_workbook,
    read_sheet,
)
from commdesk.importing.rows import Lookups, RowPipeline, RowResult, cached_catalogues, team_key
from commdesk.importing.table import Table, find_table
from commdesk.store.catalogue_store import load_catalogues
from commdesk.store.engine import Store
from commdesk.store.models import Volunteer, VolunteerTeam


@dataclass
class SkippedRow:
    """A duplicate that is not imported (or, with update, of another row in the file)."""

    row_number: int
    cells: tuple[Cell, ...]
    reason: str
    existing_id: int | None = None


@dataclass
class RejectedRow:
    row_number: int
    cells: tuple[Cell, ...]
    reasons: list[str]

    @property
    def reason(self) -> str:
        return "；".join(self.reasons)


@dataclass
class ImportPlan:
    """Everything an import would do, computed without writing anything."""

    kind: str
    ledger: str
    source: Path
    sheet: str
    sheets: list[SheetInfo]
    header_rows: tuple[int, ...]
    columns: hdr.ColumnMapping
    to_add: list[RowResult] = field(default_factory=list)
    to_update: list[tuple[int, RowResult]] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)
    rejected: list[RejectedRow] = field(default_factory=list)
    ignored_rows: list[tuple[int, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    new_teams: list[str] = field(default_factory=list)
    remember: dict[int, str | None] | None = None
    # Fields without a column that every row gets by default: (field label, value shown).
    defaulted: list[tuple[str, str]] = field(default_factory=list)
    update_duplicates: bool = False
    encoding: str | None = None
    dates: DateGaps | None = None  # rows to add without a joining / exit date (rosters)

    @property
    def headers(self) -> list[str]:
        return self.columns.headers

    @property
    def mapping(self) -> dict[str, str]:
        """Header text → field name, for display."""
        return {
            self.columns.headers[c]: f
            for c, f in sorted(self.columns.fields.items())
            if c < len(self.columns.headers)
        }

    @property
    def ignored_columns(self) -> list[str]:
        return [f"{label}（{reason}）" for _, label, reason in self.columns.ignored]

    @property
    def warnings(self) -> list[tuple[int, str]]:
        """(row, message) for every warning on a row that will be written."""
        rows = [*self.to_add, *(r for _, r in self.to_update)]
        return [(r.row_number, w) for r in rows for w in r.warnings]

    def counts(self) -> dict[str, int]:
        return {
            "added": len(self.to_add),
            "updated": len(self.to_update),
            "skipped": len(self.skipped),
            "rejected": len(self.rejected),
            "warnings": len(self.warnings),
        }


def _overrides(mapping: Mapping[str, str] | Sequence[str] | None) -> list[tuple[str, str]]:
    if not mapping:
        return []
    if isinstance(mapping, Mapping):
        return [(str(k), str(v)) for k, v in mapping.items()]
    return hdr.parse_overrides(mapping)


@gc_paused()  # see gc_pause: ~1 s of collector walks saved on 50,000 rows
def plan_import(
    store: Store,
    kind: str,
    path: Path | str,
    *,
    sheet: str | None = None,
    mapping: Mapping[str, str] | Sequence[str] | None = None,
    update_duplicates: bool = False,
    today: date | None = None,
    assume_join: date | None = None,
    assume_left: date | None = None,
) -> ImportPlan:
    """Read ``path`` and decide, row by row, what an import would do. Writes nothing.

    ``mapping`` is ``{"表头": "field"}`` or ``["表头=field", …]``; a field of
    ``""``/``"-"`` ignores the column. Raises :class:`ImportFileError` when
    nothing can be imported (bad file, no table, required column missing).
    ``assume_join`` / ``assume_left``: the dates for roster rows without one
    (None: the defaults of :mod:`commdesk.importing.assumptions`).
    """
    k = kind_for(kind)
    matcher = hdr.HeaderMatcher(k.ledger)
    overrides = _overrides(mapping)
    known = [h for h, _ in overrides] + hdr.remembered_headers(store, k.ledger.name)
    book = open_workbook(Path(path))
    try:
        data, table, notes = _choose_table(book, matcher, sheet, known)
    finally:
        book.close()
    remembered = hdr.load_remembered(store, k.ledger.name, hdr.header_key(table.headers))
    return plan_table(
        store,
        k,
        table,
        data,
        source=Path(path),
        sheets=book.sheets,
        notes=notes,
        encoding=book.encoding,
        overrides=overrides,
        remembered=remembered,
        update_duplicates=update_duplicates,
        today=today,
        assume_join=assume_join,
        assume_left=assume_left,
    )


def plan_table(
    store: Store,
    k: Kind,
    table: Table,
    data: SheetData,
    *,
    source: Path,
    sheets: list[SheetInfo],
    notes: list[str],
    encoding: str | None = None,
    overrides: Sequence[tuple[str, str]] = (),
    remembered: Mapping[int, str | None] | None = None,
    update_duplicates: bool = False,
    today: date | None = None,
    assume_join: date | None = None,
    assume_left: date | None = None,
) -> ImportPlan:
    """Plan rows already found in a table: a file's (above) or pasted ones (clipboard)."""
    matcher = hdr.HeaderMatcher(k.ledger)
    columns = hdr.map_columns(
        matcher, table.headers, table.data_columns, overrides=overrides, remembered=remembered
    )
    _require(k.ledger, columns)
    plan = ImportPlan(
        kind=k.cli,
        ledger=k.ledger.name,
        source=source,
        sheet=table.sheet,
        sheets=sheets,
        header_rows=table.header_rows,
        columns=columns,
        ignored_rows=list(table.ignored_rows),
        notes=[*notes, *table.notes],
        update_duplicates=update_duplicates,
        encoding=encoding,
    )
    if data.blank_rows:
        plan.notes.append(
            translate("Import", "Blank rows skipped: {count}.").format(count=data.blank_rows)
        )
    if overrides:
        plan.remember = {c: columns.fields.get(c) for c in range(len(table.headers))}
    if remembered and not overrides:
        plan.notes.append(
            translate("Import", "Used the column mapping remembered for these headers.")
        )
    catalogues = cached_catalogues(load_catalogues(store))
    plan.defaulted = _defaulted(k.ledger, columns, catalogues)
    plan.notes.extend(defaulted_note(label, value) for label, value in plan.defaulted)
    today = today or date.today()  # once, not once per date cell
    pipeline = RowPipeline(
        k.ledger, columns, catalogues, _lookups(store, k.ledger, columns), today=today
    )
    _validate_rows(plan, pipeline, table, data)
    _guard_periods(store, k, plan)
    _dedupe(store, k, plan)
    plan.dates = find_gaps(store, plan)
    choose_dates(plan, join=assume_join, left=assume_left)
    teams = {r.new_team for r in plan.to_add if r.new_team}
    teams |= {r.new_team for _, r in plan.to_update if r.new_team}
    plan.new_teams = sorted(teams)
    if plan.new_teams:
        plan.notes.append(
            translate("Import", "New volunteer teams will be created: {teams}.").format(
                teams="、".join(plan.new_teams)
            )
        )
    return plan


def _choose_table(
    book: Workbook, matcher: hdr.HeaderMatcher, name: str | None, forced: Sequence[str]
) -> tuple[SheetData, Table, list[str]]:
    notes: list[str] = []
    if book.encoding:
        notes.append(
            translate("Import", "Text encoding: {encoding}.").format(encoding=book.encoding)
        )
    if name is not None:
        info = _find_sheet(book.sheets, name)
        data = read_sheet(book, info.name)
        return data, find_table(data, matcher, forced), notes
    hidden = [s.name for s in book.sheets if not s.visible]
    if hidden:
        notes.append(
            translate("Import", "Hidden sheets skipped: {names}.").format(names="、".join(hidden))
        )
    candidates = [s for s in book.sheets if s.visible and s.worksheet]
    if not candidates:
        raise ImportFileError(
            translate("Import", "The workbook has no visible sheet; choose one with --sheet NAME.")
        )
    first_error: ImportFileError | None = None
    for index, info in enumerate(candidates):
        data = read_sheet(book, info.name)
        try:
            table = find_table(data, matcher, forced)
        except ImportFileError as exc:
            first_error = first_error or exc
            continue
        others = [s.name for s in candidates[index + 1 :]]
        if others:
            notes.append(
                translate(
                    "Import",
                    "Imported sheet {sheet}; other sheets not read: {names} (use --sheet).",
                ).format(sheet=info.name, names="、".join(others))
            )
        return data, table, notes
    assert first_error is not None
    raise first_error


def _find_sheet(sheets: Sequence[SheetInfo], name: str) -> SheetInfo:
    wanted = unicodedata.normalize("NFKC", name).strip().casefold()
    for info in sheets:
        if info.name == name:
            return info
    for info in sheets:
        if unicodedata.normalize("NFKC", info.name).strip().casefold() == wanted:
            return info
    raise ImportFileError(
        translate("Import", "No sheet named “{name}”; the sheets are: {names}.").format(
            name=name, names="、".join(s.name for s in sheets)
        )
    )


def _require(ledger: Ledger, columns: hdr.ColumnMapping) -> None:
    """A required field without a default and without a column makes every row fail."""
    mapped = set(columns.fields.values())
    missing = [
        f for f in ledger.fields if f.required and f.default is None and f.name not in mapped
    ]
    if missing:
        names = "、".join(f"{f.zh} ({f.name})" for f in missing)
        raise ImportFileError(
            translate(
                "Import",
                "No column for the required field(s) {names}; headers found: {headers}. "
                'Name the column with --map "表头=field".',
            ).format(names=names, headers="、".join(h for h in columns.headers if h) or "-")
        )


def _defaulted(
    ledger: Ledger, columns: hdr.ColumnMapping, catalogues: Catalogues
) -> list[tuple[str, str]]:
    """Importable fields that no column feeds but that take a default on every row
    (服务提供方 = 社区工作者 when the file has no provider column): named to the clerk,
    never filled in silently."""
    mapped = set(columns.fields.values())
    found = []
    for f in ledger.fields:
        if f.default is None or f.name in mapped or not f.visible or f.derived_from_id:
            continue
        if f.kind == CHOICE and f.catalogue:
            shown = catalogues[f.catalogue].label(str(f.default))
        elif f.kind == BOOL:
            shown = translate("Import", "yes") if f.default else translate("Import", "no")
        else:
            shown = str(f.default)
        found.append((f.label(), shown))
    return found


def defaulted_note(label: str, value: str) -> str:
    return translate(
        "Import", "The file has no column for {field}: every row gets the default “{value}”."
    ).format(field=label, value=value)


def _lookups(store: Store, ledger: Ledger, columns: hdr.ColumnMapping) -> Lookups:
    kinds = {ledger.field(name).kind for name in columns.fields.values()}
    lookups = Lookups()
    with store.read() as s:
        if TEAM in kinds:
            rows = s.execute(
                select(VolunteerTeam.id, VolunteerTeam.name).where(
                    VolunteerTeam.deleted_at.is_(None)
                )
            )
            for team_id, name in rows:
                lookups.teams.setdefault(team_key(name), int(team_id))
        if VOLUNTEERS in kinds:
            rows = s.execute(
                select(Volunteer.id, Volunteer.name).where(Volunteer.deleted_at.is_(None))
            )
            for vol_id, name in rows:
                lookups.volunteers.setdefault(str(name).strip(), []).append(int(vol_id))
    return lookups


def _validate_rows(plan: ImportPlan, pipeline: RowPipeline, table: Table, data: SheetData) -> None:
    formulas: dict[int, set[int]] = {}
    for row, col in data.formula_without_value:
        formulas.setdefault(row, set()).add(col - 1 - data.first_column)
    results = pipeline.process_many(
        table.rows, {row: frozenset(cols) for row, cols in formulas.items()}
    )
    for (number, _cells), result in zip(table.rows, results, strict=True):
        if result is None:
            plan.ignored_rows.append(
                (number, translate("Import", "only ignored columns are filled"))
            )
        elif result.ok:
            plan.to_add.append(result)
        else:
            plan.rejected.append(RejectedRow(number, result.cells, result.errors))


def _guard_periods(store: Store, k: Kind, plan: ImportPlan) -> None:
    """Rows dated inside a submitted (locked) period are rejected, as in manual entry."""
    date_field = k.ledger.date_field
    if not date_field:
        return
    from commdesk.store.services.periods import locked_periods

    periods = locked_periods(store)
    if not periods:
        return
    kept: list[RowResult] = []
    for row in plan.to_add:
        day = row.values.get(date_field) if row.values else None
        hit = [p for p in periods if day is not None and p.contains(day)]
        if hit:
            reason = translate(
                "Import", "{period} has been submitted and is locked; unlock it first."
            ).format(period=hit[0].label())
            plan.rejected.append(RejectedRow(row.row_number, row.cells, [reason]))
        else:
            kept.append(row)
    plan.to_add = kept
    plan.rejected.sort(key=lambda r: r.row_number)


def duplicate_key(kind: Kind, values: Mapping[str, Any]) -> tuple[Any, ...]:
    """What makes two rows the same record.

    People: the ID number. Facilities: name and type. Services: date, category
    and the named recipient when there is one; otherwise the whole content
    (target group, description, place, counts, channel), because clerks'
    ledgers have several services of a category on one day with the same
    description ("入户走访") that are different services.
    """
    if kind.person:
        return (values.get("id_number"),)
    if kind.ledger.name == "facility":
        return (_fold(values.get("name")), values.get("type_code"))
    recipient = values.get("recipient_id_number") or _fold(values.get("recipient_name"))
    base = (values.get("service_date"), values.get("category_code"))
    if recipient:
        return (*base, "recipient", recipient)
    hours = values.get("hours")
    return (
        *base,
        values.get("target_group_code"),
        _fold(values.get("description")),
        _fold(values.get("place")),
        values.get("people_served"),
        None if hours is None else round(float(hours), 4),
        values.get("channel_code"),
        values.get("provider_kind_code"),
    )


def _fold(text: Any) -> str | None:
    if text is None:
        return None
    return " ".join(unicodedata.normalize("NFKC", str(text)).split()).casefold() or None


def existing_keys(
    store: Store, kind: Kind, rows: Iterable[Mapping[str, Any]]
) -> dict[tuple[Any, ...], int]:
    """Keys of live rows in the database that rows like these could duplicate."""
    table = kind.service.table
    out: dict[tuple[Any, ...], int] = {}
    rows = list(rows)
    if not rows:
        return out
    if kind.person:
        stmt = select(table.c.id, table.c.id_number).where(table.c.deleted_at.is_(None))
    else:
        columns = [table.c.id, *(table.c[n] for n in kind.service.columns)]
        stmt = select(*columns).where(table.c.deleted_at.is_(None))
        date_field = kind.ledger.date_field
        days = [r.get(date_field) for r in rows if date_field and r.get(date_field) is not None]
        if days:
            stmt = stmt.where(table.c[date_field].between(min(days), max(days)))
    with store.read() as s:
        for row in s.execute(stmt).mappings():
            out.setdefault(duplicate_key(kind, row), int(row["id"]))
    return out


def _dedupe(store: Store, k: Kind, plan: ImportPlan) -> None:
    """Skip rows already in the file or the ledger; one person's rows add their posts.

    Legacy rosters list a 书记兼主任 (一肩挑) as two rows with one ID: the second
    row's values of a multi-valued field (the posts) join the first row, or the
    person already in the ledger, instead of making a second person.
    """
    multi = [f.name for f in k.ledger.fields if f.kind == CHOICES]
    in_db = existing_keys(store, k, (r.values for r in plan.to_add if r.values))
    seen: dict[tuple[Any, ...], RowResult] = {}
    firsts: list[tuple[RowResult, tuple[Any, ...]]] = []  # with its key, made once
    keys = _duplicate_keys(k, plan.to_add)
    if len(set(keys)) == len(keys):  # no two rows alike (most files): nothing to merge
        seen = dict(zip(keys, plan.to_add, strict=True))
        firsts = list(zip(plan.to_add, keys, strict=True))
    else:
        for row, key in zip(plan.to_add, keys, strict=True):
            assert row.values is not None
            first = seen.get(key)
            if first is None:
                seen[key] = row
                firsts.append((row, key))
                continue
            assert first.values is not None
            added = _add_codes(first.values, row.values, multi)
            if added:
                first.present = first.present | set(added)
                reason = translate(
                    "Import", "same person as row {row} in this file: added to that row"
                ).format(row=first.row_number)
            else:
                reason = translate("Import", "duplicate of row {row} in this file").format(
                    row=first.row_number
                )
            plan.skipped.append(SkippedRow(row.row_number, row.cells, reason))
    held = _held_codes(store, k, multi, [in_db[key] for key in seen if key in in_db])
    kept: list[RowResult] = []
    updates: list[tuple[int, RowResult]] = []
    for row, key in firsts:
        assert row.values is not None
        existing = in_db.get(key)
        if existing is None:
            kept.append(row)
            continue
        if plan.update_duplicates:
            updates.append((existing, row))
            continue
        now = dict(held.get(existing, {}))
        added = _add_codes(now, row.values, multi)
        if added:  # the same person with another post: add it, change nothing else
            updates.append(
                (existing, replace(row, values={**row.values, **now}, present=frozenset(added)))
            )
            continue
        plan.skipped.append(
            SkippedRow(
                row.row_number,
                row.cells,
                translate("Import", "already in the ledger (record {id})").format(id=existing),
                existing,
            )
        )
    plan.to_add = kept
    if updates:
        _check_updates(store, k, plan, updates)


def _duplicate_keys(k: Kind, rows: Sequence[RowResult]) -> list[tuple[Any, ...]]:
    """:func:`duplicate_key` of each row; a person's (the ID number) made in C."""
    if k.person:
        return list(zip(map(methodcaller("get", "id_number"), (r.values for r in rows))))
    return [duplicate_key(k, r.values) for r in rows]  # type: ignore[arg-type]


def _add_codes(into: dict[str, Any], other: Mapping[str, Any], names: list[str]) -> list[str]:
    """Add ``other``'s codes of each multi-valued field to ``into``; the fields that grew."""
    grown = []
    for name in names:
        have = tuple(into.get(name) or ())
        more = tuple(c for c in (other.get(name) or ()) if c not in have)
        if more:
            into[name] = have + more
            grown.append(name)
    return grown


def _held_codes(
    store: Store, k: Kind, names: list[str], ids: list[int]
) -> dict[int, dict[str, Any]]:
    """The multi-valued fields of existing records, by id."""
    if not names or not ids:
        return {}
    t = k.service.table
    with store.read() as s:
        rows = s.execute(select(t.c.id, *(t.c[n] for n in names)).where(t.c.id.in_(ids)))
        return {int(r.id): {n: r._mapping[n] for n in names} for r in rows}


def merged_for_update(
    kind: Kind, before: Mapping[str, Any], row: RowResult, team_id: int | None = None
) -> dict[str, Any]:
    """The existing record with the file's non-blank cells laid over it."""
    assert row.values is not None
    names = kind.ledger.names()
    merged = {name: before.get(name) for name in names}
    for name in row.present:
        if name in merged:
            merged[name] = row.values.get(name)
    if "team_id" in row.present and team_id is not None:
        merged["team_id"] = team_id
    return merged


def _check_updates(
    store: Store, k: Kind, plan: ImportPlan, updates: list[tuple[int, RowResult]]
) -> None:
    """Validate each update as it would be stored: the merge must pass the domain too."""
    from commdesk.domain.records import validate_record

    catalogues = load_catalogues(store)
    with store.read() as s:
        for existing, row in updates:
            before = k.service._fetch(s, existing) or {}
            checked = validate_record(k.ledger, merged_for_update(k, before, row), catalogues)
            if checked.ok:
                plan.to_update.append((existing, row))
            else:
                reasons = [f"{name}: {m}" for name, ms in checked.errors.items() for m in ms]
                plan.rejected.append(RejectedRow(row.row_number, row.cells, reasons))
    plan.rejected.sort(key=lambda r: r.row_number)
