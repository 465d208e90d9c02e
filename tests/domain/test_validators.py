"""Tests for commdesk.domain.validators."""

from __future__ import annotations

import math
import unicodedata
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.cn import ric

from commdesk.domain import i18n
from commdesk.domain.validators import (
    _INVISIBLE,
    Checked,
    _id_check_digit,
    check_bool,
    check_date,
    check_division_code,
    check_gender,
    check_mobile,
    check_number,
    check_phone,
    check_resident_id,
    check_resident_id_column,
    check_text,
    id_birth_date,
    id_gender,
    mask_id,
    to_halfwidth,
    township_prefix,
)

VALID_ID = "11010519491231002X"
PRECISION_LOST = "lost its last digits"


def with_check_digit(first17: str) -> str:
    """Complete an ID using python-stdnum as an independent oracle."""
    return first17 + ric.calc_check_digit(first17 + "0")


# --- Checked / halfwidth -----------------------------------------------------


def test_checked_ok_ignores_warnings() -> None:
    assert Checked("x", warnings=("careful",)).ok
    assert not Checked(None, errors=("bad",)).ok


def test_to_halfwidth() -> None:
    assert to_halfwidth("１２３ＡＢｃ－（）\u3000！～") == "123ABc-() !~"
    assert to_halfwidth("中文，不变") == "中文,不变"


# --- Resident ID -------------------------------------------------------------


def test_valid_id() -> None:
    result = check_resident_id(VALID_ID)
    assert result.ok
    assert result.value == VALID_ID
    assert result.warnings == ()


def test_changed_check_digit_is_error() -> None:
    result = check_resident_id("110105194912310021")
    assert not result.ok
    assert result.value is None


def test_lowercase_x_accepted_and_stored_upper() -> None:
    assert check_resident_id("11010519491231002x").value == VALID_ID


def test_id_spaces_and_fullwidth_stripped() -> None:
    assert check_resident_id(" １１０１０５ １９４９１２３１ ００２ｘ ").value == VALID_ID
    assert check_resident_id("110105-19491231-002X").value == VALID_ID


def test_fifteen_digit_id_is_upgraded_with_warning() -> None:
    result = check_resident_id("110105491231002")
    assert result.ok
    assert result.value == VALID_ID
    assert len(result.warnings) == 1
    assert VALID_ID in result.warnings[0]


def test_fifteen_digit_number_cell_is_exact_and_upgraded() -> None:
    # Excel keeps 15 significant digits, so a legacy ID in a number cell is intact.
    result = check_resident_id(110105491231002.0)
    assert result.value == VALID_ID
    assert result.warnings


@pytest.mark.parametrize(
    "value",
    [
        1.10105e17,
        110105194912310000.0,
        "1.10105E+17",
        "1.10105e+17",
        "1.10105194912310E+17",
        "１．１０１０５Ｅ＋１７",
        "110105194912310000.0",
        "110105 194912310000.",
    ],
)
def test_number_shaped_ids_are_rejected_as_precision_lost(value: object) -> None:
    result = check_resident_id(value)  # type: ignore[arg-type]
    assert not result.ok
    assert result.value is None
    assert PRECISION_LOST in result.errors[0]


def test_int_with_failing_checksum_is_precision_lost() -> None:
    result = check_resident_id(110105194912310000)
    assert not result.ok
    assert PRECISION_LOST in result.errors[0]


def test_int_with_valid_checksum_is_accepted() -> None:
    number = int(with_check_digit("11010519491231001"))
    assert not str(number).endswith("000")
    assert check_resident_id(number).value == str(number)


def test_unknown_county_is_warning_not_error() -> None:
    # 110199 has a known province but no county in stdnum's table: stdnum itself
    # raises a bare KeyError there rather than a ValidationError.
    id18 = with_check_digit("11019919700101001")
    with pytest.raises(KeyError):
        ric.validate(id18)
    result = check_resident_id(id18)
    assert result.ok
    assert result.value == id18
    assert len(result.warnings) == 1
    assert "110199" in result.warnings[0]


def test_county_outside_stdnum_validity_window_is_warning() -> None:
    # 110228 密云县 is listed as [1982-2015]; stdnum rejects people born before 1982.
    id18 = with_check_digit("11022819700101001")
    assert not ric.is_valid(id18)
    result = check_resident_id(id18)
    assert result.ok
    assert result.warnings


