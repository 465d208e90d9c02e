"""One program at a time per data folder: an OS advisory lock on ``commdesk.lock``.

The lock is taken with ``fcntl.flock`` (POSIX) or ``msvcrt.locking`` (Windows)
on a small file in the data folder. The operating system drops it when the
holding process ends for any reason — closed normally, killed, or the PC
switched off at the wall — so a stale lock can never keep the clerk out, and
nothing has to guess whether an old process id is still alive.

The file also says who holds the folder (program part, process id, host,
user, since when), so the refusal can name the holder. The file itself is
never deleted: unlinking a lock file while another process waits on it would
let two processes lock two different files.
"""

from __future__ import annotations

import json
import os
import platform
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from commdesk.domain.i18n import translate
from commdesk.files import read_text
from commdesk.store.store_file import StoreError

LOCK_FILE = "commdesk.lock"
# Windows locks a byte range, and a locked range cannot be read by others, so
# the lock byte lies far beyond the holder text that the refusal reads.
_WINDOWS_LOCK_OFFSET = 1 << 20

WINDOW = "window"  # the desktop program; other purposes name a CLI command


class FolderLocked(StoreError):
    """Another CommDesk process holds the data folder; ``holder`` says which."""

    def __init__(self, folder: Path, holder: dict[str, Any]) -> None:
        self.folder = Path(folder)
        self.holder = holder
        super().__init__(
            translate(
                "Store", "the data folder {folder} is in use by {holder}; close it there first"
            ).format(folder=self.folder, holder=describe_holder(holder))
        )


def describe_holder(holder: dict[str, Any]) -> str:
    """One readable line: ``the CommDesk window (pid 812 on PC-3, user li, since …)``."""
    purpose = str(holder.get("purpose") or "")
    if purpose == WINDOW:
        what = translate("Store", "the CommDesk window")
    elif purpose:
        what = f"“{purpose}”"
    else:
        what = translate("Store", "another CommDesk program")
    details = []
    if holder.get("pid"):
        host = holder.get("host")
        details.append(
            translate("Store", "process {pid} on {host}").format(pid=holder["pid"], host=host)
            if host
            else translate("Store", "process {pid}").format(pid=holder["pid"])
        )
    if holder.get("user"):
        details.append(translate("Store", "user {user}").format(user=holder["user"]))
    if holder.get("since"):
        details.append(translate("Store", "since {time}").format(time=holder["since"]))
    return what + (f" ({', '.join(details)})" if details else "")


def os_user() -> str:
    """The OS account name of this PC (commdesk.store.audit names a signed-in person)."""
    import getpass

    try:
        return getpass.getuser()
    except Exception:
        return os.environ.get("USERNAME") or os.environ.get("USER") or "unknown"


def _lock_fd(fd: int) -> bool:
    """Try to take the exclusive lock without waiting; False if someone has it."""
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock_fd(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)


def read_holder(data_dir: Path) -> dict[str, Any]:
    """What the lock file says about its holder ({} when empty or unreadable)."""
    try:
        text = read_text(Path(data_dir) / LOCK_FILE, limit=64 * 1024, encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


@dataclass
class FolderLock:
    """A held folder lock; release it (or let the process end) to free the folder."""

    folder: Path
    purpose: str
    _fd: int | None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            os.ftruncate(fd, 0)  # no stale holder text for the next reader
            _unlock_fd(fd)
        except OSError:
            pass  # closing the descriptor below releases the lock anyway
        finally:
            os.close(fd)

    def __enter__(self) -> FolderLock:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()


def acquire(data_dir: Path, purpose: str = WINDOW) -> FolderLock:
    """Lock ``data_dir`` for this process, or raise :class:`FolderLocked`.

    The folder is created if it does not exist yet. Raises :class:`StoreError`
    (of which :class:`FolderLocked` is a kind) if the lock file cannot be made.
    """
    folder = Path(data_dir)
    path = folder / LOCK_FILE
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
    except OSError as exc:
        raise StoreError(
            translate("Store", "cannot create the lock file in {folder} ({error})").format(
                folder=folder, error=exc.strerror or exc
            )
        ) from exc
    if not _lock_fd(fd):
        os.close(fd)
        raise FolderLocked(folder, read_holder(folder))
    holder = {
        "purpose": purpose,
        "pid": os.getpid(),
        "host": platform.node(),
        "user": os_user(),
        "since": datetime.now().replace(microsecond=0).isoformat(sep=" "),
    }
    try:
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, json.dumps(holder, ensure_ascii=False).encode("utf-8"))
    except OSError:
        pass  # the lock is what matters; the holder text is a courtesy
    return FolderLock(folder, purpose, fd)
