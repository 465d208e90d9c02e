"""A return on paper: the :class:`~commdesk.returns.form_layout.ReturnForm` as a Document.

The same form description the xlsx writer lays out as sheets: each table on its
own pages (landscape when the form says so, shrunk by the form's scale), its
heading rows repeated on every page, then 审核说明.
"""

from __future__ import annotations

from pathlib import Path

from commdesk.paper import blocks as b
from commdesk.paper.pdf import write_pdf
from commdesk.returns.form_layout import (
    NO_WARNINGS,
    OTHER_NOTICES,
    NotesForm,
    ReturnForm,
    TableForm,
)
from commdesk.returns.form_text import column_groups


def table_section(form: TableForm) -> b.Section:
    """One table: 表号 block, title, period, 填报单位, code and 计量单位, the grid, footer."""
    texts = {f.key for row in form.rows for f in row.figures if f.decimals is None and f.value}
    aligns = {"label": "left", "code": "center", "unit": "center"}
    columns = [
        b.Column(form.widths[i], aligns[kind])  # type: ignore[arg-type]
        for i, (kind, _heading) in enumerate(form.descriptive)
    ] + [
        b.Column(form.widths[form.n_desc + j], "center" if c.key in texts else "right")
        for j, c in enumerate(form.columns)
    ]
    heads: list[str | None] = [h for _kind, h in form.descriptive]
    subs: list[str | None] = [None] * form.n_desc
    groups = column_groups(form.columns)
    for j, c in enumerate(form.columns):
        span = groups.get(j)
        if span is not None:  # the group's heading over its columns, each label below
            heads.append(c.group if span else b.SPAN_LEFT)
            subs.append(f"{c.short_label}\n（{c.unit}）" if c.unit else c.short_label)
        else:
            heads.append(c.label)
            subs.append(f"（{c.unit}）" if c.unit else None)
    header: list[list[str | None]] = [heads, subs, list(form.key_row)]
    rows = []
    for row in form.rows:
        described = {"label": row.label, "code": row.printed_code, "unit": row.unit}
        cells = [described[kind] for kind, _h in form.descriptive]
        rows.append(b.Row([*cells, *(f.text for f in row.figures)], row.indent, row.bold))
    blocks: list[b.Block] = [
        b.Lines(form.header_lines),
        b.Title(form.title),
        b.Subtitle(form.period),
        b.Paragraph(form.unit_name),
        b.Paragraph(form.division, right=form.measure),
        b.Table(columns, header, rows),
    ]
    if form.note:
        blocks.append(b.Paragraph(form.note))
    blocks.append(b.Signatures(form.footer_items))
    return b.Section(blocks, landscape=form.landscape, scale=form.scale)


def notes_section(form: NotesForm) -> b.Section:
    """审核说明, landscape as in the workbook."""
    columns = [b.Column(form.widths[0]), *(b.Column(w, "left") for w in form.widths[1:])]
    rows = [b.Row([str(n), code, message, note]) for n, code, message, note in form.warnings]
    blocks: list[b.Block] = [
        b.Title(form.title),
        b.Paragraph(form.info),
        b.Table(columns, [list(form.headings)], rows),
    ]
    if not rows:
        blocks.append(b.Paragraph(NO_WARNINGS))
    if form.others:
        blocks.append(b.Paragraph(OTHER_NOTICES, bold=True))
        blocks.append(
            b.Table(
                [b.Column(form.widths[1], "left"), b.Column(sum(form.widths[2:]), "left")],
                [],
                [b.Row([code, message]) for code, message in form.others],
            )
        )
    return b.Section(blocks, landscape=True)


def return_document(form: ReturnForm) -> b.Document:
    """Every table of the return, then its 审核说明."""
    sections = [table_section(t) for t in form.tables]
    sections.append(notes_section(form.notes))
    return b.Document(sections, title=form.title)


def write_return_pdf(form: ReturnForm, out: Path) -> Path:
    """The printed return as a PDF file (atomic, private; see :func:`write_pdf`)."""
    return write_pdf(return_document(form), out)
