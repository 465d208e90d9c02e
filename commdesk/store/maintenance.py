"""Backup, restore and health check of the database file.

Copies go through the SQLite backup API (safe on a live WAL database), are
written under a temporary name, verified, and only then renamed into place.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import json
import os
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from commdesk.domain.i18n import translate
from commdesk.files import check_output
from commdesk.store.schema_version import HEAD_REVISION
from commdesk.store.soundness import known_damage, lost, mark_damaged, unavailable_reason
from commdesk.store.store_file import StoreError, db_path, newer_schema, not_commdesk, older_schema

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
# Returns read the counted fields by date: a live profile must have at least one version.
UNVERSIONED_PROFILE = (
    "SELECT count(*) FROM community c WHERE c.deleted_at IS NULL AND NOT EXISTS "
    "(SELECT 1 FROM community_version v WHERE v.community_id = c.id)"
)


def _catalogue_columns() -> dict[str, dict[str, str]]:
    """Coded columns per table, read from the one field description of each ledger."""
    from commdesk.domain.ledgers import CHOICE, CHOICES, LEDGERS

    return {
        ledger.name: {
            f.name: f.catalogue
            for f in ledger.fields
            if f.kind in (CHOICE, CHOICES) and f.catalogue
        }
        for ledger in LEDGERS.values()
        if any(f.kind in (CHOICE, CHOICES) for f in ledger.fields)
    }


def known_revisions() -> list[str]:
    """Revision ids shipped with this program, oldest first, read from file names."""
    versions = Path(__file__).resolve().parent / "migrations" / "versions"
    return sorted(p.name.split("_", 1)[0] for p in versions.glob("[0-9]*_*.py"))


def _a_folder(path: Path) -> str:
    """A folder where the database file belongs: not damage, and nothing to move aside."""
    return translate("Store", "{path} is a folder, not a database file").format(path=path)


def _open_readonly(path: Path) -> sqlite3.Connection:
    if path.is_dir():
        raise StoreError(_a_folder(path))
    if not path.is_file():
        raise StoreError(translate("Store", "{path} does not exist").format(path=path))
    with path.open("rb") as fh:
        head = fh.read(16)
    if not head:
        raise StoreError(translate("Store", "{name} is empty (0 bytes)").format(name=path.name))
    if head != b"SQLite format 3\x00":
        raise StoreError(
            translate("Store", "{name} is not a SQLite database").format(name=path.name)
        )
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def _damaged(quick_check: list[str]) -> str:
    return translate("Store", "SQLite found damage in the file ({details})").format(
        details="; ".join(" ".join(line.split()) for line in quick_check[:3])  # one line
    )


def _missing_tables(missing: list[str]) -> str:
    return translate("Store", "Tables missing from the database: {tables}").format(
        tables=", ".join(missing)
    )


def _database_error(exc: Exception) -> str:
    return translate("Store", "The database cannot be read ({error})").format(error=exc)


def _full_disk(exc: BaseException) -> str:
    """lxml, zipfile and SQLite report a full disk in their own words."""
    return translate("Store", "the disk is full or not writable ({error})").format(
        error=f"{type(exc).__name__}: {exc}"
    )


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)  # damage: the file cannot be trusted
    findings: list[str] = field(default_factory=list)  # an intact file whose data disagrees
    schema: str = ""  # not this program's schema (older, newer, none at all): not damage
    warnings: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    unavailable: str = ""  # locked, no permission, read-only: not damage

    @property
    def ok(self) -> bool:
        return not (self.problems or self.findings or self.schema or self.unavailable)


def check_file(path: Path) -> CheckReport:
    """quick_check, foreign keys, schema at head, and catalogue codes all known."""
    report = CheckReport()
    if path.is_dir():
        report.unavailable = _a_folder(path)
        return report
    try:
        con = _open_readonly(path)
    except StoreError as exc:
        report.problems.append(str(exc))
        return report
    except OSError as exc:
        report.unavailable = unavailable_reason(exc, path) or str(exc)
        return report
    try:
        result = [r[0] for r in con.execute("PRAGMA quick_check").fetchall()]
        if result != ["ok"]:
            report.problems.append(_damaged(result))
            return report
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if tables and not tables & {"alembic_version", *LEDGER_TABLES}:
            report.schema = not_commdesk(path)
            return report
        missing = [t for t in REQUIRED_TABLES if t not in tables]
        if missing:
            report.problems.append(_missing_tables(missing))
            return report
        version = con.execute("SELECT version_num FROM alembic_version").fetchone()
        revision = version[0] if version else None
        if revision in known_revisions()[:-1]:
            report.schema = older_schema(path, revision)
        elif revision != HEAD_REVISION:
            report.schema = newer_schema(revision)
        else:
            from commdesk.store.search_keys import MISMATCHED

            unlinked = con.execute(MISMATCHED).fetchone()[0]
            if unlinked:
                # quick_check skips index contents: a damaged index looks like bad keys.
                full = [r[0] for r in con.execute("PRAGMA integrity_check").fetchall()]
                if full != ["ok"]:
                    report.problems.append(_damaged(full))
                    mark_damaged(path, report.problems[-1])
                    return report
                report.findings.append(
                    translate("Store", "service records with a wrong search key: {count}").format(
                        count=unlinked
                    )
                )
            unversioned = con.execute(UNVERSIONED_PROFILE).fetchone()[0]
            if unversioned:
                report.findings.append(
                    translate(
                        "Store",
                        "community profile without dated counted fields (community_version)",
                    )
                )
        fk = con.execute("PRAGMA foreign_key_check").fetchall()
        if fk:
            report.findings.append(
                translate("Store", "Broken links between records: {count} (first: {first})").format(
                    count=len(fk), first=fk[0]
                )
            )
        report.findings += _catalogue_problems(con)
        report.counts = _counts(con)
    except sqlite3.DatabaseError as exc:
        away = unavailable_reason(exc, path)
        if away:
            report.unavailable = away
        else:
            report.problems.append(_database_error(exc))
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
    for table, columns in _catalogue_columns().items():
        present = {r[1] for r in con.execute(f'PRAGMA table_info("{table}")')}
        for column, kind in columns.items():
            if column not in present:  # an older schema (reported above): nothing to check
                continue
            known = set(cats[kind].codes()) | local.get(kind, set())
            used = {
                code  # a posts column holds several codes: "SEC,DIR"
                for r in con.execute(f"SELECT DISTINCT {column} FROM {table}")
                if r[0] is not None
                for code in str(r[0]).split(",")
                if code
            }
            unknown = sorted(used - known)
            if unknown:
                problems.append(
                    translate("Store", "{table}.{column}: unknown codes {codes}").format(
                        table=table, column=column, codes=", ".join(unknown[:5])
                    )
                )
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
            raise CopyDamaged(
                translate("Store", "The backup copy failed its integrity check: {verdict}").format(
                    verdict=verdict
                )
            )
        with tmp.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, dest)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def disk_problem(exc: OSError) -> str:
    """Why a write failed, in words a clerk can act on."""
    code = exc.errno
    if code in (errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", -1)):
        return translate("Store", "the disk is full (or the file is too large for it)")
    if code in (errno.EROFS, errno.EACCES, errno.EPERM):
        return translate("Store", "the location is read-only or access is denied")
    if code in (errno.ENOTDIR, errno.ENOENT):
        return translate("Store", "the folder does not exist")
    return translate("Store", "the system reports: {error}").format(error=exc.strerror or str(exc))


def copy_verified(source: Path, dest: Path) -> Path:
    """Copy a database file with the backup API, verify it, then rename it into place."""
    try:
        _backup_to(Path(source), Path(dest))
    except OSError as exc:
        raise StoreError(
            translate("Store", "cannot write the backup to {path}: {reason}").format(
                path=dest, reason=disk_problem(exc)
            )
        ) from exc
    except sqlite3.OperationalError as exc:  # SQLite's words for a full or failing disk
        raise StoreError(
            translate("Store", "cannot write the backup to {path}: {reason}").format(
                path=dest, reason=_full_disk(exc)
            )
        ) from exc
    return Path(dest)


def _ignore_unraisable(_unraisable: object) -> None:
    """An unraisable-exception hook that drops the report (see _collect_quietly)."""


def _collect_quietly() -> None:
    """Finalise a failed writer's half-built zip/XML streams now, without noise.

    After a failed save, openpyxl's generators and ``ZipFile`` complain from
    their finalisers ("Exception ignored in …") whenever the garbage collector
    gets to them — on stderr, after the one-line message the clerk should see.
    """
    hook = sys.unraisablehook
    sys.unraisablehook = _ignore_unraisable
    try:
        gc.collect()
    finally:
        sys.unraisablehook = hook


def discard_workbook(wb: Any) -> None:
    """Close a failed openpyxl workbook's half-written sheet streams, quietly.

    A write-only sheet keeps generators that write to temporary files; left
    open after a failure they complain from their finalisers later.
    """
    for ws in getattr(wb, "_sheets", ()):
        rows = getattr(ws, "_rows", None)
        writer = getattr(ws, "_writer", None)
        stream = getattr(writer, "xf", None)
        for close in (getattr(rows, "close", None), getattr(stream, "close", None)):
            if close is not None:
                with contextlib.suppress(Exception):
                    close()
        if writer is not None:
            with contextlib.suppress(Exception):
                writer.cleanup()
    _collect_quietly()


class CopyDamaged(StoreError):
    """A copy of the database failed SQLite's integrity_check: the source is damaged."""


