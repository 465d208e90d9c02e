"""Backup, restore and health check of the database file.

Copies go through the SQLite backup API (safe on a live WAL database), are
written under a temporary name, verified, and only then renamed into place.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from commdesk.store.engine import StoreError, db_path
from commdesk.store.schema_version import HEAD_REVISION

LEDGER_TABLES = (
    "community",
    "service_record",
    "facility",
    "volunteer",
    "volunteer_team",
    "worker",
)
REQUIRED_TABLES = (
    *LEDGER_TABLES,
    "service_volunteer",
    "audit_log",
    "export_log",
    "alembic_version",
)
_CATALOGUE_COLUMNS = {
    "service_record": {
        "category_code": "service_category",
        "target_group_code": "target_group",
        "provider_kind_code": "provider_kind",
        "channel_code": "channel",
    },
    "facility": {
        "type_code": "facility_type",
        "status_code": "facility_status",
        "ownership_code": "ownership",
    },
    "volunteer": {"political_status_code": "political_status", "status_code": "person_status"},
    "worker": {
        "position_code": "position",
        "education_code": "education",
        "sw_cert_code": "sw_certificate",
        "status_code": "person_status",
    },
    "community": {"kind": "community_kind"},
}


def known_revisions() -> list[str]:
    """Revision ids shipped with this program, oldest first, read from file names."""
    versions = Path(__file__).resolve().parent / "migrations" / "versions"
    return sorted(p.name.split("_", 1)[0] for p in versions.glob("[0-9]*_*.py"))


def _open_readonly(path: Path) -> sqlite3.Connection:
    if not path.is_file():
        raise StoreError(f"{path} does not exist")
    with path.open("rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            raise StoreError(f"{path.name} is not a SQLite database")
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def check_file(path: Path) -> CheckReport:
    """quick_check, foreign keys, schema at head, and catalogue codes all known."""
    report = CheckReport()
    try:
        con = _open_readonly(path)
    except StoreError as exc:
        report.problems.append(str(exc))
        return report
    try:
        result = [r[0] for r in con.execute("PRAGMA quick_check").fetchall()]
        if result != ["ok"]:
            report.problems.append("quick_check: " + "; ".join(result[:3]))
            return report
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        missing = [t for t in REQUIRED_TABLES if t not in tables]
        if missing:
            report.problems.append("missing tables: " + ", ".join(missing))
            return report
        version = con.execute("SELECT version_num FROM alembic_version").fetchone()
        if not version or version[0] != HEAD_REVISION:
            report.problems.append(
                f"schema revision {version[0] if version else 'none'} is not {HEAD_REVISION}"
            )
        fk = con.execute("PRAGMA foreign_key_check").fetchall()
        if fk:
            report.problems.append(f"foreign key violations: {len(fk)} (first: {fk[0]})")
        report.problems += _catalogue_problems(con)
        report.counts = _counts(con)
    except sqlite3.DatabaseError as exc:
        report.problems.append(f"database error: {exc}")
    finally:
        con.close()
    return report


def _catalogue_problems(con: sqlite3.Connection) -> list[str]:
    from commdesk.domain.catalogues import released

    cats = released()
    local: dict[str, set[str]] = {}
    for kind, code in con.execute("SELECT kind, code FROM local_catalogue_item"):
        local.setdefault(kind, set()).add(code)
    problems = []
    for table, columns in _CATALOGUE_COLUMNS.items():
        for column, kind in columns.items():
            known = set(cats[kind].codes()) | local.get(kind, set())
            used = {
                r[0]
                for r in con.execute(f"SELECT DISTINCT {column} FROM {table}")
                if r[0] is not None
            }
            unknown = sorted(used - known)
            if unknown:
                problems.append(f"{table}.{column}: unknown codes {', '.join(unknown[:5])}")
    return problems


def _counts(con: sqlite3.Connection) -> dict[str, int]:
    return {
        t: int(con.execute(f"SELECT count(*) FROM {t} WHERE deleted_at IS NULL").fetchone()[0])
        for t in LEDGER_TABLES
    }


def row_counts(path: Path) -> dict[str, int]:
    con = _open_readonly(path)
    try:
        return _counts(con)
    finally:
        con.close()


def _backup_to(src: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(f".{dest.name}.part")
    try:
        source = _open_readonly(src)
        try:
            target = sqlite3.connect(tmp)
            try:
                source.backup(target)
                target.execute("PRAGMA journal_mode=DELETE")
            finally:
                target.close()
        finally:
            source.close()
        check = sqlite3.connect(f"file:{tmp}?mode=ro", uri=True)
        try:
            verdict = check.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            check.close()
        if verdict != "ok":
            raise StoreError(f"the backup copy failed its integrity check: {verdict}")
        with tmp.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def default_backup_name(prefix: str = "commdesk") -> str:
    return f"{prefix}-{datetime.now():%Y%m%d-%H%M%S}.sqlite"


def backup(data_dir: Path, out: Path | None = None) -> Path:
    """Copy the live database to ``out`` (default: ``backups/`` in the data folder)."""
    src = db_path(data_dir)
    if not src.exists():
        raise StoreError(f"no database in {data_dir}")
    dest = Path(out) if out else Path(data_dir) / "backups" / default_backup_name()
    if dest.is_dir():
        dest = dest / default_backup_name()
    try:
        _backup_to(src, dest)
    except OSError as exc:
        raise StoreError(f"cannot write the backup to {dest}: {exc.strerror or exc}") from exc
    return dest


def validate_backup_file(path: Path) -> dict[str, int]:
    """Refuse anything that is not an intact CommDesk database this version can read."""
    try:
        con = _open_readonly(path)
    except StoreError:
        raise
    try:
        verdict = con.execute("PRAGMA integrity_check").fetchone()[0]
        if verdict != "ok":
            raise StoreError(f"{path.name} is damaged: {verdict}")
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not set(REQUIRED_TABLES) <= tables:
            raise StoreError(f"{path.name} is not a CommDesk database")
        version = con.execute("SELECT version_num FROM alembic_version").fetchone()
        if not version or version[0] not in known_revisions():
            raise StoreError(
                f"{path.name} was made by a newer or unknown CommDesk version "
                f"(schema {version[0] if version else 'none'})"
            )
        return _counts(con)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path.name} is not a readable database: {exc}") from exc
    finally:
        con.close()


@dataclass
class RestoreResult:
    safety_backup: Path | None
    counts: dict[str, int]


def restore(data_dir: Path, source: Path) -> RestoreResult:
    """Replace the database with ``source`` after validating it and backing up the current one."""
    source = Path(source)
    validate_backup_file(source)
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    target = db_path(data_dir)
    safety = None
    if target.exists():
        safety = backup(data_dir, data_dir / "backups" / default_backup_name("before-restore"))
    staged = target.with_name(f".{target.name}.restore")
    _backup_to(source, staged)
    for suffix in ("-wal", "-shm"):
        side = target.with_name(target.name + suffix)
        side.unlink(missing_ok=True)
    os.replace(staged, target)
    from commdesk.store.engine import read_schema_revision

    if read_schema_revision(target) != HEAD_REVISION:
        from commdesk.store.migrate import upgrade

        upgrade(target)
    return RestoreResult(safety, row_counts(target))
