"""Deterministic demo data: one plausible community with every ledger filled.

For trying the program without real residents' data, for screenshots, tests and
benchmarks. The same seed, record count and ``today`` give byte-identical ledger
tables, so a benchmark or a bug report can be reproduced anywhere.

A million service records must load in seconds on an old PC. The load is one
transaction on one raw connection, and service records are never bound row by
row: Python draws one random integer per record, and one ``INSERT … SELECT`` over
``json_each`` per chunk expands the integers through small lookup tables in the
connection's TEMP schema (day; combination of category, target group, provider,
channel, place and description; people, hours and time of day; named recipient).
SQLite builds the wide rows in C, with the GIL released, while a worker thread
draws the next chunk.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import repeat
from typing import Any

from commdesk.domain.i18n import translate
from commdesk.store import audit
from commdesk.store.change_mark import bump
from commdesk.store.demo_data import (
    ADULTS,
    CATEGORIES,
    CHANNELS,
    HALF_HOURS,
    HOURS,
    MONTH,
    PEOPLE,
    POOLS,
    QUIET_DAYS,
    SEASON,
    WEEKDAY,
    WEEKEND,
)
from commdesk.store.demo_people import (
    USER,
    WINDOW_DAYS,
    Maker,
    make_facilities,
    make_profile,
    make_volunteers,
    make_workers,
    stamp,
)
from commdesk.store.engine import Store
from commdesk.store.models import COUNTED_PROFILE_FIELDS
from commdesk.store.services.profile import SINCE_ALWAYS
from commdesk.store.summaries import bulk_write

LEDGER_TABLES = ("community", "service_record", "volunteer", "volunteer_team", "worker", "facility")
CHUNK = 50_000
CACHE_KIB = 262_144  # page cache of the loading connection (up to 256 MiB, freed on close)
_LINK_EVERY = 5  # one in five volunteer-provided records names its volunteers
_RECIPIENT_SHARE = 0.15  # share of all records with a named recipient


class DemoError(ValueError):
    """Demo data cannot be written (non-empty database, bad argument)."""


@dataclass
class DemoSummary:
    """Rows written per table (the CLI prints them as ``name=count`` lines)."""

    community: int = 0
    volunteer_team: int = 0
    volunteer: int = 0
    worker: int = 0
    facility: int = 0
    service_record: int = 0
    service_volunteer: int = 0


def _quantise(weights: Sequence[float], size: int) -> list[int]:
    """``size`` slots, index i filling its share: ``slots[random bits]`` is a weighted pick.

    Largest-remainder rounding keeps it exact and deterministic.
    """
    total = float(sum(weights))
    exact = [w * size / total for w in weights]
    counts = [int(x) for x in exact]
    short = size - sum(counts)
    for i in sorted(range(len(weights)), key=lambda i: (counts[i] - exact[i], i))[:short]:
        counts[i] += 1
    return [i for i, n in enumerate(counts) for _ in range(n)]


_TEMP_TABLES = {
    "demo_day": "i INTEGER PRIMARY KEY, d TEXT",
    "demo_combo": "i INTEGER PRIMARY KEY, cat TEXT, tg TEXT, prov TEXT, chan TEXT, place TEXT, "
    "descr TEXT, search TEXT, size INTEGER, team INTEGER, threshold INTEGER, pool_first INTEGER, "
    "pool_size INTEGER, sgroup INTEGER",
    "demo_amount": "i INTEGER PRIMARY KEY, people INTEGER, hours REAL, t TEXT",
    "demo_recipient": "i INTEGER PRIMARY KEY, name TEXT, id_number TEXT, search TEXT",
    "demo_group": "i INTEGER PRIMARY KEY, search TEXT",
}
# A record's search key id is its combination's search group (distinct description +
# place text) << 16 | its recipient (0: none): the same (text, ID number) always gets
# the same id, as store.search_keys.link_pending would give it one.
_KEY_BITS = 16
# A record is one integer: day (bits 0-9) | combination (12) | slot for people served,
# hours and time of day (10) | recipient draw (10). Recipient and team indexes come from
# a multiplicative hash of the random bits (_team() is the same formula in Python). Each
# lookup costs a B-tree seek and each use of j.value a JSON number parse: both are few,
# and the tables small.
_HASH = "((((j.value >> 10) & 1073741823) * 2654435761) >> {shift})"
_EXPAND = f"""
INSERT INTO service_record (id, service_date, category_code, target_group_code, people_served,
    hours, provider_kind_code, channel_code, team_id, volunteer_count, place, description,
    recipient_name, recipient_id_number, search_text, search_key_id, created_at, updated_at,
    created_by, updated_by)