class WriteError(OSError):
    """An OSError whose ``strerror`` is already worded for the clerk (file name and reason)."""


def workbook_error(path: Path, exc: BaseException) -> OSError:
    """The OSError to raise for a workbook that could not be written (built or saved)."""
    if isinstance(exc, OSError):
        code, reason = exc.errno or errno.EIO, disk_problem(exc)
    else:  # lxml / zipfile report a full disk in their own words
        code = errno.ENOSPC
        reason = _full_disk(exc)
    message = translate("Store", "Cannot write {name}: {reason}").format(
        name=Path(path).name, reason=reason
    )
    return WriteError(code, message, str(path))


@contextmanager
def workbook_guard(wb: Any, path: Path) -> Iterator[None]:
    """Fill a (write-only) workbook inside the block; a full disk becomes one OSError.

    Write-only sheets stream rows to temporary files as they are appended, so
    the disk can fill up before :func:`save_workbook` is even called.
    """
    failure: OSError | None = None
    try:
        yield
    except Exception as exc:
        failure = workbook_error(path, exc)
    if failure is not None:
        discard_workbook(wb)
        raise failure


def _private(name: str, flags: int) -> int:
    """Open for writing as 0600 whatever the umask: workbooks hold residents' IDs."""
    return os.open(name, flags, 0o600)


