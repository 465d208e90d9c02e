"""A real PostgreSQL 15 for the tests: started in a temporary folder, on a Unix socket only.

``initdb`` refuses to run as root, so when the tests run as root the server is
made and run by the ``postgres`` account (``runuser``). Nothing listens on TCP.
Each test gets a fresh database copied from a template already at the schema's
head (``CREATE DATABASE … TEMPLATE``), so no test waits for the migrations.

``COMMDESK_TEST_DATABASE_URL`` (a role allowed to CREATE DATABASE on some other
server) is used instead of starting one; ``COMMDESK_TEST_PG_BIN`` names the
folder of ``initdb``/``pg_ctl`` when it is not Debian's.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

DEFAULT_BIN = Path("/usr/lib/postgresql/15/bin")
TEMPLATE = "commdesk_head"
# Durability is not what these tests are about; the server runs ~3x faster without it.
FAST = ("fsync=off", "synchronous_commit=off", "full_page_writes=off")


def pg_bin() -> Path | None:
    """The folder holding initdb and pg_ctl, or None when PostgreSQL is not installed."""
    folder = Path(os.environ.get("COMMDESK_TEST_PG_BIN") or DEFAULT_BIN)
    if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
        return folder
    found = shutil.which("pg_ctl")
    if found and (Path(found).parent / "initdb").is_file():
        return Path(found).parent
    # Another Debian major version (the server's own packages install only there).
    others = sorted(DEFAULT_BIN.parent.parent.glob("*/bin/initdb"), key=lambda p: p.parts[-3])
    return others[-1].parent if others else None


def _as_server_user(argv: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *argv] if os.geteuid() == 0 else argv


class PgServer:
    """A server for the test session; ``create_database()`` hands out fresh databases."""

    def __init__(self, admin_url: str, *, root: Path | None = None, bin_dir: Path | None = None):
        self.admin_url = admin_url  # SQLAlchemy URL of a database to run CREATE DATABASE from
        self.root = root  # the temporary folder (data + socket) when this process started it
        self.bin_dir = bin_dir
        self._names = itertools.count(1)
        self._template_ready = False

    # ------------------------------------------------------------------ start / stop
    @classmethod
    def start(cls, bin_dir: Path) -> PgServer:
        """initdb + pg_ctl start in a new temporary folder; the socket lives in it too."""
        root = Path(tempfile.mkdtemp(prefix="commdesk-pg-", dir="/tmp"))
        if os.geteuid() == 0:
            shutil.chown(root, "postgres", "postgres")
        server = cls(f"postgresql+psycopg://postgres@/postgres?host={root}", root=root,
                     bin_dir=bin_dir)  # fmt: skip
        subprocess.run(
            _as_server_user([str(bin_dir / "initdb"), "-D", str(root / "data"), "-U", "postgres",
                             "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]),
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        server.resume()
        return server

    def _pg_ctl(self, *args: str) -> None:
        assert self.root is not None and self.bin_dir is not None, "not started by this process"
        subprocess.run(
            _as_server_user([str(self.bin_dir / "pg_ctl"), "-D", str(self.root / "data"), *args]),
            check=True, capture_output=True, text=True, timeout=120,
        )  # fmt: skip

    def resume(self) -> None:
        """Start (again) the server this process made; waits until it accepts connections."""
        options = " ".join(
            f"-c {o}"
            for o in ("listen_addresses=''", f"unix_socket_directories={self.root}", *FAST)
        )
        self._pg_ctl("-w", "-t", "60", "-l", str(self.root / "server.log"), "-o", options,
                     "start")  # fmt: skip

    def pause(self) -> None:
        """Stop the server (its clients are cut off); :meth:`resume` brings it back."""
        self._pg_ctl("-w", "-t", "60", "-m", "fast", "stop")

    def stop(self) -> None:
        if self.root is None:
            return
        with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
            self.pause()
        shutil.rmtree(self.root, ignore_errors=True)
        self.root = None

    # ------------------------------------------------------------------ databases
    def url(self, database: str) -> str:
        """The SQLAlchemy URL of ``database`` on this server (same role as the admin URL)."""
        from sqlalchemy.engine import make_url

        return make_url(self.admin_url).set(database=database).render_as_string(False)

    def _admin(self, *statements: str) -> None:
        import psycopg
        from sqlalchemy.engine import make_url

        conninfo = make_url(self.admin_url).set(drivername="postgresql")
        with psycopg.connect(conninfo.render_as_string(False), autocommit=True) as conn:
            for statement in statements:
                conn.execute(statement)  # type: ignore[arg-type]

    def _ensure_template(self) -> None:
        """One database at the schema's head, copied for every test (made once)."""
        if self._template_ready:
            return
        from commdesk.store.engine import open_store

        self._admin(f"DROP DATABASE IF EXISTS {TEMPLATE} WITH (FORCE)",
                    f"CREATE DATABASE {TEMPLATE}")  # fmt: skip
        folder = Path(tempfile.mkdtemp(prefix="commdesk-pg-template-"))
        try:
            open_store(folder, database=self.url(TEMPLATE)).close()
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        self._template_ready = True

    def create_database(self, *, empty: bool = False) -> str:
        """A new database's URL: at the schema's head, or ``empty`` (no tables at all)."""
        name = f"commdesk_t{os.getpid()}_{next(self._names)}"
        if empty:
            self._admin(f"CREATE DATABASE {name}")
        else:
            self._ensure_template()
            self._admin(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
        return self.url(name)

    def drop_database(self, url: str) -> None:
        """Drop a database made by :meth:`create_database`, closing what is still connected."""
        from sqlalchemy.engine import make_url

        name = make_url(url).database
        self._admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
