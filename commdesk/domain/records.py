"""Validate a whole ledger row from its field description.

Per-field checks come from :mod:`commdesk.domain.validators`; the few rules
that look at two fields at once (activity area within floor area, a birth date
that contradicts the ID number, leaving before joining) live here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import compress
from operator import attrgetter, itemgetter, methodcaller
from typing import Any

from commdesk.domain import validators as v
from commdesk.domain.catalogues import Catalogues
from commdesk.domain.i18n import translate
from commdesk.domain.ledgers import (
    BOOL,
    CHOICE,
    CHOICES,
    DATE,
    DIVISION_CODE,
    FLOAT,
    GENDER,
    ID_NUMBER,
    INT,
    LONGTEXT,
    MOBILE,
    PHONE,
    TEAM,
    TEXT,
    VOLUNTEER_PROVIDERS,
    VOLUNTEERS,
    YEAR,
    Field,
    Ledger,
)


class ValidationError(ValueError):
    """A row that cannot be stored; ``errors`` maps field name to messages."""

    def __init__(
        self, errors: Mapping[str, list[str]], warnings: Mapping[str, list[str]] | None = None
    ):
        self.errors = {k: list(msgs) for k, msgs in errors.items() if msgs}
        self.warnings = {k: list(msgs) for k, msgs in (warnings or {}).items() if msgs}
        super().__init__(self.summary())

    def summary(self) -> str:
        parts = [f"{name}: {'; '.join(msgs)}" for name, msgs in self.errors.items()]
        return "; ".join(parts)


@dataclass
class Validated:
    values: dict[str, Any]
    errors: dict[str, list[str]] = field(default_factory=dict)
    warnings: dict[str, list[str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not any(self.errors.values())

    def add_error(self, name: str, message: str) -> None:
        self.errors.setdefault(name, []).append(message)

    def add_warning(self, name: str, message: str) -> None:
        self.warnings.setdefault(name, []).append(message)


_EARLIEST_DATE = date(1900, 1, 1)


def date_bounds(f: Field, today: date) -> tuple[date, date]:
    """The first and last date :func:`check_field` passes as they are, without a
    message, for the date field ``f``: what lets a column of dates be checked at once."""
    return f.earliest or _EARLIEST_DATE, today if f.not_future else date.max


def check_field(
    f: Field, raw: Any, catalogues: Catalogues, today: date | None = None
) -> v.Checked[Any]:
    """Check one value against its field description."""
    kind = f.kind
    if kind in (TEXT, LONGTEXT):
        return v.check_text(raw, required=f.required, max_length=f.max_length)
    if kind == ID_NUMBER:
        return v.check_resident_id(raw, required=f.required, today=today)
    if kind == MOBILE:
        return v.check_mobile(raw, required=f.required)
    if kind == PHONE:
        return v.check_phone(raw, required=f.required)
    if kind == DIVISION_CODE:
        return v.check_division_code(raw, required=f.required)
    if kind == DATE:
        return v.check_date(
            raw,
            required=f.required,
            not_future=f.not_future,
            earliest=f.earliest or _EARLIEST_DATE,
            today=today,
        )
    if kind in (INT, FLOAT, YEAR):
        maximum = f.maximum
        if kind == YEAR:
            maximum = (today or date.today()).year
        return v.check_number(
            raw,
            required=f.required,
            minimum=f.minimum,
            maximum=maximum,
            integer=kind in (INT, YEAR),
            units=f.units,
        )
    if kind == BOOL:
        checked = v.check_bool(raw)
        if checked.value is None and not checked.errors:
            return v.Checked(False if not f.required else None, checked.errors, checked.warnings)
        return checked
    if kind == GENDER:
        return v.check_gender(raw)
    if kind == CHOICE:
        return _check_choice(f, raw, catalogues)
    if kind == CHOICES:
        return _check_choices(f, raw, catalogues)
    if kind == TEAM:
        if raw in (None, "", 0):
            return v.Checked(None)
        try:
            return v.Checked(int(raw))
        except (TypeError, ValueError, OverflowError):  # OverflowError: an infinite float
            return v.Checked(None, (translate("Validators", "Not a known team."),))
    if kind == VOLUNTEERS:
        ids = sorted({int(x) for x in (raw or ())})
        return v.Checked(ids)
    raise ValueError(f"unknown field kind {kind!r}")


def _check_choice(f: Field, raw: Any, catalogues: Catalogues) -> v.Checked[str]:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if f.required:
            return v.Checked(None, (translate("Validators", "Required."),))
        return v.Checked(None)
    assert f.catalogue is not None
    matches = catalogues[f.catalogue].match(str(raw))
    if len(matches) == 1:
        return v.Checked(matches[0].code)
    if not matches:
        return v.Checked(
            None, (translate("Validators", "“{value}” is not in the list.").format(value=raw),)
        )
    labels = "、".join(m.label() for m in matches)
    return v.Checked(
        None,
        (
            translate("Validators", "“{value}” could mean several items: {labels}.").format(
                value=raw, labels=labels
            ),
        ),
    )


# How a cell lists several posts: "书记、主任", "书记兼主任", "SEC,DIR", "书记/主任".
_SEVERAL = re.compile(r"[、,，;；/／\s]+|兼")


def _check_choices(f: Field, raw: Any, catalogues: Catalogues) -> v.Checked[tuple[str, ...]]:
    """Several codes of one catalogue, each checked like a single choice, in entry order."""
    if isinstance(raw, str):
        parts = [p for p in _SEVERAL.split(raw) if p.strip()]
    elif isinstance(raw, list | tuple | set | frozenset):
        parts = [p for p in raw if p not in (None, "")]
    else:  # a number or anything else from a cell: one choice to look up
        parts = [] if raw is None else [raw]
    codes: list[str] = []
    errors: list[str] = []
    for part in parts:
        checked = _check_choice(f, part, catalogues)
        errors += checked.errors
        if checked.value is not None and checked.value not in codes:
            codes.append(checked.value)
    if not parts and f.required:
        errors.append(translate("Validators", "Required."))
    return v.Checked(tuple(codes) if codes and not errors else None, tuple(errors))


def validate_record(
    ledger: Ledger,
    data: Mapping[str, Any],
    catalogues: Catalogues,
    *,
    today: date | None = None,
    partial: bool = False,
) -> Validated:
    """Check every field of ``data``; with ``partial`` only the fields present."""
    return _validate(ledger, data, catalogues, today, partial=partial)


def _validate(
    ledger: Ledger,
    data: Mapping[str, Any],
    catalogues: Catalogues,
    today: date | None,
    *,
    partial: bool = False,
    memos: Mapping[str, dict[tuple[type, Any], v.Checked[Any]]] | None = None,
) -> Validated:
    """validate_record, with checks looked up in ``memos`` (by field name) when given.

    The lookup is written out here rather than calling RecordValidator.check: this
    loop runs for every field of every imported row.
    """
    result = Validated(values={})
    values = result.values
    for f in ledger.fields:
        name = f.name
        if partial and name not in data:
            continue
        raw = data.get(name, f.default)
        memo = memos.get(name) if memos is not None else None
        key = memo_key(raw) if memo is not None else None
        checked = memo.get(key) if memo is not None and key is not None else None
        if checked is None:
            checked = check_field(f, raw, catalogues, today)
            if memo is not None and key is not None and len(memo) < MEMO_LIMIT:
                memo[key] = checked
        values[name] = checked.value
        if checked.errors:
            result.errors[name] = list(checked.errors)
        if checked.warnings:
            result.warnings[name] = list(checked.warnings)
    _cross_checks(ledger, result)
    return result


# Kinds not remembered by RecordValidator: every other check depends only on the value
# (given the catalogues and today). An ID number's check reads the clock itself (and
# every row's ID differs anyway); a volunteers list is not hashable.
_UNMEMOISED = frozenset({ID_NUMBER, VOLUNTEERS, CHOICES})
# Distinct values remembered per field: a column of names or phones never repeats, and
# past this many it stops growing (its later values are checked every time). Birth
# dates in a 50,000-row roster are ~20,000 distinct days: they should all fit.
MEMO_LIMIT = 32768
_VALUE = attrgetter("value")
_ERRORS = attrgetter("errors")
_WARNINGS = attrgetter("warnings")


def memo_key(value: Any) -> tuple[type, Any] | None:
    """The key a checked value is remembered under, or None when it must not be.

    The type is part of the key because 1, 1.0, True and "1" are equal or alike
    but are checked differently. Zero and NaN floats are left out (-0.0 == 0.0, and
    NaN equals nothing), as are aware datetimes (equal across time zones yet on
    different dates) and every other type, including subclasses of these.
    """
    cls = value.__class__
    if cls is str or cls is int or cls is bool or cls is date or value is None:
        return (cls, value)
    if cls is float:
        return (cls, value) if value and value == value else None
    if cls is datetime and value.tzinfo is None:
        return (cls, value)
    return None


class RecordValidator:
    """:func:`validate_record` for the many rows of one import: same results, faster.

    An imported column repeats a few values (teams, dates, yes/no, catalogue
    labels) down 50,000 rows; each distinct value of a field is checked once.
    ``today`` is fixed when it is created, as an import decides "today" once.
    """

    def __init__(self, ledger: Ledger, catalogues: Catalogues, *, today: date | None = None):
        self.ledger = ledger
        self.catalogues = catalogues
        self.today = today or date.today()
        self._memo: dict[str, dict[tuple[type, Any], v.Checked[Any]]] = {
            f.name: {} for f in ledger.fields if f.kind not in _UNMEMOISED
        }

    def check(self, f: Field, raw: Any) -> v.Checked[Any]:
        """:func:`check_field` of ``raw``, remembered for values that repeat."""
        memo = self._memo.get(f.name)
        if memo is not None:
            key = memo_key(raw)
            if key is not None:
                found = memo.get(key)
                if found is None:
                    found = check_field(f, raw, self.catalogues, self.today)
                    if len(memo) < MEMO_LIMIT:
                        memo[key] = found
                return found
        return check_field(f, raw, self.catalogues, self.today)

    def validate(self, data: Mapping[str, Any], *, partial: bool = False) -> Validated:
        """What ``validate_record(ledger, data, catalogues, today=today)`` returns."""
        return _validate(
            self.ledger, data, self.catalogues, self.today, partial=partial, memos=self._memo
        )

    def validate_many(self, rows: Sequence[Mapping[str, Any]]) -> list[Validated]:
        """:meth:`validate` of each row, worked field by field rather than row by row.

        Same results in the same order (values, errors and warnings keyed in field
        order). A remembered field's column is checked once per distinct value and
        mapped back in C; the rows' value dicts are built by one transpose; messages,
        which few cells carry, are gathered apart. That is what keeps an import of
        50,000 rows fast.
        """
        return self.validate_columns(
            {
                f.name: list(map(methodcaller("get", f.name, f.default), rows))
                for f in self.ledger.fields
            }
        )

    def validate_columns(self, columns: Mapping[str, list[Any]]) -> list[Validated]:
        """:meth:`validate_many` of rows given as one list per field of the ledger, each
        of the same length (a row's value, or the field's default where the row has none).
        The lists are the validator's to change: a column that passes as it is becomes
        the values."""
        catalogues, today = self.catalogues, self.today
        names: list[str] = []
        value_columns: list[list[Any]] = []
        # (row index, field name, checked) of the cells with messages, in field order.
        flagged: list[tuple[int, str, v.Checked[Any]]] = []
        for f in self.ledger.fields:
            name = f.name
            raws = columns[name]
            names.append(name)
            column = _column_checks(f, raws, today)
            if column is not None:  # the whole column at once
                value_columns.append(column[0])
                flagged += [(i, name, c) for i, c in column[1]]
                continue
            memo = self._memo.get(name)
            if memo is None:
                checks = [check_field(f, raw, catalogues, today) for raw in raws]
                distinct: Iterable[v.Checked[Any]] = checks
            else:
                by_value = self._checks_by_value(f, memo, raws)
                if by_value is None:  # a column of mixed or unusual types
                    checks = [self.check(f, raw) for raw in raws]
                    distinct = checks
                else:
                    checks = list(map(by_value.__getitem__, raws))
                    distinct = by_value.values()
            value_columns.append(list(map(_VALUE, checks)))
            if any(map(_ERRORS, distinct)) or any(map(_WARNINGS, distinct)):
                flagged += [(i, name, c) for i, c in enumerate(checks) if c.errors or c.warnings]
        crossed = _cross_checks_columns(self.ledger, names, value_columns)
        rows_values = zip(*value_columns, strict=True)
        results = [
            Validated(dict(zip(names, values, strict=True)), {}, {}) for values in rows_values
        ]
        for index, name, checked in flagged:
            result = results[index]
            if checked.errors:
                result.errors[name] = list(checked.errors)
            if checked.warnings:
                result.warnings[name] = list(checked.warnings)
        if crossed is None:
            _cross_checks_many(self.ledger, results)
        else:
            for index, error, name, message in crossed:
                if error:
                    results[index].add_error(name, message)
                else:
                    results[index].add_warning(name, message)
        return results

    def _checks_by_value(
        self, f: Field, memo: dict[tuple[type, Any], v.Checked[Any]], raws: list[Any]
    ) -> dict[Any, v.Checked[Any]] | None:
        """Each distinct value of a column by its check, or None when the column holds
        values that could be equal across types (1 and True) or that memo_key refuses.

        With one memo_key type (and None) in a column, equal values have equal keys.
        """
        kinds = set(map(type, raws))
        kinds.discard(type(None))
        if len(kinds) > 1 or not kinds <= {str, int, bool, date}:
            return None
        found: dict[Any, v.Checked[Any]] = {}
        for raw in dict.fromkeys(raws):
            key = (raw.__class__, raw)
            checked = memo.get(key)
            if checked is None:
                checked = check_field(f, raw, self.catalogues, self.today)
                if len(memo) < MEMO_LIMIT:
                    memo[key] = checked
            found[raw] = checked
        return found


def _column_checks(f: Field, raws: list[Any], today: date) -> v.Column | None:
    """(each check's value, (index, check) of the checks with messages) of a whole
    column, where a column-wide check gives :func:`check_field`'s answers faster: IDs,
    and mobiles, texts or date cells that all pass unchanged; None for other columns."""
    if f.kind == ID_NUMBER:
        return v.check_resident_id_column(raws, required=f.required, today=today)
    if f.kind == MOBILE and v.all_bare_mobiles(raws):
        return raws, []
    if f.kind in (TEXT, LONGTEXT) and v.all_plain_texts(raws, f.max_length):
        return raws, []
    if f.kind == DATE and v.all_plain_dates(raws, *date_bounds(f, today), required=f.required):
        return raws, []
    return None


# (start, end) dates of one record: the end may not come before the start.
_DATE_PAIRS = (
    ("joined_date", "left_date"),
    ("employed_since", "left_date"),
    ("founded_date", "dissolved_date"),
)


def _cross_checks_many(ledger: Ledger, results: Sequence[Validated]) -> None:
    """:func:`_cross_checks` of each result (values holding every field of ``ledger``),
    with the rules that name a field the ledger lacks left out once, not per row."""
    names = set(ledger.names())
    if ledger.name == "community" or {"activity_area", "volunteer_count"} & names:
        for result in results:  # ledgers with few rows to import: the plain way
            _cross_checks(ledger, result)
        return
    derive = ledger.person
    pairs = [(a, b) for a, b in _DATE_PAIRS if a in names and b in names]
    platform = {"platform_registered", "platform_number"} <= names
    for result in results:
        values = result.values
        if derive and values.get("id_number") and "id_number" not in result.errors:
            _derive_from_id(result)
        for start, end in pairs:
            _check_order(result, start, end)
        if platform and values["platform_number"] and not values["platform_registered"]:
            values["platform_registered"] = True


def _cross_checks_columns(
    ledger: Ledger, names: list[str], columns: list[list[Any]]
) -> list[tuple[int, bool, str, str]] | None:
    """:func:`_cross_checks_many` worked on the value columns, before the rows are made:
    values it sets are set in the columns, and its messages are returned as (row, is
    an error, field, message) in the order it gives them; None for ledgers it does not
    cover (the plain way then). Field checks' messages come first, as they are given
    before the cross checks."""
    at = {name: index for index, name in enumerate(names)}
    if ledger.name == "community" or {"activity_area", "volunteer_count"} & at.keys():
        return None
    if ledger.person and not {"id_number", "birth_date", "gender"} <= at.keys():
        return None
    found: list[tuple[int, bool, str, str]] = []
    if ledger.person:
        _derive_columns(
            columns[at["id_number"]], columns[at["birth_date"]], columns[at["gender"]], found
        )
    for start, end in _DATE_PAIRS:
        if start in at and end in at:
            message = translate("Validators", "This date is before the start date.")
            found += [
                (row, True, end, message)
                for row, (a, b) in enumerate(zip(columns[at[start]], columns[at[end]], strict=True))
                if a and b and b < a
            ]
    if "platform_registered" in at and "platform_number" in at:
        registered = columns[at["platform_registered"]]
        for row, number in enumerate(columns[at["platform_number"]]):
            if number and not registered[row]:
                registered[row] = True
    found.sort(key=itemgetter(0))  # stable: each row's messages stay in rule order
    return found


def _derive_columns(
    ids: list[Any], births: list[Any], genders: list[Any], found: list[tuple[int, bool, str, str]]
) -> None:
    """:func:`_derive_from_id` of each row, on its columns.

    Most files give birth dates and genders that agree with every ID: that is
    settled by comparing whole columns, and only otherwise are rows looked at.
    """
    rows = list(compress(range(len(ids)), ids))
    taken = list(map(ids.__getitem__, rows))
    if list(map(v.id_birth_date, taken)) == list(map(births.__getitem__, rows)) and list(
        map(v.id_gender, taken)
    ) == list(map(genders.__getitem__, rows)):
        return
    for row, id18 in enumerate(ids):
        if not id18:
            continue
        birth, gender = v.id_birth_date(id18), v.id_gender(id18)
        if birth is not None:
            given = births[row]
            if given is None:
                births[row] = birth
            elif given != birth:
                message = translate(
                    "Validators", "Differs from the birth date in the ID number ({date})."
                ).format(date=birth.isoformat())
                found.append((row, False, "birth_date", message))
        if gender is not None:
            given_g = genders[row]
            if given_g is None:
                genders[row] = gender
            elif given_g != gender:
                message = translate("Validators", "Differs from the gender in the ID number.")
                found.append((row, False, "gender", message))


def _check_order(result: Validated, start: str, end: str) -> None:
    a, b = result.values.get(start), result.values.get(end)
    if a and b and b < a:
        result.add_error(end, translate("Validators", "This date is before the start date."))


def _cross_checks(ledger: Ledger, result: Validated) -> None:
    values = result.values
    if ledger.person and values.get("id_number") and "id_number" not in result.errors:
        _derive_from_id(result)
    floor, activity = values.get("floor_area"), values.get("activity_area")
    if floor is not None and activity is not None and activity > floor:
        result.add_error(
            "activity_area",
            translate("Validators", "Activity area cannot exceed the floor area."),
        )
    for start, end in _DATE_PAIRS:
        _check_order(result, start, end)
    if (
        "platform_registered" in values
        and values.get("platform_number")
        and not values.get("platform_registered")
    ):
        values["platform_registered"] = True
    if "volunteer_count" in values and "provider_kind_code" in values:
        _check_volunteer_count(result)
    res, reg = values.get("resident_population"), values.get("households")
    if ledger.name == "community":
        if reg is not None and reg <= 0:
            result.add_error("households", translate("Validators", "Must be greater than 0."))
        if res is not None and res <= 0:
            result.add_error(
                "resident_population", translate("Validators", "Must be greater than 0.")
            )


def _check_volunteer_count(result: Validated) -> None:
    """Volunteers who took part: entered for volunteer providers, else the named ones.

    A volunteer or team provider means someone volunteered even when nobody is
    named, so its count is at least 1 and at least the named volunteers; left
    empty it becomes that minimum, and the message says so. For any other
    provider the count is the named volunteers and nothing else.
    """
    values = result.values
    if "volunteer_count" in result.errors:
        return
    named = len(values.get("volunteers") or ())
    given = values.get("volunteer_count")
    if values.get("provider_kind_code") not in VOLUNTEER_PROVIDERS:
        values["volunteer_count"] = named
        if given not in (None, named):
            result.add_warning(
                "volunteer_count",
                translate(
                    "Validators",
                    "Counted as {count}, the named volunteers: only a service provided by "
                    "volunteers or a volunteer team records unnamed ones.",
                ).format(count=named),
            )
        return
    least = max(named, 1)
    if given is None:
        values["volunteer_count"] = least
        result.add_warning(
            "volunteer_count",
            translate(
                "Validators",
                "Not entered: counted as {count} (the named volunteers, or 1 when nobody "
                "is named).",
            ).format(count=least),
        )
    elif given < least:
        result.add_error(
            "volunteer_count",
            translate(
                "Validators",
                "At least {count}: the named volunteers, and never 0 when "
                "volunteers or a volunteer team provided the service.",
            ).format(count=least),
        )


def _derive_from_id(result: Validated) -> None:
    id18 = result.values["id_number"]
    birth, gender = v.id_birth_date(id18), v.id_gender(id18)
    if birth is not None:
        given = result.values.get("birth_date")
        if given is None:
            result.values["birth_date"] = birth
        elif given != birth:
            result.add_warning(
                "birth_date",
                translate(
                    "Validators", "Differs from the birth date in the ID number ({date})."
                ).format(date=birth.isoformat()),
            )
    if gender is not None:
        given_g = result.values.get("gender")
        if given_g is None:
            result.values["gender"] = gender
        elif given_g != gender:
            result.add_warning(
                "gender", translate("Validators", "Differs from the gender in the ID number.")
            )
