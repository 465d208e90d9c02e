"""Field validators shared by the forms and the Excel importer.

Every checker takes what a clerk typed (or what a spreadsheet cell held) and
returns a :class:`Checked`: the normalised value plus error and warning
messages ready to show. Checkers never raise on bad input, so an import can
collect all problems of a sheet in one pass instead of stopping at the first.

No Qt and no SQL here: messages go through :func:`commdesk.domain.i18n.translate`.
"""

from __future__ import annotations

import math
import operator
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any, Generic, TypeVar

from commdesk.domain.i18n import translate

T = TypeVar("T")


@dataclass(frozen=True)
class Checked(Generic[T]):
    """Outcome of one check: ``value`` is None when empty or when there are errors."""

    value: T | None
    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """True when the value may be saved (warnings do not block)."""
        return not self.errors


def _error(message: str) -> Checked:
    return Checked(None, errors=(message,))


def _empty(required: bool) -> Checked:
    """Result for a blank field: fine unless the field is mandatory."""
    if required:
        return _error(translate("Validators", "This field is required."))
    return Checked(None)


# ---------------------------------------------------------------------------
# Text normalisation

_HALFWIDTH_TABLE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_HALFWIDTH_TABLE[0x3000] = 0x20


def to_halfwidth(text: str) -> str:
    """Turn full-width ASCII (typed with a Chinese IME) into plain ASCII."""
    if text.isascii():
        return text  # nothing to turn (and isascii costs nothing, unlike translate)
    return text.translate(_HALFWIDTH_TABLE)


def _is_blank(value: object) -> bool:
    """None, empty/whitespace text and NaN (pandas' empty cell) count as blank.

    Full-width text needs no conversion first: :func:`to_halfwidth` turns
    whitespace (U+3000) into whitespace and everything else into non-whitespace.
    """
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def _integral_text(value: int | float) -> str | None:
    """Digits of a whole number read from a cell (phones, codes); None otherwise."""
    if isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer():
            return None
        value = int(value)
    if value < 0:
        return None
    return str(value)


# ---------------------------------------------------------------------------
# Resident identity card numbers (居民身份证号码)

_SCI_NOTATION = re.compile(r"^[+-]?\d+(\.\d*)?[eE][+-]?\d+$")
_DECIMAL_FORM = re.compile(r"^\d+\.\d*$")
_ID18 = re.compile(r"^\d{17}[\dX]$")
_ID15 = re.compile(r"^\d{15}$")


_EARLIEST_BIRTH = date(1900, 1, 1)
_ID_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))
_ZERO_TOTAL = sum(ord("0") * w for w in _ID_WEIGHTS)
# ISO 7064 MOD 11-2 check character by weighted sum modulo 11.
_CHECK_CHARS = "10X98765432"


def _id_check_digit(first17: str) -> str:
    """ISO 7064 MOD 11-2 check digit, as printed on the card."""
    if len(first17) == 17 and first17.isascii() and first17.isdigit():
        # ASCII digits weighted through their byte values: a third of the cost of int().
        total = sum(map(operator.mul, first17.encode(), _ID_WEIGHTS)) - _ZERO_TOTAL
    else:
        total = sum(map(operator.mul, map(int, first17), _ID_WEIGHTS))
    return _CHECK_CHARS[total % 11]


def _precision_lost() -> Checked[str]:
    return _error(
        translate(
            "Validators",
            "This ID number was stored as a number in Excel and has lost its last digits. "
            "Format the column as Text and type the number again.",
        )
    )


def _id_from_number(value: int | float) -> tuple[str | None, Checked[str] | None]:
    """Digits of an ID that arrived as a number, or the error to report.

    Excel keeps 15 significant digits: a 15-digit legacy number survives
    intact, an 18-digit one has always lost its tail (float) or is suspect
    (an int ending in 000, or one whose check digit fails).
    """
    if value < 0 or (isinstance(value, float) and not math.isfinite(value)):
        return None, _error(translate("Validators", "This is not a valid ID number."))
    if isinstance(value, float):
        if value.is_integer() and len(str(int(value))) == 15:
            return str(int(value)), None
        if abs(value) >= 1e15:
            return None, _precision_lost()
        return None, _error(translate("Validators", "An ID number has 18 characters."))
    digits = str(value)
    if len(digits) == 15:
        return digits, None
    if len(digits) == 18:
        if digits.endswith("000") or _id_check_digit(digits[:17]) != digits[17]:
            return None, _precision_lost()
        return digits, None
    if len(digits) > 15:
        return None, _precision_lost()
    return None, _error(translate("Validators", "An ID number has 18 characters."))


