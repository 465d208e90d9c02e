"""What the program agrees to read and write: regular files only, text of bounded size.

A FIFO named as input makes ``open()`` wait for a writer forever (holding the data
folder's lock meanwhile); ``/dev/zero`` read as a notes file grows without end; and,
run as root, writing an export "to" ``/dev/null`` or ``/dev/full`` replaces the device
node with a regular file. Every input and output path goes through here first.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from commdesk.domain.i18n import translate

MAX_TEXT_BYTES = 1024 * 1024  # a notes file is a few lines; 1 MB is far beyond any real one


class NotRegularFile(OSError):
    """A path that exists but is a device, pipe or socket (or a folder where a file is due)."""


class TooLarge(OSError):
    """A text input larger than the program will read."""


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return translate("Store", "a folder")
    if stat.S_ISFIFO(mode):
        return translate("Store", "a named pipe (FIFO)")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return translate("Store", "a device")
    if stat.S_ISSOCK(mode):
        return translate("Store", "a socket")
    return translate("Store", "not a regular file")


def regular_input(path: Path | str) -> os.stat_result:
    """The status of ``path`` if it is a regular file; otherwise NotRegularFile at once.

    ``stat`` never blocks, unlike opening a FIFO.
    """
    if not str(path).strip():
        raise FileNotFoundError(translate("Store", "no file was named (the name is empty)"))
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise FileNotFoundError(
            translate("Store", "{path} does not exist").format(path=path)
        ) from None
    if not stat.S_ISREG(st.st_mode):
        raise NotRegularFile(
            translate("Store", "{path} is {kind}, not a file; nothing was read from it").format(
                path=path, kind=_kind(st.st_mode)
            )
        )
    return st


def read_text(path: Path | str, *, limit: int = MAX_TEXT_BYTES, encoding: str = "utf-8-sig") -> str:
    """The text of a regular file of at most ``limit`` bytes (opened without blocking)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotRegularFile(
                translate("Store", "{path} is {kind}, not a file; nothing was read from it").format(
                    path=path, kind=_kind(st.st_mode)
                )
            )
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(
            translate("Store", "{path} is larger than {mb} MB; nothing was read from it").format(
                path=path, mb=limit // (1024 * 1024)
            )
        )
    return data.decode(encoding)


def check_output(path: Path | str) -> Path:
    """``path`` if it may be written: absent, or an existing regular file.

    A device, pipe or socket is refused (writing through a temporary file and a
    rename would replace a device node with a regular file), and so is a folder.
    """
    path = Path(path)
    try:
        st = os.stat(path)
    except OSError:  # absent, or unreachable: the writer reports that in its own words
        return path
    if not stat.S_ISREG(st.st_mode):
        raise NotRegularFile(
            translate("Store", "{path} is {kind}, not a file; nothing was written to it").format(
                path=path, kind=_kind(st.st_mode)
            )
        )
    return path
