"""A ledger's view on paper: the 花名册 (title, date printed, unit, rows, page x / y)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from commdesk.paper import blocks as b

# Column widths are the screen's (pixels at 96 dpi); a portrait A4 page holds about
# this many across before the roster turns landscape, and a landscape one this many
# before its text shrinks.
PORTRAIT_PIXELS = 720
LANDSCAPE_PIXELS = 1080
MIN_SCALE = 0.6
SERIAL_WIDTH = 44


def roster_title(ledger_zh: str, person: bool) -> str:
    """花名册 for people, 台账 for the other ledgers (records, facilities)."""
    suffix = "花名册" if person else "台账"
    return ledger_zh if ledger_zh.endswith(suffix[-2:]) else ledger_zh + suffix


def roster_document(
    title: str,
    *,
    unit_name: str,
    printed_on: date,
    headings: Sequence[str],
    widths: Sequence[float],
    rows: Sequence[Sequence[str]],
    masked_ids: bool,
) -> b.Document:
    """The roster: 序号 then the view's columns, in the view's order and proportions."""
    total = SERIAL_WIDTH + sum(widths)
    landscape = total > PORTRAIT_PIXELS
    scale = max(MIN_SCALE, min(1.0, LANDSCAPE_PIXELS / total)) if landscape else 1.0
    columns = [b.Column(SERIAL_WIDTH), *(b.Column(w, "left") for w in widths)]
    body = [b.Row([str(i), *row]) for i, row in enumerate(rows, start=1)]
    blocks: list[b.Block] = [
        b.Title(title),
        b.Subtitle(f"打印日期：{printed_on:%Y年%m月%d日}"),
        b.Paragraph(f"填报单位：{unit_name}", right=f"共 {len(rows)} 条"),
        b.Table(columns, [["序号", *headings]], body, size=9.0),
    ]
    if masked_ids:
        blocks.append(b.Paragraph("注：身份证号码已部分隐藏。", size=9.0))
    blocks.append(b.Signatures(["制表人：　　　　", "审核人：　　　　"]))
    return b.Document([b.Section(blocks, landscape=landscape, scale=scale)], title=title)
