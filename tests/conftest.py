"""Shared fixtures: every test gets its own temp data folder; Qt runs offscreen."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("COMMDESK_DATA_DIR", None)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    d = tmp_path / "data"
    d.mkdir()
    return d


@pytest.fixture
def store(data_dir: Path) -> Iterator[object]:
    from commdesk.store.engine import open_store

    s = open_store(data_dir)
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
