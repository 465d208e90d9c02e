"""The import's column-wise fast paths give what the plain ways they replace give."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from commdesk.domain.catalogues import released
from commdesk.domain.ledgers import VOLUNTEERS_LEDGER
from commdesk.importing import guards
from commdesk.importing.headers import ColumnMapping
from commdesk.importing.kinds import kind_for
from commdesk.importing.plan import _duplicate_keys, duplicate_key
from commdesk.importing.rows import (
    _FULLWIDTH_ALNUM,
    _FULLWIDTH_CHARS,
    _SKIP,
    RowPipeline,
    RowResult,
    _id_hint,
    _presence,
    _step,
    cached_catalogues,
    halfwidth_alnum,
)
from commdesk.importing.table import _TRIGGERS, _first_texts

values = st.one_of(st.just(_SKIP), st.none(), st.integers(-2, 2), st.text(max_size=3))


@given(
    names=st.lists(st.sampled_from(["name", "mobile", "notes", "id_number"]), unique=True),
    data=st.data(),
)
def test_presence_equals_the_plain_way(names: list[str], data: Any) -> None:
    count = data.draw(st.integers(0, 8))
    columns = [data.draw(st.lists(values, min_size=count, max_size=count)) for _ in names]
    rows = list(zip(*columns, strict=True)) if names else [()] * count
    expected = [
        frozenset(k for k, v in zip(names, row, strict=True) if v is not _SKIP) for row in rows
    ]
    assert _presence(names, columns, count) == expected


def _first_texts_plain(cells: tuple[Any, ...], count: int = 3) -> list[str]:
    """table._first_texts as it was, looking past blank cells every time."""
    firsts = [c for c in cells[: count * 4] if c is not None][:count]
    if not any(isinstance(c, str) and not _TRIGGERS.isdisjoint(c[:6]) for c in firsts):
        return []
    return [unicodedata.normalize("NFKC", str(c)).replace(" ", "").strip() for c in firsts]


footer_cells = st.one_of(
    st.none(),
    st.integers(0, 99),
    st.sampled_from(["合计", "总计：", "张三", "单田芳", "注：", "填表人", "男", "备 注", "ｘ"]),
    st.text(max_size=4),
)


@given(st.lists(footer_cells, max_size=14).map(tuple))
def test_first_texts_equal_the_plain_way(cells: tuple[Any, ...]) -> None:
    assert _first_texts(cells) == _first_texts_plain(cells)


refs = st.builds(
    lambda letters, number, quote: f'<c r="{letters}{number}{quote}>'.encode(),
    st.text(alphabet="ABXYZ", min_size=1, max_size=4),
    st.integers(0, 10**10),
    st.sampled_from(['"', "", '" t="s"']),
)


@given(st.lists(refs, max_size=6).map(b"".join), st.integers(1, 8))
def test_odd_refs_finds_whatever_the_two_passes_would_read(data: bytes, digits: int) -> None:
    longer = re.compile(rb'r="[A-Z]{1,3}(\d{%d,9})"' % (digits + 1))
    if longer.findall(data) or guards._WIDE_REF.search(data):
        assert guards._odd_refs(data, digits)


def test_id_hint_reads_past_trailing_whitespace_and_separators() -> None:
    """An ID Excel turned into a number, then typed back with a space or a dash after it."""
    for tail in (" ", "\u3000", "\t", "-", "＇", "－"):
        assert _id_hint("110105194912310000" + tail) == 110105194912310000
    assert _id_hint("11010519491231000０") == 110105194912310000
    assert _id_hint("110105194912310001") == "110105194912310001"
    assert _id_hint("") == ""


@given(
    kind=st.sampled_from(["volunteers", "workers", "services", "facilities"]),
    ids=st.lists(
        st.one_of(st.none(), st.sampled_from(["11010519491231002X", "x", ""])), max_size=5
    ),
)
def test_duplicate_keys_equal_each_rows_key(kind: str, ids: list[str | None]) -> None:
    k = kind_for(kind)
    rows = [
        RowResult(n, (), {"id_number": i, "name": "张三", "service_date": None})
        for n, i in enumerate(ids)
    ]
    assert _duplicate_keys(k, rows) == [duplicate_key(k, r.values) for r in rows]  # type: ignore[arg-type]


def test_fullwidth_pattern_finds_exactly_the_characters_turned() -> None:
    found = {code for code in range(0x10000) if _FULLWIDTH_CHARS.match(chr(code))}
    assert found == set(_FULLWIDTH_ALNUM)


texts = st.one_of(
    st.none(), st.sampled_from(["张三", " ", "", "ＡＢ１", "李\u3000四"]), st.text(max_size=3)
)


@given(st.lists(texts, max_size=8), st.sampled_from(["name", "notes", "skills"]))
def test_text_columns_are_shaped_as_cell_by_cell(column: list[Any], field: str) -> None:
    f = VOLUNTEERS_LEDGER.field(field)
    expected = [_SKIP if c is None or not c.strip() else halfwidth_alnum(c) for c in column]
    pipeline = RowPipeline(VOLUNTEERS_LEDGER, ColumnMapping([]), cached_catalogues(released()))
    assert pipeline._shape_text_column(f, _step(f), column) == expected
