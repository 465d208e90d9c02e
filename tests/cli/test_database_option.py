"""``commdesk --database URL`` / ``COMMDESK_DATABASE_URL``, through the console script."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from console_script import assert_refused, clean_env, commdesk

AWAY = "postgresql+psycopg://clerk:s3cret@127.0.0.1:1/cd001"  # nothing listens on port 1


def _names_server_not_password(line: str) -> None:
    assert "cd001" in line and "127.0.0.1:1" in line, line
    assert "s3cret" not in line


def test_server_away_is_one_line_naming_it(data_dir: Path) -> None:
    result = commdesk("--database", AWAY, "export", "--period", "2026Q3", "--out",
                      data_dir / "r.xlsx", data_dir=data_dir)  # fmt: skip
    _names_server_not_password(assert_refused(result))
    assert not (data_dir / "commdesk.sqlite").exists()


def test_environment_variable_and_a_bare_url_get_a_visible_note(data_dir: Path) -> None:
    env = clean_env(COMMDESK_DATABASE_URL=AWAY.replace("+psycopg", ""))
    result = commdesk("export", "--period", "2026Q3", "--out", data_dir / "r.xlsx",
                      data_dir=data_dir, env=env)  # fmt: skip
    note, failure = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.returncode == 2, result.stderr
    assert "postgresql+psycopg://" in note and "s3cret" not in note
    _names_server_not_password(failure)


def test_wrong_urls_are_refused_in_one_line(data_dir: Path) -> None:
    for url in ("mysql://u:pw@h/db", "", "postgresql+psycopg2://u:pw@h/db"):
        result = commdesk("--database", url, "export", "--period", "2026Q3", "--out",
                          data_dir / "r.xlsx", data_dir=data_dir)  # fmt: skip
        line = assert_refused(result)
        assert "pw" not in line, line


def test_file_commands_refuse_a_server(data_dir: Path) -> None:
    for args in (["check"], ["demo"], ["restore", str(data_dir / "x.sqlite")]):
        line = assert_refused(commdesk("--database", AWAY, *args, data_dir=data_dir))
        assert args[0] in line


def test_export_reads_the_server_database(
    pg_server: Any, data_dir: Path, profile_data: dict[str, Any]
) -> None:
    """The clerk's export, from ledgers kept on the server; the data folder gets no file."""
    from commdesk.store.engine import open_store
    from commdesk.store.services.facilities import facilities
    from commdesk.store.services.profile import save_profile
    from commdesk.store.services.service_records import service_records

    url = pg_server.create_database()
    store = open_store(data_dir, database=url)
    try:
        save_profile(store, profile_data)
        facilities.add(store, {"name": "党群服务中心", "type_code": "F01", "floor_area": 512.5})
        service_records.add(
            store,
            {"service_date": date(2026, 7, 15), "category_code": "WM01", "people_served": 4,
             "hours": 1.5, "recipient_name": "欧阳志远"},
        )  # fmt: skip
    finally:
        store.close()
    out = data_dir / "幸福社区-2026Q3.xlsx"
    result = commdesk("export", "--period", "2026Q3", "--out", out, data_dir=data_dir,
                      env=clean_env(COMMDESK_DATABASE_URL=url))  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert out.is_file()
    assert not (data_dir / "commdesk.sqlite").exists()
    pg_server.drop_database(url)
