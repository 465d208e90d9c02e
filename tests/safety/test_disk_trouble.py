"""A full disk or an impossible folder: a clear one-line refusal, nothing lost, no half file.

"Full" is a file-size limit (RLIMIT_FSIZE) in a forked child: every write past
it fails with EFBIG exactly as on a full disk. "Read-only/impossible" is a
folder path that runs through a file (we run as root, so permissions would
not stop us). The roster export is covered when its module is present.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from safety_helpers import Zygote

from commdesk.store.engine import db_path, open_store
from commdesk.store.maintenance import check_file

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE and fork are POSIX")
LIMIT = 12_000  # bytes: smaller than a return workbook (~20 KB) or a backup
PERIOD = str(date.today().year - 1)


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from commdesk.store.demo import generate

    data = tmp_path_factory.mktemp("disk") / "data"
    store = open_store(data)
    generate(store, records=300, seed=5)
    store.close()
    return data


@pytest.fixture
def data(demo_dir: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    copy.mkdir()
    shutil.copy(db_path(demo_dir), db_path(copy))
    return copy


def cli(zygote: Zygote, data: Path, *argv: object, limit: int = 1 << 40) -> dict[str, Any]:
    child = zygote.spawn("child_disk:run", [limit, data, *argv])
    assert child.wait_for(lambda lines: "exit" in lines or bool(child.error())), child.error()
    assert child.error() is None, child.error()
    return json.loads(child.lines()[0])


def one_line_refusal(result: dict[str, Any]) -> str:
    lines = result["stderr"].strip().splitlines()
    assert result["code"] == 2, result
    assert len(lines) == 1 and lines[0].startswith("commdesk: "), result["stderr"]
    assert "Traceback" not in result["stderr"]
    return lines[0]


def ledger_state(data: Path) -> tuple[dict[str, int], int]:
    report = check_file(db_path(data))
    assert report.ok, report.problems
    import sqlite3

    con = sqlite3.connect(db_path(data))
    try:
        exports = con.execute("SELECT count(*) FROM export_log").fetchone()[0]
    finally:
        con.close()
    return report.counts, exports


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _full_disk_export(zygote: Zygote, data: Path, tmp_path: Path) -> dict[str, Any]:
    out = tmp_path / "return.xlsx"
    first = cli(zygote, data, "export", "--period", PERIOD, "--out", out, *_notes(data))
    assert first["code"] == 0, first
    before, previous = ledger_state(data), digest(out)
    result = cli(zygote, data, "export", "--period", PERIOD, "--out", out, *_notes(data),
                 limit=LIMIT)  # fmt: skip
    assert result["code"] == 2, result
    assert digest(out) == previous  # the previous return is intact
    assert sorted(p.name for p in tmp_path.iterdir() if "return" in p.name) == ["return.xlsx"]
    assert ledger_state(data) == before  # nothing lost, nothing logged as exported
    return result


def test_export_to_a_full_disk_loses_nothing(zygote: Zygote, data: Path, tmp_path: Path) -> None:
    _full_disk_export(zygote, data, tmp_path)


def test_export_to_a_full_disk_says_so_in_one_line(
    zygote: Zygote, data: Path, tmp_path: Path
) -> None:
    line = one_line_refusal(_full_disk_export(zygote, data, tmp_path))
    assert "disk is full" in line or "too large" in line, line


def test_export_into_an_impossible_folder(zygote: Zygote, data: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    before = ledger_state(data)
    result = cli(zygote, data, "export", "--period", PERIOD, "--out", blocker / "r.xlsx")
    line = one_line_refusal(result)
    assert "does not exist" in line or "Not a directory" in line, line
    assert blocker.read_text(encoding="utf-8") == "x"
    assert ledger_state(data) == before


@pytest.mark.parametrize("where", ["out", "default"])
def test_backup_to_a_full_disk(zygote: Zygote, data: Path, tmp_path: Path, where: str) -> None:
    before = ledger_state(data)
    argv = ["backup", "--out", tmp_path / "b.sqlite"] if where == "out" else ["backup"]
    line = one_line_refusal(cli(zygote, data, *argv, limit=LIMIT))
    assert "cannot write the backup" in line and "disk is full" in line, line
    assert not (tmp_path / "b.sqlite").exists()
    assert not list((data / "backups").glob("*")) if (data / "backups").exists() else True
    assert ledger_state(data) == before


def test_backup_into_an_impossible_folder(zygote: Zygote, data: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    line = one_line_refusal(cli(zygote, data, "backup", "--out", blocker / "b.sqlite"))
    assert "cannot write the backup" in line
    assert blocker.read_text(encoding="utf-8") == "x"


def test_auto_backup_and_audit_export_on_a_full_disk(data: Path, tmp_path: Path) -> None:
    """The store functions the window calls raise clearly and leave nothing half-written."""
    from commdesk.store.backups import auto_backup
    from commdesk.store.engine import StoreError
    from commdesk.store.services.audit_log import export_xlsx

    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    (data / "backups").write_text("not a folder", encoding="utf-8")
    with pytest.raises(StoreError, match="cannot write the backup"):
        auto_backup(data)
    store = open_store(data)
    try:
        with pytest.raises(OSError):
            export_xlsx(store, None, blocker / "audit.xlsx")
    finally:
        store.close()
    assert blocker.read_text(encoding="utf-8") == "x"


def _notes(data: Path) -> list[str]:
    """``--note RULE=…`` for every warning the demo return raises (so it may export)."""
    from commdesk.domain.periods import Period
    from commdesk.returns import library
    from commdesk.returns.export import prepare

    store = open_store(data)
    try:
        prepared = prepare(store, library.current(data), Period.parse(PERIOD))
    finally:
        store.close()
    return [arg for w in prepared.warnings for arg in ("--note", f"{w.code}=说明")]


def _roster(zygote: Zygote, data: Path, out: Path, limit: int) -> dict[str, Any]:
    pytest.importorskip("commdesk.store.services.roster_export")
    child = zygote.spawn("child_disk:run_roster", [limit, data, out])
    assert child.wait_for(lambda lines: "exit" in lines or bool(child.error())), child.error()
    assert child.error() is None, child.error()
    return json.loads(child.lines()[0])


def test_roster_export_to_a_full_disk_loses_nothing(
    zygote: Zygote, data: Path, tmp_path: Path
) -> None:
    out = tmp_path / "roster.xlsx"
    first = _roster(zygote, data, out, 1 << 40)
    assert first["error"] is None and first["rows"] > 0, first
    previous, before = digest(out), ledger_state(data)
    result = _roster(zygote, data, out, 4000)
    assert result["error"] is not None, result
    assert digest(out) == previous
    assert sorted(p.name for p in tmp_path.iterdir() if "roster" in p.name) == ["roster.xlsx"]
    assert ledger_state(data) == before


def test_roster_export_to_a_full_disk_raises_a_clear_oserror(
    zygote: Zygote, data: Path, tmp_path: Path
) -> None:
    result = _roster(zygote, data, tmp_path / "roster.xlsx", 4000)
    assert result["oserror"], result
    assert "Exception ignored" not in result["stderr"], result["stderr"][:500]


def test_audit_export_to_a_full_disk(zygote: Zygote, data: Path, tmp_path: Path) -> None:
    out = tmp_path / "audit.xlsx"
    out.write_bytes(b"the previous export")
    child = zygote.spawn("child_disk:run_audit", [4000, data, out])
    assert child.wait_for(lambda lines: "exit" in lines or bool(child.error())), child.error()
    result = json.loads(child.lines()[0])
    assert result["oserror"] and "disk is full" in result["text"], result
    assert result["stderr"] == ""  # no finaliser noise after the message
    assert out.read_bytes() == b"the previous export"
    assert sorted(p.name for p in tmp_path.iterdir() if "audit" in p.name) == ["audit.xlsx"]
