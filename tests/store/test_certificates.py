"""志愿服务记录证明: hours from linked live records only, gap-free numbers, void and reprint."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from certificate_fixture import END, START, ZHANG_HOURS, build
from sqlalchemy import select

from commdesk.store.models import AuditEntry
from commdesk.store.services import certificates as certs

TODAY = date(2026, 12, 4)


@pytest.fixture
def people(store: Any) -> dict[str, int]:
    return build(store)


def test_total_is_the_hand_computed_sum_of_linked_live_records(store: Any, people: Any) -> None:
    done = certs.issue(store, [people["zhang"]], START, END, today=TODAY)
    assert not done.refused
    (cert,) = done.certificates
    assert cert["total_hours"] == ZHANG_HOURS == 7.0
    assert [r["content"].split("：")[-1] for r in cert["records"]] == [
        "陪老人聊天", "社区清扫", "未记时长", "助餐送餐",
    ]  # fmt: skip
    assert cert["number"] == "2026-0001"
    assert cert["id_number"] == "11010519491231002X"
    assert cert["platform_number"] == "B12345678"
    assert (cert["committee_name"], cert["head"], cert["clerk"], cert["phone"]) == (
        "幸福社区居民委员会", "王建国", "张丽", "010-65001234",
    )  # fmt: skip


def test_numbers_follow_each_other_and_the_full_id_reveal_is_audited(
    store: Any, people: Any
) -> None:
    done = certs.issue(store, [people["zhang"], people["li"]], START, END, today=TODAY)
    assert [c["number"] for c in done.certificates] == ["2026-0001", "2026-0002"]
    assert done.certificates[1]["total_hours"] == 2.5 + 8
    again = certs.issue(store, [people["li"]], START, END, today=TODAY)
    assert again.certificates[0]["number"] == "2026-0003"
    next_year = certs.issue(store, [people["li"]], START, END, today=date(2027, 1, 2))
    assert next_year.certificates[0]["number"] == "2027-0001"
    with store.read() as s:
        reveals = s.scalars(select(AuditEntry.row_id).where(AuditEntry.action == "reveal_id")).all()
    assert sorted(reveals) == sorted([people["zhang"], people["li"], people["li"], people["li"]])


def test_deleted_volunteer_and_empty_range_are_refused_by_name(store: Any, people: Any) -> None:
    done = certs.issue(
        store, [people["gone"], people["zhang"]], date(2026, 4, 22), date(2026, 4, 22), today=TODAY
    )
    assert done.certificates == []
    reasons = {r.who.split()[0]: r.reason for r in done.refused}
    assert "deleted" in reasons["赵敏"]
    assert "no service records" in reasons["张秀英"]
    assert certs.register(store) == []


@pytest.mark.parametrize(
    ("start", "end", "words"),
    [
        (date(2026, 6, 1), date(2026, 5, 1), "after its end"),
        (date(2026, 11, 1), date(2026, 12, 2), "entered only up to 2026-11-30"),
        (date(2026, 11, 1), date(2026, 12, 5), "after today"),
    ],
)
def test_a_range_past_the_records_entered_or_today_is_refused(
    store: Any, people: Any, start: date, end: date, words: str
) -> None:
    with pytest.raises(certs.CertificateRefused, match=words):
        certs.issue(store, [people["zhang"]], start, end, today=TODAY)


def test_a_failed_paper_keeps_no_number_and_no_row(store: Any, people: Any) -> None:
    def broken(_: list[dict[str, Any]]) -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        certs.issue(store, [people["zhang"]], START, END, render=broken, today=TODAY)
    assert certs.register(store) == []
    done = certs.issue(store, [people["zhang"]], START, END, today=TODAY)
    assert done.certificates[0]["number"] == "2026-0001"


@pytest.mark.sqlite_only  # the killed child opens the data folder's file
def test_a_process_killed_while_writing_the_paper_leaves_no_gap(
    store: Any, people: Any, data_dir: Path
) -> None:
    certs.issue(store, [people["li"]], START, END, today=TODAY)  # 2026-0001 is kept
    script = textwrap.dedent(
        f"""
        import os, sys
        from datetime import date
        from commdesk.store.engine import open_store
        from commdesk.store.services import certificates as certs

        def killed(certificates):
            print(certificates[0]["number"], flush=True)
            os._exit(9)  # the power goes off while the PDF is being written

        store = open_store({str(data_dir)!r})
        certs.issue(store, [{people["zhang"]}], date(2026, 3, 1), date(2026, 6, 30),
                    render=killed, today=date(2026, 12, 4))
        """
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert run.returncode == 9, run.stderr
    assert run.stdout.strip() == "2026-0002"  # allocated, never committed
    assert [c["number"] for c in certs.register(store)] == ["2026-0001"]
    done = certs.issue(store, [people["zhang"]], START, END, today=TODAY)
    assert done.certificates[0]["number"] == "2026-0002"


def test_void_keeps_the_certificate_and_reprint_keeps_its_number(store: Any, people: Any) -> None:
    first, second = certs.issue(
        store, [people["zhang"], people["li"]], START, END, today=TODAY
    ).certificates
    with pytest.raises(certs.CertificateRefused):
        certs.void(store, first["id"], "  ")
    certs.void(store, first["id"], "姓名写错，重新出具")
    printed: list[str] = []
    again = certs.reprint(
        store, second["id"], render=lambda cs: printed.extend(c["number"] for c in cs)
    )
    assert printed == [again["number"]] == [second["number"]]
    with pytest.raises(certs.CertificateRefused, match="voided"):
        certs.reprint(store, first["id"], render=lambda cs: None)
    rows = certs.register(store)
    assert [(r["number"], r["state"]) for r in rows] == [
        ("2026-0001", "voided"), ("2026-0002", "issued"),
    ]  # fmt: skip
    assert rows[0]["void_reason"] == "姓名写错，重新出具"
    assert rows[1]["reprints"] == 1
    assert [r["number"] for r in certs.register(store, voided=False)] == ["2026-0002"]
    third = certs.issue(store, [people["zhang"]], START, END, today=TODAY).certificates[0]
    assert third["number"] == "2026-0003"  # the voided number is never given again
    with store.read() as s:
        actions = [
            (e.action, e.note)
            for e in s.scalars(select(AuditEntry).where(AuditEntry.table_name == "certificate"))
        ]
    assert ("void_certificate", "姓名写错，重新出具") in actions
    assert ("reprint_certificate", None) in actions


def test_a_name_shared_by_two_live_volunteers_is_ambiguous(store: Any, people: Any) -> None:
    from commdesk.store.services.volunteers import volunteers

    volunteers.add(store, {"name": "李强", "id_number": "110105199003030015"})
    with pytest.raises(certs.AmbiguousVolunteer) as info:
        certs.find_volunteer(store, "李强")
    assert "110105********0016" in str(info.value)
    assert "110105198001010016" not in str(info.value)
    assert certs.find_volunteer(store, "110105198001010016")["id"] == people["li"]
    assert certs.find_volunteer(store, "赵敏")["deleted_at"] is not None
    assert certs.team_members(store, "银发先锋队") == [people["zhang"], people["li"]]


@pytest.mark.sqlite_only  # demo writes through SQLite's bulk SQL (refused on a server)
def test_demo_replace_takes_the_register_with_the_people_it_replaces(
    store: Any, people: Any
) -> None:
    from commdesk.store.demo import generate

    certs.issue(store, [people["zhang"]], START, END, today=TODAY)
    generate(store, records=50, today=TODAY, replace=True)
    assert certs.register(store) == []


def test_upgrade_from_0007_adds_an_empty_register_and_downgrade_removes_it(
    data_dir: Path,
) -> None:
    import sqlite3

    from alembic import command

    from commdesk.store import migrate
    from commdesk.store.engine import db_path, make_engine, open_store, read_schema_revision

    path = db_path(data_dir)
    migrate.upgrade(path, "0007")
    assert read_schema_revision(path) == "0007"
    store = open_store(data_dir)  # upgrades to head
    try:
        people = build(store)
        certs.issue(store, [people["zhang"]], START, END, today=TODAY)
    finally:
        store.close()
    con = sqlite3.connect(path)
    assert con.execute("SELECT number, total_hours FROM certificate").fetchall() == [
        ("2026-0001", ZHANG_HOURS)
    ]
    con.close()
    engine = make_engine(path, foreign_keys=False)
    with engine.connect() as conn, conn.begin():
        cfg = migrate.alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0007")
    engine.dispose()
    con = sqlite3.connect(path)
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    con.close()
    assert "certificate" not in tables and "volunteer" in tables


def test_the_audit_log_reads_certificate_entries_in_words(store: Any, people: Any) -> None:
    import re

    from commdesk.store.services import audit_log

    (cert,) = certs.issue(store, [people["zhang"]], START, END, today=TODAY).certificates
    certs.reprint(store, cert["id"], render=lambda _c: None)
    certs.void(store, cert["id"], "重复出具")
    rows = [
        r for r in audit_log.query(store, limit=None, chinese=True) if r.table_name == "certificate"
    ]
    assert {audit_log.action_label(r.action, chinese=True) for r in rows} == {
        "出具志愿服务记录证明", "补打志愿服务记录证明", "作废志愿服务记录证明",
    }  # fmt: skip
    for row in rows:
        for change in row.changes:
            assert not re.match(r"^[a-z]+(?:_[a-z]+)*$", change.label), change
