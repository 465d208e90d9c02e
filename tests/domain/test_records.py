"""Whole-row validation from the field descriptions."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from commdesk.domain.catalogues import released
from commdesk.domain.ledgers import FACILITIES, LEDGERS, SERVICES, VOLUNTEERS_LEDGER, WORKERS
from commdesk.domain.records import (
    MEMO_LIMIT,
    RecordValidator,
    Validated,
    _column_checks,
    check_field,
    memo_key,
    validate_record,
)

ID = "11010519491231002X"  # female, born 1949-12-31


def test_every_field_kind_is_understood() -> None:
    for ledger in LEDGERS.values():
        result = validate_record(ledger, {}, released())
        assert set(result.values) == set(ledger.names())


def test_required_fields_and_defaults() -> None:
    result = validate_record(
        SERVICES, {"service_date": "2026.5.1", "category_code": "ylfw"}, released()
    )
    assert result.ok, result.errors
    assert result.values["service_date"] == date(2026, 5, 1)
    assert result.values["category_code"] == "WM01"
    assert result.values["target_group_code"] == "GEN"
    assert result.values["people_served"] == 1
    missing = validate_record(SERVICES, {"target_group_code": None}, released())
    assert {"service_date", "category_code", "target_group_code"} <= set(missing.errors)


def test_id_fills_and_checks_gender_and_birth_date() -> None:
    filled = validate_record(VOLUNTEERS_LEDGER, {"name": "王芳", "id_number": ID}, released())
    assert filled.values["gender"] == "F"
    assert filled.values["birth_date"] == date(1949, 12, 31)
    clash = validate_record(
        VOLUNTEERS_LEDGER,
        {"name": "王芳", "id_number": ID, "gender": "男", "birth_date": "1950-01-01"},
        released(),
    )
    assert clash.ok
    assert {"gender", "birth_date"} <= set(clash.warnings)


def test_end_dates_not_before_start_dates() -> None:
    result = validate_record(
        WORKERS,
        {
            "name": "李",
            "id_number": ID,
            "position_codes": ("GRID",),
            "employed_since": "2020-01-01",
            "left_date": "2019-12-31",
        },
        released(),
    )
    assert "left_date" in result.errors


def test_ambiguous_and_unknown_choice_messages() -> None:
    result = validate_record(FACILITIES, {"name": "x", "type_code": "不知道"}, released())
    assert "type_code" in result.errors
    assert "不知道" in result.errors["type_code"][0]


# --- RecordValidator: validate_record with remembered checks ---------------------

TODAY = date(2026, 1, 1)

# Values that are equal, alike or identical as text but must be checked each on its own.
ALIKE = [
    1, 1.0, True, "1", "１", " 1", 0, 0.0, -0.0, False, "0", "", "  ", None, math.nan,
    2.5, -1, 10**20, "是", " 是", "是 ", "否", "男", "Ｍ", "m", "ylfw", "YLFW", "养老服务",
    date(2024, 2, 29), datetime(2024, 2, 29), datetime(2024, 2, 29, 12, 30),
    datetime(2024, 2, 29, 23, 0, tzinfo=timezone(timedelta(hours=-8))),
    "2024-02-29", "2024/2/29", "20240229", 20240229, 45351, 45351.0, "45351",
    "13800138000", 13800138000, "010-12345678", "110105001001", "x" * 31, "长" * 501,
    "3小时", "3", 3, 2015, "2015", 1800, "\u200b", "a\u200bb", "a\r\nb",
]  # fmt: skip

any_value = st.one_of(
    st.sampled_from(ALIKE),
    st.integers(min_value=-5, max_value=3000),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(min_value=date(1890, 1, 1), max_value=date(2030, 1, 1)),
    st.datetimes(min_value=datetime(1890, 1, 1), max_value=datetime(2030, 1, 1)),
    st.text(max_size=6),
)

# One validator per ledger for the whole test run: the answers it remembers from one
# example must not leak into another.
VALIDATORS = {
    name: RecordValidator(ledger, released(), today=TODAY) for name, ledger in LEDGERS.items()
}


def _exact(result: Validated) -> tuple[Any, ...]:
    """A result compared exactly: type and repr tell 1 from True and -0.0 from 0.0."""
    values = [(k, type(x), repr(x)) for k, x in result.values.items()]
    return values, result.errors, result.warnings


@settings(max_examples=300, deadline=None)
@given(name=st.sampled_from(sorted(LEDGERS)), data=st.data())
def test_record_validator_matches_validate_record(name: str, data: Any) -> None:
    ledger = LEDGERS[name]
    row = {
        f.name: data.draw(any_value, label=f.name)
        for f in ledger.fields
        if f.kind != "volunteers" and data.draw(st.booleans(), label=f"has {f.name}")
    }
    partial = data.draw(st.booleans(), label="partial")
    expected = validate_record(ledger, row, released(), today=TODAY, partial=partial)
    assert _exact(VALIDATORS[name].validate(row, partial=partial)) == _exact(expected)


def test_record_validator_tells_alike_values_apart() -> None:
    validator = RecordValidator(FACILITIES, released(), today=TODAY)
    name, area = FACILITIES.field("name"), FACILITIES.field("floor_area")
    texts = [validator.check(name, value).value for value in (1, True, 1.0, "１", 1.5, "1 ")]
    assert texts == ["1", "True", "1", "１", "1.5", "1"]
    areas = [validator.check(area, value).value for value in (-0.0, 0.0, -0.0)]
    assert [math.copysign(1, a) for a in areas] == [-1, 1, -1]
    at_noon = datetime(2024, 2, 29, 12, 0, tzinfo=UTC)
    closed = FACILITIES.field("closed_on")
    assert validator.check(closed, at_noon).value == date(2024, 2, 29)
    assert validator.check(closed, at_noon.astimezone(timezone(timedelta(hours=13)))).value == (
        date(2024, 3, 1)
    )


def test_record_validator_past_its_memo_limit_still_checks_every_value() -> None:
    validator = RecordValidator(VOLUNTEERS_LEDGER, released(), today=TODAY)
    name = VOLUNTEERS_LEDGER.field("name")
    for number in range(MEMO_LIMIT + 50):
        assert validator.check(name, f" 志愿者{number} ").value == f"志愿者{number}"
    assert validator.check(name, "x" * 31).errors  # a new value after the limit
    assert len(validator._memo["name"]) == MEMO_LIMIT  # bounded, not one entry per row


def test_memo_key() -> None:
    alike = [1, 1.0, True, "1", "１", " 1", date(2020, 1, 1), datetime(2020, 1, 1), None]
    keys = [memo_key(value) for value in alike]
    assert None not in keys and len(set(keys)) == len(alike)

    class Label(str):
        pass

    for unsafe in (0.0, -0.0, math.nan, datetime(2020, 1, 1, tzinfo=UTC), Label("x")):
        assert memo_key(unsafe) is None, unsafe
    assert memo_key([1, 2]) is None


def test_id_birth_date_is_judged_against_the_given_today() -> None:
    first17 = "11010520261130001"
    total = sum(int(d) * pow(2, 17 - i, 11) for i, d in enumerate(first17))
    number = first17 + "10X98765432"[total % 11]
    data = {"name": "王小", "id_number": number}
    before = validate_record(VOLUNTEERS_LEDGER, data, released(), today=date(2026, 11, 29))
    after = validate_record(VOLUNTEERS_LEDGER, data, released(), today=date(2026, 12, 1))
    assert "id_number" in before.errors  # born tomorrow: not yet
    assert after.ok, after.errors
    assert after.values["birth_date"] == date(2026, 11, 30)


NASTY = [
    math.inf, -math.inf, math.nan, 10**400, -(10**400), 1e308, 2**63, "inf", "nan", "1e999",
    "9" * 400, "-" + "9" * 400, "9" * 5000, "9" * 400 + ".5", b"x", [1], {"a": 1}, (1,),
    date.min, date.max, datetime.min, datetime.max, "\x00", "１e９９９",
]  # fmt: skip


def test_no_value_makes_a_field_check_raise() -> None:
    """Infinite, huge or odd values are answered with a message, never an exception."""
    for ledger in LEDGERS.values():
        for f in ledger.fields:
            if f.kind == "volunteers":
                continue
            for value in NASTY:
                checked = check_field(f, value, released(), TODAY)
                if value in (10**400, math.inf, "9" * 400) and f.kind in ("float", "date"):
                    assert checked.errors, (ledger.name, f.name, value)


@settings(max_examples=150, deadline=None)
@given(name=st.sampled_from(sorted(LEDGERS)), data=st.data())
def test_validate_many_matches_validate_row_by_row(name: str, data: Any) -> None:
    """The importer's field-by-field pass gives each row exactly what validate gives it."""
    ledger = LEDGERS[name]
    rows = [
        {
            f.name: data.draw(any_value, label=f.name)
            for f in ledger.fields
            if f.kind != "volunteers" and data.draw(st.booleans(), label=f"has {f.name}")
        }
        for _ in range(data.draw(st.integers(0, 6), label="rows"))
    ]
    batch = RecordValidator(ledger, released(), today=TODAY).validate_many(rows)
    one_by_one = [validate_record(ledger, row, released(), today=TODAY) for row in rows]
    assert [_exact(r) for r in batch] == [_exact(r) for r in one_by_one]


