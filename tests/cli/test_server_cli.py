"""``commdesk server init|clerk|push`` and ``commdesk backup`` against a server, as run."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

from console_script import assert_refused, clean_env, commdesk
from sqlalchemy.engine import make_url

from commdesk.store.engine import db_path, make_engine
from commdesk.store.transfer import compare


def test_init_push_backup_open_round_trip(pg_server: Any, tmp_path: Path) -> None:
    admin = pg_server.admin_url
    code = f"r{os.getpid()}"
    done = commdesk("server", "init", admin, "--committee", code)
    assert done.returncode == 0, done.stderr
    assert "hostssl" in done.stdout and "scram-sha-256" in done.stdout
    database = f"cd_{code}"
    committee_url = make_url(admin).set(database=database).render_as_string(False)

    folder = tmp_path / "pc"
    made = commdesk("demo", "--records", "300", data_dir=folder)
    assert made.returncode == 0, made.stderr
    pushed = commdesk("server", "push", committee_url, data_dir=folder)
    assert pushed.returncode == 0, pushed.stderr
    assert pushed.stdout.strip().splitlines()[-1].startswith("ok tables=")
    again = commdesk("server", "push", committee_url, data_dir=folder)
    assert "already holds data" in assert_refused(again)

    empty = commdesk(
        "server", "clerk", admin, "--committee", code, "--name", f"{database}_li",
        "--role", "entry", env=clean_env(COMMDESK_NEW_PASSWORD=""),
    )  # fmt: skip
    assert "password is empty" in assert_refused(empty)
    added = commdesk(
        "server", "clerk", admin, "--committee", code, "--name", f"{database}_li",
        "--role", "entry", env=clean_env(COMMDESK_NEW_PASSWORD="pw-li-123"),
    )  # fmt: skip
    assert added.returncode == 0, added.stderr

    out = tmp_path / "server-copy.sqlite"
    backup = commdesk("--database", committee_url, "backup", "--out", out, data_dir=tmp_path / "b")
    assert backup.returncode == 0, backup.stderr
    # The backup opens in single-PC mode, and every table equals the folder's original.
    single = tmp_path / "single"
    single.mkdir()
    shutil.copy(out, db_path(single))
    checked = commdesk("check", data_dir=single)
    assert checked.returncode == 0, checked.stderr
    original, copy = make_engine(db_path(folder)), make_engine(db_path(single))
    try:
        checks = compare(original, copy)
    finally:
        original.dispose()
        copy.dispose()
    assert checks and all(c.ok for c in checks), [c for c in checks if not c.ok]
    assert sum(c.source_rows for c in checks) > 300


def test_push_whose_copy_differs_is_rolled_back_and_named(pg_server: Any, tmp_path: Path) -> None:
    """A trigger left on the server alters one record as it is written: the verification
    catches it before the commit, so nothing is copied (exit 2) and a second try can run."""
    import psycopg

    from commdesk.store.server_admin import conninfo

    admin = pg_server.admin_url
    code = f"m{os.getpid()}"
    assert commdesk("server", "init", admin, "--committee", code).returncode == 0
    committee_url = make_url(admin).set(database=f"cd_{code}").render_as_string(False)
    folder = tmp_path / "pc"
    assert commdesk("demo", "--records", "300", data_dir=folder).returncode == 0
    with psycopg.connect(conninfo(committee_url), autocommit=True) as conn:
        conn.execute(
            "CREATE FUNCTION nudge() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            "IF NEW.id = 7 THEN NEW.people_served := NEW.people_served + 1; END IF; "
            "RETURN NEW; END $$"
        )
        conn.execute(
            "CREATE TRIGGER nudge BEFORE INSERT ON service_record "
            "FOR EACH ROW EXECUTE FUNCTION nudge()"
        )

    pushed = commdesk("server", "push", committee_url, data_dir=folder)
    line = assert_refused(pushed)
    assert "service_record" in line and "Nothing was copied" in line
    mismatched = [t.split(":")[0] for t in pushed.stdout.splitlines() if "MISMATCH" in t]
    assert mismatched == ["service_record"], pushed.stdout
    with psycopg.connect(conninfo(committee_url)) as conn:
        assert conn.execute("SELECT count(*) FROM service_record").fetchone() == (0,)
        assert conn.execute("SELECT count(*) FROM volunteer").fetchone() == (0,)

    with psycopg.connect(conninfo(committee_url), autocommit=True) as conn:
        conn.execute("DROP TRIGGER nudge ON service_record")
    again = commdesk("server", "push", committee_url, data_dir=folder)
    assert again.returncode == 0, again.stderr
    assert "MISMATCH" not in again.stdout