_ID_SEPARATORS = re.compile(r"[\s\-]")


def _clean_id_text(text: str) -> str:
    text = to_halfwidth(text)
    text = _ID_SEPARATORS.sub("", text)
    return text.lstrip("'").upper()


def _usual_id(text: object) -> bool:
    """An ID already in its clean form: 18 ASCII characters, 17 digits and a digit or
    an upper-case X (one ID in eleven ends in X), which the cleaning leaves as it is."""
    return (
        text.__class__ is str
        and len(text) == 18  # type: ignore[arg-type]
        and text.isascii()  # type: ignore[attr-defined]
        and (text.isdigit() or (text[17] == "X" and text[:17].isdigit()))  # type: ignore[attr-defined, index]
    )


def check_resident_id(
    text: str | int | float | None,
    *,
    required: bool = False,
    today: date | None = None,
) -> Checked[str]:
    """Validate and normalise a resident ID to its 18-character form.

    Checksum and birth-date failures are errors; an area code missing from
    python-stdnum's county table is only a warning, because old and re-coded
    counties are missing there although the number is genuine.
    """
    usual = _usual_id(text)
    if usual:
        cleaned = text  # what the cleaning below would leave it as: 17 digits and a check
    elif _is_blank(text):
        return _empty(required)
    elif isinstance(text, bool):
        return _error(translate("Validators", "This is not a valid ID number."))
    elif isinstance(text, int | float):
        digits, problem = _id_from_number(text)
        if problem is not None:
            return problem
        assert digits is not None
        cleaned = digits
    elif isinstance(text, str):
        cleaned = _clean_id_text(text)
        # The "in" tests skip two regex scans for ordinary IDs: neither form can match
        # without an E (upper() has turned e into E) or a decimal point.
        if "E" in cleaned and _SCI_NOTATION.match(cleaned):
            return _precision_lost()
        if "." in cleaned and _DECIMAL_FORM.match(cleaned):
            # "110105194912310000.0": a float turned into text somewhere upstream.
            try:
                number = float(cleaned)
            except ValueError:
                return _error(translate("Validators", "This is not a valid ID number."))
            digits, problem = _id_from_number(number)
            if problem is not None:
                return problem
            assert digits is not None
            cleaned = digits
    else:
        return _error(translate("Validators", "This is not a valid ID number."))

    warnings: list[str] = []
    if not usual and _ID15.match(cleaned):
        first17 = cleaned[:6] + "19" + cleaned[6:]
        cleaned = first17 + _id_check_digit(first17)
        warnings.append(
            translate("Validators", "Old 15-digit ID number converted to 18 digits: {id}.").format(
                id=cleaned
            )
        )
    if len(cleaned) != 18:
        return _error(
            translate("Validators", "An ID number has 18 characters; this one has {count}.").format(
                count=len(cleaned)
            )
        )
    if not usual and not _ID18.match(cleaned):
        return _error(
            translate(
                "Validators",
                "An ID number has 17 digits followed by a digit or X; check for typing errors.",
            )
        )
    if _id_check_digit(cleaned[:17]) != cleaned[17]:
        return _error(
            translate(
                "Validators",
                "The last character (check digit) does not match; check the number for typos.",
            )
        )

    birth = id_birth_date(cleaned)
    if birth is None:
        return _error(
            translate("Validators", "The birth date inside this ID number is not a real date.")
        )
    today = today or date.today()
    if birth > today:
        return _error(
            translate("Validators", "The birth date inside this ID number is in the future.")
        )
    if birth < _EARLIEST_BIRTH:
        return _error(
            translate("Validators", "The birth date inside this ID number is before 1900.")
        )

    place_note = _birthplace_note(cleaned[:6], int(cleaned[6:10]))
    if place_note is not None:
        warnings.append(place_note)
    return Checked(cleaned, warnings=tuple(warnings))


