"""The PostgreSQL backend itself: URLs, migrations under an advisory lock, a server away."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from commdesk.store.backend import DatabaseUrlError, normalise, resolve, server_label
from commdesk.store.engine import StoreError, open_store
from commdesk.store.migrate import MIGRATION_LOCK_KEY
from commdesk.store.schema_version import HEAD_REVISION
from commdesk.store.services.volunteers import teams

pytestmark = pytest.mark.sqlite_only  # these choose their backend themselves


def _conninfo(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(False)


def _tables(url: str) -> set[str]:
    with psycopg.connect(_conninfo(url)) as conn:
        rows = conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        return {r[0] for r in rows}


def test_url_names_the_driver_and_a_bare_one_gets_it_with_a_note() -> None:
    exact = normalise("postgresql+psycopg://clerk:s3cret@10.0.0.5/cd001")
    assert exact.note is None and exact.url.startswith("postgresql+psycopg://clerk:s3cret@")
    bare = normalise("postgresql://clerk:s3cret@10.0.0.5:5433/cd001")
    assert bare.url == "postgresql+psycopg://clerk:s3cret@10.0.0.5:5433/cd001"
    assert bare.note is not None and "psycopg" in bare.note and "s3cret" not in bare.note
    assert normalise("postgres://clerk@h/cd001").url.startswith("postgresql+psycopg://")
    for wrong in ("mysql://u@h/db", "postgresql+psycopg2://u:pw@h/db", "not a url", "sqlite:///x"):
        with pytest.raises(DatabaseUrlError) as refused:
            normalise(wrong)
        assert "pw" not in str(refused.value)
    with pytest.raises(DatabaseUrlError):
        resolve("  ")


def test_label_names_server_and_database_never_the_password() -> None:
    label = server_label("postgresql+psycopg://clerk:s3cret@10.0.0.5/cd001")
    assert "cd001" in label and "10.0.0.5:5432" in label and "s3cret" not in label
    socket = server_label("postgresql+psycopg://postgres@/cd002?host=/run/postgresql")
    assert "cd002" in socket and "/run/postgresql" in socket


def test_environment_variable_chooses_the_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMMDESK_DATABASE_URL", "postgresql://u@h/db")
    chosen = resolve(None)
    assert chosen is not None and chosen.url == "postgresql+psycopg://u@h/db"
    assert resolve("postgresql+psycopg://v@h/other").url.endswith("/other")  # --database wins
    monkeypatch.delenv("COMMDESK_DATABASE_URL")
    assert resolve(None) is None  # the data folder's SQLite file


def test_empty_server_database_is_created_at_head(pg_server: Any, data_dir: Path) -> None:
    url = pg_server.create_database(empty=True)
    with pytest.raises(StoreError, match="No CommDesk data"):
        open_store(data_dir, create=False, database=url)
    store = open_store(data_dir, database=url)
    try:
        assert store.is_server and "s3cret" not in repr(store)
        teams.add(store, {"name": "银龄志愿服务队"})
        with store.read() as s:
            assert s.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
                HEAD_REVISION
            )
    finally:
        store.close()
    assert not (data_dir / "commdesk.sqlite").exists()  # nothing written to the folder's file
    pg_server.drop_database(url)


def test_a_failed_upgrade_leaves_the_server_database_as_it_was(
    pg_server: Any, data_dir: Path
) -> None:
    """One transaction: a revision failing half-way leaves no table and no stamp behind."""
    url = pg_server.create_database(empty=True)
    with psycopg.connect(_conninfo(url), autocommit=True) as conn:
        conn.execute("CREATE TABLE community_version (id integer)")  # 0004 will collide
    with pytest.raises(StoreError, match="unchanged"):
        open_store(data_dir, database=url)
    assert _tables(url) == {"community_version"}
    pg_server.drop_database(url)


_STARTER = textwrap.dedent(
    """
    import sys
    from commdesk.store.engine import open_store
    open_store(sys.argv[1], database=sys.argv[2]).close()
    print("ok")
    """
)


def _waiting_for_lock(url: str) -> int:
    with psycopg.connect(_conninfo(url)) as conn:
        return conn.execute(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
            "AND objid = %s",
            (MIGRATION_LOCK_KEY,),
        ).fetchone()[0]


def test_two_starters_at_once_migrate_one_after_the_other(pg_server: Any, tmp_path: Path) -> None:
    """Both PCs wait on the advisory lock (held here first), then one migrates, one finds head."""
    url = pg_server.create_database(empty=True)
    with psycopg.connect(_conninfo(url), autocommit=True) as holder:
        holder.execute("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK_KEY,))
        starters = [
            subprocess.Popen(
                [sys.executable, "-c", _STARTER, str(tmp_path / f"pc{i}"), url],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for i in (1, 2)
        ]
        try:
            deadline = time.monotonic() + 60
            while _waiting_for_lock(url) < 2:
                assert time.monotonic() < deadline, "the starters did not wait on the lock"
                assert all(p.poll() is None for p in starters), [p.communicate() for p in starters]
                time.sleep(0.1)
            assert "alembic_version" not in _tables(url)  # nobody migrated past the lock
        finally:
            holder.execute("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK_KEY,))
        results = [p.communicate(timeout=120) for p in starters]
    assert [p.returncode for p in starters] == [0, 0], results
    with psycopg.connect(_conninfo(url)) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (HEAD_REVISION,)
        ]
    pg_server.drop_database(url)


def test_server_away_at_start_fails_in_seconds_naming_it(data_dir: Path) -> None:
    """Nothing listens on port 1: one line naming the server, without the password."""
    url = "postgresql+psycopg://clerk:s3cret@127.0.0.1:1/cd001"
    with pytest.raises(StoreError) as refused:
        open_store(data_dir, database=url)
    message = str(refused.value)
    assert "cd001" in message and "127.0.0.1:1" in message and "s3cret" not in message
    assert "\n" not in message


def test_server_gone_mid_session_is_reported_then_recovers(pg_server: Any, data_dir: Path) -> None:
    """Stop the server under an open store: the next action fails with the server's name."""
    from commdesk.store.backend import chosen, failure_message, normalise

    if pg_server.root is None:
        pytest.skip("an external server (COMMDESK_TEST_DATABASE_URL) is not stopped by tests")
    url = pg_server.create_database()
    server_store = open_store(data_dir, database=url)
    try:
        teams.add(server_store, {"name": "队伍一"})
        pg_server.pause()
        try:
            with pytest.raises(Exception) as lost:
                teams.add(server_store, {"name": "队伍二"})
            with chosen(normalise(url)):
                message = failure_message(lost.value)
            assert message is not None and make_url(url).database in message
        finally:
            pg_server.resume()
        teams.add(server_store, {"name": "队伍三"})  # the pool reconnects by itself
        with server_store.read() as s:
            names = s.execute(text("SELECT name FROM volunteer_team ORDER BY id")).scalars()
            assert list(names) == ["队伍一", "队伍三"]
    finally:
        server_store.close()
        pg_server.drop_database(url)


def test_a_row_locked_elsewhere_fails_in_seconds_instead_of_hanging(
    pg_server: Any, data_dir: Path
) -> None:
    """Another connection holds the row: the save gives up at the lock timeout, saying so."""
    from commdesk.store.backend import normalise, unreachable_message

    url = pg_server.create_database()
    store = open_store(data_dir, database=url)
    try:
        team = teams.add(store, {"name": "队伍一"})
        with psycopg.connect(_conninfo(url)) as other:
            other.execute("SELECT * FROM volunteer_team WHERE id = %s FOR UPDATE", (team,))
            with pytest.raises(Exception) as waited:
                teams.update(store, team, {"name": "队伍二"})
            other.rollback()
        message = unreachable_message(normalise(url).url, waited.value)
        assert "did not answer in time" in message and make_url(url).database in message
        teams.update(store, team, {"name": "队伍二"})  # free again: the store still works
    finally:
        store.close()
        pg_server.drop_database(url)
