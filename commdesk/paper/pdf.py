"""Write a :class:`~commdesk.paper.blocks.Document` as a PDF file, atomically and privately.

The PDF is built in memory, written to ``.<name>.part`` beside the target with
mode 0600 (a roster holds residents' names and ID numbers), fsynced and renamed:
a crash or a full disk leaves the previous file intact and nothing half-written.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QPdfWriter

from commdesk.files import check_output
from commdesk.paper.blocks import Document
from commdesk.paper.fonts import ensure_app
from commdesk.paper.render import paint_document

RESOLUTION = 600  # device pixels per inch of the PDF's coordinates (precision only)


def pdf_bytes(doc: Document) -> bytes:
    """The PDF of ``doc``; fonts embedded (subsets) by QPdfWriter."""
    ensure_app()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setTitle(doc.title)
    writer.setCreator(doc.creator)
    paint_document(doc, writer)
    del writer  # flushes the trailer into the buffer
    buffer.close()
    return bytes(data.data())


def write_private(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically with mode 0600; one plain OSError on failure."""
    from commdesk.store.maintenance import workbook_error

    path = check_output(path)
    tmp = path.with_name(f".{path.name}.part")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise workbook_error(path, exc) from None
    if os.name == "posix":  # make the rename itself durable
        with contextlib.suppress(OSError):
            dfd = os.open(path.parent, os.O_RDONLY)
            try:
                os.fsync(dfd)
            finally:
                os.close(dfd)
    return path


def write_pdf(doc: Document, path: Path | str) -> Path:
    """Render ``doc`` and write it to ``path`` (see the module's docstring)."""
    return write_private(Path(path), pdf_bytes(doc))