Column = tuple[list[Any], list[tuple[int, Checked[Any]]]]


def check_resident_id_column(
    values: Sequence[object], *, required: bool = False, today: date | None = None
) -> Column:
    """:func:`check_resident_id` of a column of many IDs: (each check's value, (index,
    check) of the checks that carry messages).

    Ordinary valid IDs (already clean: 17 ASCII digits and a digit or X) are checked in one loop,
    stand for themselves, and each area and birth year's place note is worded once;
    every other value, and one that fails, goes through :func:`check_resident_id`.
    """
    today = today or date.today()
    notes: dict[tuple[str, int], str | None] = {}
    out: list[Any] = []
    flagged: list[tuple[int, Checked[Any]]] = []
    append = out.append
    for index, text in enumerate(values):
        if _usual_id(text):
            # map stops at the 17 weights: the check character is left out.
            total = sum(map(operator.mul, text.encode(), _ID_WEIGHTS)) - _ZERO_TOTAL  # type: ignore[attr-defined]
            birth = _yyyymmdd(text[6:14])  # type: ignore[index]
            if (
                _CHECK_CHARS[total % 11] == text[17]  # type: ignore[index]
                and birth is not None
                and _EARLIEST_BIRTH <= birth <= today
            ):
                append(text)
                place = (text[:6], birth.year)  # type: ignore[index]
                if place not in notes:
                    notes[place] = _birthplace_note(*place)
                if notes[place] is not None:
                    flagged.append((index, Checked(text, warnings=(notes[place],))))
                continue
        checked = check_resident_id(text, required=required, today=today)  # type: ignore[arg-type]
        append(checked.value)
        if checked.errors or checked.warnings:
            flagged.append((index, checked))
    return out, flagged


def all_bare_mobiles(values: Sequence[object]) -> bool:
    """Whether every value is already a bare mobile number (11 ASCII digits), which
    :func:`check_mobile` passes unchanged and without a message: one regex pass."""
    if not values or set(map(type, values)) != {str}:
        return False
    joined = "\n".join(values)  # type: ignore[arg-type]
    return (
        joined.isascii()
        and joined.count("\n") == len(values) - 1
        and _MOBILES.fullmatch(joined) is not None
    )


def all_plain_texts(values: Sequence[object], max_length: int) -> bool:
    """Whether every value is text that :func:`check_text` passes unchanged and without a
    message (printable, trimmed, not empty, not too long): C-level passes only."""
    if not values or set(map(type, values)) != {str}:
        return False
    return (
        all(values)
        and max(map(len, values)) <= max_length  # type: ignore[arg-type]
        and all(map(str.isprintable, values))  # type: ignore[arg-type]
        and all(map(operator.eq, values, map(str.strip, values)))  # type: ignore[arg-type]
    )


def all_plain_dates(
    values: Sequence[object], earliest: date, latest: date, *, required: bool = False
) -> bool:
    """Whether every value is a date cell (a ``date``, not a ``datetime``) from
    ``earliest`` to ``latest`` or, unless ``required``, blank: what :func:`check_date`
    passes unchanged and without a message. C-level passes only."""
    kinds = set(map(type, values))
    if not kinds or not kinds <= {date, type(None)} or (required and type(None) in kinds):
        return False
    dates = list(filter(None, values)) if type(None) in kinds else values
    return not dates or (earliest <= min(dates) and max(dates) <= latest)  # type: ignore[type-var]


def _birthplace_note(area: str, year: int) -> str | None:
    """The warning for an area code python-stdnum's county table does not give for a
    birth year, saying which case it is: unknown code, or known only for other years
    (it lists 西湖区 330106 only from 1983, so a genuine number of someone born
    earlier fails its place check)."""
    found = _area_lookup(area, year)
    if found is None:
        return None
    province, spans = found
    if not spans:
        return translate(
            "Validators",
            "Area code {code} is not in the built-in county table (it may be an old or "
            "re-coded county). Please double-check it.",
        ).format(code=area)
    return translate(
        "Validators",
        "Area code {code} ({place}) is listed in the built-in county table only for "
        "{spans}, not for the birth year {year} in this ID. Please double-check it.",
    ).format(code=area, place=province, spans="、".join(spans), year=year)


