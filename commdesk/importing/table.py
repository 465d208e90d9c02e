"""Find the table inside a hand-made sheet.

Clerks put a title (often merged across the page) above the header, sometimes
a second header row under merged group headers, subtotal and total rows at the
bottom, and notes such as “注：…” or “填表人：…” under the table. The header row
is the one (or the pair) whose cells match the most ledger fields.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import zip_longest

from commdesk.domain.i18n import translate
from commdesk.importing.errors import ImportFileError
from commdesk.importing.headers import HeaderMatcher, header_text, normalise
from commdesk.importing.readers import Cell, SheetData

HEADER_WINDOW = 30  # non-blank rows searched for the header
MIN_HEADER_MATCHES = 2

_TOTAL_WORDS = ("合计", "总计", "共计", "累计", "总数", "汇总")
_SUBTOTAL_WORDS = ("小计",)
_NOTE = re.compile(
    r"^(注|附注|备注|说明|填表说明)[:：\d一二三四五六七八九十、.]"
    r"|^(填表人|制表人|审核人|填报人|统计人|经办人|单位负责人|负责人|统计负责人)"
    r"|^(填报日期|制表日期|填表日期|报送日期|填报单位)"
)


@dataclass
class Table:
    """The header and the data rows below it, with what was skipped and why."""

    sheet: str
    header_rows: tuple[int, ...]
    headers: list[str]
    rows: list[tuple[int, tuple[Cell, ...]]]
    ignored_rows: list[tuple[int, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    score: int = 0

    @property
    def data_columns(self) -> set[int]:
        # One C-level transpose, then a C-level count per column: 50,000 rows are cheap.
        columns = zip_longest(*(cells for _, cells in self.rows))
        return {i for i, column in enumerate(columns) if column.count(None) < len(column)}


def _texts(cells: Sequence[Cell], width: int) -> list[str]:
    return [header_text(cells[i]) if i < len(cells) else "" for i in range(width)]


def _fill_merged(
    texts: list[str], row_number: int, merged: Sequence[tuple[tuple[int, int], tuple[int, int]]]
) -> list[str]:
    """Repeat a group header's text over the columns it spans.

    With merge information (xlsx, xls) the merged ranges say how far; without
    it (csv, ods) a blank cell takes the text on its left. The filled text is
    only used to try “group + sub-header” as one header.
    """
    out = list(texts)
    if merged:
        for (r0, c0), (_r1, c1) in merged:
            if r0 == row_number and c0 < len(out) and c1 > c0:
                for col in range(c0 + 1, min(c1 + 1, len(out))):
                    out[col] = out[col] or out[c0]
        return out
    for col in range(1, len(out)):
        out[col] = out[col] or out[col - 1]
    return out


def _vertical_span(
    row_number: int, col: int, merged: Sequence[tuple[tuple[int, int], tuple[int, int]]]
) -> bool:
    """True when the cell is covered by a merge that starts on an earlier row."""
    return any(r0 < row_number <= r1 and c0 <= col <= c1 for (r0, c0), (r1, c1) in merged)


def _score(matcher: HeaderMatcher, texts: Sequence[str], forced: set[str]) -> int:
    fields: set[str] = set()
    for text in texts:
        if not text:
            continue
        if normalise(text) in forced:
            fields.add("map:" + normalise(text))
            continue
        found = matcher.match(text).field
        if found:
            fields.add(found)
    return len(fields)


def _combine(
    matcher: HeaderMatcher,
    upper: list[str],
    filled: list[str],
    lower: list[str],
    lower_row: int,
    merged: Sequence[tuple[tuple[int, int], tuple[int, int]]],
) -> list[str]:
    """Per column: “group+sub-header” if that names a field, else the lower or upper text."""
    out: list[str] = []
    for col, (up, group, low) in enumerate(zip(upper, filled, lower, strict=True)):
        if group and low:
            joined = f"{group}{low}"
            if matcher.match(joined).field:
                out.append(joined)
                continue
        if low:
            out.append(low)
        elif up or _vertical_span(lower_row, col, merged):
            out.append(up)
        else:
            out.append("")
    return out


def find_table(
    sheet: SheetData, matcher: HeaderMatcher, forced_headers: Sequence[str] = ()
) -> Table:
    """Locate the header (one or two rows) and collect the data rows under it."""
    rows = sheet.rows
    width = sheet.width
    if not rows:
        raise ImportFileError(
            translate("Import", "The sheet {sheet} is empty.").format(sheet=sheet.name)
        )
    forced = {normalise(h) for h in forced_headers}
    best: tuple[int, int, int, list[str]] | None = None  # (score, -rows, -index, headers)
    window = rows[:HEADER_WINDOW]
    singles = [_texts(cells, width) for _, cells in window]
    for index, (number, _) in enumerate(window):
        filled = _fill_merged(singles[index], number, sheet.merged)
        single_score = _score(matcher, singles[index], forced)
        candidate = (single_score, -1, -index, singles[index])
        if best is None or candidate[:3] > best[:3]:
            best = candidate
        if index + 1 < len(window) and window[index + 1][0] == number + 1:
            combined = _combine(
                matcher, singles[index], filled, singles[index + 1], number + 1, sheet.merged
            )
            pair_score = _score(matcher, combined, forced)
            next_score = _score(matcher, singles[index + 1], forced)
            if pair_score > max(single_score, next_score):
                candidate = (pair_score, -2, -index, combined)
                if candidate[:3] > best[:3]:
                    best = candidate
    assert best is not None
    score, neg_rows, neg_index, headers = best
    if score < MIN_HEADER_MATCHES:
        raise ImportFileError(
            translate(
                "Import",
                "No header row found in sheet {sheet}: no row names at least two columns of "
                "this ledger (e.g. {examples}).",
            ).format(
                sheet=sheet.name,
                examples="、".join(f.zh for f in matcher.ledger.fields[:3]),
            )
        )
    first = -neg_index
    header_numbers = tuple(rows[first + i][0] for i in range(-neg_rows))
    table = Table(
        sheet=sheet.name,
        header_rows=header_numbers,
        headers=_trim(headers),
        rows=[],
        score=score,
    )
    _collect_rows(table, rows[first - neg_rows :], matcher)
    table.notes.extend(sheet.notes)
    return table


def _trim(headers: list[str]) -> list[str]:
    end = len(headers)
    while end and not headers[end - 1]:
        end -= 1
    return headers[:end]


_TRIGGERS = frozenset("合总共累汇小注附备说填制审负统经单")


def _first_texts(cells: Sequence[Cell], count: int = 3) -> list[str]:
    """The first non-blank cells as compact text, or [] when none can start a footer.

    Most rows start with a number or a name; checking a few trigger characters
    first keeps 50,000-row sheets fast.
    """
    firsts = cells[:count]
    if None in firsts:  # most rows fill their first cells
        firsts = [c for c in cells[: count * 4] if c is not None][:count]
    for c in firsts:
        if isinstance(c, str) and not _TRIGGERS.isdisjoint(c[:6]):
            break
    else:
        return []
    return [unicodedata.normalize("NFKC", str(c)).replace(" ", "").strip() for c in firsts]


def _collect_rows(table: Table, rows: Sequence[tuple[int, tuple[Cell, ...]]], matcher) -> None:  # type: ignore[no-untyped-def]
    header_keys = [normalise(h) for h in table.headers]
    first_header = {normalise(h) for h in table.headers[:1]}
    for position, (number, cells) in enumerate(rows):
        firsts = _first_texts(cells)
        if not firsts and not (cells and isinstance(cells[0], str)):
            table.rows.append((number, cells))  # most rows: none of the checks below can hit
            continue
        if _is_word_row(firsts, _SUBTOTAL_WORDS):
            table.ignored_rows.append((number, translate("Import", "subtotal row")))
            continue
        if _is_word_row(firsts, _TOTAL_WORDS):
            _stop(table, number, rows[position + 1 :], translate("Import", "total row"))
            return
        if firsts and _NOTE.match(firsts[0]):
            _stop(table, number, rows[position + 1 :], translate("Import", "notes"))
            return
        if _starts_like(cells, first_header) and _repeats_header(cells, header_keys):
            table.ignored_rows.append((number, translate("Import", "repeated header row")))
            continue
        table.rows.append((number, cells))


def _starts_like(cells: Sequence[Cell], first_header: set[str]) -> bool:
    first = cells[0] if cells else None
    return isinstance(first, str) and normalise(first) in first_header


def _repeats_header(cells: Sequence[Cell], header_keys: Sequence[str]) -> bool:
    """A printed ledger repeats its header on every page."""
    keys = [normalise(header_text(c)) for c in cells]
    return any(keys) and keys == list(header_keys[: len(keys)])


def _is_word_row(firsts: Sequence[str], words: tuple[str, ...]) -> bool:
    """The first cell starts with a total word, or one of the first cells is just that word."""
    if not firsts:
        return False
    if firsts[0].startswith(words):
        return True
    return any(normalise(t) in words for t in firsts)


def _stop(
    table: Table, number: int, after: Sequence[tuple[int, tuple[Cell, ...]]], why: str
) -> None:
    table.ignored_rows.append((number, why))
    message = translate("Import", "The table ends at row {row} ({why}).").format(
        row=number, why=why
    )
    if len(after) == 1:
        message += " " + translate(
            "Import", "The non-blank row below it (row {row}) was not imported."
        ).format(row=after[0][0])
    elif after:
        message += " " + translate(
            "Import", "{count} non-blank rows below it were not imported (rows {first}–{last})."
        ).format(count=len(after), first=after[0][0], last=after[-1][0])
    table.notes.append(message)