# --- column-wide checks (RecordValidator.validate_many) against check_field -------------

_TEXT_FIELD = VOLUNTEERS_LEDGER.field("name")  # text, at most 30 characters
_MOBILE_FIELD = VOLUNTEERS_LEDGER.field("mobile")
_ID_FIELD = VOLUNTEERS_LEDGER.field("id_number")
_plain = st.sampled_from(["张三", "曾小明", "A B", "x" * 30, "买买提·艾力", "13800138000"])
_odd = st.sampled_from(
    [
        " 张三",
        "张三 ",
        "",
        "  ",
        "x" * 31,
        "a\u200bb",
        "a\nb",
        "１３８００１３８０００",
        "138001380001",
    ]
)
_mobiles = st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True)
# Date fields with each kind of bound: required, not in the future, an earliest day.
_DATE_FIELDS = [
    SERVICES.field("service_date"),
    *map(VOLUNTEERS_LEDGER.field, ("birth_date", "joined_date", "left_date")),
]
_day_cells = st.one_of(
    st.dates(min_value=date(1949, 12, 25), max_value=date(2026, 12, 10)),
    st.sampled_from([date(1899, 12, 31), date(1900, 1, 1), date(1950, 1, 1), date.max]),
    st.sampled_from([None, datetime(2020, 1, 1), "2020-01-01", 43831]),
)
_cells = st.one_of(_plain, _mobiles, st.none(), st.integers(0, 10**12), st.floats(), _odd)


