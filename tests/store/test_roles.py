"""Roles are enforced by the store: a 填报员 cannot submit or unlock; the audit names who."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import select

from commdesk.domain.periods import Period
from commdesk.domain.roles import ADMIN, ENTRY, REVIEWER
from commdesk.store.accounts import NotAllowed, SignInError, add_account, sign_in
from commdesk.store.models import AuditEntry
from commdesk.store.services import periods
from commdesk.store.services.volunteers import teams

pytestmark = pytest.mark.sqlite_only  # single-PC accounts; the server's are PostgreSQL roles


def _export(store: Any, code: str = "2026Q3") -> int:
    return periods.log_export(
        store, period=Period.parse(code), definition_id="community-service",
        definition_version="2026.1", file_name=f"{code}.xlsx", values={}, sha256="0" * 64,
        exported_at=datetime(2026, 10, 5, 9, 0),
    )  # fmt: skip


@pytest.fixture
def office(store: Any) -> Any:
    add_account(store, "admin", ADMIN, "admin-pass")
    sign_in(store, "admin", "admin-pass")
    add_account(store, "lina", ENTRY, "entry-pass")
    add_account(store, "wang", REVIEWER, "review-pass")
    store.signed_in = None
    return store


def _last_audit(store: Any) -> AuditEntry:
    with store.read() as s:
        return s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()


def test_entry_clerk_enters_but_cannot_submit_or_unlock(office: Any) -> None:
    sign_in(office, "lina", "entry-pass")
    teams.add(office, {"name": "Silver team"})
    assert _last_audit(office).user == "lina"  # the audit names the signed-in person
    log_id = _export(office)
    with pytest.raises(NotAllowed):
        periods.mark_submitted(office, log_id)
    with pytest.raises(NotAllowed):
        periods.unlock_period(office, Period.parse("2026Q3"), "late record")
    with pytest.raises(NotAllowed):
        add_account(office, "zhao", ENTRY, "zhao-pass")
    assert periods.state(office, Period.parse("2026Q3")).status != periods.SUBMITTED


def test_reviewer_submits_and_unlocks_in_their_name(office: Any) -> None:
    sign_in(office, "wang", "review-pass")
    log_id = _export(office)
    periods.mark_submitted(office, log_id)
    assert _last_audit(office).user == "wang"
    periods.unlock_period(office, Period.parse("2026Q3"), "late record")
    entry = _last_audit(office)
    assert (entry.action, entry.user) == ("unlock", "wang")
    with pytest.raises(NotAllowed):
        add_account(office, "zhao", ENTRY, "zhao-pass")


def test_admin_manages_accounts_and_nobody_signed_in_may_not_submit(office: Any) -> None:
    log_id = _export(office)
    with pytest.raises(NotAllowed):
        periods.mark_submitted(office, log_id)  # accounts exist: signing in is required
    sign_in(office, "admin", "admin-pass")
    add_account(office, "zhao", ENTRY, "zhao-pass")
    assert sign_in(office, "zhao", "zhao-pass").role == ENTRY


def test_wrong_password_is_refused_and_no_password_is_stored_in_clear(office: Any) -> None:
    with pytest.raises(SignInError):
        sign_in(office, "lina", "wrong")
    with pytest.raises(SignInError):
        sign_in(office, "nobody", "entry-pass")
    office.close()
    raw = office.path.read_bytes() + b"".join(
        p.read_bytes() for p in office.path.parent.glob("*-wal")
    )
    for password in (b"admin-pass", b"entry-pass", b"review-pass"):
        assert password not in raw


def test_first_account_must_be_an_administrator(store: Any) -> None:
    with pytest.raises(ValueError):
        add_account(store, "lina", ENTRY, "entry-pass")
    log_id = _export(store)
    periods.mark_submitted(store, log_id)  # no accounts: a single PC works as before
