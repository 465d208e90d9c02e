"""Demo data: deterministic, valid by the program's own rules, and searchable."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from commdesk.domain.catalogues import released
from commdesk.domain.initials import full_pinyin, initials
from commdesk.domain.ledgers import FACILITIES, SERVICES, TEAMS, VOLUNTEERS_LEDGER, WORKERS
from commdesk.domain.records import validate_record
from commdesk.domain.validators import check_mobile, check_resident_id, id_birth_date, id_gender
from commdesk.store import demo
from commdesk.store.demo import LEDGER_TABLES, DemoError, DemoSummary, generate
from commdesk.store.engine import Store, db_path, open_store
from commdesk.store.services.base import Query
from commdesk.store.services.facilities import facilities
from commdesk.store.services.profile import get_profile, has_valid_profile
from commdesk.store.services.service_records import service_records
from commdesk.store.services.volunteers import teams, volunteers
from commdesk.store.services.workers import workers

TODAY = date(2026, 3, 15)
RECORDS = 3000
ALL_TABLES = (*LEDGER_TABLES, "service_volunteer")


def _make(path: Path, **kwargs: Any) -> tuple[Store, DemoSummary]:
    store = open_store(path)
    options: dict[str, Any] = {"records": RECORDS, "seed": 7, "today": TODAY} | kwargs
    return store, generate(store, **options)


def _rows(store: Store, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    con = sqlite3.connect(db_path(store.data_dir))
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def _dump(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    return {t: _rows(store, f"SELECT * FROM {t} ORDER BY rowid") for t in ALL_TABLES}


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, DemoSummary]]:
    store, summary = _make(tmp_path_factory.mktemp("demo"))
    yield store, summary
    store.close()


@pytest.fixture(scope="module")
def dstore(made: tuple[Store, DemoSummary]) -> Store:
    return made[0]


def test_counts_match_summary_and_ranges(made: tuple[Store, DemoSummary]) -> None:
    store, summary = made
    counts = {t: _rows(store, f"SELECT count(*) FROM {t}")[0][0] for t in ALL_TABLES}
    assert counts == vars(summary)
    assert counts["service_record"] == RECORDS
    assert counts["community"] == 1
    assert 3 <= counts["volunteer_team"] <= 6
    assert 60 <= counts["volunteer"] <= 200
    assert 8 <= counts["worker"] <= 20
    assert 5 <= counts["facility"] <= 12
    assert counts["service_volunteer"] > 0
    audit_rows = _rows(store, "SELECT action, table_name, row_id, note FROM audit_log")
    assert len(audit_rows) == 1
    action, table, row_id, note = audit_rows[0]
    assert (action, table, row_id) == ("demo", "*", None)
    assert f"service_record={RECORDS}" in note


def test_same_seed_same_bytes_other_seed_differs(tmp_path: Path) -> None:
    first, _ = _make(tmp_path / "a", records=800)
    second, _ = _make(tmp_path / "b", records=800)
    other, _ = _make(tmp_path / "c", records=800, seed=8)
    try:
        assert _dump(first) == _dump(second)
        dump, changed = _dump(first), _dump(other)
        for table in ("community", "volunteer", "service_record"):
            assert dump[table] != changed[table]
    finally:
        for store in (first, second, other):
            store.close()


def test_chunk_size_and_worker_thread_do_not_change_the_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole, _ = _make(tmp_path / "whole", records=900)
    monkeypatch.setattr(demo, "CHUNK", 64)
    chunked, summary = _make(tmp_path / "chunked", records=900)
    try:
        assert summary.service_volunteer > 0
        assert _dump(whole) == _dump(chunked)
    finally:
        whole.close()
        chunked.close()


def test_every_id_number_is_valid_and_matches_gender_and_birth(dstore: Store) -> None:
    people = _rows(dstore, "SELECT id_number, gender, birth_date, mobile FROM volunteer")
    people += _rows(dstore, "SELECT id_number, gender, birth_date, mobile FROM worker")
    for id_number, gender, birth, mobile in people:
        checked = check_resident_id(id_number, today=TODAY)
        assert checked.ok and checked.value == id_number, (id_number, checked.errors)
        assert id_gender(id_number) == gender
        assert id_birth_date(id_number) == date.fromisoformat(birth)
        assert check_mobile(mobile).value == mobile
    recipients = _rows(
        dstore,
        "SELECT DISTINCT recipient_id_number FROM service_record WHERE recipient_name IS NOT NULL",
    )
    assert recipients
    for (id_number,) in recipients:
        checked = check_resident_id(id_number, today=TODAY)
        assert checked.ok and checked.value == id_number, (id_number, checked.errors)
    own = _rows(dstore, "SELECT division_code FROM community")[0][0]
    assert all(p[0].startswith(own[:6]) for p in people)


def test_rows_pass_the_ledgers_own_validation(dstore: Store) -> None:
    """Read back through the services (ORM types) and validate like a clerk's entry."""
    catalogues = released()
    profile = get_profile(dstore)
    assert profile is not None and has_valid_profile(dstore)
    assert isinstance(profile["created_at"].year, int)
    checks = [
        (VOLUNTEERS_LEDGER, volunteers.query(dstore, Query(limit=None))),
        (WORKERS, workers.query(dstore, Query(limit=None))),
        (FACILITIES, facilities.query(dstore, Query(limit=None))),
        (TEAMS, teams.query(dstore, Query(limit=None))),
        (SERVICES, service_records.query(dstore, Query(limit=300))),
    ]
    for ledger, rows in checks:
        assert rows, ledger.name
        for row in rows:
            result = validate_record(ledger, row, catalogues, today=TODAY)
            assert result.ok, (ledger.name, row, result.errors)
            for name, messages in result.warnings.items():
                assert name not in ("gender", "birth_date"), (row, messages)
    record = service_records.get(dstore, 1)
    assert record is not None
    assert type(record["service_date"]) is date
    assert record["created_at"].date() == record["service_date"]
    volunteer = volunteers.get(dstore, 1)
    assert volunteer is not None and isinstance(volunteer["platform_registered"], bool)


