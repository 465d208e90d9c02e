"""Privacy: the start-up password's storage, audited ID reveals, returns free of personal data."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from commdesk.store import privacy
from commdesk.store.engine import db_path


def test_password_is_pbkdf2_with_a_per_install_salt(store: Any, tmp_path: Path) -> None:
    from commdesk.store.engine import open_store

    assert not privacy.has_password(store)
    assert not privacy.verify_password(store, "anything")
    privacy.set_password(store, "春暖花开2026")
    assert privacy.has_password(store)
    assert privacy.verify_password(store, "春暖花开2026")
    assert not privacy.verify_password(store, "春暖花开2025")
    assert not privacy.verify_password(store, "")
    stored = privacy.stored_settings(store)
    scheme, iterations, _digest = stored[privacy.PASSWORD_KEY].split("$")
    assert scheme == "pbkdf2_sha256" and int(iterations) >= 200_000
    assert "春暖花开" not in stored[privacy.PASSWORD_KEY]
    other = open_store(tmp_path / "other")
    try:
        privacy.set_password(other, "春暖花开2026")
        theirs = privacy.stored_settings(other)
        assert theirs[privacy.SALT_KEY] != stored[privacy.SALT_KEY]
        assert theirs[privacy.PASSWORD_KEY] != stored[privacy.PASSWORD_KEY]
    finally:
        other.close()
    raw = db_path(store.data_dir).read_bytes()
    assert "春暖花开".encode() not in raw


def test_changing_or_removing_needs_the_current_password(store: Any, fast_hash: None) -> None:
    with pytest.raises(privacy.PasswordError):
        privacy.set_password(store, "abc")  # too short
    privacy.set_password(store, "first-pass")
    with pytest.raises(privacy.PasswordError):
        privacy.set_password(store, "second-pass", current="wrong")
    privacy.set_password(store, "second-pass", current="first-pass")
    assert privacy.verify_password(store, "second-pass")
    with pytest.raises(privacy.PasswordError):
        privacy.clear_password(store, "first-pass")
    privacy.clear_password(store, "second-pass")
    assert not privacy.has_password(store)
    con = sqlite3.connect(db_path(store.data_dir))
    actions = [r[0] for r in con.execute("SELECT action FROM audit_log ORDER BY id")]
    con.close()
    assert actions == ["password_set", "password_set", "password_removed"]


def test_lock_minutes_setting(store: Any) -> None:
    assert privacy.lock_minutes(store) == privacy.DEFAULT_LOCK_MINUTES
    privacy.set_lock_minutes(store, 3)
    assert privacy.lock_minutes(store) == 3
    privacy.set_lock_minutes(store, -5)
    assert privacy.lock_minutes(store) == 0


def test_revealing_an_id_is_audited_without_the_id(store: Any) -> None:
    from commdesk.store.services.volunteers import volunteers

    vid = volunteers.add(store, {"name": "李秀英", "id_number": "11010519810101003X"})
    privacy.audit_reveal(store, "volunteer", vid, user="clerk")
    con = sqlite3.connect(db_path(store.data_dir))
    row = con.execute(
        "SELECT user, action, table_name, row_id, before, after FROM audit_log "
        "WHERE action = 'reveal_id'"
    ).fetchone()
    con.close()
    assert row[:4] == ("clerk", "reveal_id", "volunteer", vid)
    assert "11010519810101003X" not in (row[5] or "") and row[4] is None


def test_returns_never_contain_names_or_ids(store_with_profile: Any, tmp_path: Path) -> None:
    """Demo data → export → every cell of every sheet: no person's name or ID number."""
    from commdesk.domain.periods import Period
    from commdesk.returns import library
    from commdesk.returns.export import export, prepare
    from commdesk.store.demo import generate

    store = store_with_profile
    generate(store, records=1500, seed=7, replace=True)
    con = sqlite3.connect(db_path(store.data_dir))
    signatories = set(
        con.execute("SELECT unit_head, statistics_head, preparer FROM community").fetchone()
    )
    names = {
        r[0]
        for r in con.execute(
            "SELECT name FROM volunteer UNION SELECT name FROM worker "
            "UNION SELECT recipient_name FROM service_record WHERE recipient_name IS NOT NULL"
        )
    } - signatories  # the return's footer is signed by name, on purpose
    ids = {
        r[0]
        for r in con.execute(
            "SELECT id_number FROM volunteer UNION SELECT id_number FROM worker UNION "
            "SELECT recipient_id_number FROM service_record WHERE recipient_id_number IS NOT NULL"
        )
    }
    con.close()
    assert len(names) > 50 and len(ids) > 50
    needles = names | ids | {i[-8:] for i in ids}  # also a partial ID (birth date + sequence)
    definition = library.current(store.data_dir)
    checked = 0
    for code in (str(date.today().year - 1), str(date.today().year)):
        period = Period.parse(code)
        prepared = prepare(store, definition, period)
        out = tmp_path / f"{code}.xlsx"
        notes = {w.code: "说明" for w in prepared.warnings}
        export(store, definition, period, out, notes=notes, prepared=prepared)
        book = load_workbook(out)
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.value is None:
                        continue
                    text = str(cell.value)
                    checked += 1
                    found = [n for n in needles if n in text]
                    assert not found, f"{sheet.title}!{cell.coordinate}: {found[:3]}"
    assert checked > 200
