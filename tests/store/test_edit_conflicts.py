"""No lost update: two processes edit the same record through the same data folder."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from commdesk.store.engine import open_store
from commdesk.store.services.conflicts import EditConflict, change_counter
from commdesk.store.services.volunteers import volunteers

VALID_ID = "11010519491231002X"


def _other_clerk(
    data_dir: Path, database_url: str | None, row_id: int, version: int, skills: str
) -> None:
    """A second process (another PC's CommDesk) saves the row at ``version``."""
    script = textwrap.dedent(
        f"""
        from pathlib import Path
        from commdesk.store.engine import open_store
        from commdesk.store.services.volunteers import volunteers
        store = open_store(Path({str(data_dir)!r}), database={database_url!r})
        volunteers.update(store, {row_id}, {{"skills": {skills!r}}},
                          user="clerk-b", expected_version={version})
        store.close()
        """
    )
    subprocess.run([sys.executable, "-c", script], check=True, timeout=120)


def test_second_save_on_a_stale_copy_is_refused_with_both_versions(
    data_dir: Path, database_url: str | None
) -> None:
    store = open_store(data_dir, database=database_url)
    try:
        row_id = volunteers.add(store, {"name": "张三", "id_number": VALID_ID}, user="clerk-a")
        loaded = volunteers.get(store, row_id)
        assert loaded is not None and loaded["version"] == 1
        counter = change_counter(store)

        _other_clerk(data_dir, database_url, row_id, 1, "理发")
        assert change_counter(store) > counter  # an open page sees the other clerk's write

        with pytest.raises(EditConflict) as caught:
            volunteers.update(
                store, row_id, {"mobile": "13800138000"}, user="clerk-a", expected_version=1
            )
        conflict = caught.value
        assert (conflict.expected_version, conflict.current_version) == (1, 2)
        assert conflict.mine == {"mobile": "13800138000"}
        assert conflict.theirs is not None
        assert conflict.theirs["skills"] == "理发"
        assert conflict.theirs["updated_by"] == "clerk-b"
        stored = volunteers.get(store, row_id)
        assert stored is not None
        assert stored["skills"] == "理发" and stored["mobile"] in (None, "")  # nothing lost

        # Saved again on their version (after the clerk chose): accepted, version 3.
        new_version = volunteers.update(
            store, row_id, {"mobile": "13800138000"}, user="clerk-a", expected_version=2
        )
        assert new_version == 3
        stored = volunteers.get(store, row_id)
        assert stored is not None
        assert (stored["skills"], stored["mobile"]) == ("理发", "13800138000")
    finally:
        store.close()


def test_delete_by_another_clerk_is_a_conflict_too(store: Any) -> None:
    row_id = volunteers.add(store, {"name": "张三", "id_number": VALID_ID})
    volunteers.delete(store, [row_id], user="clerk-b")
    with pytest.raises(EditConflict) as caught:
        volunteers.update(store, row_id, {"skills": "x"}, expected_version=1)
    assert caught.value.theirs is None and caught.value.current_version is None


def test_every_write_moves_the_version(store: Any) -> None:
    row_id = volunteers.add(store, {"name": "张三", "id_number": VALID_ID})
    assert volunteers.update(store, row_id, {"skills": "a"}) == 2
    volunteers.delete(store, [row_id])
    volunteers.restore(store, [row_id])
    row = volunteers.get(store, row_id)
    assert row is not None and row["version"] == 4
    rows = volunteers.query(store)
    assert rows[0]["version"] == 4