@pytest.mark.parametrize(
    ("first17", "place", "span"),
    [("33010619650101001", "西湖区", "1983"), ("42010219700101001", "江岸区", "1983")],
)
def test_real_district_before_its_table_start_says_so(first17: str, place: str, span: str) -> None:
    # Real districts that stdnum lists only from 1983: the warning names the district,
    # the years the table gives it and the birth year, instead of calling it unknown.
    result = check_resident_id(with_check_digit(first17))
    assert result.ok
    (warning,) = result.warnings
    assert place in warning and span in warning and first17[6:10] in warning
    assert "not in the built-in county table" not in warning


def test_real_district_in_its_years_has_no_warning() -> None:
    assert check_resident_id(with_check_digit("33010619900101001")).warnings == ()


def test_unknown_province_area_is_warning() -> None:
    id18 = with_check_digit("99999919700101001")
    result = check_resident_id(id18)
    assert result.ok and result.warnings


@pytest.mark.parametrize(
    "first17",
    [
        "11010519700230001",  # 30 February
        "11010519701301001",  # month 13
        "11010518991231001",  # before 1900
        "11010520990101001",  # future
    ],
)
def test_bad_birth_dates_are_errors(first17: str) -> None:
    result = check_resident_id(with_check_digit(first17), today=date(2026, 1, 1))
    assert not result.ok
    assert result.value is None


def test_birth_date_today_is_accepted() -> None:
    id18 = with_check_digit("11010520260101001")
    assert check_resident_id(id18, today=date(2026, 1, 1)).ok
    assert not check_resident_id(id18, today=date(2025, 12, 31)).ok


@pytest.mark.parametrize(
    "value", ["1101051949123100", "11010519491231002Y", "X1010519491231002X", "abc", True, -1, 12.5]
)
def test_malformed_ids_are_errors(value: object) -> None:
    result = check_resident_id(value)  # type: ignore[arg-type]
    assert not result.ok
    assert result.errors[0]


def test_empty_id() -> None:
    assert check_resident_id(None) == Checked(None)
    assert check_resident_id("   ") == Checked(None)
    assert check_resident_id(math.nan) == Checked(None)
    required = check_resident_id("", required=True)
    assert required.value is None and not required.ok


def test_id_birth_date_and_gender() -> None:
    assert id_birth_date(VALID_ID) == date(1949, 12, 31)
    assert id_gender(VALID_ID) == "F"  # 17th digit 2
    male = with_check_digit("11010519491231001")
    assert id_gender(male) == "M"
    assert id_birth_date("110105491231002") == date(1949, 12, 31)
    assert id_birth_date("110105194902301234") is None
    assert id_birth_date("short") is None
    assert id_gender("short") is None


def test_mask_id() -> None:
    assert mask_id(VALID_ID) == "110105********002X"
    assert mask_id("110105491231002") == "110105******002"
    assert mask_id("1234567") == "12***67"
    assert mask_id("abc") == "***"
    assert mask_id(None) == ""
    assert mask_id("") == ""


@given(
    area=st.sampled_from(["110105", "310104", "440305", "510107", "110199", "999999"]),
    birth=st.dates(min_value=date(1900, 1, 1), max_value=date(2025, 12, 31)),
    sequence=st.integers(min_value=0, max_value=999),
    lower=st.booleans(),
)
def test_any_well_formed_id_round_trips(area: str, birth: date, sequence: int, lower: bool) -> None:
    id18 = with_check_digit(f"{area}{birth:%Y%m%d}{sequence:03d}")
    result = check_resident_id(id18.lower() if lower else id18, today=date(2026, 1, 1))
    assert result.ok, result.errors
    assert result.value == id18
    assert id_birth_date(id18) == birth
    assert id_gender(id18) == ("M" if sequence % 2 else "F")


@given(st.one_of(st.text(), st.integers(), st.floats()))
def test_check_resident_id_never_raises(value: object) -> None:
    assert isinstance(check_resident_id(value), Checked)  # type: ignore[arg-type]