def save_workbook(wb: Any, path: Path) -> None:
    """Save an openpyxl workbook under ``path`` atomically, or raise one plain OSError.

    Written to ``.<name>.part`` beside it, fsynced, then renamed: a full disk
    or a killed process leaves the previous file intact and nothing half-written
    under the final name. Whatever openpyxl, lxml or zipfile raise on a full
    disk becomes an ``OSError`` with a clear text, and their half-built streams
    are closed here, so no "Exception ignored" noise follows the message.
    """
    path = check_output(path)  # a device node is never replaced by the rename below
    tmp = path.with_name(f".{path.name}.part")
    failure: OSError | None = None
    hook = sys.unraisablehook
    try:
        with open(tmp, "wb", opener=_private) as fh:
            wb.save(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except Exception as exc:
        failure = workbook_error(path, exc)  # raised below, once the traceback is gone
        # Leaving this block frees the half-written ZipFile, whose finaliser complains.
        sys.unraisablehook = _ignore_unraisable
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    if failure is not None:
        try:
            with contextlib.suppress(OSError):
                tmp.unlink()
            discard_workbook(wb)
        finally:
            sys.unraisablehook = hook
        raise failure
    if os.name == "posix":  # make the rename itself durable
        with contextlib.suppress(OSError):
            fd = os.open(path.parent, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)


def default_backup_name(prefix: str = "commdesk") -> str:
    return f"{prefix}-{datetime.now():%Y%m%d-%H%M%S}.sqlite"


def backup(data_dir: Path, out: Path | None = None) -> Path:
    """Copy the live database to ``out`` (default: ``backups/`` in the data folder)."""
    src = db_path(data_dir)
    if not src.exists():
        raise StoreError(translate("Store", "No database in {path}").format(path=data_dir))
    dest = Path(out) if out else Path(data_dir) / "backups" / default_backup_name()
    if dest.is_dir():
        dest = dest / default_backup_name()
    return copy_verified(src, check_output(dest))


def validate_backup_file(path: Path) -> dict[str, int]:
    """Refuse anything that is not an intact CommDesk database this version can read."""
    try:
        con = _open_readonly(path)
    except StoreError:
        raise
    try:
        verdict = con.execute("PRAGMA integrity_check").fetchone()[0]
        if verdict != "ok":
            raise StoreError(
                translate("Store", "{name} is damaged: {verdict}").format(
                    name=path.name, verdict=verdict
                )
            )
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not set(REQUIRED_TABLES) <= tables:
            raise StoreError(
                translate("Store", "{name} is not a CommDesk database").format(name=path.name)
            )
        version = con.execute("SELECT version_num FROM alembic_version").fetchone()
        if not version or version[0] not in known_revisions():
            raise StoreError(
                translate(
                    "Store",
                    "{name} was made by a newer or unknown CommDesk version (schema {schema})",
                ).format(name=path.name, schema=version[0] if version else "-")
            )
        return _counts(con)
    except sqlite3.DatabaseError as exc:
        raise StoreError(
            translate("Store", "{name} is not a readable database ({error})").format(
                name=path.name, error=exc
            )
        ) from exc
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
        try:
            safety = backup(data_dir, data_dir / "backups" / default_backup_name("before-restore"))
        except (StoreError, sqlite3.DatabaseError) as exc:
            # A copy failing integrity_check is damage quick_check may miss (an index).
            if not isinstance(exc, CopyDamaged) and health(target).state not in (
                "damaged",
                "lost",
            ):
                raise
            safety = move_aside(data_dir)  # a damaged file cannot be copied: kept as it is
    staged = target.with_name(f".{target.name}.restore")
    _backup_to(source, staged)
    for suffix in ("-wal", "-shm"):
        side = target.with_name(target.name + suffix)
        side.unlink(missing_ok=True)
    os.replace(staged, target)
    from commdesk.store.store_file import read_schema_revision

    if read_schema_revision(target) != HEAD_REVISION:
        from commdesk.store.migrate import upgrade

        upgrade(target)
    return RestoreResult(safety, row_counts(target))


@dataclass
class Health:
    """Start-up verdict on the database file, before anything opens it for writing.

    ``state`` is ``missing`` (a new folder), ``ok``, ``damaged`` (to be moved
    aside), ``newer`` (made by a newer CommDesk: never touched), ``unavailable``
    (locked by another program, or no permission: never touched) or ``lost``
    (missing or zero bytes though the folder held a database: offer a backup).
    """

    state: str
    reason: str = ""
    foreign: bool = False  # "damaged" only as a database of ours: another program's file

    @property
    def ok(self) -> bool:
        return self.state in ("ok", "missing")


def health(path: Path, *, quick_check: bool = True) -> Health:
    """quick_check and schema: is ``path`` safe to open?

    ``quick_check=False`` keeps the cheap checks (header, schema version, tables)
    and skips reading every page: for a file unchanged since a clean close.
    """
    path = Path(path)
    if lost(path.parent):
        return Health(
            "lost",
            translate(
                "Store", "The database file is missing or empty, though this folder held one."
            ),
        )
    if not path.exists():
        return Health("missing")
    if path.is_dir():
        return Health("unavailable", _a_folder(path))
    try:
        con = _open_readonly(path)
    except StoreError as exc:
        return Health("damaged", str(exc))
    except (OSError, sqlite3.DatabaseError) as exc:
        return _not_sound(exc, path)
    try:
        known = known_damage(path)
        if known:
            return Health("damaged", known)
        if quick_check:
            result = [r[0] for r in con.execute("PRAGMA quick_check").fetchall()]
            if result != ["ok"]:
                return Health("damaged", _damaged(result))
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in tables:
            return Health(
                "damaged",
                translate("Store", "not a CommDesk database (no schema version)"),
                foreign=bool(tables) and not tables & set(LEDGER_TABLES),
            )
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        revision = row[0] if row else None
        if revision not in known_revisions():
            return Health(
                "newer",
                translate(
                    "Store", "made by a newer or unknown CommDesk version (schema {schema})"
                ).format(schema=revision),
            )
        missing = [t for t in REQUIRED_TABLES if t not in tables]
        if revision == HEAD_REVISION and missing:
            return Health("damaged", _missing_tables(missing))
        return Health("ok")
    except sqlite3.DatabaseError as exc:
        return _not_sound(exc, path)
    finally:
        con.close()


def _not_sound(exc: BaseException, path: Path) -> Health:
    """Damage only when SQLite says so; a lock or a permission problem is reported as such."""
    away = unavailable_reason(exc, path)
    return Health("unavailable", away) if away else Health("damaged", _database_error(exc))


def move_aside(data_dir: Path, now: datetime | None = None) -> Path:
    """Rename a damaged database (with its -wal/-shm) out of the way; never delete it.

    The WAL must travel with it: left behind, it would be applied to the next
    database of the same name.
    """
    target = db_path(data_dir)
    stamp = f"{(now or datetime.now()):%Y%m%d-%H%M%S}"
    base = f"{target.stem}.damaged-{stamp}"
    dest = target.with_name(f"{base}{target.suffix}")
    n = 2
    while dest.exists():
        dest = target.with_name(f"{base}-{n}{target.suffix}")
        n += 1
    for suffix in ("-wal", "-shm"):
        side = target.with_name(target.name + suffix)
        if side.exists():
            os.replace(side, dest.with_name(dest.name + suffix))
    os.replace(target, dest)
    return dest


# ------------------------------------------------------------------ clean close
CLEAN_CLOSE_FILE = "commdesk.clean-close"


def _file_state(data_dir: Path) -> list[list[int] | None]:
    """Size and modification time of the database and its WAL (None: none, or empty).

    An empty WAL holds nothing (a read-only look at the file leaves one behind).
    """
    db = db_path(data_dir)
    out: list[list[int] | None] = []
    for path in (db, db.with_name(db.name + "-wal")):
        try:
            st = path.stat()
        except FileNotFoundError:
            out.append(None)
        else:
            out.append([st.st_size, st.st_mtime_ns] if st.st_size else None)
    return out


def mark_clean_close(data_dir: Path) -> None:
    """After the program closed its database normally: remember the file as it is.

    The next start skips the full quick_check (seconds on a large ledger) if the
    file is still exactly this one; after a crash, or any change made while the
    program was not running, there is no match and the full check runs.
    """
    target = Path(data_dir) / CLEAN_CLOSE_FILE
    temp = target.with_name(target.name + ".part")
    temp.write_text(json.dumps(_file_state(Path(data_dir))), encoding="utf-8")
    os.replace(temp, target)


def clean_close_holds(data_dir: Path) -> bool:
    """True when the file is unchanged since the last clean close (the mark is kept)."""
    try:
        saved = json.loads((Path(data_dir) / CLEAN_CLOSE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return bool(saved == _file_state(Path(data_dir)) and saved[0] is not None)


def take_clean_close(data_dir: Path) -> bool:
    """True when the file is unchanged since the last clean close; forgets that close.

    Forgetting it first means a crash in the session now starting leaves no mark,
    so the start after it checks every page again.
    """
    try:
        return clean_close_holds(data_dir)
    finally:
        with contextlib.suppress(OSError):
            (Path(data_dir) / CLEAN_CLOSE_FILE).unlink()
