"""Random cell values of every type through the row pipeline: never an unhandled exception;
every row is either accepted with values the domain accepts again, or rejected with reasons."""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from commdesk.domain.catalogues import released
from commdesk.domain.records import validate_record
from commdesk.importing.headers import ColumnMapping
from commdesk.importing.kinds import KINDS
from commdesk.importing.rows import Lookups, RowPipeline, cached_catalogues

PLAUSIBLE = [
    "110105198001010016", "11010519491231002X", "１１０１０５１９９００５０６０１３８",
    "4.20102E+17", "110105199001011000", "13800138000", "+86 139 0013 9000", "2023-05-01",
    "2023/5/1", "2023.5.1", "2023年5月1日", "20230501", "男", "女", "M", "F", "是", "否",
    "有", "无", "√", "×", "Y", "N", "养老服务", "ylfw", "志愿服务", "老年人", "老人", "窗口",
    "上门", "3小时", "12人", "在册", "中共党员", "qz", "书记", "大专", "社会工作师",
    "综合服务设施", "120平方米", "2015", "张三、李四", "党员先锋队", "  ", "合计", "=1+1",
    "ＡＢＣ", "\x00\x07控制", "\u200b",
]  # fmt: skip

cells = st.one_of(
    st.none(),
    st.sampled_from(PLAUSIBLE),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(min_value=1e14, max_value=1e19),
    st.booleans(),
    st.dates(min_value=date(1800, 1, 1), max_value=date(2200, 1, 1)),
    st.datetimes(min_value=datetime(1800, 1, 1), max_value=datetime(2200, 1, 1)),
    st.times(),
    st.timedeltas(min_value=timedelta(days=-5), max_value=timedelta(days=5)),
    st.text(max_size=40),
    st.text(alphabet=st.characters(min_codepoint=0xFF01, max_codepoint=0xFF5E), max_size=20),
    st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zs"]), max_size=10),
    st.builds(lambda n: "长" * n, st.integers(min_value=0, max_value=2000)),
)

CATALOGUES = cached_catalogues(released())
VALID_IDS = ["110105198001010016", "11010519491231002X", "110105199005060138", "110108197211110554"]


def _valid(field: Any) -> st.SearchStrategy[Any]:
    """Values a clerk would type for this field, so that many rows are accepted."""
    kind = field.kind
    if kind == "id_number":
        return st.sampled_from(
            [*VALID_IDS, "１１０１０５１９８００１０１００１６", "110105 19800101 0016"]
        )
    if kind in ("mobile", "phone"):
        return st.sampled_from(
            ["13800138000", "１３９００１３９０００", 13700137000.0, "+86 158 0015 8000"]
        )
    if kind == "date":
        return st.one_of(
            st.dates(min_value=date(2001, 1, 1), max_value=date(2025, 12, 31)),
            st.sampled_from(
                ["2023-05-01", "2023/5/1", "2023.5.1", "2023年5月1日", "20230501", 45047]
            ),
        )
    if kind in ("int", "float"):
        return st.one_of(st.integers(0, 100), st.sampled_from(["3小时", "12人", "1.5", "２"]))
    if kind == "year":
        return st.integers(1950, 2025)
    if kind == "bool":
        return st.sampled_from(["是", "否", "有", "无", "√", "×", "Y", "N", True, 0])
    if kind == "gender":
        return st.sampled_from(["男", "女", "M", "F"])
    if kind == "choice":
        items = list(CATALOGUES[field.catalogue])
        labels = (
            [i.zh for i in items] + [s for i in items for s in i.synonyms] + [i.code for i in items]
        )
        return st.sampled_from(labels)
    if kind == "team":
        return st.sampled_from(["党员先锋队", "新队"])
    if kind == "volunteers":
        return st.sampled_from(["张三、李四", "张三", "王五 张三"])
    return st.text(min_size=1, max_size=12)


def _value(field: Any) -> st.SearchStrategy[Any]:
    """Mostly a valid value; sometimes blank; now and then anything at all."""
    valid = _valid(field)
    return st.integers(0, 19).flatmap(lambda n: cells if n == 0 else st.none() if n == 1 else valid)


def _pipeline(kind: str) -> RowPipeline:
    ledger = KINDS[kind].ledger
    fields = [f.name for f in ledger.fields]
    mapping = ColumnMapping(headers=list(fields), fields=dict(enumerate(fields)))
    lookups = Lookups(teams={"党员先锋队": 1}, volunteers={"张三": [1], "李四": [2, 3]})
    return RowPipeline(ledger, mapping, CATALOGUES, lookups, today=date(2026, 1, 1))


PIPELINES = {kind: _pipeline(kind) for kind in KINDS}


def _finite(values: dict[str, Any]) -> bool:
    return all(not (isinstance(v, float) and not math.isfinite(v)) for v in values.values())


@pytest.mark.parametrize("kind", sorted(KINDS))
@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_random_rows(kind: str, data: Any) -> None:
    pipeline = PIPELINES[kind]
    width = len(pipeline.columns)
    if data.draw(st.booleans(), label="mostly valid"):
        row = [data.draw(_value(f), label=f.name) for _, f in pipeline.columns]
    else:
        row = data.draw(st.lists(cells, min_size=0, max_size=width + 2), label="row")
    formula_columns = data.draw(st.frozensets(st.integers(0, width), max_size=1), label="formulas")
    result = pipeline.process(7, row, formula_columns)
    if result is None:
        return
    event("accepted" if result.ok else "rejected")
    assert result.row_number == 7
    if result.ok:
        assert result.values is not None and not result.errors
        assert _finite(result.values)
        again = validate_record(pipeline.ledger, result.values, CATALOGUES, today=date(2026, 1, 1))
        assert again.ok, again.errors
        assert again.values == result.values
    else:
        assert result.errors and all(isinstance(e, str) and e.strip() for e in result.errors)
