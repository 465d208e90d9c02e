"""The bulk import's search texts, built column by column, equal each row's own."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commdesk.store.services.base import LedgerService
from commdesk.store.services.facilities import facilities
from commdesk.store.services.service_records import service_records
from commdesk.store.services.volunteers import teams, volunteers
from commdesk.store.services.workers import workers

SERVICES = [volunteers, teams, workers, facilities, service_records]
TEXTS = [
    "张三",
    "曾小明",
    "单田芳",
    "欧阳旭",
    "和平社区志愿服务队",
    "Tom LEE",
    "!!!",
    " ",
    "",
    "ＡＢ",
]
values = st.one_of(st.none(), st.sampled_from(TEXTS), st.text(max_size=6), st.integers(-3, 3))


@pytest.mark.parametrize("service", SERVICES, ids=lambda s: s.ledger.name)
@given(data=st.data())
@settings(max_examples=100, deadline=None)
def test_column_search_texts_equal_row_by_row(service: LedgerService, data: Any) -> None:
    fields = [*service.pinyin_fields, *service.text_fields]
    rows = data.draw(
        st.lists(st.fixed_dictionaries({name: values for name in fields}), max_size=12)
    )
    rows = [{name: row.get(name) for name in service.columns} | row for row in rows]
    columns = service._column_lists(rows)
    assert columns["search_text"] == [service.search_text(row) for row in rows]
