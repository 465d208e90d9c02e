"""Committee returns for the consolidation tests, built once per test session (see cons_helpers)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from cons_helpers import N_COMMITTEES, OTHER_TOWNSHIP, PERIOD_CODE, TOWNSHIP, Town, make_committee


@pytest.fixture(scope="session")
def town(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Town]:
    from commdesk.domain.periods import Period
    from commdesk.returns import library
    from commdesk.returns.xlsx_reader import read_return
    from commdesk.store.engine import db_path, open_store

    root = tmp_path_factory.mktemp("town")
    (root / "returns").mkdir()
    open_store(root / "template").close()
    template = db_path(root / "template")
    definition = library.current(None)
    period = Period.parse(PERIOD_CODE)
    committees = []
    for i in range(N_COMMITTEES):
        kind = "village" if i % 3 == 0 else "urban"
        committees.append(
            make_committee(
                root, template, f"{TOWNSHIP}{i + 1:03d}", kind, 100 + i, definition, period
            )
        )
    foreign = make_committee(
        root, template, f"{OTHER_TOWNSHIP}001", "village", 999, definition, period
    )
    for c in [*committees, foreign]:
        c.name = read_return(c.path).meta["community"]["name"]
    yield Town(root, committees, foreign, definition, period)
