"""Fixtures for the importer tests: a store, and a temp folder with copies of fixture files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from import_helpers import FIXTURES, SHARED


@pytest.fixture
def fixture_copy(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Copy a committed fixture into tmp_path (reports are written next to the source)."""

    def copy(name: str) -> Path:
        source = SHARED / name if (SHARED / name).exists() else FIXTURES / name
        target = tmp_path / "files" / name
        target.parent.mkdir(exist_ok=True)
        shutil.copyfile(source, target)
        return target

    return copy
