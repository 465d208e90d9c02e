"""Where the program's files live: shipped resources and the clerk's data folder."""

from __future__ import annotations

import logging
import os
import stat
import sys
import time
from collections.abc import Iterable, Mapping
from pathlib import Path, PureWindowsPath

from commdesk.domain.i18n import translate

log = logging.getLogger("commdesk.privacy")

APP_NAME = "CommDesk"
DB_FILE_NAME = "commdesk.sqlite"
WINDOWS = os.name == "nt"
USER_FOLDER_VARIABLES = ("USERPROFILE", "LOCALAPPDATA", "APPDATA")


def resources_dir() -> Path:
    """The shipped ``resources/`` folder, in a source tree or a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def translations_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "translations"
    return Path(__file__).resolve().parent.parent / "translations"


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False, roaming=False))


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """``--data-dir`` wins, then ``COMMDESK_DATA_DIR``, then the platform default.

    An empty ``--data-dir`` is a mistake (an unset shell variable), never the default.
    """
    if explicit is not None:
        if not str(explicit).strip():
            raise ValueError(translate("Cli", "--data-dir is empty; name a folder"))
        return Path(explicit).expanduser().resolve()
    env = os.environ.get("COMMDESK_DATA_DIR")
    if env:
        return Path(env).expanduser().resolve()
    return default_data_dir()


def keep_private() -> None:
    """Every file and folder this process creates is the user's alone (0600 / 0700),
    whatever the login's umask: the database, its -wal/-shm, backups, logs, reports
    and exports hold residents' ID numbers, and the Debian-based 统信UOS / 麒麟 PCs
    of government offices are often shared between accounts. No-op off POSIX, where
    the per-user data folder is private already."""
    if os.name == "posix":
        os.umask(0o077)


def outside_user_folders(data_dir: str, user_folders: Iterable[str]) -> bool:
    """Whether a Windows ``data_dir`` lies outside every per-user folder.

    Windows gives the folders under a user's profile to that user alone; a folder on
    another drive, under ``C:\\Users\\Public`` or on a share inherits access for every
    account (or the network). Pure: paths compared as Windows compares them.
    """
    target = PureWindowsPath(data_dir)
    folded = PureWindowsPath(*(part.casefold() for part in target.parts))
    for folder in user_folders:
        if not folder.strip():
            continue
        base = PureWindowsPath(*(part.casefold() for part in PureWindowsPath(folder).parts))
        if base.anchor and folded.is_relative_to(base):
            return False
    return True


def data_folder_not_private(data_dir: Path, environ: Mapping[str, str] | None = None) -> bool:
    """On Windows, a data folder chosen outside the per-user folders (Settings warns).
    On POSIX the program makes its files 0600 itself, so never."""
    if not WINDOWS:
        return False
    env = os.environ if environ is None else environ
    return outside_user_folders(str(data_dir), (env.get(v, "") for v in USER_FOLDER_VARIABLES))


def tighten_data_dir(data_dir: Path) -> list[Path]:
    """Make an existing data folder and everything in it private (made before
    :func:`keep_private`, or by another program); returns what was changed."""
    if os.name != "posix" or not data_dir.is_dir():
        return []
    changed: list[Path] = []
    for folder, dirs, files in os.walk(data_dir):
        for name, private in ((folder, 0o700), *((os.path.join(folder, f), 0o600) for f in files)):
            try:
                st = os.lstat(name)
            except OSError:
                continue
            if stat.S_ISLNK(st.st_mode) or st.st_uid != os.getuid():
                continue
            if stat.S_IMODE(st.st_mode) & 0o077:
                try:
                    os.chmod(name, stat.S_IMODE(st.st_mode) & private)
                except OSError:
                    continue
                changed.append(Path(name))
        dirs[:] = [d for d in dirs if not os.path.islink(os.path.join(folder, d))]
    if changed:
        # info: the GUI's log file keeps it; a command's stderr stays its one line.
        log.info(
            "made %d item(s) of %s readable by this account only: %s",
            len(changed),
            data_dir,
            ", ".join(str(p.relative_to(data_dir)) for p in changed[:10]),
        )
    return changed


PART_SUFFIX = ".part"
STALE_PART_SECONDS = 600  # a copy being written now is touched far more often than this


def remove_leftover_parts(data_dir: Path) -> list[Path]:
    """Delete the half-written ``.NAME.part`` copies a killed backup or export left in the
    data folder and its ``backups/`` and ``reports/`` (each a full copy of the database
    or of personal rows); returns what was removed. One untouched for ten minutes is no
    longer being written: another process's backup in progress is left alone."""
    removed: list[Path] = []
    now = time.time()
    for folder in (data_dir, data_dir / "backups", data_dir / "reports"):
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if not entry.name.endswith(PART_SUFFIX):
                continue
            try:
                st = entry.stat(follow_symlinks=False)
                if not stat.S_ISREG(st.st_mode) or now - st.st_mtime < STALE_PART_SECONDS:
                    continue
                os.unlink(entry.path)
            except OSError:
                continue
            removed.append(Path(entry.path))
    if removed:
        log.info(
            "removed %d half-written copy(ies) left by an interrupted backup or export: %s",
            len(removed),
            ", ".join(str(p.relative_to(data_dir)) for p in removed[:10]),
        )
    return removed