# Well-formed IDs (valid, or one character off), from areas python-stdnum knows for
# some years only (330106 from 1983), not at all (999999) or always.
ids = st.builds(
    lambda area, birth, seq, off, x: (
        lambda id18: id18 if not off else id18[:17] + str((int(id18[17], 36) + off) % 10)
    )(with_check_digit(f"{area}{birth:%Y%m%d}{seq:03d}")).replace("X", "x" if x else "X"),
    st.sampled_from(["110105", "330106", "440305", "999999", "000000"]),
    st.dates(min_value=date(1890, 1, 1), max_value=date(2030, 12, 31)),
    st.integers(0, 999),
    st.sampled_from([0, 0, 0, 1]),
    st.booleans(),
)
id_cells = st.one_of(
    ids,
    ids.map(lambda id18: id18[:6] + "99" + id18[8:]),  # a month 99 or so: no real date
    st.sampled_from(
        [VALID_ID, "110105491231002", "", "  ", "１１０１０５１９４９１２３１００２Ｘ"]
    ),
    st.integers(0, 10**19),
    st.floats(),
    st.none(),
    st.booleans(),
    st.text(alphabet="0123456789Xx -", max_size=20),
)


@given(
    values=st.lists(id_cells, max_size=20),
    required=st.booleans(),
    today=st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 1, 1)),
)
def test_a_column_of_ids_is_checked_as_each_id(
    values: list[object], required: bool, today: date
) -> None:
    checks = [check_resident_id(v, required=required, today=today) for v in values]  # type: ignore[arg-type]
    got = check_resident_id_column(values, required=required, today=today)
    assert got[0] == [c.value for c in checks]
    assert got[1] == [(i, c) for i, c in enumerate(checks) if c.errors or c.warnings]


# --- Phones --------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "13800138000",
        "138 0013 8000",
        "138-0013-8000",
        "+86 138 0013 8000",
        "0086-13800138000",
        "８６１３８００１３８０００",
        "１３８００１３８０００",
        13800138000,
        13800138000.0,
    ],
)
def test_good_mobiles(value: object) -> None:
    result = check_mobile(value)  # type: ignore[arg-type]
    assert result.ok
    assert result.value == "13800138000"


@pytest.mark.parametrize(
    "value", ["12800138000", "1380013800", "138001380001", "010-12345678", "abc", True, 1.5]
)
def test_bad_mobiles(value: object) -> None:
    assert not check_mobile(value).ok  # type: ignore[arg-type]


def test_empty_mobile() -> None:
    assert check_mobile("") == Checked(None)
    assert not check_mobile(None, required=True).ok


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("13912345678", "13912345678"),
        ("010-12345678", "010-12345678"),
        ("01012345678", "010-12345678"),
        ("(010)12345678", "010-12345678"),
        ("（０１０）１２３４５６７８", "010-12345678"),
        ("010 1234 5678", "010-12345678"),
        ("0755-8888666", "0755-8888666"),
        ("075588886666", "0755-88886666"),
        ("020-12345678-123", "020-12345678-123"),
        ("0571-88886666转123", "0571-88886666-123"),
        ("+86 10 12345678", "010-12345678"),
        (1012345678, "010-12345678"),  # a number cell dropped the leading 0
    ],
)
def test_good_phones(value: object, expected: str) -> None:
    result = check_phone(value)  # type: ignore[arg-type]
    assert result.ok, result.errors
    assert result.value == expected


@pytest.mark.parametrize(
    "value", ["12345678", "010-123456", "0101-2345678", "0755-123456789", "phone", "110"]
)
def test_bad_phones(value: str) -> None:
    result = check_phone(value)
    assert not result.ok
    assert result.value is None


# --- Division codes ------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ["110105001001", " 110105 001 001 ", "１１０１０５００１００１", 110105001001, "820000000000"],
)
def test_good_division_codes(value: object) -> None:
    assert check_division_code(value).ok  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "value", ["11010500100", "1101050010011", "11010500100a", "990105001001", "100105001001", 1.5]
)
def test_bad_division_codes(value: object) -> None:
    assert not check_division_code(value).ok  # type: ignore[arg-type]


def test_division_code_required_by_default() -> None:
    assert not check_division_code("").ok
    assert check_division_code("", required=False) == Checked(None)


def test_township_prefix() -> None:
    assert township_prefix("110105001001") == "110105001"