@lru_cache(maxsize=16384)
def _area_lookup(area: str, year: int) -> tuple[str, tuple[str, ...]] | None:
    """None when the table gives the area for ``year``; else (province, the county's
    validity spans, empty when the code is unknown). Memoised: 50,000 rows ask a few
    hundred questions."""
    from stdnum import numdb

    info: dict[str, str] = {}
    for _part, props in numdb.get("cn/loc").info(area):
        info.update(props)
    spans: list[str] = []
    for county in (c for c in info.get("county", "").split(",") if c):
        if not county.startswith("["):
            return None
        span, name = county[1:].split("]", 1)
        start, _, end = span.partition("-")
        if (not start or year >= int(start)) and (not end or year <= int(end)):
            return None
        spans.append(f"{name} ({start}–{end})")
    return info.get("province", ""), tuple(spans)


def id_birth_date(id18: str) -> date | None:
    """Birth date encoded in an ID number (18 or legacy 15 digits)."""
    if len(id18) == 18:
        digits = id18[6:14]
    elif len(id18) == 15:
        digits = "19" + id18[6:12]
    else:
        return None
    return _yyyymmdd(digits)


@lru_cache(maxsize=65536)
def _yyyymmdd(digits: str) -> date | None:
    """The date eight digits spell, if any; remembered, as birth dates repeat down a roster."""
    if not digits.isascii() or not digits.isdigit():
        return None
    try:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None


def id_gender(id18: str) -> str | None:
    """ "M" or "F" from the sequence digit (odd is male)."""
    if len(id18) == 18:
        digit = id18[16]
    elif len(id18) == 15:
        digit = id18[14]
    else:
        return None
    if not digit.isascii() or not digit.isdigit():
        return None
    return "M" if int(digit) % 2 else "F"


def mask_id(text: str | None) -> str:
    """Hide the birth date and sequence of an ID for screens and printouts."""
    if not text:
        return ""
    text = text.strip()
    length = len(text)
    if length == 18:
        return text[:6] + "*" * 8 + text[-4:]
    if length == 15:
        return text[:6] + "*" * 6 + text[-3:]
    if length <= 4:
        return "*" * length
    return text[:2] + "*" * (length - 4) + text[-2:]


# ---------------------------------------------------------------------------
# Phone numbers

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_MOBILES = re.compile(r"(?:1[3-9]\d{9}\n)*1[3-9]\d{9}")  # one per line
# Beijing (010) and the 02x cities have 3-digit area codes, all others 4 digits,
# so the split is unambiguous even without a separator.
_LANDLINE = re.compile(
    r"^\(?(?P<area>0[12]\d|0[3-9]\d{2})\)?-?(?P<local>\d{7,8})"
    r"(?:(?:-|转|ext|x|#)(?P<ext>\d{1,6}))?$",
    re.IGNORECASE,
)
_PHONE_SEPARATORS = re.compile(r"[\s\-.]")