def test_service_dates_stay_in_the_two_years_before_today(dstore: Store) -> None:
    first, last = _rows(dstore, "SELECT min(service_date), max(service_date) FROM service_record")[
        0
    ]
    assert date.fromisoformat(last) < TODAY
    assert date.fromisoformat(first) >= TODAY - timedelta(days=731)
    mismatched = _rows(
        dstore,
        "SELECT count(*) FROM service_record WHERE substr(created_at, 1, 10) != service_date",
    )
    assert mismatched == [(0,)]
    # ids grow with the date, as in a ledger typed day by day
    assert _rows(dstore, "SELECT service_date FROM service_record ORDER BY id") == sorted(
        _rows(dstore, "SELECT service_date FROM service_record")
    )


def test_every_code_is_in_the_released_catalogues(dstore: Store) -> None:
    c = released()
    columns = {
        "service_record": {
            "category_code": "service_category",
            "target_group_code": "target_group",
            "provider_kind_code": "provider_kind",
            "channel_code": "channel",
        },
        "facility": {
            "type_code": "facility_type",
            "status_code": "facility_status",
            "ownership_code": "ownership",
        },
        "volunteer": {"political_status_code": "political_status", "status_code": "person_status"},
        "worker": {
            "position_codes": "position",
            "education_code": "education",
            "sw_cert_code": "sw_certificate",
            "status_code": "person_status",
        },
        "community": {"kind": "community_kind"},
    }
    for table, mapping in columns.items():
        for column, kind in mapping.items():
            used = {v for (v,) in _rows(dstore, f"SELECT DISTINCT {column} FROM {table}")}
            assert used and used <= set(c[kind].codes()), (table, column, used)
    categories = {v for (v,) in _rows(dstore, "SELECT DISTINCT category_code FROM service_record")}
    assert categories == set(c["service_category"].codes())


def test_realistic_mix(dstore: Store) -> None:
    def share(where: str) -> float:
        hits = _rows(dstore, f"SELECT count(*) FROM service_record WHERE {where}")[0][0]
        return hits / RECORDS

    assert 0.10 <= share("recipient_name IS NOT NULL") <= 0.20
    assert share("category_code = 'WM01' AND target_group_code = 'ELD'") > 0.8 * share(
        "category_code = 'WM01'"
    )
    assert share("people_served <= 3") > 0.4
    assert share("people_served BETWEEN 1 AND 60 AND hours BETWEEN 0.5 AND 8") == 1.0
    assert share("hours * 2 != CAST(hours * 2 AS INTEGER)") == 0.0
    home_elderly = share("channel_code = 'HOME' AND target_group_code IN ('ELD', 'DIS')")
    home_general = share("channel_code = 'HOME' AND target_group_code = 'GEN'")
    assert home_elderly > home_general
    winter = share("substr(service_date, 6, 2) IN ('12', '01')")
    summer = share("substr(service_date, 6, 2) IN ('07', '08')")
    assert winter > summer
    assert share("(provider_kind_code = 'TEAM') != (team_id IS NOT NULL)") == 0.0


