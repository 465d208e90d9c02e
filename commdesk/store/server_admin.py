"""Setting up committees on a shared PostgreSQL server, isolated by the server itself.

Each committee gets its own database, owned by its own (NOLOGIN) role, with
CONNECT revoked from PUBLIC: a clerk of one committee is refused by PostgreSQL
itself when connecting to another's. Clerks are login roles (their passwords
stay in PostgreSQL) granted one of the committee's group roles, which the store
reads back as 填报员 / 审核人 / 管理员 (commdesk.store.accounts); PostgreSQL
enforces what each may write (commdesk.store.server_grants). The township's
group role may connect to and read every committee database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import make_url

from commdesk.domain.i18n import translate
from commdesk.domain.roles import ROLES
from commdesk.store import scram
from commdesk.store.accounts import group_role

TOWNSHIP_ROLE = "commdesk_township"
_CODE = re.compile(r"^[A-Za-z0-9_]{1,40}$")


@dataclass(frozen=True)
class Committee:
    code: str
    database: str  # also the name of the owner role

    def group(self, role: str) -> str:
        return group_role(self.database, role)


def committee(code: str) -> Committee:
    """The names a committee code maps to (letters, digits and _ only: they become SQL names)."""
    code = (code or "").strip()
    if not _CODE.match(code):
        raise ValueError(
            translate(
                "Server",
                "The committee code {code} may hold only letters, digits and _ "
                "(e.g. its 12-digit division code).",
            ).format(code=code or "''")
        )
    return Committee(code, f"cd_{code.lower()}")


def conninfo(url: str, database: str | None = None) -> str:
    """psycopg's connection string for a SQLAlchemy URL (optionally another database)."""
    parsed = make_url(url).set(drivername="postgresql")
    if database is not None:
        parsed = parsed.set(database=database)
    return parsed.render_as_string(hide_password=False)


def committee_url(url: str, c: Committee) -> str:
    return make_url(url).set(database=c.database).render_as_string(hide_password=False)


def _admin(url: str, database: str | None = None) -> Any:
    import psycopg

    return psycopg.connect(conninfo(url, database), autocommit=True)


def _password(password: str) -> Any:
    """The password as its SCRAM verifier: a server that logs statements never logs it."""
    from psycopg import sql

    return sql.Literal(scram.verifier(password))


def _exists(conn: Any, sql: str, name: str) -> bool:
    return conn.execute(sql, (name,)).fetchone() is not None


def init_committee(admin_url: str, code: str) -> Committee:
    """Create (or bring up to date) the committee's roles and database, migrated to head."""
    from psycopg import sql

    c = committee(code)
    with _admin(admin_url) as conn:
        for role in (c.database, TOWNSHIP_ROLE, *(c.group(r) for r in ROLES)):
            if not _exists(conn, "SELECT 1 FROM pg_roles WHERE rolname = %s", role):
                conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(role)))
        if not _exists(conn, "SELECT 1 FROM pg_database WHERE datname = %s", c.database):
            conn.execute(
                sql.SQL("CREATE DATABASE {} OWNER {} ENCODING 'UTF8' TEMPLATE template0").format(
                    sql.Identifier(c.database), sql.Identifier(c.database)
                )
            )
        db = sql.Identifier(c.database)
        conn.execute(sql.SQL("REVOKE ALL ON DATABASE {} FROM PUBLIC").format(db))
        readers = [c.group(r) for r in ROLES] + [TOWNSHIP_ROLE]
        conn.execute(
            sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(
                db, sql.SQL(", ").join(sql.Identifier(r) for r in readers)
            )
        )
    _migrate(admin_url, c)
    _grant_tables(admin_url, c)
    return c


def _migrate(admin_url: str, c: Committee) -> None:
    """Run the migrations as the owner role, so the committee's role owns its tables."""
    from sqlalchemy import event

    from commdesk.store.backend import make_server_engine
    from commdesk.store.migrate import upgrade_server

    url = committee_url(admin_url, c)
    engine = make_server_engine(url)

    @event.listens_for(engine, "connect")
    def _as_owner(dbapi_conn: Any, _record: object) -> None:
        with dbapi_conn.cursor() as cur:
            cur.execute(f'SET ROLE "{c.database}"')
        dbapi_conn.commit()

    try:
        upgrade_server(engine, url)
    finally:
        engine.dispose()


def _grant_tables(admin_url: str, c: Committee) -> None:
    """Each role's table rights, set afresh (commdesk.store.server_grants)."""
    from commdesk.store.server_grants import grant_tables

    with _admin(admin_url, c.database) as conn:
        grant_tables(conn, c.database, TOWNSHIP_ROLE)


def add_clerk(admin_url: str, code: str, name: str, role: str, password: str) -> None:
    """A login role for one clerk in one committee group; PostgreSQL keeps the password."""
    from psycopg import sql

    c = committee(code)
    if role not in ROLES:
        raise ValueError(
            translate("Server", "The role must be one of: {roles}").format(roles=", ".join(ROLES))
        )
    with _admin(admin_url) as conn:
        ident = sql.Identifier(name)
        if _exists(conn, "SELECT 1 FROM pg_roles WHERE rolname = %s", name):
            conn.execute(
                sql.SQL("ALTER ROLE {} LOGIN PASSWORD {}").format(ident, _password(password))
            )
        else:
            conn.execute(
                sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(ident, _password(password))
            )
        conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(c.group(role)), ident))


