"""Managing single-PC accounts: roles, new passwords, removal, never without an administrator."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from commdesk.domain.roles import ADMIN, ENTRY, REVIEWER
from commdesk.store import account_admin, accounts
from commdesk.store.accounts import NotAllowed, SignInError, sign_in
from commdesk.store.models import AuditEntry

pytestmark = pytest.mark.sqlite_only  # the server's accounts: tests/ui/test_sign_in_server.py


@pytest.fixture(autouse=True)
def fast_hash(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(accounts, "ITERATIONS", 1000)  # behaviour, not the hash's strength


def _audit(store: Any) -> list[tuple[str, str, str | None, str | None]]:
    with store.read() as s:
        rows = s.scalars(select(AuditEntry).where(AuditEntry.action.like("account_%"))).all()
        return [(r.action, r.user, r.before, r.after) for r in rows]


def test_first_account_signs_the_session_in_and_later_changes_are_audited(store: Any) -> None:
    account_admin.add(store, "admin", ADMIN, "admin-pass")
    assert store.signed_in.name == "admin"  # so the next account can be added at all
    account_admin.add(store, "lina", ENTRY, "lina-pass")
    account_admin.change_role(store, "lina", REVIEWER)
    account_admin.reset_password(store, "lina", "new-pass-1")
    assert [(a.name, a.role) for a in account_admin.list_accounts(store)] == [
        ("admin", ADMIN), ("lina", REVIEWER),
    ]  # fmt: skip
    with pytest.raises(SignInError):
        sign_in(store, "lina", "lina-pass")
    sign_in(store, "admin", "admin-pass")
    account_admin.remove(store, "lina")
    assert [a.name for a in account_admin.list_accounts(store)] == ["admin"]
    log = _audit(store)
    assert [row[0] for row in log] == [
        "account_add", "account_add", "account_role", "account_password", "account_remove",
    ]  # fmt: skip
    assert all(row[1] == "admin" for row in log[1:])  # named: the signed-in administrator
    assert not any("pass" in (row[3] or "") for row in log)  # never a password, nor its hash


def test_the_last_administrator_stays(store: Any) -> None:
    account_admin.add(store, "admin", ADMIN, "admin-pass")
    account_admin.add(store, "wang", REVIEWER, "wang-pass")
    with pytest.raises(ValueError, match="last administrator"):
        account_admin.change_role(store, "admin", REVIEWER)
    with pytest.raises(ValueError, match="last administrator"):
        account_admin.remove(store, "admin")
    account_admin.change_role(store, "wang", ADMIN)
    with pytest.raises(ValueError, match="signed in now"):
        account_admin.remove(store, "admin")  # not from under its own session
    sign_in(store, "wang", "wang-pass")
    account_admin.remove(store, "admin")
    assert [(a.name, a.role) for a in account_admin.list_accounts(store)] == [("wang", ADMIN)]


def test_only_an_administrator_manages_accounts(store: Any) -> None:
    account_admin.add(store, "admin", ADMIN, "admin-pass")
    account_admin.add(store, "wang", REVIEWER, "wang-pass")
    sign_in(store, "wang", "wang-pass")
    assert not account_admin.changes_here(store)
    for change in (
        lambda: account_admin.add(store, "zhao", ENTRY, "zhao-pass"),
        lambda: account_admin.change_role(store, "wang", ADMIN),
        lambda: account_admin.reset_password(store, "admin", "taken-over"),
        lambda: account_admin.remove(store, "admin"),
    ):
        with pytest.raises(NotAllowed):
            change()
    with pytest.raises(ValueError, match="at least"):
        sign_in(store, "admin", "admin-pass") and account_admin.add(store, "zhao", ENTRY, "abc")


def test_id_reveals_and_township_changes_name_the_signed_in_person(store: Any) -> None:
    from commdesk.store import privacy
    from commdesk.store.services import township

    account_admin.add(store, "admin", ADMIN, "admin-pass")
    account_admin.add(store, "lina", ENTRY, "lina-pass")
    sign_in(store, "lina", "lina-pass")
    privacy.audit_reveal(store, "volunteer", 1)
    township.save_township(store, "朝外街道", "110105001")
    with store.read() as s:
        rows = s.execute(
            select(AuditEntry.action, AuditEntry.user).where(
                AuditEntry.action.in_(("reveal_id", "insert"))
            )
        ).all()
    assert [user for _action, user in rows] == ["lina", "lina"]