def test_facilities_are_consistent(dstore: Store) -> None:
    rows = _rows(dstore, "SELECT type_code, floor_area, activity_area, status_code FROM facility")
    assert all(activity <= floor for _, floor, activity, _ in rows)
    centres = [r for r in rows if r[0] == "F01"]
    assert len(centres) == 1
    _, floor, activity, status = centres[0]
    assert 300 <= floor <= 1500 and 0.6 * floor <= activity <= 0.8 * floor
    assert status == "in_use"


def test_workers_and_profile_agree(dstore: Store) -> None:
    rows = _rows(dstore, "SELECT position_codes, id_number, is_committee_member FROM worker")
    posts = [code for codes, _, _ in rows for code in codes.split(",")]
    assert posts.count("SEC") == 1 and posts.count("DIR") == 1
    assert len({id_number for _, id_number, _ in rows}) == len(rows)  # one row per person
    committee_posts = ("SEC", "DIR", "MEM")
    assert all(
        member == any(c in committee_posts for c in codes.split(",")) for codes, _, member in rows
    )
    committee, both, unit_head = _rows(
        dstore, "SELECT committee_members, secretary_is_director, unit_head FROM community"
    )[0]
    assert 5 <= committee <= 9
    assert committee == len({id_number for _, id_number, member in rows if member})
    holders = {code: id_number for codes, id_number, _ in rows for code in codes.split(",")}
    assert bool(both) == (holders["SEC"] == holders["DIR"])
    secretary = "SELECT name FROM worker WHERE ',' || position_codes || ',' LIKE '%,SEC,%'"
    assert unit_head == _rows(dstore, secretary)[0][0]


def test_volunteer_links_are_plausible(dstore: Store) -> None:
    links = _rows(
        dstore,
        """SELECT s.service_date, s.provider_kind_code, s.category_code, s.team_id,
                  v.joined_date, v.left_date, v.team_id
           FROM service_volunteer sv JOIN service_record s ON s.id = sv.service_id
           JOIN volunteer v ON v.id = sv.volunteer_id""",
    )
    assert links
    for day, provider, category, team, joined, left, own_team in links:
        assert provider in ("VOL", "TEAM") or category.startswith("ZY")
        assert joined <= day and (left is None or day <= left)
        if team is not None:
            assert own_team == team
    per_record = _rows(dstore, "SELECT count(*) FROM service_volunteer GROUP BY service_id")
    assert {n for (n,) in per_record} <= {1, 2, 3, 4}


def test_volunteer_counts_are_plausible(dstore: Store) -> None:
    """Volunteer-provided records say how many took part: a few, at least the named ones."""
    rows = _rows(
        dstore,
        """SELECT s.provider_kind_code, s.volunteer_count,
                  (SELECT count(*) FROM service_volunteer sv WHERE sv.service_id = s.id)
           FROM service_record s""",
    )
    by_provider: dict[str, set[int]] = {}
    for provider, count, named in rows:
        assert count >= named
        if provider in ("VOL", "TEAM"):
            assert 1 <= count <= 10
            by_provider.setdefault(provider, set()).add(count)
        else:
            assert count == named
    assert by_provider["VOL"] >= {1, 2, 3}
    assert max(by_provider["TEAM"]) > 3


