"""``commdesk consolidate --server``: the township reads the committees' databases directly."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from cons_helpers import PERIOD_CODE, TOWNSHIP, make_committee
from console_script import commdesk
from sqlalchemy.engine import make_url


def test_township_consolidates_the_submitted_committees_on_the_server(
    pg_server: Any, tmp_path: Path
) -> None:
    from commdesk.domain.periods import Period
    from commdesk.returns import library
    from commdesk.store.engine import db_path, open_store
    from commdesk.store.server_admin import (
        add_township_reader,
        committee_url,
        init_committee,
    )
    from commdesk.store.services import periods
    from commdesk.store.transfer import push

    admin = pg_server.admin_url
    definition, period = library.current(None), Period.parse(PERIOD_CODE)
    (tmp_path / "returns").mkdir()
    open_store(tmp_path / "template").close()
    databases = {}
    for n, submitted in ((1, True), (2, False)):
        code = f"{TOWNSHIP}{n + 900:03d}"
        made = make_committee(
            tmp_path, db_path(tmp_path / "template"), code, "urban", n, definition, period
        )
        if submitted:
            store = open_store(made.data_dir)
            log_id = periods.history(store, period)[0]["id"]
            periods.mark_submitted(store, log_id)
            store.close()
        c = init_committee(admin, f"{code}p{os.getpid()}")
        checks = push(made.data_dir, committee_url(admin, c))
        assert all(check.ok for check in checks)
        databases[submitted] = c.database
    township = f"town_{os.getpid()}"
    add_township_reader(admin, township, "pw-town")
    url = make_url(admin).set(username=township, password="pw-town", database="postgres")

    out = tmp_path / "township.xlsx"
    result = commdesk(
        "consolidate", "--server", url.render_as_string(False), "--period", PERIOD_CODE,
        "--out", out, "--unit-name", "朝外街道", "--unit-code", TOWNSHIP,
        data_dir=tmp_path / "township",
    )  # fmt: skip
    assert result.returncode == 1, result.stderr  # one committee has not submitted
    assert f"not-submitted  {databases[False]}" in result.stdout
    assert f"{databases[True]}.xlsx" in result.stdout
    assert "written" in result.stdout and out.is_file()
