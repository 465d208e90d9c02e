"""Several committees on one server: PostgreSQL itself keeps them apart; roles come from it."""

from __future__ import annotations

import itertools
import os
from datetime import datetime
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy.engine import make_url

from commdesk.domain.periods import Period
from commdesk.domain.roles import ENTRY, REVIEWER
from commdesk.store.accounts import NotAllowed, require, sign_in_server
from commdesk.store.engine import StoreError, open_store
from commdesk.store.server_admin import (
    add_clerk,
    add_township_reader,
    conninfo,
    init_committee,
    readable_committees,
    server_admin_lines,
)
from commdesk.store.services import periods
from commdesk.store.services.volunteers import teams

_codes = itertools.count(1)


def _code() -> str:
    return f"t{os.getpid()}x{next(_codes)}"


def as_user(admin_url: str, user: str, password: str, database: str) -> str:
    url = make_url(admin_url).set(username=user, password=password, database=database)
    return url.render_as_string(hide_password=False)


@pytest.fixture
def admin_url(pg_server: Any) -> str:
    return pg_server.admin_url


def test_one_committees_clerk_is_refused_by_postgresql_on_another(
    admin_url: str, tmp_path: Path
) -> None:
    a, b = init_committee(admin_url, _code()), init_committee(admin_url, _code())
    clerk_a, clerk_b = f"{a.database}_li", f"{b.database}_wang"
    add_clerk(admin_url, a.code, clerk_a, ENTRY, "pw-a-123")
    add_clerk(admin_url, b.code, clerk_b, REVIEWER, "pw-b-123")

    own = open_store(
        tmp_path / "pc-a", database=as_user(admin_url, clerk_a, "pw-a-123", a.database)
    )
    try:
        assert sign_in_server(own).role == ENTRY
        teams.add(own, {"name": "Silver team"})
        with own.read() as s:
            users = s.connection().exec_driver_sql('SELECT "user" FROM audit_log').scalars().all()
        assert users == [clerk_a]  # the audit log names the signed-in person
        with own.read() as s:
            owners = {r[0] for r in s.connection().exec_driver_sql(
                "SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'"
            )}  # fmt: skip
        assert owners == {a.database}  # the committee's own role owns its tables
    finally:
        own.close()

    # PostgreSQL, not CommDesk, refuses A's clerk on B's database.
    with pytest.raises(psycopg.OperationalError, match="permission denied"):
        psycopg.connect(conninfo(as_user(admin_url, clerk_a, "pw-a-123", b.database))).close()
    with pytest.raises(StoreError):
        open_store(tmp_path / "pc-a2", database=as_user(admin_url, clerk_a, "pw-a-123", b.database))
    # A login with no committee role is refused too (CONNECT revoked from PUBLIC).
    with psycopg.connect(conninfo(admin_url), autocommit=True) as conn:
        conn.execute(f"CREATE ROLE \"{a.database}_stranger\" LOGIN PASSWORD 'pw-s-123'")
    stranger = as_user(admin_url, f"{a.database}_stranger", "pw-s-123", a.database)
    with pytest.raises(psycopg.OperationalError, match="permission denied"):
        psycopg.connect(conninfo(stranger))

    lines = server_admin_lines(a)
    assert "hostssl" in lines and a.database in lines and "scram-sha-256" in lines


def test_server_roles_decide_who_submits(admin_url: str, tmp_path: Path) -> None:
    c = init_committee(admin_url, _code())
    add_clerk(admin_url, c.code, f"{c.database}_li", ENTRY, "pw-1234")
    add_clerk(admin_url, c.code, f"{c.database}_wang", REVIEWER, "pw-5678")
    entry = open_store(
        tmp_path / "a", database=as_user(admin_url, f"{c.database}_li", "pw-1234", c.database)
    )
    review = open_store(
        tmp_path / "b", database=as_user(admin_url, f"{c.database}_wang", "pw-5678", c.database)
    )
    try:
        with pytest.raises(NotAllowed):
            require(entry, "submit")  # the login itself signs in: an entry clerk's
        sign_in_server(entry)
        sign_in_server(review)
        log_id = periods.log_export(
            entry, period=Period.parse("2026Q3"), definition_id="community-service",
            definition_version="2026.1", file_name="q3.xlsx", values={}, sha256="0" * 64,
            exported_at=datetime(2026, 10, 5),
        )  # fmt: skip
        with pytest.raises(NotAllowed):
            periods.mark_submitted(entry, log_id)
        periods.mark_submitted(review, log_id)
        assert periods.state(entry, Period.parse("2026Q3")).status == periods.SUBMITTED
    finally:
        entry.close()
        review.close()


def test_township_role_reads_every_committee(admin_url: str) -> None:
    a, b = init_committee(admin_url, _code()), init_committee(admin_url, _code())
    name = f"township_{os.getpid()}"
    add_township_reader(admin_url, name, "pw-town")
    readable = readable_committees(as_user(admin_url, name, "pw-town", "postgres"))
    assert {a.database, b.database} <= set(readable)
