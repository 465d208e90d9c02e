"""Shared fixtures: every test gets its own temp data folder; Qt runs offscreen.

The ``store`` fixture is the one switch between backends: in the store, returns,
importing and consolidation suites every test using it runs twice, on the SQLite
file and on a fresh database of a real PostgreSQL server (tests/pg_server.py).
``COMMDESK_TEST_BACKENDS=sqlite`` (or ``postgresql``) runs one of them only.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("COMMDESK_DATA_DIR", None)
os.environ.pop("COMMDESK_DATABASE_URL", None)

# The suites whose store-using tests run on both backends (issue 14).
BOTH_BACKENDS = ("store", "returns", "importing", "consolidation")
BACKENDS = ("sqlite", "postgresql")


def _backends() -> list[str]:
    wanted = os.environ.get("COMMDESK_TEST_BACKENDS", "").replace(",", " ").split()
    return [b for b in BACKENDS if b in wanted] if wanted else list(BACKENDS)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "sqlite_only: about the SQLite file itself (check, backup, restore, WAL)"
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run a test twice (sqlite, postgresql) when it uses ``backend`` in the named suites."""
    if "backend" not in metafunc.fixturenames:
        return
    if metafunc.definition.get_closest_marker("sqlite_only"):
        return
    tests = Path(__file__).resolve().parent
    try:
        suite = metafunc.definition.path.resolve().relative_to(tests).parts[0]
    except ValueError:
        return
    if suite in BOTH_BACKENDS:
        metafunc.parametrize("backend", _backends(), indirect=True)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[object]:
    """A real PostgreSQL for the session (tests/pg_server.py), stopped at the end.

    Skipped with the reason when PostgreSQL is not installed, except in CI (CI=true),
    where its absence fails: the PostgreSQL half of the suites must not vanish quietly.
    """
    from pg_server import PgServer, pg_bin

    external = os.environ.get("COMMDESK_TEST_DATABASE_URL")
    if external:
        yield PgServer(external)
        return
    bin_dir = pg_bin()
    if bin_dir is None:
        reason = "PostgreSQL 15 is not installed (apt-get install postgresql)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    server = PgServer.start(bin_dir)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """The backend of this test run: sqlite (the default everywhere) or postgresql."""
    return getattr(request, "param", "sqlite")


@pytest.fixture
def database_url(backend: str, request: pytest.FixtureRequest) -> Iterator[str | None]:
    """None for the data folder's SQLite file, else a fresh server database at head."""
    if backend == "sqlite":
        yield None
        return
    server = request.getfixturevalue("pg_server")
    url = server.create_database()
    yield url
    server.drop_database(url)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    d = tmp_path / "data"
    d.mkdir()
    return d


@pytest.fixture
def store(data_dir: Path, database_url: str | None) -> Iterator[object]:
    from commdesk.store.engine import open_store

    s = open_store(data_dir, database=database_url)
    yield s
    s.close()


@pytest.fixture
def profile_data() -> dict[str, object]:
    return {
        "name": "幸福社区居民委员会",
        "kind": "urban",
        "division_code": "110105001001",
        "township_name": "朝外街道",
        "households": 1000,
        "resident_population": 2600,
        "registered_population": 2400,
        "committee_members": 7,
        "secretary_is_director": True,
        "unit_head": "王建国",
        "statistics_head": "李明",
        "preparer": "张丽",
        "phone": "010-65001234",
    }


@pytest.fixture
def store_with_profile(store, profile_data):  # type: ignore[no-untyped-def]
    from commdesk.store.services.profile import save_profile

    save_profile(store, profile_data)
    return store


@pytest.fixture
def submit_period():  # type: ignore[no-untyped-def]
    """Log an export of a period (no file) and mark it submitted, as the returns page does."""
    from datetime import datetime

    from commdesk.domain.periods import Period
    from commdesk.store.services import periods

    def submit(store: object, code: str) -> int:
        log_id = periods.log_export(
            store,  # type: ignore[arg-type]
            period=Period.parse(code),
            definition_id="community-service",
            definition_version="2026.1",
            file_name=f"{code}.xlsx",
            values={},
            sha256="0" * 64,
            exported_at=datetime(2026, 10, 5, 9, 0),
        )
        periods.mark_submitted(store, log_id)  # type: ignore[arg-type]
        return log_id

    return submit