SELECT ?1 + j.key, d.d, c.cat, c.tg, a.people, a.hours, c.prov, c.chan,
    CASE WHEN c.team THEN 1 + {_HASH.format(shift=40)} % ?3 END,
    CASE c.prov WHEN 'TEAM' THEN 3 + {_HASH.format(shift=44)} % 8
        WHEN 'VOL' THEN 1 + {_HASH.format(shift=44)} % 3 ELSE 0 END,
    c.place, c.descr, r.name, r.id_number,
    CASE WHEN r.i IS NULL THEN c.search ELSE r.search || ' ' || c.search END,
    (c.sgroup << 16) | coalesce(r.i, 0),
    d.d || a.t, d.d || a.t, '{USER}', '{USER}'
FROM json_each(?2) AS j
JOIN temp.demo_day AS d ON d.i = (j.value & 1023)
JOIN temp.demo_combo AS c ON c.i = ((j.value >> 10) & 4095)
JOIN temp.demo_amount AS a ON a.i = c.size * 1024 + ((j.value >> 22) & 1023)
LEFT JOIN temp.demo_recipient AS r ON r.i = CASE WHEN ((j.value >> 32) & 1023) < c.threshold
    THEN c.pool_first + {_HASH.format(shift=20)} % c.pool_size END
"""
_KEYS = """
INSERT INTO service_search_key (id, text, id_number)
SELECT u.k, CASE WHEN r.i IS NULL THEN g.search ELSE r.search || ' ' || g.search END,
    coalesce(r.id_number, '')
FROM (SELECT DISTINCT search_key_id AS k FROM service_record
      WHERE deleted_at IS NULL AND search_key_id IS NOT NULL) AS u
JOIN temp.demo_group AS g ON g.i = u.k >> 16
LEFT JOIN temp.demo_recipient AS r ON r.i = (u.k & 65535)
"""
_LINK = """
INSERT INTO service_volunteer (service_id, volunteer_id)
SELECT value >> 8, value & 255 FROM json_each(?)
"""
# Volunteers who took part: at least the named ones (a team of 3–10 or 1–3 individual
# volunteers when the record was provided by them, as _EXPAND drew).
_COUNT_LINKED = """
UPDATE service_record SET volunteer_count = max(volunteer_count,
    (SELECT count(*) FROM service_volunteer AS sv WHERE sv.service_id = service_record.id))
