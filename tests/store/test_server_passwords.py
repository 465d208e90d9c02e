"""Clerks' passwords reach the server only as SCRAM verifiers: a statement log never holds them."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import psycopg
import pytest
from console_script import clean_env, commdesk
from sqlalchemy.engine import make_url

from commdesk.domain.roles import REVIEWER
from commdesk.store import account_admin
from commdesk.store.scram import saslprep, verifier
from commdesk.store.server_admin import committee_url, conninfo, init_committee
from commdesk.store.server_login import open_signed_in


def _signs_in(admin_url: str, database: str, user: str, password: str) -> bool:
    url = make_url(admin_url).set(username=user, password=password, database=database)
    try:
        with psycopg.connect(conninfo(url.render_as_string(False)), connect_timeout=5) as conn:
            return conn.execute("SELECT current_user").fetchone() == (user,)
    except psycopg.OperationalError:
        return False


def test_saslprep_maps_as_postgresql_does() -> None:
    assert saslprep("pw-123") == b"pw-123"
    assert saslprep("\x07ascii") == b"\x07ascii"  # pure ASCII: taken as it is
    assert saslprep("I\u00adX") == b"IX"  # soft hyphen: mapped to nothing
    assert saslprep("a\u3000b\u00a0c") == b"a b c"  # non-ASCII spaces: a space
    assert saslprep("\u2168ｐｗ１") == b"IXpw1"  # NFKC
    assert saslprep("李娜\u0007") == "李娜\u0007".encode()  # prohibited: the raw bytes
    assert saslprep("\u0627\u0031") == "\u0627\u0031".encode()  # bidi rule broken: raw


def test_verifier_has_postgresqls_form() -> None:
    v = verifier("pw-123", salt=b"0123456789abcdef")
    head, keys = v.rsplit("$", 1)
    assert head == "SCRAM-SHA-256$4096:MDEyMzQ1Njc4OWFiY2RlZg=="
    assert len(keys.split(":")) == 2 and all(len(k) == 44 for k in keys.split(":"))
    assert verifier("pw-123") != verifier("pw-123")  # a new random salt each time


def test_clerk_passwords_are_sent_hashed_and_still_sign_in(pg_server: Any, tmp_path: Path) -> None:
    """With every statement logged, the console script's clerk and the accounts code's
    clerks (one with a Chinese, full-width password) sign in with their passwords only, and
    neither the server log nor pg_authid holds a password in clear."""
    if pg_server.root is None:
        pytest.skip("needs the server this test session started (its log file)")
    admin = pg_server.admin_url
    c = init_committee(admin, f"pw{os.getpid()}")
    li, wang, zhao = (f"{c.database}_{n}" for n in ("li", "wang", "zhao"))
    passwords = {"li": "Li-secret-73", "wang": "Wang-secret-58", "zhao": "赵敏的密码ｐｗ１"}
    renewed = "Li-renewed-91"
    log = pg_server.root / "server.log"
    superuser = make_url(admin).username
    pg_server.admin(f"ALTER ROLE \"{superuser}\" SET log_statement = 'all'")
    start = log.stat().st_size
    try:
        made = commdesk(
            "server", "clerk", admin, "--committee", c.code, "--name", li, "--role", "entry",
            env=clean_env(COMMDESK_NEW_PASSWORD=passwords["li"]),
        )  # fmt: skip
        assert made.returncode == 0, made.stderr
        assert _signs_in(admin, c.database, li, passwords["li"])
        store = open_signed_in(tmp_path / "a", committee_url(admin, c))  # trust on the socket
        try:
            account_admin.add(store, wang, REVIEWER, passwords["wang"])
            account_admin.add(store, zhao, REVIEWER, passwords["zhao"])
            account_admin.reset_password(store, li, renewed)
        finally:
            store.close()
    finally:
        pg_server.admin(f'ALTER ROLE "{superuser}" RESET log_statement')
    logged = log.read_bytes()[start:].decode("utf-8", "replace")
    assert "CREATE ROLE" in logged and "ALTER ROLE" in logged  # the log was on
    for secret in [*passwords.values(), renewed]:
        assert secret not in logged
    assert "SCRAM-SHA-256$4096:" in logged

    assert _signs_in(admin, c.database, wang, passwords["wang"])
    assert _signs_in(admin, c.database, zhao, passwords["zhao"])
    assert _signs_in(admin, c.database, li, renewed)
    assert not _signs_in(admin, c.database, li, passwords["li"])  # the old one no longer
    assert not _signs_in(admin, c.database, wang, passwords["li"])
    assert not _signs_in(admin, c.database, zhao, "赵敏的密码ｐｗ２")
    with psycopg.connect(conninfo(admin)) as conn:
        stored = dict(
            conn.execute(
                "SELECT rolname, rolpassword FROM pg_authid WHERE rolname = ANY(%s)",
                ([li, wang, zhao],),
            ).fetchall()
        )
    assert sorted(stored) == sorted([li, wang, zhao])
    assert all(v.startswith("SCRAM-SHA-256$4096:") for v in stored.values()), stored
