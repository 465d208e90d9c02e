"""Managing a committee's accounts, the same calls on a single PC and on its server.

On a single PC the accounts are this folder's (commdesk.store.accounts). On a
server they are the logins in the committee's group roles; changing them needs
a login that may create roles (the server's administrator, or one given
CREATEROLE). Any other administrator is shown the ``commdesk server clerk``
command to hand to whoever runs the server. Every change is audited, never a
password.
"""

from __future__ import annotations

from sqlalchemy import text

from commdesk.domain.i18n import translate
from commdesk.domain.roles import ADMIN, MANAGE_ACCOUNTS, ROLES
from commdesk.store import accounts, audit, server_admin
from commdesk.store.accounts import Account, require
from commdesk.store.engine import Store


def _committee(store: Store) -> server_admin.Committee | None:
    with store.read() as s:
        database = str(s.execute(text("SELECT current_database()")).scalar_one())
    return server_admin.committee_of(database)


def list_accounts(store: Store) -> list[Account]:
    """Everyone who may sign in to this committee, with their role, by name."""
    if not store.is_server:
        return accounts.accounts(store)
    c = _committee(store)
    if c is None:
        return []
    assert store.server is not None
    return [Account(n, r) for n, r in server_admin.committee_clerks(store.server, c)]


def changes_here(store: Store) -> bool:
    """Whether this session may change accounts itself (else: the server's administrator)."""
    if not accounts.allows(store, MANAGE_ACCOUNTS):
        return False
    if not store.is_server:
        return True
    assert store.server is not None
    return _committee(store) is not None and server_admin.may_manage_roles(store.server)


def clerk_command(store: Store, name: str, role: str) -> str:
    """What the server's administrator runs to add (or re-password) a clerk."""
    c = _committee(store) if store.is_server else None
    code = c.code if c is not None else "CODE"
    return (
        f"commdesk server clerk 'postgresql+psycopg://ADMIN@SERVER/postgres' "
        f"--committee {code} --name {name or 'NAME'} --role {role}"
    )


def _server(store: Store) -> tuple[str, server_admin.Committee]:
    require(store, MANAGE_ACCOUNTS)
    c = _committee(store)
    if c is None or store.server is None:
        raise ValueError(translate("Accounts", "This database is not a committee's database."))
    return store.server, c


def _audit(store: Store, action: str, name: str, **details: str) -> None:
    with store.write() as s:
        audit.record(
            s, action, "pg_role", None, after={"name": name, **details},
            user=audit.current_user(store),
        )  # fmt: skip


def _known(store: Store, name: str) -> dict[str, str]:
    clerks = {a.name: a.role for a in list_accounts(store)}
    if name not in clerks:
        raise ValueError(translate("Accounts", "There is no account {name}.").format(name=name))
    return clerks


def add(store: Store, name: str, role: str, password: str) -> None:
    """A new account; on a PC without any, the first (an administrator) signs this session in."""
    name = (name or "").strip()
    if not store.is_server:
        first = not accounts.accounts(store)
        accounts.add_account(store, name, role, password)
        if first:
            store.signed_in = Account(name, role)
        return
    url, c = _server(store)
    if role not in ROLES or not name:
        raise ValueError(translate("Accounts", "Give a name and one of the roles."))
    accounts.check_password(password)
    if server_admin.login_exists(url, name):
        raise ValueError(
            translate("Accounts", "The server already has a login {name}.").format(name=name)
        )
    server_admin.add_clerk(url, c.code, name, role, password)
    _audit(store, "account_add", name, role=role)


def change_role(store: Store, name: str, role: str) -> None:
    if not store.is_server:
        accounts.set_role(store, name, role)
        return
    url, c = _server(store)
    if role not in ROLES:
        raise ValueError(translate("Accounts", "Give a name and one of the roles."))
    clerks = _known(store, name)
    if role != ADMIN:
        accounts.keeps_an_admin(clerks, name)
    server_admin.set_clerk_role(url, c, name, role)
    _audit(store, "account_role", name, role=role)


def reset_password(store: Store, name: str, password: str) -> None:
    if not store.is_server:
        accounts.reset_password(store, name, password)
        return
    url, _c = _server(store)
    accounts.check_password(password)
    _known(store, name)
    server_admin.set_clerk_password(url, name, password)
    _audit(store, "account_password", name)


def remove(store: Store, name: str) -> None:
    if not store.is_server:
        accounts.remove_account(store, name)
        return
    url, c = _server(store)
    clerks = _known(store, name)
    accounts.keeps_an_admin(clerks, name)
    accounts.not_signed_in(store, name)
    server_admin.remove_clerk(url, c, name)
    _audit(store, "account_remove", name, role=clerks[name])