WHERE id IN (SELECT value >> 8 FROM json_each(?))
"""


def _team(value: int, teams: int) -> int:
    return 1 + ((((value >> 10) & 1073741823) * 2654435761) >> 40) % teams


@dataclass
class _Lookups:
    """TEMP table rows by name, and the slot tables Python draws from."""

    tables: dict[str, list[tuple[Any, ...]]]
    categories: list[list[int]]  # per season ((month - 1) * 2 + weekend): 1024 category slots
    combos: list[list[int]]  # per category: 1024 slots of combination id << 10


def _places(m: Maker) -> dict[str, list[str]]:
    """Where services happen, by channel."""
    if m.village:
        return {
            "SITE": [m.unit + "党群服务中心", m.unit + "文化广场", "村委会会议室"],
            "HOME": ["村民家中", "第一村民小组", "第三村民小组"],
            "ONLINE": ["村民微信群", "电话"],
            "PROXY": [m.town + "便民服务中心", "县政务服务中心"],
        }
    return {
        "SITE": [m.unit + "党群服务中心", m.unit + "文化活动室", "小区中心广场"],
        "HOME": ["居民家中", f"{m.short}小区{m.rng.randint(1, 12)}号楼"],
        "ONLINE": ["社区微信群", "电话"],
        "PROXY": [m.town + "政务服务中心", "区政务服务中心"],
    }


def _lookups(m: Maker) -> _Lookups:
    """Every combination a record can be, weighted; recipients; amounts; days."""
    from commdesk.store.services.service_records import service_records

    rng, codes = m.rng, list(CATEGORIES)
    categories: list[list[int]] = []
    for season in range(24):
        month, weekend = season // 2 + 1, season % 2
        weights = [CATEGORIES[c].weight * SEASON.get(c, {}).get(month, 1.0)
                   * (WEEKEND.get(c, 0.6) if weekend else 1.0) for c in codes]  # fmt: skip
        categories.append(_quantise(weights, 1024))
    recipients: list[tuple[int, str, str, str]] = []
    pools: dict[int, tuple[int, int]] = {}
    for pool, (low, high), full_size in sorted({*POOLS.values(), ADULTS}):
        size = max(10, round(full_size * min(1.0, m.records / 20_000)))  # fewer for small demos
        pools[pool] = (len(recipients) + 1, size)
        for _ in range(size):
            p = m.person(low, high)
            name_part = service_records.search_text({"recipient_name": p.name})
            recipients.append((len(recipients) + 1, p.name, p.id_number, name_part))
    assert len(recipients) < 1 << _KEY_BITS, "the recipient part of a search key has 16 bits"
    places = _places(m)
    groups: dict[str, int] = {}
    combos: list[list[Any]] = []
    slots: list[list[int]] = []
    single = 0.0  # weight of one-person services, to size the recipient threshold
    for code, category in CATEGORIES.items():
        first, weights = len(combos), []
        for text in category.descriptions:
            channel, size, body = CHANNELS[text[0]], int(text[1]), text[2:]
            for target, target_w in category.targets.items():
                for provider, provider_w in category.providers.items():
                    for place in places[channel]:
                        search = service_records.search_text({"description": body, "place": place})
                        team = int(provider == "TEAM")
                        first_id, pool_size = pools[POOLS.get(target, ADULTS)[0]]
                        row = [len(combos), code, target, provider, channel, place, body, search]
                        group = groups.setdefault(search, len(groups))
                        combos.append(
                            [*row, size, team, 0, first_id, pool_size, group]
                        )  # 0: threshold
                        weights.append(target_w * provider_w / len(places[channel]))
        ones = sum(w for c, w in zip(combos[first:], weights, strict=True) if c[8] == 0)
        single += category.weight * ones / sum(weights)
        slots.append([(first + k) << 10 for k in _quantise(weights, 1024)])
    assert len(combos) <= 4096, "the combination field has 12 bits"
    total = sum(c.weight for c in CATEGORIES.values())
    threshold = min(900, round(1024 * _RECIPIENT_SHARE * total / single))  # out of 1024
    for row in combos:
        row[10] = threshold if row[8] == 0 else 0
    amounts = []
    for size in range(3):
        people, hours = list(PEOPLE[size]), list(HOURS[size])
        people_slots = _quantise(list(PEOPLE[size].values()), 64)
        hours_slots = _quantise(list(HOURS[size].values()), 16)
        times = _quantise(HALF_HOURS, 1024)
        rng.shuffle(times)
        for i, served in enumerate(people_slots):
            for j, spent in enumerate(hours_slots):
                t = stamp(m.first_day, times[i * 16 + j] * 1800 + rng.randrange(1800))[10:]
                amounts.append((size * 1024 + i * 16 + j, people[served], float(hours[spent]), t))
    days = [(i, (m.first_day + timedelta(days=i)).isoformat()) for i in range(WINDOW_DAYS)]
    tables = {"demo_day": days, "demo_combo": [tuple(r) for r in combos], "demo_amount": amounts,
              "demo_recipient": recipients,
              "demo_group": [(i, text) for text, i in groups.items()]}  # fmt: skip
    return _Lookups(tables, categories, slots)


def _day_counts(m: Maker) -> list[int]:
    """Records per day up to yesterday: seasonal, quiet at weekends and holidays, growing."""
    weights = []
    for i in range(WINDOW_DAYS):
        day = m.first_day + timedelta(days=i)
        w = MONTH[day.month - 1] * WEEKDAY[day.weekday()]
        w *= 0.3 if (day.month, day.day) in QUIET_DAYS else 1.0
        weights.append(w * m.rng.uniform(0.75, 1.25) * (0.85 + 0.3 * i / WINDOW_DAYS))
    total = sum(weights)
    exact = [m.records * w / total for w in weights]
    counts = [int(x) for x in exact]
    short = m.records - sum(counts)
    for i in sorted(range(WINDOW_DAYS), key=lambda i: (counts[i] - exact[i], i))[:short]:
        counts[i] += 1
    return counts


class _Volunteering:
    """Who can be named on a volunteer-provided record of a given day, and how many."""

    def __init__(self, volunteers: list[dict[str, Any]], rng: random.Random) -> None:
        assert len(volunteers) < 256, "links pack the volunteer id in 8 bits"
        self.volunteers, self.rng = volunteers, rng
        self.day = ""
        self.everyone: list[int] = []
        self.by_team: dict[int, list[int]] = {}

    def pick(self, service_id: int, day: str, team: int | None) -> list[int]:
        """Links as service id << 8 | volunteer id, active volunteers only."""
        if day != self.day:  # records come in date order: once a day
            self.day = day
            serving = [v for v in self.volunteers if v["joined_date"] <= day
                       and (v["left_date"] is None or v["left_date"] >= day)]  # fmt: skip
            self.everyone = [v["id"] for v in serving]
            self.by_team = {}
            for v in serving:
                self.by_team.setdefault(v["team_id"], []).append(v["id"])
        candidates = self.by_team.get(team, []) if team else self.everyone
        if not candidates:
            return []
        k = (1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 4, 4)[self.rng.getrandbits(4)]
        return [
            service_id << 8 | v
            for v in sorted(self.rng.sample(candidates, min(k, len(candidates))))
        ]


def _json(numbers: list[int]) -> str:
    return "[" + ",".join(map(str, numbers)) + "]"


def _chunks(
    m: Maker, lookups: _Lookups, volunteers: list[dict[str, Any]], n_teams: int
) -> Iterator[tuple[str, str, int, int]]:
    """(records, links, record count, link count), CHUNK records at a time in date order.

    Links go on volunteer-provided records whose id is a multiple of five (the ids of
    such records are random, so that is a random fifth of them).
    """
    draw = m.rng.getrandbits
    combos, combo_rows = lookups.combos, lookups.tables["demo_combo"]
    linkable = [row[3] in ("VOL", "TEAM") or row[1].startswith("ZY") for row in combo_rows]
    teamed = [bool(row[9]) for row in combo_rows]
    days = [d for _, d in lookups.tables["demo_day"]]
    # a stream of its own, so that the chunk size never changes the data
    volunteering = _Volunteering(volunteers, random.Random(m.rng.getrandbits(64)))
    done = 0
    pending: list[int] = []
    for day, count in enumerate([*_day_counts(m), 0]):
        when = m.first_day + timedelta(days=day)
        categories = lookups.categories[(when.month - 1) * 2 + (when.weekday() >= 5)]
        pending += [  # r: category slot 10 | combination slot 10 | amount 10 | recipient 10
            day | combos[categories[r & 1023]][(r >> 10) & 1023] | (r >> 20) << 22
            for r in map(draw, repeat(40, count))
        ]
        while len(pending) >= CHUNK or (day == WINDOW_DAYS and pending):
            chunk = pending[:CHUNK]
            del pending[:CHUNK]
            links: list[int] = []
            for i in range(-(done + 1) % _LINK_EVERY, len(chunk), _LINK_EVERY):
                value = chunk[i]
                combo = (value >> 10) & 4095
                if linkable[combo]:
                    team = _team(value, n_teams) if teamed[combo] else None
                    links += volunteering.pick(done + 1 + i, days[value & 1023], team)
            yield _json(chunk), _json(links), len(chunk), len(links)
            done += len(chunk)


def _service_records(
    con: sqlite3.Connection,
    m: Maker,
    volunteers: list[dict[str, Any]],
    n_teams: int,
    progress: Callable[[int, int], None] | None,
) -> int:
    """Insert the records chunk by chunk; returns the number of volunteer links.

    A worker thread prepares the next chunk while SQLite (GIL released) expands this
    one. Only the worker draws random numbers, strictly in order, so the output stays
    deterministic. A chunk is two statements: binding row by row would trade the GIL
    with the worker (and wait for it) once per row.
    """
    lookups = _lookups(m)
    for name, rows in lookups.tables.items():
        con.execute(f"CREATE TEMP TABLE {name} ({_TEMP_TABLES[name]})")
        con.executemany(f"INSERT INTO temp.{name} VALUES ({', '.join('?' * len(rows[0]))})", rows)
    chunks = _chunks(m, lookups, volunteers, n_teams)
    done = links = 0
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="demo") as worker:
        upcoming = worker.submit(next, chunks, None)
        while (chunk := upcoming.result()) is not None:
            upcoming = worker.submit(next, chunks, None)
            records, pairs, size, linked = chunk
            con.execute(_EXPAND, (done + 1, records, n_teams))
            con.execute(_LINK, (pairs,))
            con.execute(_COUNT_LINKED, (pairs,))
            done, links = done + size, links + linked
            if progress is not None:
                progress(done, m.records)
    con.execute(_KEYS)
    for name in lookups.tables:
        con.execute(f"DROP TABLE temp.{name}")
    return links


# --------------------------------------------------------------------------- entry point
def _insert_rows(con: sqlite3.Connection, table: str, rows: Sequence[dict[str, Any]]) -> None:
    columns = list(rows[0])
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    con.executemany(sql, [tuple(row[c] for c in columns) for row in rows])


def _clear_or_refuse(con: sqlite3.Connection, replace: bool) -> None:
    used = [
        t for t in LEDGER_TABLES if con.execute(f"SELECT EXISTS (SELECT 1 FROM {t})").fetchone()[0]
    ]
    if used and not replace:
        raise DemoError(
            translate(
                "Store",
                "The data folder already holds ledger records ({tables}); demo data goes only "
                "into an empty data folder (or replace them, which deletes them first).",
            ).format(tables=", ".join(used))
        )
    if used:  # children before parents, so the foreign keys hold at every step
        # The certificate register certifies the people replaced here: it goes with them.
        for table in (
            "certificate",
            "service_volunteer",
            "service_record",
            "volunteer",
            "volunteer_team",
        ):
            con.execute(f"DELETE FROM {table}")
        for table in ("worker", "facility", "community_version", "community"):
            con.execute(f"DELETE FROM {table}")
    # No service records now: keys left by earlier ones would collide with the demo's.
    con.execute("DELETE FROM service_search_key")


def generate(
    store: Store,
    *,
    records: int = 5000,
    seed: int = 1,
    division_code: str | None = None,
    kind: str = "urban",
    today: date | None = None,
    replace: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> DemoSummary:
    """Fill an empty store with one demo community and ``records`` service records.

    Deterministic for a given seed, ``records`` and ``today`` (default: the real
    today); records fall in the two years before ``today``. A store that already
    holds ledger rows is refused unless ``replace``, which deletes them in the same
    transaction. One audit row records the whole load. ``progress(done, total)`` is
    called before the service records and after every chunk of them; an exception
    raised from it (a cancel button) rolls the whole load back.
    """
    if kind not in ("urban", "village"):
        raise DemoError(
            translate("Store", "The kind must be urban or village, not {kind}.").format(kind=kind)
        )
    if isinstance(records, bool) or not isinstance(records, int) or records < 0:
        raise DemoError(
            translate("Store", "The number of records must be 0 or more, not {records}.").format(
                records=records
            )
        )
    if division_code is not None:
        from commdesk.domain.validators import check_division_code

        checked = check_division_code(division_code)
        if not checked.ok or checked.value is None:
            raise DemoError(
                translate("Store", "Division code {code}: {errors}").format(
                    code=division_code, errors="；".join(checked.errors)
                )
            )
        division_code = checked.value
    today = today or date.today()
    raw = store.engine.raw_connection()  # the engine's pragmas: WAL, synchronous, foreign keys
    try:
        con = raw.driver_connection
        assert isinstance(con, sqlite3.Connection)
        con.execute("PRAGMA temp_store = MEMORY")
        con.execute(f"PRAGMA cache_size = -{CACHE_KIB}")  # this connection only
        con.execute("BEGIN IMMEDIATE")
        try:
            with bulk_write(con):  # the summaries summed once, not row by row
                summary = _write(con, records, seed, division_code, kind, today, replace, progress)
            bump(con)  # a raw connection: the engine's listener does not see this write
            con.execute("COMMIT")
        except BaseException:
            if con.in_transaction:  # SQLite has already rolled back on a full disk
                con.execute("ROLLBACK")
            raise
    finally:
        raw.close()
    return summary


def _write(
    con: sqlite3.Connection,
    records: int,
    seed: int,
    division_code: str | None,
    kind: str,
    today: date,
    replace: bool,
    progress: Callable[[int, int], None] | None,
) -> DemoSummary:
    _clear_or_refuse(con, replace)
    m = Maker(seed, kind, division_code, today, records)
    teams, volunteers = make_volunteers(m)
    workers, profile_fields = make_workers(m)
    facilities = make_facilities(m)
    _insert_rows(con, "community", [make_profile(m, profile_fields)])
    counted = ", ".join(COUNTED_PROFILE_FIELDS)  # holding for every period, as a first profile
    con.execute(
        f"INSERT INTO community_version (community_id, valid_from, {counted}, created_at, "
        f"created_by) SELECT id, ?, {counted}, created_at, created_by FROM community",
        (SINCE_ALWAYS.isoformat(),),
    )
    for table, rows in (("volunteer_team", teams), ("volunteer", volunteers),
                        ("worker", workers), ("facility", facilities)):  # fmt: skip
        _insert_rows(con, table, rows)
    if progress is not None:
        progress(0, records)
    links = _service_records(con, m, volunteers, len(teams), progress)
    summary = DemoSummary(
        1, len(teams), len(volunteers), len(workers), len(facilities), records, links
    )
    counts = " ".join(f"{k}={v}" for k, v in vars(summary).items())
    note = f"demo data (seed={seed} kind={kind} division_code={m.division} today={today}"
    note += ", replacing the previous ledger rows" if replace else ""
    con.execute(
        'INSERT INTO audit_log (at, "user", action, table_name, row_id, note) '
        "VALUES (?, ?, 'demo', '*', NULL, ?)",
        (audit.now().strftime("%Y-%m-%d %H:%M:%S.%f"), audit.current_user(), f"{note}): {counts}"),
    )
    return summary
