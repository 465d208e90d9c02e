"""The saved server choice (no password, ever) and the server's local copies."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from commdesk.store.server_choice import (
    ServerFields,
    build_url,
    parse_url,
    saved_choice,
    with_password,
    without_password,
)

pytestmark = pytest.mark.sqlite_only  # about the choice and the copies, not a backend


@pytest.mark.parametrize(
    ("fields", "url"),
    [
        (ServerFields("10.0.0.5", 5433, "cd_1", "li_na", "require"),
         "postgresql+psycopg://li_na@10.0.0.5:5433/cd_1?sslmode=require"),
        (ServerFields("server.local", 5432, "cd_1", "li_na"),
         "postgresql+psycopg://li_na@server.local:5432/cd_1"),
        (ServerFields("/run/postgresql", 5432, "cd_1", "li_na", "require"),
         "postgresql+psycopg://li_na@/cd_1?host=%2Frun%2Fpostgresql"),
    ],
)  # fmt: skip
def test_fields_to_url_and_back(fields: ServerFields, url: str) -> None:
    assert build_url(fields) == url
    back = parse_url(url)
    assert (back.host, back.database, back.user) == (fields.host, fields.database, fields.user)


def test_the_password_comes_and_goes() -> None:
    url = "postgresql+psycopg://li_na@10.0.0.5:5432/cd_1"
    secret = with_password(url, "p@ss:w/rd")
    assert "p%40ss" in secret
    assert without_password(secret) == url
    assert with_password(url, "") == url


def test_a_broken_saved_value_counts_as_this_computer() -> None:
    assert saved_choice("") is None
    assert saved_choice("mysql://x@y/z") is None
    assert saved_choice(" postgresql://li_na@h/cd_1 ").url == "postgresql+psycopg://li_na@h/cd_1"


def test_local_copies_are_per_server_and_the_newest_few_are_kept(
    pg_server: Any, tmp_path: Path
) -> None:
    from commdesk.store.server_backups import KEEP, copy_server, newest_copy

    url = pg_server.create_database()
    start = datetime(2026, 12, 1, 8, 0, 0)
    made = [copy_server(tmp_path, url, start + timedelta(hours=i)) for i in range(KEEP + 2)]
    assert newest_copy(tmp_path, url).path == made[-1]
    assert newest_copy(tmp_path, url).taken_at == start + timedelta(hours=KEEP + 1)
    assert [p.exists() for p in made] == [False, False] + [True] * KEEP
    other = url.replace("/commdesk_t", "/other_t")
    assert newest_copy(tmp_path, other) is None  # another committee's copy is never offered
    assert not list((tmp_path / "backups").glob(".*.part"))
    pg_server.drop_database(url)
