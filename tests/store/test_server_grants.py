"""PostgreSQL itself keeps a 填报员 from submitting, locking or unlocking a period.

The clerks here connect with psycopg directly, as psql or an ODBC link would, so
nothing of CommDesk stands between them and the server: the refusals are the grants
and row-level security made by ``commdesk server init``.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import psycopg
import pytest
from console_script import commdesk
from psycopg import errors
from sqlalchemy.engine import make_url
from zh_catalogue import translated

from commdesk.domain import i18n
from commdesk.domain.periods import Period
from commdesk.domain.roles import ADMIN, ENTRY, REVIEWER
from commdesk.store.accounts import NotAllowed
from commdesk.store.engine import open_store
from commdesk.store.server_admin import (
    Committee,
    add_clerk,
    add_township_reader,
    conninfo,
    init_committee,
)
from commdesk.store.services import periods
from commdesk.store.services.volunteers import teams

_codes = itertools.count(1)
Q3 = Period.parse("2026Q3")
LOCKED_ROW = (
    "INSERT INTO export_log (period_code, period_kind, definition_id, definition_version, "
    "file_name, exported_at, exported_by, status, locked, modified_after_submit) VALUES "
    "('2026Q3', 'quarter', 'community-service', '2026.1', 'x.xlsx', now(), 'me', "
    "'submitted', true, false)"
)
PASSWORDS = {ENTRY: "pw-entry-1", REVIEWER: "pw-review-1", ADMIN: "pw-admin-1"}


def _url(admin_url: str, user: str, password: str, database: str) -> str:
    url = make_url(admin_url).set(username=user, password=password, database=database)
    return url.render_as_string(hide_password=False)


@pytest.fixture
def office(pg_server: Any) -> tuple[str, Committee, dict[str, str]]:
    """A committee with one clerk per role and a township reader; their URLs by role."""
    admin_url = pg_server.admin_url
    c = init_committee(admin_url, f"g{os.getpid()}x{next(_codes)}")
    urls = {}
    for role, password in PASSWORDS.items():
        name = f"{c.database}_{role}_login"
        add_clerk(admin_url, c.code, name, role, password)
        urls[role] = _url(admin_url, name, password, c.database)
    township = f"{c.database}_town"
    add_township_reader(admin_url, township, "pw-town-1")
    urls["township"] = _url(admin_url, township, "pw-town-1", c.database)
    return admin_url, c, urls


@pytest.fixture
def chinese() -> Iterator[None]:
    """The store's messages in Chinese, as the shipped catalogue has them."""
    words = translated()
    i18n.install(lambda _context, text: words.get(text), "zh_CN")
    yield
    i18n.install(None, "zh_CN")


def _refused(url: str, *statements: str) -> None:
    """Each statement, in its own transaction, is refused by PostgreSQL."""
    with psycopg.connect(conninfo(url), autocommit=True) as conn:
        for statement in statements:
            with pytest.raises(errors.InsufficientPrivilege):
                conn.execute(statement)  # type: ignore[arg-type]


def _runs(url: str, *statements: str) -> None:
    with psycopg.connect(conninfo(url), autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)  # type: ignore[arg-type]


def _export(store: Any) -> int:
    return periods.log_export(
        store, period=Q3, definition_id="community-service", definition_version="2026.1",
        file_name="q3.xlsx", values={}, sha256="0" * 64, exported_at=datetime(2026, 10, 5),
    )  # fmt: skip


def test_postgresql_refuses_an_entry_clerk_the_lock_table(office: Any, tmp_path: Path) -> None:
    _admin_url, _c, urls = office
    entry = open_store(tmp_path / "entry", database=urls[ENTRY])
    try:
        log_id = _export(entry)  # exporting is the 填报员's work: it logs an unlocked row
        teams.add(entry, {"name": "银龄队"})  # and the ledgers stay theirs to write
    finally:
        entry.close()
    _refused(
        urls[ENTRY],
        LOCKED_ROW,  # a row that would lock the period
        f"UPDATE export_log SET locked = true, status = 'submitted' WHERE id = {log_id}",
        "UPDATE export_log SET locked = false",  # nor unlock one
        "UPDATE export_log SET modified_after_submit = true",  # that is the unlock's mark
        "DELETE FROM export_log",
        "UPDATE audit_log SET \"user\" = 'someone else'",  # the audit is append-only
        "DELETE FROM audit_log",
        "INSERT INTO app_setting (key, value) VALUES ('account:me', '{}')",  # accounts
        "UPDATE alembic_version SET version_num = '0001'",
    )
    _runs(urls[REVIEWER], f"UPDATE export_log SET locked = true WHERE id = {log_id}", LOCKED_ROW)
    _refused(
        urls[REVIEWER],
        "INSERT INTO app_setting (key, value) VALUES ('account:me', '{}')",
        "DELETE FROM audit_log",
    )
    _runs(urls[ADMIN], "INSERT INTO app_setting (key, value) VALUES ('lock_after_minutes', '5')")
    with psycopg.connect(conninfo(urls[ENTRY])) as conn:  # every role still reads it all
        assert conn.execute("SELECT count(*) FROM export_log").fetchone() == (2,)