def add_township_reader(admin_url: str, name: str, password: str) -> None:
    """A login role for the street office that may read every committee database."""
    from psycopg import sql

    with _admin(admin_url) as conn:
        if not _exists(conn, "SELECT 1 FROM pg_roles WHERE rolname = %s", TOWNSHIP_ROLE):
            conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(TOWNSHIP_ROLE)))
        ident = sql.Identifier(name)
        if not _exists(conn, "SELECT 1 FROM pg_roles WHERE rolname = %s", name):
            conn.execute(
                sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(ident, _password(password))
            )
        conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(TOWNSHIP_ROLE), ident))


def readable_committees(url: str) -> list[str]:
    """The committee databases the role of ``url`` may connect to (for the township)."""
    with _admin(url) as conn:
        rows = conn.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE 'cd\\_%%' "
            "AND has_database_privilege(datname, 'CONNECT') ORDER BY datname"
        ).fetchall()
    return [r[0] for r in rows]


def server_admin_lines(c: Committee) -> str:
    """What the person running the server adds to pg_hba.conf and postgresql.conf."""
    groups = ",".join(f"+{c.group(r)}" for r in ROLES)
    return "\n".join(
        [
            translate(
                "Server",
                "# pg_hba.conf: committee {code}, only its clerks, TLS and "
                "SCRAM passwords (put the office network's address range):",
            ).format(code=c.code),
            f"hostssl  {c.database}  {groups},+{TOWNSHIP_ROLE}  192.168.0.0/16  scram-sha-256",
            f"hostnossl  {c.database}  all  0.0.0.0/0  reject",
            translate("Server", "# postgresql.conf (once per server):"),
            "ssl = on",
            "ssl_cert_file = 'server.crt'",
            "ssl_key_file = 'server.key'",
            "password_encryption = scram-sha-256",
            translate("Server", "# then: SELECT pg_reload_conf();  each PC joins with:"),
            f"commdesk --database 'postgresql+psycopg://CLERK@SERVER/{c.database}?sslmode=verify-full'",
        ]
    )


# ----------------------------------------------------------------- clerks of one committee
def committee_of(database: str) -> Committee | None:
    """The committee a database belongs to (``cd_<code>``), None for any other database."""
    if not database.startswith("cd_"):
        return None
    try:
        return committee(database[3:])
    except ValueError:
        return None


def committee_clerks(url: str, c: Committee) -> list[tuple[str, str]]:
    """(login, role) of every login in the committee's group roles, the highest role each."""
    groups = {c.group(r): r for r in ROLES}
    with _admin(url) as conn:
        rows = conn.execute(
            "SELECT m.rolname, g.rolname FROM pg_auth_members am "
            "JOIN pg_roles g ON g.oid = am.roleid JOIN pg_roles m ON m.oid = am.member "
            "WHERE g.rolname = ANY(%s) AND m.rolcanlogin",
            (list(groups),),
        ).fetchall()
    best: dict[str, str] = {}
    for member, group in rows:
        role = groups[group]
        if member not in best or ROLES.index(role) > ROLES.index(best[member]):
            best[member] = role
    return sorted(best.items())


def may_manage_roles(url: str) -> bool:
    """Whether the login of ``url`` may create logins and grant roles (CREATEROLE or superuser)."""
    with _admin(url) as conn:
        row = conn.execute(
            "SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user"
        ).fetchone()
    return bool(row and row[0])


def login_exists(url: str, name: str) -> bool:
    with _admin(url) as conn:
        return _exists(conn, "SELECT 1 FROM pg_roles WHERE rolname = %s", name)


def set_clerk_role(url: str, c: Committee, name: str, role: str) -> None:
    """Move a clerk to another of the committee's group roles (out of the other two)."""
    from psycopg import sql

    ident = sql.Identifier(name)
    with _admin(url) as conn, conn.transaction():
        for other in ROLES:
            if other != role:
                conn.execute(
                    sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(c.group(other)), ident)
                )
        conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(c.group(role)), ident))


def remove_clerk(url: str, c: Committee, name: str) -> None:
    """Take the clerk out of the committee's group roles; the login stays (other committees)."""
    from psycopg import sql

    ident = sql.Identifier(name)
    with _admin(url) as conn, conn.transaction():
        for role in ROLES:
            conn.execute(sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(c.group(role)), ident))


def set_clerk_password(url: str, name: str, password: str) -> None:
    """A new password for a clerk's login; PostgreSQL keeps it (as a SCRAM verifier)."""
    from psycopg import sql

    with _admin(url) as conn:
        conn.execute(
            sql.SQL("ALTER ROLE {} PASSWORD {}").format(sql.Identifier(name), _password(password))
        )
