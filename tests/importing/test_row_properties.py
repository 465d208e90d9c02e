"""Random cell values of every type through the row pipeline: never an unhandled exception;
every row is either accepted with values the domain accepts again, or rejected with reasons."""

from __future__ import annotations

import math
import re
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from commdesk.domain.catalogues import released
from commdesk.domain.records import validate_record
from commdesk.domain.validators import check_resident_id, to_halfwidth
from commdesk.importing.headers import ColumnMapping
from commdesk.importing.kinds import KINDS
from commdesk.importing.rows import Lookups, RowPipeline, RowResult, _id_hint, cached_catalogues

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
            # Date cells just outside a field's bounds (before 1900, 1950 or 2020; in
            # the future), which the column-wise pass must not let through.
            st.sampled_from(
                [date(1899, 12, 31), date(1949, 12, 31), date(2019, 12, 31), date(2099, 1, 1)]
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


def _pipeline(kind: str, fields: list[str] | None = None) -> RowPipeline:
    """A pipeline with a column for each of ``fields`` (default: every field)."""
    ledger = KINDS[kind].ledger
    fields = [f.name for f in ledger.fields] if fields is None else fields
    mapping = ColumnMapping(headers=list(fields), fields=dict(enumerate(fields)))
    lookups = Lookups(teams={"党员先锋队": 1}, volunteers={"张三": [1], "李四": [2, 3]})
    return RowPipeline(ledger, mapping, CATALOGUES, lookups, today=date(2026, 1, 1))


PIPELINES = {kind: _pipeline(kind) for kind in KINDS}
# Batches against row by row: slow examples, and a fresh pipeline per example by design.
_BATCHES = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


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


# Cells that are equal, alike or identical as text, for the per-column caches.
ALIKE = [
    1, 1.0, True, "1", "１", " 1", 0, 0.0, -0.0, False, "0", 2.5, "2.5", "是", " 是", "Ｙ",
    "y", "男", "男 ", date(2024, 2, 29), datetime(2024, 2, 29), datetime(2024, 2, 29, 9, 30),
    "2024-02-29", 20240229, 20240229.0, "20240229", 45351, 45351.0, "党员先锋队",
    " 党员先锋队", "党员先锋队 ", "ｘ队", "x队", 7, 7.0, "7", "7.0", -0.0, "-0.0", "0",
    timedelta(hours=3), "3小时",
]  # fmt: skip
SHARED = {kind: _pipeline(kind) for kind in KINDS}  # warm caches, across all examples


def _value_or_alike(field: Any) -> st.SearchStrategy[Any]:
    alike = st.sampled_from(ALIKE)
    return st.integers(0, 9).flatmap(lambda n: alike if n == 0 else _value(field))


def _exact(result: RowResult | None) -> Any:
    """Everything about a row result, with values compared by type and repr."""
    if result is None:
        return None
    values = (
        None
        if result.values is None
        else sorted((k, type(x), repr(x)) for k, x in result.values.items())
    )
    return (
        result.row_number, result.cells, values, result.present,
        result.errors, result.warnings, result.new_team,
    )  # fmt: skip


@pytest.mark.parametrize("kind", sorted(KINDS))
@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_cached_answers_match_a_fresh_pipeline(kind: str, data: Any) -> None:
    """A pipeline that has seen many rows answers each row as a new one would."""
    shared = SHARED[kind]
    # Mostly valid rows (a rejected row hides its team and values), with alike cells.
    row = st.tuples(*(_value_or_alike(f) for _, f in shared.columns))
    rows = data.draw(st.lists(row, min_size=1, max_size=8), label="rows")
    for row in rows:
        assert _exact(shared.process(3, row)) == _exact(_pipeline(kind).process(3, row))


@pytest.mark.parametrize("kind", sorted(KINDS))
@_BATCHES
@given(data=st.data())
def test_process_many_matches_process_row_by_row(kind: str, data: Any) -> None:
    """The column-wise pass (what a file import uses) answers each row as process() does,
    rows of any width, blank rows and formula cells included."""
    width = len(SHARED[kind].columns)
    row = st.one_of(
        st.tuples(*(_value_or_alike(f) for _, f in SHARED[kind].columns)),
        st.lists(cells, min_size=0, max_size=width + 2),
    )
    rows = [(n + 2, tuple(r)) for n, r in enumerate(data.draw(st.lists(row, max_size=6)))]
    formulas = {
        number: frozenset(cols)
        for number, cols in data.draw(
            st.dictionaries(
                st.sampled_from([n for n, _ in rows] or [0]),
                st.frozensets(st.integers(0, width), min_size=1, max_size=2),
                max_size=2,
            ),
            label="formulas",
        ).items()
    }
    batch = _pipeline(kind).process_many(rows, formulas)
    single = _pipeline(kind)
    expected = [single.process(n, r, formulas.get(n, frozenset())) for n, r in rows]
    assert [_exact(r) for r in batch] == [_exact(r) for r in expected]


@pytest.mark.parametrize("kind", sorted(KINDS))
@_BATCHES
@given(data=st.data())
def test_process_many_matches_process_for_rows_a_clerk_types(kind: str, data: Any) -> None:
    """Valid values and blanks only, no formulas: most rows are accepted (new teams,
    warnings, defaults), which is what the column-wise pass must get exactly right."""
    ledger = KINDS[kind].ledger
    # Some fields have no column: their defaults go in (状态 在册, 是否注册 否).
    needed = [f for f in ledger.fields if f.required and f.default is None]
    mapped = needed + data.draw(
        st.lists(st.sampled_from([f for f in ledger.fields if f not in needed]), unique=True)
    )
    row = st.tuples(
        *(
            st.integers(0, 4).flatmap(lambda n, f=f: st.none() if n == 0 else _valid(f))
            for f in mapped
        )
    )
    rows = [(n + 2, r) for n, r in enumerate(data.draw(st.lists(row, max_size=6)))]
    batch = _pipeline(kind, [f.name for f in mapped]).process_many(rows)
    single = _pipeline(kind, [f.name for f in mapped])
    expected = [single.process(n, r) for n, r in rows]
    event(f"accepted {sum(1 for r in expected if r is not None and r.ok)}")
    assert [_exact(r) for r in batch] == [_exact(r) for r in expected]


def test_alike_team_cells_resolve_apart() -> None:
    """7.0 names team "7" but the text "7.0" team "7.0": a cache must keep them apart."""
    shared = _pipeline("volunteers")
    columns = {f.name: col for col, f in shared.columns}
    row: list[Any] = [None] * len(shared.columns)
    row[columns["name"]], row[columns["id_number"]] = "张三", VALID_IDS[0]
    teams = []
    for cell in (7.0, "7.0", 7, "7", True, "TRUE", -0.0, "-0.0", " 党员先锋队", "党员先锋队"):
        row[columns["team_id"]] = cell
        result = shared.process(3, row)
        assert _exact(result) == _exact(_pipeline("volunteers").process(3, row)), cell
        assert result is not None and result.ok
        teams.append(result.new_team or (result.values and result.values["team_id"]))
    assert teams == ["7", "7.0", "7", "7", "TRUE", "TRUE", "0", "-0.0", 1, 1]


_ID_DIGIT = st.sampled_from("0123456789０１２３４５６７８９")
_ID_SEPARATORS = st.text(alphabet=" '＇-－\u3000\t.", max_size=2)


@given(
    digits=st.lists(_ID_DIGIT, min_size=15, max_size=15),
    tail=st.lists(st.sampled_from("0０0０1"), min_size=3, max_size=3),
    separators=st.lists(_ID_SEPARATORS, min_size=18, max_size=18),
    text=st.text(alphabet="0０19X '＇-－\u3000\t.e", max_size=24),
)
def test_id_hint_shortcut_matches_the_full_rule(
    digits: list[str], tail: list[str], separators: list[str], text: str
) -> None:
    """_id_hint skips the compact form unless the text ends in three zeros; same answers."""

    def full_rule(value: str) -> str | int:
        compact = re.sub(r"[\s'\-]", "", to_halfwidth(value))
        if (
            re.fullmatch(r"\d{18}", compact)
            and compact.endswith("000")
            and not check_resident_id(compact).ok
        ):
            return int(compact)
        return value

    spaced = "".join(c + s for c, s in zip(digits + tail, separators, strict=True))
    for value in (spaced, text, "".join(digits + tail)):
        assert _id_hint(value) == full_rule(value)