# --- Dates -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "2023-05-01",
        "2023-5-1",
        "2023/5/1",
        "2023.5.1",
        "2023.05.01",
        "2023年5月1日",
        "2023年05月01日",
        "2023年5月1号",
        "20230501",
        "２０２３－０５－０１",
        "２０２３年５月１日",
        " 2023-05-01 00:00:00 ",
        "45047",
        45047,
        45047.75,
        date(2023, 5, 1),
        datetime(2023, 5, 1, 14, 30),
    ],
)
def test_date_forms(value: object) -> None:
    result = check_date(value)  # type: ignore[arg-type]
    assert result.ok, result.errors
    assert result.value == date(2023, 5, 1)
    assert type(result.value) is date


@pytest.mark.parametrize(
    ("serial", "expected"),
    [
        (1, date(1900, 1, 1)),
        (59, date(1900, 2, 28)),
        (61, date(1900, 3, 1)),
        (2958465, date(9999, 12, 31)),
    ],
)
def test_excel_serial_boundaries(serial: int, expected: date) -> None:
    assert check_date(serial).value == expected


@pytest.mark.parametrize(
    "value", [0, 60, 2958466, -5, "2023-02-30", "2023-13-01", "5/1/2023", "yesterday", True, 2023]
)
def test_bad_dates(value: object) -> None:
    result = check_date(value)  # type: ignore[arg-type]
    assert not result.ok
    assert result.value is None


def test_future_date_rejected_only_when_asked() -> None:
    today = date(2026, 3, 1)
    assert check_date("2026-03-02", today=today).ok
    result = check_date("2026-03-02", not_future=True, today=today)
    assert not result.ok
    assert "2026-03-02" in result.errors[0]
    assert check_date("2026-03-01", not_future=True, today=today).ok


def test_future_date_uses_real_today_by_default() -> None:
    tomorrow = date.today() + timedelta(days=1)
    assert not check_date(tomorrow, not_future=True).ok


def test_earliest_date() -> None:
    assert not check_date("1899-12-31").ok
    assert not check_date("2010-01-01", earliest=date(2015, 1, 1)).ok
    assert check_date("2015-01-01", earliest=date(2015, 1, 1)).ok


def test_empty_date() -> None:
    assert check_date("  ") == Checked(None)
    assert check_date(math.nan) == Checked(None)
    assert not check_date(None, required=True).ok


# --- Numbers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "units", "expected"),
    [
        ("3小时", ("小时",), 3.0),
        ("2.5 小时", ("小时",), 2.5),
        ("12人", ("人", "人次"), 12.0),
        ("12人次", ("人", "人次"), 12.0),
        ("１２", (), 12.0),
        ("1,234.5", (), 1234.5),
        ("１，２３４", (), 1234.0),
        (" 7 ", (), 7.0),
        (".5", (), 0.5),
        (3, (), 3.0),
        (2.25, (), 2.25),
        ("2 H", ("h",), 2.0),
    ],
)
def test_numbers(value: object, units: tuple[str, ...], expected: float) -> None:
    result = check_number(value, units=units)  # type: ignore[arg-type]
    assert result.ok, result.errors
    assert result.value == expected
    assert isinstance(result.value, float)


def test_integer_numbers_are_ints() -> None:
    assert check_number("12人", integer=True, units=("人",)).value == 12
    assert type(check_number(12.0, integer=True).value) is int
    assert type(check_number("3.0", integer=True).value) is int
    assert not check_number("3.5", integer=True).ok
    assert not check_number(3.5, integer=True).ok


@pytest.mark.parametrize(
    "value",
    ["-1", -1, -0.5, "abc", "3小时", "1,23", "1e5", "1_000", "nan", "inf", math.nan, math.inf],
)
def test_bad_numbers(value: object) -> None:
    result = check_number(value)  # type: ignore[arg-type]
    assert not result.ok
    assert result.value is None


def test_bool_is_not_a_number() -> None:
    assert not check_number(True).ok
    assert not check_number(False).ok


def test_number_limits() -> None:
    assert check_number("-3", minimum=None).value == -3.0
    assert not check_number("5", minimum=10).ok
    assert not check_number("101", maximum=100).ok
    assert check_number("100", maximum=100).ok