def test_summaries_are_written_by_their_triggers_only(office: Any, tmp_path: Path) -> None:
    """A 填报员's service record moves the summaries (the triggers run as the owner), but
    the clerk's login cannot rewrite a summary directly."""
    from datetime import date

    from commdesk.store.services.service_records import service_records

    _admin_url, _c, urls = office
    entry = open_store(tmp_path / "entry", database=urls[ENTRY])
    try:
        service_records.add(entry, {
            "service_date": date(2026, 8, 3), "category_code": "AM01",
            "target_group_code": "GEN", "people_served": 4, "hours": 1.5,
        })  # fmt: skip
    finally:
        entry.close()
    with psycopg.connect(conninfo(urls[ENTRY])) as conn:
        row = conn.execute(
            "SELECT records, people_served FROM service_day_summary WHERE service_date = "
            "'2026-08-03'"
        ).fetchone()
    assert row == (1, 4)
    _refused(
        urls[ENTRY],
        "UPDATE service_day_summary SET people_served = 400",
        "DELETE FROM volunteer_month_summary",
    )


def test_township_reader_reads_and_writes_nothing(office: Any) -> None:
    _admin_url, _c, urls = office
    _runs(urls[REVIEWER], LOCKED_ROW)
    with psycopg.connect(conninfo(urls["township"])) as conn:
        assert conn.execute("SELECT count(*) FROM export_log").fetchone() == (1,)
        assert conn.execute("SELECT count(*) FROM community").fetchone() is not None
    _refused(
        urls["township"],
        "INSERT INTO volunteer_team (name, created_at, updated_at, search_text, version) "
        "VALUES ('t', now(), now(), 't', 1)",
        "UPDATE export_log SET locked = false",
        "DELETE FROM service_record",
        "INSERT INTO audit_log (at, \"user\", action, table_name) VALUES (now(), 'x', 'x', 'x')",
    )


def test_the_app_submits_and_unlocks_for_the_reviewer_only(
    office: Any, tmp_path: Path, chinese: None
) -> None:
    _admin_url, c, urls = office
    entry = open_store(tmp_path / "entry", database=urls[ENTRY])
    review = open_store(tmp_path / "review", database=urls[REVIEWER])
    try:
        log_id = _export(entry)
        with pytest.raises(NotAllowed, match="无权"):
            periods.mark_submitted(entry, log_id)
        periods.mark_submitted(review, log_id)
        assert periods.state(entry, Q3).status == periods.SUBMITTED
        with pytest.raises(NotAllowed, match="无权"):
            periods.unlock_period(entry, Q3, "补录一条记录")
        # Past the store's own check (a role it misread), the server's refusal reads the same way.
        entry.signed_in = review.signed_in
        with pytest.raises(NotAllowed, match="服务器"):
            periods.unlock_period(entry, Q3, "补录一条记录")
        assert periods.state(review, Q3).status == periods.SUBMITTED
        periods.unlock_period(review, Q3, "补录一条记录")
        assert periods.state(entry, Q3).status == periods.MODIFIED
        _export(entry)  # exporting again clears "modified" and needs no reviewer
        assert periods.state(entry, Q3).status == periods.EXPORTED
    finally:
        entry.close()
        review.close()
    assert c.database in urls[ENTRY]


def test_server_init_again_brings_an_old_committee_up_to_date(office: Any) -> None:
    admin_url, c, urls = office
    groups = ", ".join(f'"{c.group(role)}"' for role in PASSWORDS)
    # As CommDesk before these grants left it: every role could write every table.
    with psycopg.connect(conninfo(admin_url, c.database), autocommit=True) as conn:
        conn.execute("ALTER TABLE export_log DISABLE ROW LEVEL SECURITY")
        conn.execute(
            "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "  # type: ignore[arg-type]
            + groups
        )
    _runs(urls[ENTRY], LOCKED_ROW)
    for _ in range(2):  # and again: nothing changes the second time
        done = commdesk("server", "init", admin_url, "--committee", c.code)
        assert done.returncode == 0, done.stderr
        _refused(urls[ENTRY], LOCKED_ROW, "UPDATE export_log SET locked = false")
        _runs(urls[REVIEWER], "UPDATE export_log SET locked = false")
