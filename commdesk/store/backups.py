"""Automatic backups: when to take one, where, which to keep, and which to offer.

A backup is a verified copy made with SQLite's backup API
(:func:`commdesk.store.maintenance.backup`). The desktop program takes one on
every normal close and at most once a day while it runs; this module holds
the decisions so they can be tested with a fake clock, and the UI only calls it.

Rotation keeps, among the automatic backups, the newest one of each of the 7
most recent days, 4 most recent weeks and 12 most recent months that have a
backup — a generation scheme that never deletes the newest copy, even after a
year without use. Manual backups and the copies taken before a restore or an
upgrade are never deleted by rotation.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from commdesk.domain.i18n import translate
from commdesk.store.change_mark import (
    file_state,
    record_backup,
    settle,
    unchanged_since_backup,
)
from commdesk.store.maintenance import backup as make_backup
from commdesk.store.maintenance import (
    copy_verified,
    move_aside,
    row_counts,
    validate_backup_file,
)
from commdesk.store.store_file import StoreError, db_path

BACKUP_DIR = "backups"
SECOND_DIR = "CommDesk-backups"
AUTO_PREFIX = "commdesk-auto"
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12
MIN_INTERVAL = timedelta(hours=24)  # "at most daily while running"

_STAMP = re.compile(r"(\d{8}-\d{6})")
# File name prefix → kind shown to the clerk.
_KINDS = (
    (AUTO_PREFIX, "auto"),
    ("before-restore", "before-restore"),
    ("commdesk.sqlite.before-upgrade", "before-upgrade"),
    ("commdesk-", "manual"),
)


# ----------------------------------------------------------------- rotation
def _day(stamp: datetime) -> Hashable:
    return stamp.date()


def _week(stamp: datetime) -> Hashable:
    iso = stamp.isocalendar()
    return (iso.year, iso.week)


def _month(stamp: datetime) -> Hashable:
    return (stamp.year, stamp.month)


def to_keep(
    stamps: Iterable[datetime],
    now: datetime,
    *,
    daily: int = KEEP_DAILY,
    weekly: int = KEEP_WEEKLY,
    monthly: int = KEEP_MONTHLY,
) -> set[datetime]:
    """The backups rotation keeps: the newest of each of the last N days/weeks/months.

    Pure: ``stamps`` are the times of the automatic backups, ``now`` the clock.
    A backup dated after ``now`` (the PC's clock was wrong) is kept: rotation
    does not judge what it cannot place.
    """
    stamps = set(stamps)
    keep = {s for s in stamps if s > now}
    past = sorted((s for s in stamps if s <= now), reverse=True)
    rules: tuple[tuple[Callable[[datetime], Hashable], int], ...] = (
        (_day, daily),
        (_week, weekly),
        (_month, monthly),
    )
    for bucket, count in rules:
        seen: set[Hashable] = set()
        for stamp in past:
            if len(seen) >= count:
                break
            key = bucket(stamp)
            if key not in seen:
                seen.add(key)
                keep.add(stamp)
    return keep


# ----------------------------------------------------------------- listing
@dataclass
class BackupInfo:
    path: Path
    taken_at: datetime
    kind: str  # auto | manual | before-restore | before-upgrade
    size: int
    counts: dict[str, int] | None = None  # None: could not be read
    location: str = "data"  # data | second

    @property
    def records(self) -> int | None:
        return None if self.counts is None else sum(self.counts.values())


def stamp_of(path: Path) -> datetime | None:
    """The time in a backup's file name (``…-20260501-093000.sqlite``)."""
    match = _STAMP.search(path.name)
    if not match:
        return None
    try:
        return datetime.strptime(match.group(1), "%Y%m%d-%H%M%S")
    except ValueError:
        return None


def kind_of(path: Path) -> str:
    for prefix, kind in _KINDS:
        if path.name.startswith(prefix):
            return kind
    return "manual"


def backup_folders(data_dir: Path, second_folder: Path | None = None) -> list[tuple[Path, str]]:
    folders = [(Path(data_dir) / BACKUP_DIR, "data")]
    if second_folder:
        folders.append((Path(second_folder) / SECOND_DIR, "second"))
    return folders


def _candidates(data_dir: Path, second_folder: Path | None) -> list[tuple[Path, str]]:
    found: list[tuple[Path, str]] = []
    for folder, location in backup_folders(data_dir, second_folder):
        try:
            found += [(p, location) for p in folder.glob("*.sqlite") if p.is_file()]
        except OSError:
            continue  # an unplugged USB drive is not an error here
    with contextlib.suppress(OSError):
        found += [
            (p, "data") for p in Path(data_dir).glob(f"{db_path(data_dir).name}.before-upgrade-*")
        ]
    return found


def list_backups(
    data_dir: Path, second_folder: Path | None = None, *, with_counts: bool = True
) -> list[BackupInfo]:
    """Every backup the restore dialog can offer, newest first."""
    out = []
    for path, location in _candidates(data_dir, second_folder):
        try:
            stat = path.stat()
        except OSError:
            continue
        taken = stamp_of(path) or datetime.fromtimestamp(stat.st_mtime).replace(microsecond=0)
        info = BackupInfo(path, taken, kind_of(path), stat.st_size, location=location)
        if with_counts:
            try:
                info.counts = row_counts(path)
            except Exception:  # unreadable: listed, but without counts
                info.counts = None
        out.append(info)
    out.sort(key=lambda b: (b.taken_at, b.path.name), reverse=True)
    return out


def newest_good_backup(data_dir: Path, second_folder: Path | None = None) -> BackupInfo | None:
    """The newest backup that passes the full integrity check (for a damaged start)."""
    for info in list_backups(data_dir, second_folder, with_counts=False):
        try:
            info.counts = validate_backup_file(info.path)
        except StoreError:
            continue
        return info
    return None


# ----------------------------------------------------------------- taking
@dataclass
class BackupOutcome:
    path: Path
    second_path: Path | None = None
    removed: list[Path] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def auto_name(now: datetime) -> str:
    return f"{AUTO_PREFIX}-{now:%Y%m%d-%H%M%S}.sqlite"


def last_auto_backup(data_dir: Path) -> datetime | None:
    stamps = [
        s
        for p in (Path(data_dir) / BACKUP_DIR).glob(f"{AUTO_PREFIX}-*.sqlite")
        if (s := stamp_of(p)) is not None
    ]
    return max(stamps, default=None)


def is_due(last: datetime | None, now: datetime) -> bool:
    """A backup while running is due when none was taken in the last 24 hours."""
    return last is None or last > now or now - last >= MIN_INTERVAL


def prune(folder: Path, now: datetime) -> list[Path]:
    """Delete the automatic backups in ``folder`` that rotation does not keep."""
    by_stamp: dict[datetime, list[Path]] = {}
    for path in Path(folder).glob(f"{AUTO_PREFIX}-*.sqlite"):
        stamp = stamp_of(path)
        if stamp is not None:
            by_stamp.setdefault(stamp, []).append(path)
    keep = to_keep(by_stamp, now)
    removed = []
    for stamp, paths in by_stamp.items():
        if stamp in keep:
            continue
        for path in paths:
            try:
                path.unlink()
            except OSError:
                continue
            removed.append(path)
    return removed


def _unique(folder: Path, now: datetime) -> Path:
    dest = Path(folder) / auto_name(now)
    while dest.exists():
        now += timedelta(seconds=1)
        dest = Path(folder) / auto_name(now)
    return dest


def auto_backup(
    data_dir: Path, *, now: datetime | None = None, second_folder: Path | None = None
) -> BackupOutcome:
    """Take a verified automatic backup, copy it to the second folder, rotate both.

    Raises :class:`StoreError` when the main copy cannot be written (the
    database itself is untouched). A missing second folder (the USB drive is
    not plugged in) is skipped with a notice; a failing one gives a notice too.
    """
    now = (now or datetime.now()).replace(microsecond=0)
    folder = Path(data_dir) / BACKUP_DIR
    database = db_path(data_dir)
    before = settle(database)  # the WAL folded in: the state the copy is taken from
    dest = make_backup(data_dir, _unique(folder, now))
    copied_from = before if before == file_state(database) else None  # nobody wrote meanwhile
    with contextlib.suppress(OSError):  # without the marker the next close backs up again
        record_backup(Path(data_dir), dest, copied_from)
    outcome = BackupOutcome(dest)
    outcome.removed += prune(folder, now)
    if second_folder:
        second = Path(second_folder)
        if not second.is_dir():
            outcome.notices.append(
                translate(
                    "Backups", "The second backup folder {folder} is not available; skipped."
                ).format(folder=second)
            )
        else:
            target = second / SECOND_DIR
            try:
                outcome.second_path = copy_verified(dest, _unique(target, now))
                outcome.removed += prune(target, now)
            except StoreError as exc:
                outcome.notices.append(
                    translate(
                        "Backups", "The copy to the second backup folder failed: {reason}"
                    ).format(reason=exc)
                )
    return outcome


def backup_needed(data_dir: Path) -> bool:
    """False only when the database holds exactly what the last verified backup holds,
    by its change mark and by its file, so writes by other programs count too (see
    :mod:`commdesk.store.change_mark`): then a close copies nothing."""
    return not unchanged_since_backup(Path(data_dir), db_path(data_dir))


def backup_if_due(
    data_dir: Path, *, now: datetime | None = None, second_folder: Path | None = None
) -> BackupOutcome | None:
    """The hourly check while running: back up if the last one is a day old and
    something changed since."""
    now = (now or datetime.now()).replace(microsecond=0)
    if not is_due(last_auto_backup(data_dir), now) or not backup_needed(data_dir):
        return None
    return auto_backup(data_dir, now=now, second_folder=second_folder)


# ----------------------------------------------------------------- damage
@dataclass
class Recovery:
    """A damaged database moved aside, and the backup that could replace it."""

    damaged: Path | None  # None: the database file was missing, not damaged
    reason: str
    offer: BackupInfo | None


def set_aside_damaged(
    data_dir: Path, reason: str, *, second_folder: Path | None = None, now: datetime | None = None
) -> Recovery:
    """Move the damaged file aside (never delete it) and find the newest good backup."""
    damaged = move_aside(data_dir, now)
    return Recovery(damaged, reason, newest_good_backup(data_dir, second_folder))


def summary_counts(counts: dict[str, int] | None) -> str:
    """``service_record=120 volunteer=35 …`` for logs and the CLI."""
    if counts is None:
        return "?"
    return " ".join(f"{k}={v}" for k, v in counts.items())


def missing_with_backups(data_dir: Path, second_folder: Path | None = None) -> Recovery | None:
    """No database but good backups: the file was lost, so offer them instead of a blank start."""
    if db_path(data_dir).exists():
        return None
    offer = newest_good_backup(data_dir, second_folder)
    if offer is None:
        return None
    return Recovery(None, translate("Backups", "The database file is missing."), offer)
