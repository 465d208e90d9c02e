"""The generic ledger service every ledger module instantiates.

Add / update / soft-delete / restore / get / query with paging, count and
totals. Each write is one transaction that also writes its audit rows. Rows
leave this module as plain dicts, never as live ORM objects.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import (
    ARRAY,
    Integer,
    Select,
    String,
    Table,
    and_,
    any_,
    cast,
    func,
    literal,
    literal_column,
    or_,
    select,
)
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from commdesk.domain.catalogues import Catalogues
from commdesk.domain.i18n import translate
from commdesk.domain.ledgers import Ledger
from commdesk.domain.records import Validated, ValidationError, validate_record
from commdesk.store import audit
from commdesk.store.catalogue_store import load_catalogues
from commdesk.store.engine import Store
from commdesk.store.models import Base
from commdesk.store.services.conflicts import EditConflict

_META = (
    "id",
    "created_at",
    "updated_at",
    "created_by",
    "updated_by",
    "deleted_at",
    "version",
)
_NONE_AS_EMPTY: dict[Any, str] = {None: ""}
# Columns the program keeps for itself: never shown, exported or audited.
INTERNAL_COLUMNS = frozenset({"search_text", "search_key_id"})
# What a keyed search costs, per row, in each plan (measured with a million records):
# fetching every match through the key index and sorting them, or walking the sort
# column's index and testing each row it passes against the key list.
FETCH_AND_SORT_COST = 3.0  # µs per match
WALK_COST = 0.5  # µs per row walked
KEY_CACHE_SIZE = 16  # searches remembered per server (the last few typed)


@dataclass
class Query:
    """What a ledger page asks for: search, filters, sort and one page."""

    search: str = ""
    filters: Mapping[str, Any] = field(default_factory=dict)
    date_from: date | None = None
    date_to: date | None = None
    sort: str | None = None
    descending: bool = False
    offset: int = 0
    limit: int | None = 100
    deleted: bool = False  # True: the recycle view (only soft-deleted rows)
    # How many rows this query matches, when the caller already counted them: lets
    # the store choose between the search index and the sort order's index.
    expected_rows: int | None = None


class NotFound(LookupError):
    """The row does not exist (or is deleted when that matters)."""


class LedgerService:
    """CRUD + query for one ledger; subclasses add derived columns and links."""

    def __init__(
        self,
        ledger: Ledger,
        model: type[Base],
        *,
        text_fields: Sequence[str] = (),
        pinyin_fields: Sequence[str] = (),
        id_field: str | None = None,
        search_keys: Table | None = None,
        unique_id: bool = False,
    ) -> None:
        self.ledger = ledger
        # One person, one row: a second live row with the same ID number is refused.
        self.unique_id = unique_id
        self.model = model
        self.table = model.__table__  # type: ignore[attr-defined]
        self.text_fields = tuple(text_fields)
        self.pinyin_fields = tuple(pinyin_fields)
        self.id_field = id_field
        self.columns = [f.name for f in ledger.columns()]
        self._has_search = "search_text" in self.table.c
        # Distinct (search text, ID number) pairs, for a ledger too large to LIKE-scan.
        self.search_keys = search_keys
        # Per server engine: needle -> (newest key id when read, the matching key ids).
        self._key_cache: WeakKeyDictionary[Any, dict[str, tuple[int | None, str]]] = (
            WeakKeyDictionary()
        )
        self._key_lock = threading.Lock()
        # A partial index on deleted rows makes "all live rows" countable without a scan.
        self._deleted_indexed = any(
            [c.name for c in index.columns] == ["deleted_at"] for index in self.table.indexes
        )
        # Columns a whole-table index leads with: a sort by one can walk that index.
        self._walkable = {"id"} | {
            next(iter(index.columns)).name
            for index in self.table.indexes
            if index.columns and index.dialect_options["sqlite"]["where"] is None
        }

    # ----------------------------------------------------------- validation
    def validate(
        self,
        data: Mapping[str, Any],
        catalogues: Catalogues,
        *,
        today: date | None = None,
    ) -> Validated:
        return validate_record(self.ledger, data, catalogues, today=today)

    def _checked(self, store: Store, data: Mapping[str, Any]) -> Validated:
        result = self.validate(data, load_catalogues(store))
        if not result.ok:
            raise ValidationError(result.errors, result.warnings)
        return result

    def search_text(self, values: Mapping[str, Any]) -> str:
        """Lower-case haystack: text fields plus pinyin initials and full pinyin."""
        from commdesk.domain.initials import search_key

        return self._search_text(values, search_key)

    def _search_text(self, values: Mapping[str, Any], search_key: Callable[[str], str]) -> str:
        parts: list[str] = []
        for name in self.pinyin_fields:
            text = values.get(name)
            if text:
                text = str(text)
                parts += [text, search_key(text)]  # "initials full pinyin"
        for name in self.text_fields:
            text = values.get(name)
            if text:
                parts.append(str(text))
        return " ".join(parts).lower()

    def _search_texts(
        self, columns: Mapping[str, list[Any]], rows: Sequence[Mapping[str, Any]]
    ) -> list[str]:
        """:meth:`search_text` of each row, built column by column: each distinct name's
        pinyin once, and each row one C-level join of its fields' non-empty pieces."""
        from commdesk.domain.initials import search_key

        fields = (*self.pinyin_fields, *self.text_fields)
        if not fields:
            return [""] * len(rows)
        if not all(name in columns for name in fields):
            return [self._search_text(values, search_key) for values in rows]

        def keyed(value: Any) -> str:
            text = str(value) if value else ""
            return f"{text} {search_key(text)}" if text else ""

        pieces: list[list[str]] = []
        for name in self.pinyin_fields:
            column = columns[name]
            if set(map(type, column)) <= {str, type(None)}:  # equal values: equal pieces
                by_value = {value: keyed(value) for value in dict.fromkeys(column)}
                pieces.append(list(map(by_value.__getitem__, column)))
            else:
                pieces.append(list(map(keyed, column)))
        for name in self.text_fields:
            column = columns[name]
            if set(map(type, column)) <= {str, type(None)}:  # text as it is, None as ""
                pieces.append(list(map(_NONE_AS_EMPTY.get, column, column)))
            else:
                pieces.append([str(value) if value else "" for value in column])
        return [" ".join(filter(None, row)).lower() for row in zip(*pieces, strict=True)]

    def _column_values(self, values: Mapping[str, Any]) -> dict[str, Any]:
        out = {name: values.get(name) for name in self.columns}
        if self._has_search:
            out["search_text"] = self.search_text(values)
        if self.search_keys is not None:
            out["search_key_id"] = None  # linked by link_search_keys in the same transaction
        return out

    def _column_lists(self, rows: Sequence[Mapping[str, Any]]) -> dict[str, list[Any]]:
        """:meth:`_column_values` of many rows, as one list per column (bulk inserts)."""
        out: dict[str, list[Any]] = {}
        if rows and len(self.columns) > 1:
            try:  # validated rows hold every column: a C-level pick per row, then a transpose
                picked = list(map(itemgetter(*self.columns), rows))
                out = dict(zip(self.columns, map(list, zip(*picked, strict=True)), strict=True))
            except KeyError:
                out = {}
        if len(out) != len(self.columns):  # a row without some column, or no rows
            out = {name: [values.get(name) for values in rows] for name in self.columns}
        if self._has_search:
            out["search_text"] = self._search_texts(out, rows)
        if self.search_keys is not None:
            out["search_key_id"] = [None] * len(rows)
        return out

    def link_search_keys(self, s: Session) -> None:
        """Link rows written in this transaction to their search keys (any writer calls it)."""
        if self.search_keys is not None:
            from commdesk.store.search_keys import link_pending

            link_pending(s)

    # ----------------------------------------------------------- writes
    def add(self, store: Store, data: Mapping[str, Any], *, user: str | None = None) -> int:
        checked = self._checked(store, data)
        self._guard(store, [checked.values])
        user = user or audit.current_user(store)
        with store.write() as s:
            self._refuse_same_person(s, checked.values, None)
            row_id = self._insert(s, checked.values, user)
            self.link_search_keys(s)
            audit.record(
                s, "insert", self.ledger.name, row_id, after=self._public(checked.values), user=user
            )
        return row_id

    def _insert(self, s: Session, values: Mapping[str, Any], user: str) -> int:
        stamp = audit.now()
        row = self._column_values(values) | {
            "created_at": stamp,
            "updated_at": stamp,
            "created_by": user,
            "updated_by": user,
        }
        try:
            result = s.execute(self.table.insert().values(**row))
        except IntegrityError as exc:
            raise self._integrity_error(exc) from exc
        row_id = int(result.inserted_primary_key[0])
        self._write_links(s, row_id, values)
        return row_id

    def update(
        self,
        store: Store,
        row_id: int,
        data: Mapping[str, Any],
        *,
        user: str | None = None,
        expected_version: int | None = None,
    ) -> int:
        """Replace the fields given in ``data``; the others keep their values.

        With ``expected_version`` (the version the clerk's copy was loaded at) a
        row saved by someone else since raises :class:`EditConflict` instead of
        being overwritten. Returns the row's new version.
        """
        user = user or audit.current_user(store)
        catalogues = load_catalogues(store)
        with store.write() as s:
            before = self._fetch(s, row_id)
            if expected_version is not None and (
                before is None
                or before["deleted_at"] is not None
                or before["version"] != expected_version
            ):
                raise self._conflict(row_id, data, before, expected_version)
            if before is None or before["deleted_at"] is not None:
                raise NotFound(row_id)
            merged = {name: before.get(name) for name in self.ledger.names()} | dict(data)
            checked = self.validate(merged, catalogues)
            if not checked.ok:
                raise ValidationError(checked.errors, checked.warnings)
            self._guard(store, [before, checked.values])
            self._refuse_same_person(s, checked.values, row_id)
            values = self._column_values(checked.values) | {
                "updated_at": audit.now(),
                "updated_by": user,
                "version": before["version"] + 1,
            }
            # The version in the WHERE clause: a concurrent writer that got in between
            # our read and this write (another server connection) makes it match nothing.
            stmt = self.table.update().where(
                self.table.c.id == row_id, self.table.c.version == before["version"]
            )
            try:
                done = s.execute(stmt.values(**values)).rowcount
            except IntegrityError as exc:
                raise self._integrity_error(exc) from exc
            if done != 1:
                raise self._conflict(row_id, data, self._fetch(s, row_id), before["version"])
            self._write_links(s, row_id, checked.values)
            self.link_search_keys(s)
            after = self._fetch(s, row_id)
            audit.record(
                s,
                "update",
                self.ledger.name,
                row_id,
                before=self._public(before),
                after=self._public(after),
                user=user,
            )
        return int(values["version"])

    def _conflict(
        self,
        row_id: int,
        mine: Mapping[str, Any],
        current: Mapping[str, Any] | None,
        expected_version: int,
    ) -> EditConflict:
        live = current is not None and current["deleted_at"] is None
        return EditConflict(
            self.ledger.name,
            row_id,
            mine,
            self._public(dict(current)) if live and current is not None else None,
            expected_version=expected_version,
            current_version=current["version"] if live and current is not None else None,
        )

    def delete(self, store: Store, ids: Iterable[int], *, user: str | None = None) -> int:
        return self._set_deleted(store, ids, deleted=True, user=user)

    def restore(self, store: Store, ids: Iterable[int], *, user: str | None = None) -> int:
        return self._set_deleted(store, ids, deleted=False, user=user)

    def _set_deleted(
        self, store: Store, ids: Iterable[int], *, deleted: bool, user: str | None
    ) -> int:
        user = user or audit.current_user(store)
        ids = list(dict.fromkeys(int(i) for i in ids))
        changed = 0
        with store.write() as s:
            for row_id in ids:
                before = self._fetch(s, row_id)
                if before is None:
                    raise NotFound(row_id)
                if (before["deleted_at"] is not None) == deleted:
                    continue
                if not deleted:  # a restored copy must not make the same person twice
                    self._refuse_same_person(s, before, row_id)
                self._guard(store, [before])
                stamp = audit.now()
                s.execute(
                    self.table.update()
                    .where(self.table.c.id == row_id)
                    .values(
                        deleted_at=stamp if deleted else None,
                        updated_at=stamp,
                        updated_by=user,
                        version=self.table.c.version + 1,
                    )
                )
                audit.record(
                    s,
                    "delete" if deleted else "restore",
                    self.ledger.name,
                    row_id,
                    before=self._public(before),
                    user=user,
                )
                changed += 1
        return changed

    def same_person(self, s: Session, id_number: Any, row_id: int | None) -> dict[str, Any] | None:
        """The live row (other than ``row_id``) already holding ``id_number``."""
        if not self.unique_id or not id_number or self.id_field is None:
            return None
        t = self.table
        stmt = select(t.c.id, t.c.name, t.c[self.id_field]).where(
            t.c[self.id_field] == id_number, t.c.deleted_at.is_(None)
        )
        if row_id is not None:
            stmt = stmt.where(t.c.id != row_id)
        row = s.execute(stmt.order_by(t.c.id).limit(1)).mappings().first()
        return dict(row) if row is not None else None

    def _multi(self, name: str) -> bool:
        from commdesk.domain.ledgers import CHOICES

        return name in self.columns and self.ledger.field(name).kind == CHOICES

    def _refuse_same_person(
        self, s: Session, values: Mapping[str, Any], row_id: int | None
    ) -> None:
        assert self.id_field is not None or not self.unique_id
        existing = self.same_person(s, values.get(self.id_field or ""), row_id)
        if existing is not None:
            raise ValidationError({self.id_field or "id": [self.same_person_message(existing)]})

    def same_person_message(self, existing: Mapping[str, Any]) -> str:
        """Points at the person already entered: name, masked ID, ledger and record."""
        from commdesk.domain.validators import mask_id

        return translate(
            "Validators",
            "This ID number is already entered: {name} ({id}), record {row} in {ledger}. "
            "Open that record instead of entering the person again.",
        ).format(
            name=existing["name"],
            id=mask_id(existing[self.id_field or "id"]),
            row=existing["id"],
            ledger=self.ledger.label(),
        )

    def _write_links(self, s: Session, row_id: int, values: Mapping[str, Any]) -> None:
        """Hook for many-to-many links (service → volunteers)."""

    def _guard(self, store: Store, rows: Sequence[Mapping[str, Any]]) -> None:
        """Hook to refuse a change (a dated record inside a submitted period)."""

    def ensure_unlocked(self, store: Store, ids: Iterable[int]) -> None:
        """Raise what a delete/restore of ``ids`` would raise, without changing anything.

        Lets the UI ask to unlock a period before it pushes an undo command.
        """
        with store.read() as s:
            rows = [r for r in (self._fetch(s, int(i)) for i in ids) if r is not None]
        self._guard(store, rows)

    def _integrity_error(self, exc: IntegrityError) -> ValidationError:
        message = str(exc.orig)
        if "FOREIGN KEY" in message:
            return ValidationError(
                {"team_id": [translate("Validators", "The selected item no longer exists.")]}
            )
        return ValidationError({"id": [message]})

    # ----------------------------------------------------------- reads
    def _fetch(self, s: Session, row_id: int) -> dict[str, Any] | None:
        row = s.execute(select(self.table).where(self.table.c.id == row_id)).mappings().first()
        if row is None:
            return None
        out = dict(row)
        out.update(self._links(s, [row_id]).get(row_id, {}))
        return out

    def _links(self, s: Session, ids: Sequence[int]) -> dict[int, dict[str, Any]]:
        return {}

    def _public(self, values: Mapping[str, Any] | None) -> dict[str, Any] | None:
        if values is None:
            return None
        return {k: v for k, v in values.items() if k not in INTERNAL_COLUMNS}

    def get(self, store: Store, row_id: int) -> dict[str, Any] | None:
        with store.read() as s:
            return self._public(self._fetch(s, row_id))

    def _where(self, q: Query, *, walk: bool = False, key_ids: str | None = None) -> list[Any]:
        t = self.table
        clauses: list[Any] = [
            t.c.deleted_at.is_not(None) if q.deleted else t.c.deleted_at.is_(None)
        ]
        for name, value in q.filters.items():
            if value is None or value == "" or name not in t.c:
                continue
            column = t.c[name]
            if self._multi(name):  # "SEC,DIR" holds SEC: match one code among several
                codes = value if isinstance(value, list | tuple | set | frozenset) else [value]
                padded = literal(",", String) + cast(column, String) + literal(",", String)
                clauses.append(or_(*(padded.like(f"%,{code},%") for code in codes)))
            elif isinstance(value, list | tuple | set | frozenset):
                clauses.append(column.in_(list(value)))
            else:
                clauses.append(column == value)
        date_field = self.ledger.date_field
        if date_field:
            if q.date_from:
                clauses.append(t.c[date_field] >= q.date_from)
            if q.date_to:
                clauses.append(t.c[date_field] <= q.date_to)
        needle = q.search.strip().lower()
        if needle and self.search_keys is not None:
            clauses.append(self._keyed_search(needle, walk=walk, key_ids=key_ids))
        elif needle:
            text = t.c.search_text if self._has_search else None
            match = _search_match(needle, text, t.c[self.id_field] if self.id_field else None)
            if match is not None:
                clauses.append(match)
        return clauses

    def _keyed_search(self, needle: str, *, walk: bool, key_ids: str | None) -> Any:
        """Rows whose key matches: a scan of the few distinct keys, then an index."""
        column: Any = self.table.c.search_key_id
        if key_ids is not None:  # PostgreSQL: the keys, already read (see _key_ids)
            # Written into the statement, so the planner sees the ids (a parameter cast
            # to an array is opaque to it and leads it to walk the whole sort index).
            ids = literal_column(f"'{key_ids}'::integer[]", ARRAY(Integer))
            return (column + 0 if walk else column) == any_(ids)
        keys = self._matching_keys(needle)
        if walk:
            # "+ 0" keeps SQLite off the key index: walking the sort index and
            # testing each row against the (materialised) key list finds a page of
            # a common word sooner than sorting hundreds of thousands of matches.
            column = column + 0
        return column.in_(keys)

    def _matching_keys(self, needle: str) -> Select[Any]:
        assert self.search_keys is not None
        k = self.search_keys
        return select(k.c.id).where(_search_match(needle, k.c.text, k.c.id_number))

    def _key_ids(self, s: Session, q: Query) -> str | None:
        """On PostgreSQL, the ids of the matching search keys, read first, as an array
        literal of integers (thousands of ints as an array parameter cost 10 ms to send).

        PostgreSQL cannot tell how many keys ``LIKE '%…%'`` matches, so with the keys
        as a subquery it guesses thousands of rows and walks the whole sort index for
        a search that finds 200; given the ids it reads the column's statistics.
        """
        needle = q.search.strip().lower()
        bind = s.get_bind()
        if not needle or self.search_keys is None or bind.dialect.name != "postgresql":
            return None
        # One search asks three times (count, page, totals) and the LIKE scan of every
        # key is the slow part: keep the answer while no key has been added. Keys are
        # never changed or deleted on a server, and their ids come from a sequence.
        newest = s.execute(select(func.max(self.search_keys.c.id))).scalar()
        with self._key_lock:  # the page and its totals ask from different threads
            hit = self._key_cache.setdefault(bind, {}).get(needle)
        if hit is not None and hit[0] == newest:
            return hit[1]
        ids = "{" + ",".join(map(str, s.scalars(self._matching_keys(needle)))) + "}"
        with self._key_lock:
            cache = self._key_cache.setdefault(bind, {})
            if len(cache) >= KEY_CACHE_SIZE:
                cache.pop(next(iter(cache)))
            cache[needle] = (newest, ids)
        return ids

    def _walk_sort_index(self, s: Session, q: Query) -> bool:
        """Whether a keyed search should walk the sort index (common words, first pages).

        A page at ``offset`` walks about (offset + limit) × rows / matches rows of
        the index; the other plan fetches and sorts every match whatever the page.
        """
        needle = q.search.strip()
        matches = q.expected_rows
        if self.search_keys is None or not needle or not matches or q.deleted:
            return False
        if self._sort_name(q) not in self._walkable:
            return False
        rows = s.execute(select(func.max(self.table.c.id))).scalar() or 0
        walked = (q.offset + (q.limit or matches)) * rows / matches
        return walked * WALK_COST < matches * FETCH_AND_SORT_COST

    def _sort_name(self, q: Query) -> str:
        t = self.table
        return q.sort if q.sort and q.sort in t.c else (self.ledger.date_field or "id")

    def _select(
        self,
        q: Query,
        *,
        walk: bool = False,
        key_ids: str | None = None,
        fetch_all: bool = False,
    ) -> Select[Any]:
        t = self.table
        columns = [t.c[name] for name in (*_META, *self.columns)]
        stmt = select(*columns).where(and_(*self._where(q, walk=walk, key_ids=key_ids)))
        sort_col = t.c[self._sort_name(q)]
        if fetch_all:
            # Few matches: fetch them all through the search index, then sort. Left to
            # itself PostgreSQL would walk the sort index, expecting to stop early.
            if sort_col.name not in {c.name for c in columns}:
                stmt = stmt.add_columns(sort_col)
            matches = stmt.cte("matches").prefix_with("MATERIALIZED")
            stmt = select(*(matches.c[c.name] for c in columns))
            sort_col, t = matches.c[sort_col.name], matches  # type: ignore[assignment]
        if q.descending:
            stmt = stmt.order_by(sort_col.desc(), t.c.id.desc())
        else:
            stmt = stmt.order_by(sort_col.asc(), t.c.id.asc())
        if q.limit is not None:
            stmt = stmt.limit(q.limit)
        if q.offset:
            stmt = stmt.offset(q.offset)
        return stmt

    def query(self, store: Store, q: Query | None = None) -> list[dict[str, Any]]:
        q = q or Query()
        with store.read() as s:
            walk, key_ids = self._walk_sort_index(s, q), self._key_ids(s, q)
            fetch_all = key_ids is not None and not walk and bool(q.expected_rows)
            stmt = self._select(q, walk=walk, key_ids=key_ids, fetch_all=fetch_all)
            rows = [dict(r) for r in s.execute(stmt).mappings()]
            if rows:
                links = self._links(s, [r["id"] for r in rows])
                for row in rows:
                    row.update(links.get(row["id"], {}))
            return rows

    def count(self, store: Store, q: Query | None = None) -> int:
        q = q or Query()
        with store.read() as s:
            if self._deleted_indexed and not q.deleted and not q.search.strip():
                # Live rows = matching rows − deleted matching rows: the first count reads
                # an index alone (all rows, or a filter's index, never each row's
                # deleted_at), the second the small partial index of deleted rows.
                rest = self._where(q)[1:]  # all but "not deleted", which comes first
                deleted = self.table.c.deleted_at.is_not(None)
                total, gone = (
                    s.execute(
                        select(func.count()).select_from(self.table).where(and_(True, *where))
                    ).scalar_one()
                    for where in (rest, [*rest, deleted])
                )
                return int(total) - int(gone)
            where = self._where(q, key_ids=self._key_ids(s, q))
            stmt = select(func.count()).select_from(self.table).where(and_(*where))
            return int(s.execute(stmt).scalar_one())

    @staticmethod
    def is_unfiltered(q: Query) -> bool:
        return (
            not q.deleted
            and not q.search.strip()
            and not any(v not in (None, "") for v in q.filters.values())
            and q.date_from is None
            and q.date_to is None
        )

    def totals(self, store: Store, q: Query | None = None) -> dict[str, float]:
        """Row count and the sum of every summable field under the filter."""
        q = q or Query()
        summable = [f.name for f in self.ledger.fields if f.summable]
        with store.read() as s:
            stmt = select(
                func.count().label("rows"),
                *[func.coalesce(func.sum(self.table.c[n]), 0).label(n) for n in summable],
            ).where(and_(*self._where(q, key_ids=self._key_ids(s, q))))
            row = s.execute(stmt).mappings().one()
            return {k: (float(v) if k != "rows" else int(v)) for k, v in row.items()}


def _search_match(needle: str, text: Any, id_number: Any) -> Any:
    """What a search box means: ``needle`` inside the text, or the ID's last digits."""
    options = []
    if text is not None:
        escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        options.append(text.like(f"%{escaped}%", escape="\\"))
    if id_number is not None and _looks_like_id_tail(needle):
        options.append(id_number.like(f"%{needle.upper()}"))
    return or_(*options) if options else None


def _looks_like_id_tail(text: str) -> bool:
    return 3 <= len(text) <= 18 and text.rstrip("xX").isdigit()