def test_empty_number() -> None:
    assert check_number("") == Checked(None)
    assert not check_number(None, required=True).ok


@given(st.text())
def test_check_number_never_raises_on_text(text: str) -> None:
    result = check_number(text, units=("小时", "人"), integer=False)
    assert isinstance(result, Checked)
    result = check_number(text, integer=True)
    assert result.value is None or isinstance(result.value, int)


def test_check_number_huge_digit_string_does_not_raise() -> None:
    # Python refuses int() on text longer than 4300 digits.
    assert isinstance(check_number("9" * 5000, integer=True), Checked)
    assert not check_number("9" * 400 + ".5").ok  # float overflow -> inf


# --- Text, bool, gender ----------------------------------------------------------


def test_text_cleaning() -> None:
    assert check_text("  居民\x00活动\x07室 ").value == "居民活动室"
    assert check_text("第一行\r\n第二行\t末").value == "第一行\n第二行\t末"
    assert check_text("\ufeff名称\u200b").value == "名称"
    assert check_text(12.0).value == "12"
    assert check_text("　") == Checked(None)
    assert not check_text(None, required=True).ok


def test_text_too_long() -> None:
    result = check_text("长" * 11, max_length=10)
    assert not result.ok
    assert "10" in result.errors[0]
    assert check_text("长" * 10, max_length=10).ok


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (True, True),
        (False, False),
        (1, True),
        (0, False),
        ("是", True),
        ("否", False),
        ("有", True),
        ("无", False),
        ("√", True),
        ("×", False),
        ("✓", True),
        ("✗", False),
        ("Y", True),
        ("n", False),
        ("Yes", True),
        ("NO", False),
        ("TRUE", True),
        ("false", False),
        ("１", True),
    ],
)
def test_bool_words(value: object, expected: bool) -> None:
    assert check_bool(value) == Checked(expected)  # type: ignore[arg-type]


def test_bool_empty_and_bad() -> None:
    assert check_bool(None) == Checked(None)
    assert check_bool(" ") == Checked(None)
    assert not check_bool("maybe").ok
    assert not check_bool(2).ok


@pytest.mark.parametrize(
    ("value", "expected"),
    [("男", "M"), ("女", "F"), ("M", "M"), ("f", "F"), ("Male", "M"), ("female", "F"), ("Ｍ", "M")],
)
def test_gender(value: str, expected: str) -> None:
    assert check_gender(value).value == expected


def test_gender_empty_and_bad() -> None:
    assert check_gender("") == Checked(None)
    assert not check_gender("x").ok


# --- Translation hook ------------------------------------------------------------


def test_messages_are_translated_before_formatting() -> None:
    seen: list[tuple[str, str]] = []

    def fake(context: str, text: str) -> str:
        seen.append((context, text))
        return "T:" + text

    i18n.install(fake, "en")
    try:
        result = check_division_code("990105001001")
    finally:
        i18n.install(None, "zh_CN")
    assert result.errors == ("T:The first two digits (99) are not a province code.",)
    assert seen == [("Validators", "The first two digits ({province}) are not a province code.")]


# --- Shortcuts: the same answers as the full rules ----------------------------------


def test_halfwidth_never_changes_whether_a_character_is_whitespace() -> None:
    """Why blank checks may strip the text without making it half-width first."""
    changed = [c for c in map(chr, range(0x110000)) if to_halfwidth(c).isspace() != c.isspace()]
    assert changed == []


def _full_text_rule(value: str) -> str:
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(
        c for c in text if c in "\n\t" or (unicodedata.category(c) != "Cc" and c not in _INVISIBLE)
    ).strip()


@given(st.text(max_size=12))
def test_text_shortcut_for_printable_text(text: str) -> None:
    result = check_text(text, max_length=1000)
    expected = _full_text_rule(text)
    assert result.value == (expected or None)


@given(st.from_regex(r"\A\d{17}\Z"))
def test_check_digit_of_any_digits(first17: str) -> None:
    """Digits of any script count by their value, as int() reads them; ASCII agrees with stdnum."""
    ascii_digits = "".join(str(int(d)) for d in first17)
    assert _id_check_digit(first17) == _id_check_digit(ascii_digits)
    assert _id_check_digit(ascii_digits) == ric.calc_check_digit(ascii_digits + "0")