def test_integrity_and_indexes(dstore: Store) -> None:
    assert _rows(dstore, "PRAGMA foreign_key_check") == []
    assert _rows(dstore, "PRAGMA integrity_check") == [("ok",)]
    names = {n for (n,) in _rows(dstore, "SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"ix_service_record_date", "ix_service_record_category_date"} <= names


def test_schema_is_untouched(dstore: Store, tmp_path: Path) -> None:
    """No leftover TEMP tables or indexes, nothing added to or dropped from the schema."""
    fresh = open_store(tmp_path / "fresh")
    try:
        schema = "SELECT type, name, sql FROM sqlite_master ORDER BY type, name"
        assert _rows(dstore, schema) == _rows(fresh, schema)
    finally:
        fresh.close()


def test_search_finds_a_recipient_by_initials_and_pinyin(dstore: Store) -> None:
    name, record_id = _rows(
        dstore,
        "SELECT recipient_name, id FROM service_record WHERE recipient_name IS NOT NULL "
        "ORDER BY length(recipient_name) DESC, id LIMIT 1",
    )[0]
    for needle in (initials(name), full_pinyin(name), name):
        found = service_records.query(dstore, Query(search=needle, limit=None))
        assert record_id in {r["id"] for r in found}, needle
    # the stored haystack is exactly what the service would compute
    stored = dict(_rows(dstore, "SELECT id, search_text FROM service_record"))
    for row in service_records.query(dstore, Query(limit=None)):
        assert stored[row["id"]] == service_records.search_text(row)


def test_polyphonic_surnames_search_by_their_surname_reading(tmp_path: Path) -> None:
    store, _ = _make(tmp_path / "d", records=400, seed=3)
    try:
        names = [n for (n,) in _rows(store, "SELECT name FROM volunteer")]
        names += [n for (n,) in _rows(store, "SELECT DISTINCT recipient_name FROM service_record")]
        tricky = [n for n in names if n and (n[0] in "曾单解仇" or n.startswith("欧阳"))]
        assert tricky
        for name in tricky:
            found = volunteers.query(store, Query(search=full_pinyin(name), limit=None))
            found += service_records.query(store, Query(search=full_pinyin(name), limit=None))
            assert any(name in (r.get("name"), r.get("recipient_name")) for r in found), name
    finally:
        store.close()


def test_refuses_a_store_with_ledger_rows_and_replace_works(tmp_path: Path) -> None:
    store = open_store(tmp_path / "d")
    try:
        facilities.add(store, {"name": "旧活动室", "type_code": "F05", "status_code": "in_use"})
        with pytest.raises(DemoError, match="facility"):
            generate(store, records=50, today=TODAY)
        assert _rows(store, "SELECT count(*) FROM service_record") == [(0,)]
        assert _rows(store, "SELECT name FROM facility") == [("旧活动室",)]
        first = generate(store, records=200, seed=1, today=TODAY, replace=True)
        assert _rows(store, "SELECT count(*) FROM facility") == [(first.facility,)]
        with pytest.raises(DemoError):
            generate(store, records=10, today=TODAY)
        second = generate(store, records=150, seed=2, today=TODAY, replace=True)
        counts = {t: _rows(store, f"SELECT count(*) FROM {t}")[0][0] for t in ALL_TABLES}
        assert counts == vars(second)
        assert _rows(store, "PRAGMA foreign_key_check") == []
        assert _rows(store, "SELECT count(*) FROM audit_log WHERE action = 'demo'") == [(2,)]
    finally:
        store.close()


def test_progress_kind_division_and_bad_arguments(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(demo, "CHUNK", 1000)
    calls: list[tuple[int, int]] = []
    store, summary = _make(
        tmp_path / "v", records=3500, kind="village", progress=lambda d, t: calls.append((d, t))
    )
    try:
        assert calls == [(0, 3500), (1000, 3500), (2000, 3500), (3000, 3500), (3500, 3500)]
        name, kind, code = _rows(store, "SELECT name, kind, division_code FROM community")[0]
        assert kind == "village" and name.endswith("村民委员会") and code[9] == "2"
        assert summary.service_record == 3500
        assert _rows(store, "SELECT count(*) FROM service_record") == [(3500,)]
    finally:
        store.close()
    store, _ = _make(tmp_path / "c", records=10, division_code="320102003004")
    try:
        assert _rows(store, "SELECT division_code FROM community") == [("320102003004",)]
        assert all(
            i.startswith("320102") for (i,) in _rows(store, "SELECT id_number FROM volunteer")
        )
        assert _rows(store, "SELECT name FROM community")[0][0].endswith("社区居民委员会")
    finally:
        store.close()
    store = open_store(tmp_path / "bad")
    try:
        for kwargs in ({"kind": "town"}, {"records": -1}, {"division_code": "12345"}):
            with pytest.raises(DemoError):
                generate(store, today=TODAY, **kwargs)
        assert _rows(store, "SELECT count(*) FROM community") == [(0,)]
    finally:
        store.close()


def test_an_exception_from_progress_cancels_everything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A GUI cancels by raising from progress; nothing may be left half written."""
    monkeypatch.setattr(demo, "CHUNK", 500)

    def cancel(done: int, total: int) -> None:
        if done >= 1000:
            raise KeyboardInterrupt

    store = open_store(tmp_path / "d")
    try:
        with pytest.raises(KeyboardInterrupt):
            generate(store, records=3000, today=TODAY, progress=cancel)
        for table in (*ALL_TABLES, "audit_log"):
            assert _rows(store, f"SELECT count(*) FROM {table}") == [(0,)], table
        assert generate(store, records=100, today=TODAY).service_record == 100
    finally:
        store.close()


@pytest.mark.parametrize(("seed", "kind"), [(105, "urban"), (127, "village"), (132, "village")])
def test_seeds_where_no_team_fits_a_volunteer(tmp_path: Path, seed: int, kind: str) -> None:
    store = open_store(tmp_path)
    try:
        summary = generate(store, records=50, seed=seed, kind=kind, today=date(2026, 3, 15))
    finally:
        store.close()
    assert summary.volunteer > 0
