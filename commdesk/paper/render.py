"""Lay a :class:`~commdesk.paper.blocks.Document` out on pages and paint it.

Works on any QPagedPaintDevice: a QPdfWriter (:mod:`commdesk.paper.pdf`) or, from
the GUI, the QPrinter of a print dialog or print preview. Layout runs first over
the whole document (so the footer can say 共 y 页), then the pages are painted.
Everything is drawn inside the page's margins: nothing is lost where a printer
cannot print.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QLineF, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPaintEngine,
    QPainter,
    QPen,
)

from commdesk.paper import blocks as b
from commdesk.paper.fonts import ensure_app, font

FOOTER_SIZE = 9.0
FOOTER_GAP_PT = 6.0  # between the body and the page-number line
BLOCK_GAP_PT = 4.0
INDENT_PT = 10.0  # one indent level of a table's first cell
CELL_PAD_PT = (3.0, 2.0)  # horizontal, vertical
SEAL_ROOM_PT = 50.0  # blank height left for a round seal above the date
WRAP = int(Qt.TextFlag.TextWordWrap)
TOP = int(Qt.AlignmentFlag.AlignTop)
LEFT_TOP = int(Qt.AlignmentFlag.AlignLeft) | TOP | WRAP
CENTER_TOP = int(Qt.AlignmentFlag.AlignHCenter) | TOP | WRAP
_ALIGN = {
    "left": Qt.AlignmentFlag.AlignLeft,
    "center": Qt.AlignmentFlag.AlignHCenter,
    "right": Qt.AlignmentFlag.AlignRight,
}


def page_layout(landscape: bool, margin_mm: float) -> QPageLayout:
    """A4 in the given orientation with equal margins."""
    orientation = (
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )
    margins = QMarginsF(margin_mm, margin_mm, margin_mm, margin_mm)
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4), orientation, margins, QPageLayout.Unit.Millimeter
    )


# A piece of text of a block: (x, y, width, height, flags, font, text), y from the block's top.
_Item = tuple[float, float, float, float, int, QFont, str]


@dataclass
class _Text:
    rect: QRectF
    flags: int
    font: QFont
    text: str


@dataclass
class _Page:
    landscape: bool
    texts: list[_Text] = field(default_factory=list)
    lines: list[QLineF] = field(default_factory=list)


class _Flow:
    """Places blocks top-down on pages of one orientation, opening new pages as needed."""

    def __init__(self, device: QPagedPaintDevice, doc: b.Document, pages: list[_Page]) -> None:
        self.device = device
        self.k = device.logicalDpiY() / 72.0  # device pixels per point
        self.doc = doc
        self.pages = pages
        self.scale = 1.0
        self.landscape = False
        self.width = 0.0
        self.bottom = 0.0
        self.y = 0.0

    # -- geometry -------------------------------------------------------------------
    def pt(self, points: float) -> float:
        return points * self.k * self.scale

    def font(self, size: float, bold: bool = False) -> QFont:
        return font(size * self.scale, bold=bold)

    def height_of(self, text: str, f: QFont, width: float) -> float:
        fm = QFontMetricsF(f, self.device)
        if not text:
            return fm.height()
        rect = fm.boundingRect(QRectF(0, 0, max(width, 1.0), 1e9), WRAP, text)
        return max(rect.height(), fm.height())

    def start_section(self, section: b.Section) -> None:
        self.scale = section.scale
        self.landscape = section.landscape
        layout = page_layout(section.landscape, self.doc.margin_mm)
        rect = layout.paintRect(QPageLayout.Unit.Point)
        self.width = rect.width() * self.k
        fm = QFontMetricsF(font(FOOTER_SIZE), self.device)
        self.bottom = rect.height() * self.k - fm.height() - FOOTER_GAP_PT * self.k
        self.new_page()

    def new_page(self) -> None:
        self.pages.append(_Page(self.landscape))
        self.y = 0.0

    @property
    def page(self) -> _Page:
        return self.pages[-1]

    def room(self, height: float) -> None:
        """Start a new page unless ``height`` fits below (a page's first block always stays)."""
        if self.y > 0 and self.y + height > self.bottom:
            self.new_page()

    def text(self, x: float, y: float, w: float, h: float, flags: int, f: QFont, s: str) -> None:
        self.page.texts.append(_Text(QRectF(x, y, w, h), flags, f, s))

    # -- blocks ---------------------------------------------------------------------
    def block(self, block: b.Block) -> None:
        if isinstance(block, b.Table):
            self.table(block)
        elif isinstance(block, b.Spacer):
            self.y = min(self.y + self.pt(block.height), self.bottom)
            return
        else:
            self.simple(block)
        self.y += self.pt(BLOCK_GAP_PT)

    def simple(self, block: b.Block) -> None:
        """A block placed whole: measured, moved to a new page if it does not fit, drawn."""
        items = list(self.items_of(block))
        height = max((y + h for _x, y, _w, h, *_ in items), default=0.0)
        height = min(height, self.bottom)  # taller than a page: clipped, never off the page
        self.room(height)
        for x, y, w, h, flags, f, s in items:
            h = min(h, self.bottom - self.y - y)
            if h > 0:
                self.text(x, self.y + y, w, h, flags, f, s)
        self.y += height

    def items_of(
        self, block: b.Block
    ) -> Sequence[tuple[float, float, float, float, int, QFont, str]]:
        """(x, y, w, h, flags, font, text) relative to the block's top."""
        W = self.width
        if isinstance(block, b.Title | b.Subtitle):
            f = self.font(block.size, bold=isinstance(block, b.Title))
            h = self.height_of(block.text, f, W)
            pad = self.pt(4.0) if isinstance(block, b.Title) else 0.0
            return [(0.0, pad, W, h, CENTER_TOP, f, block.text)]
        if isinstance(block, b.Paragraph):
            f = self.font(block.size, bold=block.bold)
            out = []
            left_w = W
            if block.right:
                rw = QFontMetricsF(f, self.device).horizontalAdvance(block.right) + self.pt(2)
                left_w = max(W - rw - self.pt(12), W / 3)
                out.append(
                    (
                        W - rw,
                        0.0,
                        rw,
                        self.height_of(block.right, f, rw),
                        int(Qt.AlignmentFlag.AlignRight) | TOP,
                        f,
                        block.right,
                    )
                )
            h = self.height_of(block.text, f, left_w)
            out.append((0.0, 0.0, left_w, h, int(_ALIGN[block.align]) | TOP | WRAP, f, block.text))
            return out
        if isinstance(block, b.Lines):
            f = self.font(block.size)
            fm = QFontMetricsF(f, self.device)
            bw = min(max((fm.horizontalAdvance(s) for s in block.lines), default=0.0) + 2, W)
            x = {"left": 0.0, "center": (W - bw) / 2, "right": W - bw}[block.align]
            out, y = [], 0.0
            for s in block.lines:
                h = self.height_of(s, f, bw)
                out.append((x, y, bw, h, LEFT_TOP, f, s))
                y += h
            return out
        if isinstance(block, b.KeyValues):
            f = self.font(block.size)
            n = max(block.columns, 1)
            cw = W / n
            out, y = [], 0.0
            for i in range(0, len(block.pairs), n):
                row = block.pairs[i : i + n]
                texts = [f"{k}：{v}" for k, v in row]
                h = max(self.height_of(s, f, cw - self.pt(6)) for s in texts)
                for j, s in enumerate(texts):
                    out.append(
                        (
                            j * cw,
                            y,
                            cw - self.pt(6),
                            h,
                            LEFT_TOP,
                            f,
                            s,
                        )
                    )
                y += h + self.pt(2)
            return out
        if isinstance(block, b.Signatures):
            return self.signature_items(block, W)
        raise TypeError(f"not a printable block: {block!r}")

    def signature_items(self, block: b.Signatures, W: float) -> list[_Item]:
        f = self.font(block.size)
        fm = QFontMetricsF(f, self.device)
        gap = "　　"
        lines: list[list[str]] = [[]]
        for item in block.items:
            candidate = gap.join([*lines[-1], item])
            if lines[-1] and fm.horizontalAdvance(candidate) > W:
                lines.append([item])
            else:
                lines[-1].append(item)
        out, y = [], 0.0
        flags = LEFT_TOP
        for parts in lines:
            s = gap.join(parts)
            if not s:
                continue
            h = self.height_of(s, f, W)
            out.append((0.0, y, W, h, flags, f, s))
            y += h + self.pt(4)
        right = [s for s in (block.seal, block.date) if s]
        if right:
            bw = min(max(fm.horizontalAdvance(s) for s in right) + self.pt(24), W)
            y += self.pt(SEAL_ROOM_PT) if block.seal else 0.0
            for s in right:
                h = self.height_of(s, f, bw)
                out.append(
                    (
                        W - bw,
                        y,
                        bw,
                        h,
                        CENTER_TOP,
                        f,
                        s,
                    )
                )
                y += h + self.pt(2)
        return out

    # -- tables ---------------------------------------------------------------------
    def table(self, t: b.Table) -> None:
        total = sum(max(c.width, 0.0) for c in t.columns) or 1.0
        xs = [0.0]
        for c in t.columns:
            xs.append(xs[-1] + self.width * max(c.width, 0.0) / total)
        pad_x, pad_y = self.pt(CELL_PAD_PT[0]), self.pt(CELL_PAD_PT[1])
        head_font, body_font, bold_font = (
            self.font(t.size, bold=True),
            self.font(t.size),
            self.font(t.size, bold=True),
        )
        n = len(t.columns)

        def cell_h(text: str, width: float, f: QFont) -> float:
            return self.height_of(text, f, width - 2 * pad_x) + 2 * pad_y

        # Header: each cell spans down over the None cells below it and right over
        # the SPAN_LEFT cells beside it.
        spans: list[tuple[int, int, int, int, str]] = []  # (row, col, rowspan, colspan, text)
        header = [list(r) + [""] * (n - len(r)) for r in t.header]
        for r, cells in enumerate(header):
            for c, s in enumerate(cells[:n]):
                if s is None or s == b.SPAN_LEFT:
                    continue
                span = 1
                while r + span < len(header) and header[r + span][c] is None:
                    span += 1
                wide = 1
                while c + wide < n and cells[c + wide] == b.SPAN_LEFT:
                    wide += 1
                spans.append((r, c, span, wide, s))
        heights = [0.0] * len(header)
        for r, c, span, wide, s in sorted(spans, key=lambda x: x[2]):
            need = cell_h(s, xs[c + wide] - xs[c], head_font)
            have = sum(heights[r : r + span])
            if need > have:
                heights[r + span - 1] += need - have
        head_h = sum(heights)

        def draw_header() -> None:
            tops = [self.y]
            for h in heights:
                tops.append(tops[-1] + h)
            for r, c, span, wide, s in spans:
                rect = QRectF(xs[c], tops[r], xs[c + wide] - xs[c], tops[r + span] - tops[r])
                self.cell(rect, s, head_font, "center", pad_x, pad_y)
            self.y = tops[-1]

        rows = [r if isinstance(r, b.Row) else b.Row(list(r)) for r in t.rows]
        measured = []
        for row in rows:
            cells = list(row.cells)[:n] + [""] * (n - len(row.cells))
            f = bold_font if row.bold else body_font
            indent = self.pt(INDENT_PT) * max(row.indent, 0)
            h = max(
                cell_h(s, xs[c + 1] - xs[c] - (indent if c == 0 else 0.0), f)
                for c, s in enumerate(cells)
            )
            measured.append((cells, f, indent, min(h, self.bottom - head_h)))
        first_h = measured[0][3] if measured else 0.0
        self.room(head_h + first_h)
        draw_header()
        for cells, f, indent, h in measured:
            if self.y + h > self.bottom:
                self.new_page()
                draw_header()
            for c, s in enumerate(cells):
                rect = QRectF(xs[c], self.y, xs[c + 1] - xs[c], h)
                inner = indent if c == 0 else 0.0
                self.cell(rect, s, f, t.columns[c].align, pad_x + inner, pad_y, left_pad=True)
            self.y += h

    def cell(
        self,
        rect: QRectF,
        text: str,
        f: QFont,
        align: str,
        pad_x: float,
        pad_y: float,
        *,
        left_pad: bool = False,
    ) -> None:
        """A ruled cell with its text vertically centred."""
        lines = self.page.lines
        lines += [
            QLineF(rect.topLeft(), rect.topRight()),
            QLineF(rect.bottomLeft(), rect.bottomRight()),
            QLineF(rect.topLeft(), rect.bottomLeft()),
            QLineF(rect.topRight(), rect.bottomRight()),
        ]
        if text:
            right_pad = self.pt(CELL_PAD_PT[0]) if left_pad else pad_x
            inner = rect.adjusted(pad_x, pad_y, -right_pad, -pad_y)
            flags = int(_ALIGN.get(align, Qt.AlignmentFlag.AlignHCenter))
            flags |= int(Qt.AlignmentFlag.AlignVCenter) | WRAP
            self.text(inner.x(), inner.y(), inner.width(), inner.height(), flags, f, text)


def layout(doc: b.Document, device: QPagedPaintDevice) -> list[_Page]:
    """Every page of ``doc`` with what goes on it, in ``device``'s pixels."""
    ensure_app()
    pages: list[_Page] = []
    flow = _Flow(device, doc, pages)
    for section in doc.sections:
        flow.start_section(section)
        for block in section.blocks:
            flow.block(block)
    if not pages:
        flow.start_section(b.Section(blocks=[]))
    return pages


def paint_document(doc: b.Document, device: QPagedPaintDevice) -> int:
    """Paint ``doc`` on ``device`` (a QPdfWriter or QPrinter, not yet begun); returns
    the number of pages. Each section's orientation is set before its first page."""
    pages = layout(doc, device)
    painter = QPainter()
    k = device.logicalDpiY() / 72.0
    footer_font = font(FOOTER_SIZE)
    paper = pages[0].landscape if pages else False  # the sheet's orientation
    for i, page in enumerate(pages):
        layout_i = page_layout(page.landscape, doc.margin_mm)
        if i == 0:
            device.setPageLayout(layout_i)
            if not painter.begin(device):
                raise OSError("cannot start painting on the output device")
        else:
            # A printer (or the preview) refuses a new orientation once printing has
            # begun (only PDF output takes one); the page is then drawn turned on the
            # sheet it has.
            pdf = device.paintEngine().type() == QPaintEngine.Type.Pdf
            if pdf and device.setPageLayout(layout_i):
                paper = page.landscape
            device.newPage()
        rect = layout_i.paintRect(QPageLayout.Unit.Point)
        width, height = rect.width() * k, rect.height() * k
        painter.resetTransform()
        if page.landscape != paper:
            painter.translate(QPointF(height, 0.0) if page.landscape else QPointF(0.0, width))
            painter.rotate(90 if page.landscape else -90)
        pen = QPen(Qt.GlobalColor.black)
        pen.setWidthF(0.6 * k)
        painter.setPen(pen)
        painter.drawLines(page.lines)
        for t in page.texts:
            painter.setFont(t.font)
            painter.save()
            painter.setClipRect(t.rect.adjusted(-k, -k, k, k))
            painter.drawText(t.rect, t.flags, t.text)
            painter.restore()
        footer = doc.footer.format(page=i + 1, pages=len(pages))
        painter.setFont(footer_font)
        fh = QFontMetricsF(footer_font, device).height()
        painter.drawText(
            QRectF(0, height - fh, width, fh),
            int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
            footer,
        )
    painter.end()
    return len(pages)