def _phone_text(value: object) -> str | None:
    """Phone as text; spreadsheets often hold phones as numbers."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return _integral_text(value)
    if isinstance(value, str):
        return to_halfwidth(value).strip()
    return None


def _strip_country_code(text: str) -> str:
    for prefix in ("+86", "0086"):
        if text.startswith(prefix):
            return text[len(prefix) :].lstrip(" -")
    return text


def _normalise_mobile(text: str) -> str | None:
    if _MOBILE.fullmatch(text):
        return text  # already bare: what the steps below would leave of it
    compact = _PHONE_SEPARATORS.sub("", _strip_country_code(text))
    if len(compact) == 13 and compact.startswith("86"):
        compact = compact[2:]
    return compact if _MOBILE.match(compact) else None


def check_mobile(value: str | int | float | None, *, required: bool = False) -> Checked[str]:
    """Validate a mainland mobile number and store it as 11 bare digits."""
    if value.__class__ is str and value.isascii() and _MOBILE.fullmatch(value):  # type: ignore[union-attr]
        return Checked(value)  # already bare: what every step below would leave of it
    if _is_blank(value):
        return _empty(required)
    text = _phone_text(value)
    mobile = _normalise_mobile(text) if text is not None else None
    if mobile is None:
        return _error(
            translate("Validators", "A mobile number has 11 digits and starts with 13–19.")
        )
    return Checked(mobile)


def _normalise_landline(text: str) -> str | None:
    rest = _strip_country_code(text)
    if rest != text and not rest.startswith(("0", "(")):
        rest = "0" + rest  # +86 10 12345678 -> 010 12345678
    match = _LANDLINE.match(re.sub(r"[\s.]", "", rest))
    if match is None:
        return None
    result = f"{match['area']}-{match['local']}"
    return f"{result}-{match['ext']}" if match["ext"] else result


def check_phone(value: str | int | float | None, *, required: bool = False) -> Checked[str]:
    """Accept a mobile or a landline with area code (stored as 010-12345678[-ext])."""
    if _is_blank(value):
        return _empty(required)
    text = _phone_text(value)
    if text is not None:
        mobile = _normalise_mobile(text)
        if mobile is not None:
            return Checked(mobile)
        landline = _normalise_landline(text)
        if landline is None and isinstance(value, int | float):
            # A number cell drops the landline's leading 0 (01012345678 -> 1012345678).
            landline = _normalise_landline("0" + text)
        if landline is not None:
            return Checked(landline)
    return _error(
        translate(
            "Validators",
            "Enter an 11-digit mobile number or a landline with area code, e.g. 010-12345678.",
        )
    )


# ---------------------------------------------------------------------------
# Statistical division codes (统计用区划代码)

PROVINCE_CODES = frozenset(
    {
        "11", "12", "13", "14", "15",
        "21", "22", "23",
        "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46",
        "50", "51", "52", "53", "54",
        "61", "62", "63", "64", "65",
        "71", "81", "82",
    }
)  # fmt: skip


def check_division_code(value: str | int | float | None, *, required: bool = True) -> Checked[str]:
    """Validate a 12-digit statistical division code of a village or community."""
    if _is_blank(value):
        return _empty(required)
    if isinstance(value, bool):
        text = ""
    elif isinstance(value, int | float):
        text = _integral_text(value) or ""
    elif isinstance(value, str):
        text = re.sub(r"\s", "", to_halfwidth(value))
    else:
        text = ""
    if len(text) != 12 or not text.isascii() or not text.isdigit():
        return _error(translate("Validators", "A division code has exactly 12 digits."))
    if text[:2] not in PROVINCE_CODES:
        return _error(
            translate(
                "Validators", "The first two digits ({province}) are not a province code."
            ).format(province=text[:2])
        )
    return Checked(text)


def township_prefix(code: str) -> str:
    """First 9 digits: the township/street the committee belongs to."""
    return code[:9]


# ---------------------------------------------------------------------------
# Dates

_EXCEL_MAX_SERIAL = 2958465  # 9999-12-31
_DATE_YMD = re.compile(
    r"^(?P<y>\d{4})\s*[-/.]\s*(?P<m>\d{1,2})\s*[-/.]\s*(?P<d>\d{1,2})"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"
)
_DATE_ZH = re.compile(r"^(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]?$")
_DATE_COMPACT = re.compile(r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})$")
_SERIAL_TEXT = re.compile(r"^\d{4,5}(?:\.\d+)?$")  # serials of 1905..2173


def _from_excel_serial(serial: float) -> date | None:
    """Excel 1900 date system; serial 60 is the non-existent 1900-02-29."""
    days = math.floor(serial)
    if days < 1 or days > _EXCEL_MAX_SERIAL or days == 60:
        return None
    if days < 60:
        return date(1899, 12, 31) + timedelta(days=days)
    return date(1899, 12, 30) + timedelta(days=days)


def _not_a_date() -> Checked[date]:
    return _error(translate("Validators", "Cannot read this as a date. Use the form 2023-05-01."))


def _year_only() -> Checked[date]:
    return _error(
        translate(
            "Validators", "This looks like a year only; enter the full date, e.g. 2023-05-01."
        )
    )


def _date_from_number(value: float) -> Checked[date] | date:
    if not math.isfinite(value):
        return _not_a_date()
    if value.is_integer() and 1900 <= value <= 2100:
        return _year_only()
    result = _from_excel_serial(value)
    return result if result is not None else _not_a_date()


def _date_from_text(text: str, *, serials: bool) -> Checked[date] | date:
    text = to_halfwidth(text).strip()
    for pattern in (_DATE_YMD, _DATE_ZH, _DATE_COMPACT):
        match = pattern.match(text)
        if match:
            try:
                return date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                return _error(
                    translate("Validators", "{text} is not a real calendar date.").format(text=text)
                )
    if _SERIAL_TEXT.match(text):
        if serials:
            return _date_from_number(float(text))
        if text.isdigit() and len(text) == 4:
            return _year_only()
    return _not_a_date()


@dataclass(frozen=True)
class TypedDate:
    """Text a person typed into a date field that :func:`read_typed_date` could not read.

    The form hands it to :func:`check_date` so the field's message comes from
    the same parser; digits are never taken as an Excel serial there.
    """

    text: str


def read_typed_date(text: str) -> Checked[date]:
    """Read a date as typed: 2026-03-01, 2026/3/1, 2026.3.1, 20260301, 2026年3月1日.

    Full-width digits and separators (from a Chinese input method) are read too.
    Unlike a spreadsheet cell, typed digits are never an Excel serial: a
    half-typed ``20260`` must be refused, not become 1955-06-20.
    """
    if _is_blank(text):
        return Checked(None)
    parsed = _date_from_text(text, serials=False)
    return parsed if isinstance(parsed, Checked) else Checked(parsed)


def check_date(
    value: date | datetime | str | int | float | TypedDate | None,
    *,
    required: bool = False,
    not_future: bool = False,
    earliest: date = date(1900, 1, 1),
    today: date | None = None,
) -> Checked[date]:
    """Read a date in any of the forms clerks use; a cell may also hold an Excel serial."""
    if _is_blank(value):
        return _empty(required)
    if isinstance(value, bool):
        return _not_a_date()
    parsed: Checked[date] | date
    if isinstance(value, datetime):
        parsed = value.date()
    elif isinstance(value, date):
        parsed = value
    elif isinstance(value, int | float):
        # an int too large for a float is no date (float() would raise)
        parsed = _date_from_number(float(value)) if abs(value) < 1e300 else _not_a_date()
    elif isinstance(value, str):
        parsed = _date_from_text(value, serials=True)
    elif isinstance(value, TypedDate):
        parsed = _date_from_text(value.text, serials=False)
    else:
        parsed = _not_a_date()
    if isinstance(parsed, Checked):
        return parsed

    if parsed < earliest:
        return _error(
            translate("Validators", "The date {date} is earlier than {earliest}.").format(
                date=parsed.isoformat(), earliest=earliest.isoformat()
            )
        )
    if not_future and parsed > (today or date.today()):
        return _error(
            translate("Validators", "The date {date} is in the future.").format(
                date=parsed.isoformat()
            )
        )
    return Checked(parsed)


# ---------------------------------------------------------------------------
# Numbers

_PLAIN_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$")
_GROUPED_NUMBER = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$")


def _not_a_number() -> Checked[float | int]:
    return _error(translate("Validators", "Enter a number."))


def _number_from_text(text: str, units: tuple[str, ...]) -> float | int | None:
    text = to_halfwidth(text).strip()
    folded = text.casefold()
    for unit in sorted(units, key=len, reverse=True):
        unit_folded = to_halfwidth(unit).strip().casefold()
        if unit_folded and folded.endswith(unit_folded):
            text = text[: len(text) - len(unit_folded)].strip()
            break
    if _GROUPED_NUMBER.match(text):
        text = text.replace(",", "")
    if not _PLAIN_NUMBER.match(text):
        return None
    if "." not in text:
        try:
            return int(text)
        except ValueError:  # longer than Python's int-from-text limit
            return None
    return float(text)


def check_number(
    value: int | float | str | None,
    *,
    required: bool = False,
    minimum: float | None = 0,
    maximum: float | None = None,
    integer: bool = False,
    units: tuple[str, ...] = (),
) -> Checked[float | int]:
    """Read a count or an amount; with ``integer`` the value is an int, else a float."""
    if value is None or (isinstance(value, str) and not value.strip()):  # as _is_blank
        return _empty(required)
    if isinstance(value, bool):
        return _not_a_number()
    number: float | int | None
    if isinstance(value, int | float):
        number = value
    elif isinstance(value, str):
        number = _number_from_text(value, units)
    else:
        number = None
    if number is None:
        return _not_a_number()
    if isinstance(number, float) and not math.isfinite(number):
        return _not_a_number()
    if isinstance(number, int) and abs(number) > 1e300:  # float() of it would raise
        return _not_a_number()
    if integer:
        if isinstance(number, float) and not number.is_integer():
            return _error(translate("Validators", "Enter a whole number."))
        number = int(number)
    else:
        number = float(number)

    if minimum is not None and number < minimum:
        if minimum == 0:
            return _error(translate("Validators", "The number cannot be negative."))
        return _error(
            translate("Validators", "The number must be at least {minimum}.").format(
                minimum=minimum
            )
        )
    if maximum is not None and number > maximum:
        return _error(
            translate("Validators", "The number must be at most {maximum}.").format(maximum=maximum)
        )
    return Checked(number)


# ---------------------------------------------------------------------------
# Free text, yes/no, gender

_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}


def check_text(
    value: str | int | float | None, *, required: bool = False, max_length: int = 200
) -> Checked[str]:
    """Trim text and drop control characters pasted from other programs; keep line breaks."""
    if value.__class__ is str and value.isprintable():  # most cells: the way below, shortened
        text = value.strip()  # type: ignore[union-attr]
        if text and len(text) <= max_length:
            return Checked(text)
    if _is_blank(value):
        return _empty(required)
    is_whole = isinstance(value, float) and value.is_integer()
    text = str(int(value)) if is_whole else str(value)
    if text.isprintable():
        # Nothing to drop: control characters, the invisible ones and \r are all
        # unprintable. Most cells take this way, at a fraction of the cost.
        text = text.strip()
    else:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        text = "".join(
            char
            for char in text
            if char in "\n\t" or (unicodedata.category(char) != "Cc" and char not in _INVISIBLE)
        ).strip()
    if not text:
        return _empty(required)
    if len(text) > max_length:
        return _error(
            translate(
                "Validators", "Too long: {length} characters, at most {limit} allowed."
            ).format(length=len(text), limit=max_length)
        )
    return Checked(text)


_TRUE_WORDS = frozenset({"是", "有", "√", "✓", "✔", "y", "yes", "true", "1", "对"})
_FALSE_WORDS = frozenset({"否", "无", "没有", "×", "✗", "✘", "n", "no", "false", "0", "不是"})


def check_bool(value: bool | int | float | str | None, *, required: bool = False) -> Checked[bool]:
    """Read yes/no columns written as 是/否, 有/无, ticks and crosses, Y/N or 1/0."""
    if _is_blank(value):
        return _empty(required)
    if isinstance(value, bool):
        return Checked(value)
    if isinstance(value, int | float):
        if value in (0, 1):
            return Checked(bool(value))
    elif isinstance(value, str):
        word = to_halfwidth(value).strip().casefold()
        if word in _TRUE_WORDS:
            return Checked(True)
        if word in _FALSE_WORDS:
            return Checked(False)
    return _error(translate("Validators", "Enter yes or no (是/否)."))


_GENDER_WORDS = {
    "男": "M",
    "男性": "M",
    "m": "M",
    "male": "M",
    "女": "F",
    "女性": "F",
    "f": "F",
    "female": "F",
}


def check_gender(value: str | None, *, required: bool = False) -> Checked[str]:
    """Normalise gender to "M"/"F"."""
    if _is_blank(value):
        return _empty(required)
    if isinstance(value, str):
        gender = _GENDER_WORDS.get(to_halfwidth(value).strip().casefold())
        if gender is not None:
            return Checked(gender)
    return _error(translate("Validators", "Enter 男 (male) or 女 (female)."))
