"""Write an :class:`ImportPlan` in one transaction, audited as one event.

Rows are inserted in batches (one statement per batch, not one session per
row): ``executemany`` on SQLite, ``COPY`` on PostgreSQL. ``search_text`` is
computed by the ledger service itself so search behaves exactly as for rows
typed in by hand. Anything that
goes wrong before the end (an error, the clerk's cancel, a progress callback
that raises) rolls the whole import back: nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from commdesk.domain.i18n import translate
from commdesk.domain.records import memo_key, validate_record
from commdesk.importing.errors import ImportCancelled, ImportFileError
from commdesk.importing.gc_pause import gc_paused
from commdesk.importing.headers import save_mapping
from commdesk.importing.kinds import Kind, kind_for
from commdesk.importing.plan import ImportPlan, merged_for_update
from commdesk.importing.rows import RowResult, team_key
from commdesk.store import audit
from commdesk.store.catalogue_store import load_catalogues
from commdesk.store.engine import Store
from commdesk.store.models import Volunteer, service_volunteer
from commdesk.store.search_keys import key_ids

BATCH = 2000

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]


@dataclass
class ImportResult:
    added: int = 0
    updated: int = 0
    skipped: int = 0
    rejected: int = 0
    warnings: int = 0
    teams_created: list[str] = field(default_factory=list)
    team_ids: list[int] = field(default_factory=list)  # of the teams created (undo removes them)
    first_id: int | None = None
    last_id: int | None = None
    notes: list[str] = field(default_factory=list)

    def counts_line(self) -> str:
        return (
            f"added={self.added} updated={self.updated} skipped={self.skipped} "
            f"rejected={self.rejected} warnings={self.warnings}"
        )


def _batches(rows: Sequence[RowResult], size: int) -> Iterator[Sequence[RowResult]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


@gc_paused()  # see gc_pause: the plan's rows are walked again on every full collection
def commit_import(
    store: Store,
    plan: ImportPlan,
    *,
    source_name: str | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    user: str | None = None,
) -> ImportResult:
    """Write every accepted row of ``plan`` in one transaction; all or nothing.

    ``progress(done, total)`` is called after each batch; ``cancel()`` returning
    True stops the import (raising :class:`ImportCancelled`) with nothing written.
    """
    k = kind_for(plan.kind)
    user = user or audit.current_user(store)
    source_name = source_name or plan.source.name
    rows_to_write = [*plan.to_add, *(r for _, r in plan.to_update)]
    k.service._guard(store, [r.values for r in rows_to_write if r.values])
    catalogues = load_catalogues(store) if plan.to_update else None
    total = len(rows_to_write)
    result = ImportResult(
        skipped=len(plan.skipped),
        rejected=len(plan.rejected),
        warnings=len(plan.warnings),
    )
    result.notes.extend(
        translate("Import", "{field} was not in the file: {count} rows got “{value}”.").format(
            field=label, count=total, value=value
        )
        for label, value in plan.defaulted
    )
    done = 0

    def step(count: int) -> None:
        nonlocal done
        if cancel is not None and cancel():
            raise ImportCancelled(translate("Import", "Import cancelled; nothing was written."))
        done += count
        if progress is not None:
            progress(done, total)

    with store.write() as s:
        teams = _create_teams(s, plan.new_teams, user)
        result.teams_created = list(plan.new_teams)
        result.team_ids = sorted(teams.values())
        table = k.service.table
        before_max = s.execute(select(func.max(table.c.id))).scalar() or 0
        step(0)
        bound: dict[str, dict[Any, Any]] = {}  # each column's converted values, all batches
        for batch in _batches(plan.to_add, BATCH):
            _insert_batch(s, k, batch, teams, user, result, bound)
            step(len(batch))
        result.added = len(plan.to_add)
        if plan.to_add:
            result.first_id = int(before_max) + 1
            result.last_id = int(s.execute(select(func.max(table.c.id))).scalar() or 0)
        for existing, row in plan.to_update:
            assert catalogues is not None
            _update_row(s, k, existing, row, teams, catalogues, user)
            step(1)
        result.updated = len(plan.to_update)
        k.service.link_search_keys(s)
        if plan.remember:
            save_mapping(
                s, plan.ledger, plan.columns.header_key, plan.remember, plan.columns.headers
            )
        summary = {
            "source": source_name,
            "sheet": plan.sheet,
            "added": result.added,
            "updated": result.updated,
            "skipped": result.skipped,
            "rejected": result.rejected,
            "warnings": result.warnings,
            "teams_created": result.teams_created,
            "first_id": result.first_id,
            "last_id": result.last_id,
        }
        if plan.dates is not None:  # which dates the file lacked and what was used instead
            summary["assumed_dates"] = plan.dates.counts() | {
                "join_date": plan.dates.join,
                "left_date": plan.dates.left_day,
            }
        audit.record(
            s,
            "import",
            plan.ledger,
            None,
            after=summary,
            note=f"{source_name}: {result.counts_line()}",
            user=user,
        )
    return result


def _team_id(row: RowResult, teams: dict[str, int]) -> int | None:
    if row.new_team:
        return teams[team_key(row.new_team)]
    return row.values.get("team_id") if row.values else None


def _create_teams(s: Session, names: Sequence[str], user: str) -> dict[str, int]:
    """Teams named in the file but not in the database, created through the team service."""
    from commdesk.domain.catalogues import released
    from commdesk.store.services.volunteers import teams

    created: dict[str, int] = {}
    for name in names:
        checked = validate_record(teams.ledger, {"name": name}, released())
        if not checked.ok:
            raise ImportFileError(
                translate("Import", "Cannot create the team “{name}”: {error}").format(
                    name=name, error="; ".join(m for ms in checked.errors.values() for m in ms)
                )
            )
        team_id = teams._insert(s, checked.values, user)
        audit.record(s, "insert", teams.ledger.name, team_id, after=checked.values, user=user)
        created[team_key(name)] = team_id
    return created


def _insert_batch(
    s: Session,
    k: Kind,
    batch: Sequence[RowResult],
    teams: dict[str, int],
    user: str,
    result: ImportResult,
    bound: dict[str, dict[Any, Any]],
) -> None:
    service = k.service
    rows = [row.values for row in batch]
    assert None not in rows
    stamp = audit.now()
    columns = service._column_lists(rows)  # type: ignore[arg-type]
    if "team_id" in columns and any(row.new_team for row in batch):
        # Rows naming a team the import creates get its id (each name resolved once).
        created = {name: teams[team_key(name)] for name in {row.new_team for row in batch} if name}
        columns["team_id"] = [
            created[row.new_team] if row.new_team else value
            for row, value in zip(batch, columns["team_id"], strict=True)
        ]
    for name, value in (
        ("created_at", stamp),
        ("updated_at", stamp),
        ("created_by", user),
        ("updated_by", user),
    ):
        columns[name] = [value] * len(rows)
    links = [r.get("volunteers") or [] for r in rows]  # type: ignore[union-attr]
    if not any(links):
        _write_columns(s, service.table, columns, bound)
        return
    names = list(columns)
    rows_of = zip(*columns.values(), strict=True)
    params = [dict(zip(names, values, strict=True)) for values in rows_of]
    stmt = insert(service.table).returning(service.table.c.id, sort_by_parameter_order=True)
    ids = [int(i) for i in s.execute(stmt, params).scalars()]
    wanted = {vid for group in links for vid in group}
    live = set(
        s.scalars(
            select(Volunteer.id).where(Volunteer.id.in_(wanted), Volunteer.deleted_at.is_(None))
        )
    )
    pairs = [
        {"service_id": sid, "volunteer_id": vid}
        for sid, group in zip(ids, links, strict=True)
        for vid in group
        if vid in live
    ]
    dropped = sum(len(g) for g in links) - len(pairs)
    if dropped:
        result.notes.append(
            translate(
                "Import", "{count} volunteer links dropped: deleted since the preview."
            ).format(count=dropped)
        )
    if pairs:
        s.execute(insert(service_volunteer), pairs)


def _write_columns(
    s: Session, table: Any, columns: dict[str, list[Any]], memos: dict[str, dict[Any, Any]]
) -> None:
    """Insert rows given column by column, inside the session's transaction.

    SQLite: one driver-level executemany (SQLAlchemy's per-row parameter handling
    costs more than SQLite's insert itself). PostgreSQL: psycopg's COPY, the
    server's bulk path, which fires the same triggers and defaults as INSERT.
    Values go through each column type's own bind processor either way, so they
    are stored exactly as an ORM insert would store them; ``memos`` keeps each
    column's converted values from batch to batch (see :func:`_bound`).
    """
    names = list(columns)
    if not names or not columns[names[0]]:
        return
    dialect = s.get_bind().dialect
    processors = [table.c[n].type.dialect_impl(dialect).bind_processor(dialect) for n in names]
    bound = [
        _bound(columns[name], process, memos.setdefault(name, {}))
        for name, process in zip(names, processors, strict=True)
    ]
    quote = dialect.identifier_preparer.quote
    target = f"{quote(table.name)} ({', '.join(quote(n) for n in names)})"
    connection = s.connection()
    if dialect.name == "postgresql":
        driver = connection.connection.driver_connection  # psycopg's, in this transaction
        with driver.cursor() as cursor:  # type: ignore[union-attr]
            if "search_key_id" in columns:  # keys given now: no UPDATE of every row after
                at = names.index("search_key_id")
                recipients = columns.get("recipient_id_number") or [None] * len(columns[names[0]])
                bound[at] = key_ids(cursor, columns["search_text"], recipients)
            with cursor.copy(f"COPY {target} FROM STDIN") as copy:
                for row in zip(*bound, strict=True):
                    copy.write_row(row)
        return
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    sql = f"INSERT INTO {target} VALUES ({', '.join(mark for _ in names)})"
    connection.exec_driver_sql(sql, list(zip(*bound, strict=True)))


def _bound(
    values: list[Any], process: Callable[[Any], Any] | None, memo: dict[Any, Any]
) -> list[Any]:
    """One column's values through its bind processor (None passes as is).

    Dates and timestamps repeat down a column (a batch shares one timestamp), so
    each distinct value is converted once; memo_key keeps apart values that are
    equal but of different types. ``memo`` holds the column's dates, texts and
    integers converted so far (no two of those types are ever equal), for the
    next batches.
    """
    if process is None:
        return values
    if values and len(set(map(id, values))) == 1:  # one object down the column (the stamp)
        return [None if values[0] is None else process(values[0])] * len(values)
    kinds = set(map(type, values))
    kinds.discard(type(None))
    if kinds <= {date, str, int}:
        # Equal values share a key, so each distinct value is converted once and
        # the column mapped in C.
        memo[None] = None
        for value in dict.fromkeys(values):
            if value not in memo:
                memo[value] = process(value)
        return list(map(memo.__getitem__, values))
    done_keys: dict[tuple[type, Any], Any] = {}
    out: list[Any] = []
    for value in values:
        if value is None:
            out.append(None)
            continue
        key = memo_key(value)
        if key is None:
            out.append(process(value))
        elif key in done_keys:
            out.append(done_keys[key])
        else:
            out.append(done_keys.setdefault(key, process(value)))
    return out


def _update_row(
    s: Session,
    k: Kind,
    existing: int,
    row: RowResult,
    teams: dict[str, int],
    catalogues: Any,
    user: str,
) -> None:
    """The service's update path, inside this transaction: validate, write, audit before/after."""
    service = k.service
    before = service._fetch(s, existing)
    if before is None or before["deleted_at"] is not None:
        raise ImportFileError(
            translate(
                "Import", "Record {id} was deleted since the preview; preview the import again."
            ).format(id=existing)
        )
    merged = merged_for_update(k, before, row, _team_id(row, teams) if row.new_team else None)
    checked = validate_record(k.ledger, merged, catalogues)
    if not checked.ok:
        raise ImportFileError(
            translate(
                "Import", "Record {id} changed since the preview; preview the import again."
            ).format(id=existing)
        )
    values = service._column_values(checked.values) | {
        "updated_at": audit.now(),
        "updated_by": user,
        "version": service.table.c.version + 1,
    }
    s.execute(service.table.update().where(service.table.c.id == existing).values(**values))
    service._write_links(s, existing, checked.values)
    after = service._fetch(s, existing)
    audit.record(
        s,
        "update",
        service.ledger.name,
        existing,
        before=service._public(before),
        after=service._public(after),
        user=user,
        note="import",
    )
