"""Signing in, and the role check every guarded store service makes.

On a single PC accounts are optional: they live in ``app_setting`` as
PBKDF2-HMAC-SHA256 hashes with the install salt (as the start-up password),
never in clear. Without any account everything is allowed, as before.

On a server every clerk is a PostgreSQL login role; the password stays in
PostgreSQL (signing in *is* connecting). The clerk's role in the committee is
membership of the committee's group roles, made by ``commdesk server init``:
``<database>_entry``, ``<database>_reviewer``, ``<database>_admin``.
"""

from __future__ import annotations

import hmac
import json
from dataclasses import dataclass

from sqlalchemy import select, text

from commdesk.domain.i18n import translate
from commdesk.domain.roles import ADMIN, MANAGE_ACCOUNTS, REVIEWER, ROLES, may, role_label
from commdesk.store import audit
from commdesk.store.engine import Store
from commdesk.store.models import AppSetting
from commdesk.store.privacy import (
    ITERATIONS,
    MIN_LENGTH,
    _derive,
    _encode,
    install_salt,
    password_matches,
)

ACCOUNT_PREFIX = "account:"


@dataclass(frozen=True)
class Account:
    name: str
    role: str


class NotAllowed(PermissionError):
    """The signed-in person's role does not allow this (checked in the store, not the UI)."""


class SignInError(ValueError):
    """Unknown name or wrong password (one message for both: no name probing)."""


def group_role(database: str, role: str) -> str:
    """The PostgreSQL group role of ``role`` in the committee database ``database``."""
    return f"{database}_{role}"


def _accounts(store: Store) -> dict[str, dict[str, str]]:
    with store.read() as s:
        rows = s.scalars(select(AppSetting).where(AppSetting.key.like(f"{ACCOUNT_PREFIX}%"))).all()
        return {row.key[len(ACCOUNT_PREFIX) :]: json.loads(row.value or "{}") for row in rows}


def accounts(store: Store) -> list[Account]:
    """This PC's accounts (single-PC mode), by name."""
    return [Account(name, data["role"]) for name, data in sorted(_accounts(store).items())]


def uses_accounts(store: Store) -> bool:
    return store.is_server or bool(_accounts(store))


def who(store: Store) -> Account | None:
    """The signed-in person; on a server the login itself, read once from PostgreSQL."""
    if store.signed_in is None and store.is_server:
        try:
            sign_in_server(store)
        except SignInError:
            with store.read() as s:
                user = s.execute(text("SELECT current_user")).scalar_one()
            store.signed_in = Account(str(user), "")  # named in the audit, allowed nothing
    return store.signed_in


def require(store: Store, permission: str) -> None:
    """NotAllowed unless the signed-in person may; a PC without accounts allows all."""
    account = who(store)
    if account is None and not uses_accounts(store):
        return
    if account is not None and may(account.role, permission):
        return
    name = account.name if account is not None else translate("Accounts", "nobody signed in")
    raise NotAllowed(
        translate("Accounts", "{who} ({role}) may not do this; ask a reviewer.").format(
            who=name, role=role_label(account.role) if account is not None else "-"
        )
    )


def allows(store: Store, permission: str) -> bool:
    """Whether :func:`require` would let the signed-in person do this (for showing buttons)."""
    try:
        require(store, permission)
    except NotAllowed:
        return False
    return True


def add_account(store: Store, name: str, role: str, password: str) -> None:
    """A new single-PC account; the first must be an administrator, later ones need one."""
    name = (name or "").strip()
    if role not in ROLES or not name:
        raise ValueError(translate("Accounts", "Give a name and one of the roles."))
    if len(password or "") < MIN_LENGTH:
        raise ValueError(
            translate("Accounts", "The password must have at least {n} characters.").format(
                n=MIN_LENGTH
            )
        )
    check_password(password)
    existing = _accounts(store)
    if not existing and role != ADMIN:
        raise ValueError(translate("Accounts", "The first account must be an administrator."))
    if existing:
        require(store, MANAGE_ACCOUNTS)
    if name in existing:
        raise ValueError(
            translate("Accounts", "There is already an account {name}.").format(name=name)
        )
    value = json.dumps({"role": role, "hash": _hash(store, password)})
    with store.write() as s:
        s.add(AppSetting(key=ACCOUNT_PREFIX + name, value=value))
        audit.record(
            s,
            "account_add",
            "app_setting",
            None,
            after={"name": name, "role": role},
            user=audit.current_user(store),
        )


def check_password(password: str) -> None:
    if len(password or "") < MIN_LENGTH:
        raise ValueError(
            translate("Accounts", "The password must have at least {n} characters.").format(
                n=MIN_LENGTH
            )
        )


def _hash(store: Store, password: str) -> str:
    return _encode(_derive(password, install_salt(store), ITERATIONS), ITERATIONS)


def _existing(store: Store, name: str) -> dict[str, dict[str, str]]:
    """Every account, after checking the signed-in person may manage them and ``name`` exists."""
    require(store, MANAGE_ACCOUNTS)
    existing = _accounts(store)
    if name not in existing:
        raise ValueError(translate("Accounts", "There is no account {name}.").format(name=name))
    return existing


