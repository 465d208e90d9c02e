"""The import's column-wise fast paths give what the plain ways they replace give."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from commdesk.importing.rows import _SKIP, _row_dicts

values = st.one_of(st.just(_SKIP), st.none(), st.integers(-2, 2), st.text(max_size=3))


@given(
    names=st.lists(st.sampled_from(["name", "mobile", "notes", "id_number"]), max_size=6),
    data=st.data(),
)
def test_row_dicts_equal_the_plain_way(names: list[str], data: Any) -> None:
    count = data.draw(st.integers(0, 8))
    columns = [data.draw(st.lists(values, min_size=count, max_size=count)) for _ in names]
    rows = list(zip(*columns, strict=True)) if names else []
    expected = [{k: v for k, v in zip(names, row, strict=True) if v is not _SKIP} for row in rows]
    got = _row_dicts(names, columns)
    assert got == expected
    assert [list(d) for d in got] == [list(d) for d in expected]  # the same key order