@given(
    field=st.sampled_from([_TEXT_FIELD, _MOBILE_FIELD, _ID_FIELD, *_DATE_FIELDS]),
    raws=st.one_of(
        st.lists(st.dates(min_value=date(1990, 1, 1), max_value=date(2026, 12, 4)), max_size=8),
        st.lists(_day_cells, max_size=8),
        st.lists(_plain, max_size=8),  # columns every value of which passes as is
        st.lists(_mobiles, max_size=8),
        st.lists(_cells, max_size=8),
        st.lists(_plain | _odd, max_size=4),  # texts, some of which a check would change
        st.lists(st.one_of(_mobiles, st.just("13800138000\n13900139000")), max_size=4),
    ),
)
@settings(max_examples=400)
def test_column_checks_give_check_fields_answers(field: Any, raws: list[Any]) -> None:
    today = date(2026, 12, 4)
    column = _column_checks(field, raws, today)
    if column is None:
        return
    checks = [check_field(field, raw, released(), today) for raw in raws]
    assert column[0] == [c.value for c in checks]
    assert [type(a) for a in column[0]] == [type(c.value) for c in checks]
    assert column[1] == [(i, c) for i, c in enumerate(checks) if c.errors or c.warnings]


def _ordered(result: Validated) -> tuple[Any, ...]:
    """A result with the order of its message keys and messages, as well as _exact."""
    return _exact(result), list(result.errors.items()), list(result.warnings.items())


_BIRTH = date(1980, 1, 1)
_DATES = st.sampled_from([None, _BIRTH, date(1979, 12, 31), date(2020, 5, 1), date(2021, 1, 1)])


@settings(max_examples=300, deadline=None)
@given(
    name=st.sampled_from(["volunteer", "worker", "volunteer_team"]),
    data=st.data(),
)
def test_cross_checks_by_column_match_row_by_row(name: str, data: Any) -> None:
    """IDs whose birth date and gender agree with the given ones or not, dates in or out of
    order, platform numbers without the registered tick: every message, in order."""
    ledger = LEDGERS[name]
    ids = [ID, "110105198001010016", "110105198001010024", "11010519800101002X", None, "bad"]
    drawn = {
        "id_number": st.sampled_from(ids),
        "gender": st.sampled_from([None, "男", "女", "M", "F", "?"]),
        "birth_date": _DATES,
        "platform_registered": st.sampled_from([None, True, False, "否"]),
        "platform_number": st.sampled_from([None, "", "P123"]),
    }
    rows = [
        {
            f.name: data.draw(drawn.get(f.name, _DATES if f.kind == "date" else any_value))
            for f in ledger.fields
            if f.kind != "volunteers" and data.draw(st.booleans())
        }
        for _ in range(data.draw(st.integers(0, 6)))
    ]
    batch = RecordValidator(ledger, released(), today=TODAY).validate_many(rows)
    one_by_one = [validate_record(ledger, row, released(), today=TODAY) for row in rows]
    assert [_ordered(r) for r in batch] == [_ordered(r) for r in one_by_one]


def test_agreeing_birth_dates_with_a_gender_that_differs_still_warn() -> None:
    """The whole-column shortcut settles only rows whose birth date and gender both agree."""
    man, woman = "110105198001010016", "110105198001010024"  # born 1980-01-01
    rows = [
        {"name": "甲", "id_number": man, "birth_date": date(1980, 1, 1), "gender": "M"},
        {"name": "乙", "id_number": woman, "birth_date": date(1980, 1, 1), "gender": "M"},
    ]
    batch = RecordValidator(VOLUNTEERS_LEDGER, released(), today=TODAY).validate_many(rows)
    assert not batch[0].warnings
    assert list(batch[1].warnings) == ["gender"]
    agreeing = RecordValidator(VOLUNTEERS_LEDGER, released(), today=TODAY).validate_many(rows[:1])
    assert not agreeing[0].warnings and agreeing[0].values["gender"] == "M"