def keeps_an_admin(roles: dict[str, str], name: str) -> None:
    """Refuse to leave the committee without an administrator (nobody could manage accounts)."""
    others = [n for n, role in roles.items() if n != name and role == ADMIN]
    if roles[name] == ADMIN and not others:
        raise ValueError(
            translate(
                "Accounts", "{name} is the last administrator; make another one first."
            ).format(name=name)
        )


def not_signed_in(store: Store, name: str) -> None:
    """The account in use is not removed under its own session."""
    if store.signed_in is not None and store.signed_in.name == name:
        raise ValueError(
            translate(
                "Accounts", "{name} is signed in now; another administrator removes it."
            ).format(name=name)
        )


def _roles(existing: dict[str, dict[str, str]]) -> dict[str, str]:
    return {n: data.get("role", "") for n, data in existing.items()}


def _update(
    store: Store, name: str, data: dict[str, str], action: str, after: dict[str, str]
) -> None:
    with store.write() as s:
        row = s.get(AppSetting, ACCOUNT_PREFIX + name)
        assert row is not None
        row.value = json.dumps(data)
        audit.record(
            s, action, "app_setting", None, after={"name": name, **after},
            user=audit.current_user(store),
        )  # fmt: skip


def set_role(store: Store, name: str, role: str) -> None:
    """Give a single-PC account another role (never the last administrator's)."""
    if role not in ROLES:
        raise ValueError(translate("Accounts", "Give a name and one of the roles."))
    existing = _existing(store, name)
    if role != ADMIN:
        keeps_an_admin(_roles(existing), name)
    _update(store, name, {**existing[name], "role": role}, "account_role", {"role": role})
    if store.signed_in is not None and store.signed_in.name == name:
        store.signed_in = Account(name, role)


def reset_password(store: Store, name: str, password: str) -> None:
    """A new password for a single-PC account (a forgotten one cannot be recovered)."""
    check_password(password)
    existing = _existing(store, name)
    _update(store, name, {**existing[name], "hash": _hash(store, password)}, "account_password", {})


def remove_account(store: Store, name: str) -> None:
    """Delete a single-PC account; the last administrator stays."""
    existing = _existing(store, name)
    keeps_an_admin(_roles(existing), name)
    not_signed_in(store, name)
    with store.write() as s:
        row = s.get(AppSetting, ACCOUNT_PREFIX + name)
        assert row is not None
        s.delete(row)
        audit.record(
            s, "account_remove", "app_setting", None,
            before={"name": name, "role": existing[name].get("role")},
            user=audit.current_user(store),
        )  # fmt: skip


def sign_in(store: Store, name: str, password: str) -> Account:
    """Check a single-PC account's password and make it the store's signed-in person."""
    data = _accounts(store).get((name or "").strip())
    with store.read() as s:
        salt = s.get(AppSetting, "install_salt")
    if data is None or not password_matches(
        data.get("hash"), salt.value if salt else None, password
    ):
        raise SignInError(translate("Accounts", "Unknown name or wrong password."))
    store.signed_in = Account(name.strip(), data["role"])
    return store.signed_in


def sign_in_server(store: Store) -> Account:
    """The server already checked the password (on connecting): read who and which role."""
    with store.read() as s:
        user, database, superuser = s.execute(
            text(
                "SELECT current_user, current_database(), "
                "(SELECT rolsuper FROM pg_roles WHERE rolname = current_user)"
            )
        ).one()
        # The server's own administrator (who runs server init and push) manages everything.
        role = ADMIN if superuser else None
        for candidate in () if role else (ADMIN, REVIEWER, "entry"):
            group = group_role(database, candidate)
            held = s.execute(
                text(
                    "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :g) "
                    "AND pg_has_role(current_user, :g, 'MEMBER')"
                ),
                {"g": group},
            ).scalar()
            if held:
                role = candidate
                break
    if role is None:
        raise SignInError(
            translate("Accounts", "{user} holds no CommDesk role in {database}.").format(
                user=user, database=database
            )
        )
    store.signed_in = Account(str(user), role)
    return store.signed_in


def lock_owner(store: Store) -> Account | None:
    """Who the lock screen belongs to: the person signed in with a password this session.

    None without one (no accounts on this PC, or a server login made without a password,
    e.g. a pgpass file): then the start-up password, if set, unlocks as before.
    """
    person = store.signed_in
    if person is None:
        return None
    if store.is_server:
        return person if _session_password(store) else None
    return person if _accounts(store).get(person.name, {}).get("hash") else None


def _session_password(store: Store) -> str | None:
    from sqlalchemy.engine import make_url

    assert store.server is not None
    return make_url(store.server).password or None


def own_password_matches(store: Store, password: str) -> bool:
    """Whether ``password`` is the lock owner's own (False when there is no owner).

    Single PC: the account's PBKDF2 hash. Server: the password this session connected
    with (held in memory in its URL), compared in constant time. Not a new login: a
    server that is away or slow must not keep the clerk from the open window, and wrong
    tries at a locked PC should not fill the server's log or count against the login.
    """
    owner = lock_owner(store)
    if owner is None:
        return False
    if store.is_server:
        expected = _session_password(store) or ""
        return hmac.compare_digest(password.encode("utf-8"), expected.encode("utf-8"))
    data = _accounts(store)[owner.name]
    with store.read() as s:
        salt = s.get(AppSetting, "install_salt")
    return password_matches(data.get("hash"), salt.value if salt else None, password)
