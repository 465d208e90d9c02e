"""What a printed document is made of: plain data, no Qt.

A :class:`Document` is a list of :class:`Section` s; each section starts on a new
page with its own orientation and scale and holds blocks that flow down the page
(a table breaks across pages, its header rows repeated). The same description
goes to a PDF file (:func:`commdesk.paper.pdf.write_pdf`) and, from the GUI, to a
printer or the print preview (:func:`commdesk.paper.render.paint_document`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

Align = Literal["left", "center", "right"]

# The page footer: {page} and {pages} are filled in once the document is laid out.
PAGE_FOOTER = "第 {page} 页 / 共 {pages} 页"


@dataclass(frozen=True)
class Title:
    """The document's or a table's title: large, bold, centred."""

    text: str
    size: float = 16.0


@dataclass(frozen=True)
class Subtitle:
    """A centred line under a title (the report period, the date printed)."""

    text: str
    size: float = 11.0


@dataclass(frozen=True)
class Paragraph:
    """Wrapped text; ``right`` is an optional second text on the same line, right-aligned."""

    text: str
    align: Align = "left"
    size: float = 10.0
    bold: bool = False
    right: str = ""


@dataclass(frozen=True)
class Lines:
    """A block of short lines kept together (the return's top-right 表号 block)."""

    lines: Sequence[str]
    align: Align = "right"
    size: float = 9.0


@dataclass(frozen=True)
class KeyValues:
    """``label：value`` pairs, ``columns`` to a line."""

    pairs: Sequence[tuple[str, str]]
    columns: int = 2
    size: float = 10.0


@dataclass(frozen=True)
class Column:
    """A table column: ``width`` is relative (only the ratio between columns counts)."""

    width: float
    align: Align = "center"


@dataclass(frozen=True)
class Row:
    """One body row: ``indent`` (levels) applies to the first cell; ``bold`` for totals."""

    cells: Sequence[str]
    indent: int = 0
    bold: bool = False


# A header cell covered by the heading to its left (a group heading such as 其中).
SPAN_LEFT = "\x00span-left"


@dataclass(frozen=True)
class Table:
    """A ruled table spanning the page width.

    ``header`` rows are repeated at the top of every page the table runs onto; a
    header cell of ``None`` is covered by the cell above it (a heading spanning
    two header rows), one of :data:`SPAN_LEFT` by the cell to its left (a heading
    over several columns). Body rows are :class:`Row` s or plain sequences of strings.
    """

    columns: Sequence[Column]
    header: Sequence[Sequence[str | None]]
    rows: Sequence[Row | Sequence[str]]
    size: float = 10.0


@dataclass(frozen=True)
class Signatures:
    """Signatories (``label：name`` items packed onto as few lines as fit) and,
    when ``seal`` is given, a right-hand place for the seal and the date."""

    items: Sequence[str]
    seal: str = ""
    date: str = ""
    size: float = 10.0


@dataclass(frozen=True)
class Spacer:
    """Vertical space in points."""

    height: float = 8.0


Block = Title | Subtitle | Paragraph | Lines | KeyValues | Table | Signatures | Spacer


@dataclass(frozen=True)
class Section:
    """Blocks starting on a new page. ``scale`` shrinks every font and padding
    (a wide table fitted to the page, as Excel's "fit to width" does)."""

    blocks: Sequence[Block]
    landscape: bool = False
    scale: float = 1.0


@dataclass(frozen=True)
class Document:
    """The whole printout: A4 pages with ``margin_mm`` on every side."""

    sections: Sequence[Section]
    title: str = ""
    margin_mm: float = 15.0
    footer: str = PAGE_FOOTER
    creator: str = "CommDesk"
