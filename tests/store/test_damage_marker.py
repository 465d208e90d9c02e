"""A full check's finding of damage holds for that very file, and only for it."""

from __future__ import annotations

import os
from pathlib import Path

from commdesk.store.soundness import DAMAGE_MARKER, known_damage, mark_damaged


def test_damage_found_by_a_full_check_is_remembered_for_the_same_file(tmp_path: Path) -> None:
    db = tmp_path / "commdesk.sqlite"
    db.write_bytes(b"x" * 4096)
    assert known_damage(db) is None
    mark_damaged(db, "index broken")
    assert (tmp_path / DAMAGE_MARKER).is_file()
    assert known_damage(db) == "index broken"


def test_a_replaced_database_is_not_held_by_the_old_finding(tmp_path: Path) -> None:
    db = tmp_path / "commdesk.sqlite"
    db.write_bytes(b"x" * 4096)
    mark_damaged(db, "index broken")
    db.write_bytes(b"y" * 8192)  # restored from a backup: another size and time
    os.utime(db, ns=(1, 1))
    assert known_damage(db) is None
