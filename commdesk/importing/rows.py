"""Turn one spreadsheet row into validated ledger values, or reasons to reject it.

Validation is the domain's: every row goes through
:func:`commdesk.domain.records.validate_record`. What happens here first is
only about getting cell values to it in the right shape:

* full-width digits and letters in free text become half-width (Chinese
  punctuation is left alone: “，” in a note is what the clerk wrote);
* an ID that Excel turned into a number stays a number (or, for text that
  reads like one, becomes one) so the validator says it lost its digits;
* values that repeat down a column (categories, yes/no, dates, counts with
  units) are checked once with :func:`check_field` and the canonical value is
  passed on; a value with an error is passed on unchanged so the row is
  rejected with the domain's own message;
* the row is then validated by a :class:`RecordValidator`, which gives
  :func:`validate_record`'s result but checks each distinct value of a field
  once, and team names are resolved once per distinct name: this is what
  keeps 50,000 rows fast;
* volunteer names in a service row are matched to the roster, team names to
  the team list.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from itertools import compress, repeat, zip_longest
from operator import is_
from typing import Any

from commdesk.domain import validators as v
from commdesk.domain.catalogues import Catalogue, Catalogues
from commdesk.domain.i18n import translate
from commdesk.domain.ledgers import (
    BOOL,
    CHOICE,
    DATE,
    FLOAT,
    GENDER,
    ID_NUMBER,
    INT,
    LONGTEXT,
    TEAM,
    TEAMS,
    TEXT,
    VOLUNTEERS,
    YEAR,
    Field,
    Ledger,
)
from commdesk.domain.records import MEMO_LIMIT, RecordValidator, Validated, memo_key
from commdesk.importing.headers import ColumnMapping, column_letter
from commdesk.importing.readers import Cell

_CACHED_KINDS = frozenset({CHOICE, BOOL, GENDER, DATE, INT, FLOAT, YEAR})
_FULLWIDTH_ALNUM = {
    **{code: code - 0xFEE0 for code in range(0xFF10, 0xFF1A)},
    **{code: code - 0xFEE0 for code in range(0xFF21, 0xFF3B)},
    **{code: code - 0xFEE0 for code in range(0xFF41, 0xFF5B)},
    0x3000: 0x20,
}
# The characters _FULLWIDTH_ALNUM turns.
_FULLWIDTH_CHARS = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\u3000]")
_SKIP = object()  # a blank cell: its field is left out of the row
_NAME_SPLIT = re.compile(r"[、,，;；/／\s]+")
_ID_DIGITS = re.compile(r"\d{18}")
_ID_SEPARATORS = re.compile(r"[\s'\-]")
# Text whose last three digits are zeros once _id_hint has dropped its separators
# (and made full-width characters half-width): only such text can need the hint.
_ENDS_000 = re.compile(r"(?:[0０][\s'\-＇－]*){3}\Z")
_ZERO_OR_SEPARATOR = "0０'-＇－"  # what _ENDS_000 can end on, besides whitespace (\s)
_MAX_INT_DIGITS = 30
_TOO_LARGE = 10**_MAX_INT_DIGITS
# How RowPipeline.process hands a column's cells on (decided once per column).
_PLAIN, _CANONICAL, _TEAM, _VOLUNTEERS = range(4)


class CachedCatalogue(Catalogue):
    """A catalogue whose ``match`` remembers answers: a column repeats the same labels."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self._answers: dict[str | None, list[Any]] = {}

    def match(self, text: str | None) -> list[Any]:
        found = self._answers.get(text)
        if found is None:
            found = super().match(text)
            self._answers[text] = found
        return found


def cached_catalogues(catalogues: Catalogues) -> Catalogues:
    return Catalogues(
        {k: CachedCatalogue(c.kind, list(c.items)) for k, c in catalogues.by_kind.items()}
    )


@dataclass
class Lookups:
    """Names the importer resolves to ids: live teams and live volunteers."""

    teams: dict[str, int] = field(default_factory=dict)  # normalised name → id
    volunteers: dict[str, list[int]] = field(default_factory=dict)  # name → ids


@dataclass
class RowResult:
    """One data row after validation: ``values`` is None when it is rejected."""

    row_number: int
    cells: tuple[Cell, ...]
    values: dict[str, Any] | None
    present: frozenset[str] = frozenset()
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    new_team: str | None = None

    @property
    def ok(self) -> bool:
        return self.values is not None


@dataclass
class _Shaped:
    """A row on its way to the validator: what :meth:`RowPipeline.process` found first."""

    raw: dict[str, Any]
    errors: list[str]
    warnings: list[str]
    new_team: str | None


def team_key(name: str) -> str:
    return unicodedata.normalize("NFKC", name).strip().casefold()


def halfwidth_alnum(text: str) -> str:
    """Full-width digits and Latin letters to ASCII; Chinese punctuation untouched."""
    if text.isascii():
        return text  # nothing to turn, and isascii costs nothing, unlike translate
    return text.translate(_FULLWIDTH_ALNUM)


def _id_hint(text: str) -> str | int:
    """Text with 18 digits ending in 000 and a failing check digit was a number in Excel.

    Passing it on as an int lets the validator give its "lost its last digits"
    message, which tells the clerk how to fix it, instead of "check digit".
    """
    last = text[-1:]
    if not (last and last in _ZERO_OR_SEPARATOR) and not last.isspace():
        return text  # ends in another digit or X: the search below cannot match at the end
    if not _ENDS_000.search(text):
        return text  # most IDs: no need to build the compact form
    compact = _ID_SEPARATORS.sub("", v.to_halfwidth(text))
    if (
        _ID_DIGITS.fullmatch(compact)
        and compact.endswith("000")
        and not v.check_resident_id(compact).ok
    ):
        return int(compact)
    return text


def _as_text(value: Cell) -> Cell:
    if value.__class__ is str:
        return halfwidth_alnum(value)  # the common case, ahead of the isinstance chain
    if isinstance(value, datetime):
        if value.time() == time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat(timespec="minutes")
    if isinstance(value, timedelta):
        return str(value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, str):
        return halfwidth_alnum(value)
    return value


def _hours(f: Field, value: Cell) -> Cell:
    """A duration cell ([h]:mm in Excel, a time in ODS) in an hours field is hours."""
    if "小时" not in f.units:
        return _as_text(value)
    if isinstance(value, timedelta):
        return value.total_seconds() / 3600
    if isinstance(value, time):
        return value.hour + value.minute / 60 + value.second / 3600
    return value


def _compact_date_number(value: Cell) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return float(value).is_integer() and 19000101 <= value <= 21001231


def coerce(f: Field, value: Cell) -> Cell:
    """Shape a cell for the validator without deciding anything about it."""
    kind = f.kind
    if kind in (TEXT, LONGTEXT, TEAM, VOLUNTEERS):
        return _as_text(value)
    if isinstance(value, str):
        return _id_hint(value) if kind == ID_NUMBER else value
    if kind == DATE and _compact_date_number(value):
        return str(int(value))  # 20230501 typed into a number cell; no serial is that big
    if isinstance(value, time | timedelta) and kind in (INT, FLOAT):
        return _hours(f, value)
    if isinstance(value, time | timedelta):
        return _as_text(value)
    return value


def _step(f: Field) -> int:
    if f.kind == TEAM:
        return _TEAM
    if f.kind == VOLUNTEERS:
        return _VOLUNTEERS
    return _CANONICAL if f.kind in _CACHED_KINDS else _PLAIN


def _presence(names: list[str], columns: list[list[Any]], count: int) -> list[frozenset[str]]:
    """Each row's fields with a cell (not _SKIP), empty for a row of blanks only.

    Rows with the same blanks share one set, found in C-level passes: a roster's
    rows differ in a few optional columns.
    """
    full = frozenset(names)
    skipping = [
        (name, column) for name, column in zip(names, columns, strict=True) if _SKIP in column
    ]
    if not skipping:
        return [full] * count
    masks = list(zip(*(map(is_, column, repeat(_SKIP)) for _, column in skipping), strict=True))
    blank_names = [name for name, _ in skipping]
    sets = {mask: full.difference(compress(blank_names, mask)) for mask in set(masks)}
    return list(map(sets.__getitem__, masks))


class RowPipeline:
    """Validates rows of one table; caches per-column answers between rows."""

    def __init__(
        self,
        ledger: Ledger,
        mapping: ColumnMapping,
        catalogues: Catalogues,
        lookups: Lookups | None = None,
        *,
        today: date | None = None,
    ) -> None:
        self.ledger = ledger
        self.catalogues = catalogues
        self.lookups = lookups or Lookups()
        self.today = today
        self.columns = [(col, ledger.field(name)) for col, name in sorted(mapping.fields.items())]
        self.labels = {
            name: (
                mapping.headers[col]
                if col < len(mapping.headers) and mapping.headers[col]
                else ledger.field(name).zh
            )
            for col, name in mapping.fields.items()
        }
        self._steps = [(col, f, _step(f)) for col, f in self.columns]
        self.validator = RecordValidator(ledger, catalogues, today=today)
        # Per field: canonical value by cell value (see memo_key), for _CACHED_KINDS.
        self._canonicals: dict[str, dict[tuple[type, Any], Any]] = {
            f.name: {} for _, f in self.columns if f.kind in _CACHED_KINDS
        }
        self._said: dict[tuple[str, str], str] = {}
        # Team text → (team id, name of a team to create, error messages).
        self._teams: dict[tuple[type, Any], tuple[int | None, str | None, tuple[str, ...]]] = {}

    def label(self, name: str) -> str:
        if name in self.labels:
            return self.labels[name]
        try:
            return self.ledger.field(name).zh
        except KeyError:
            return name

    def _say(self, name: str, message: str) -> str:
        """The message as the clerk reads it, worded once per field and message: a
        column's rows repeat a few messages (the ID's place note) thousands of times."""
        said = self._said.get((name, message))
        if said is None:
            said = translate("Import", "{column}: {message}").format(
                column=self.label(name), message=message
            )
            self._said[(name, message)] = said
        return said

    def process(
        self,
        row_number: int,
        cells: Sequence[Cell],
        formula_columns: frozenset[int] = frozenset(),
    ) -> RowResult | None:
        """Validate one row; None when the mapped columns are all blank."""
        shaped = self._shape(row_number, cells, formula_columns)
        if shaped is None:
            return None
        checked = self.validator.validate(shaped.raw)
        return self._result(
            row_number, cells, shaped.errors, shaped.warnings, shaped.new_team, checked,
            frozenset(shaped.raw),
        )  # fmt: skip

    def process_many(
        self,
        rows: Sequence[tuple[int, Sequence[Cell]]],
        formulas: Mapping[int, frozenset[int]] | None = None,
    ) -> list[RowResult | None]:
        """:meth:`process` of each (row number, cells), worked column by column.

        The same results as row by row; a column's cells go through one loop with
        its kind decided once, the domain checks run field by field on the shaped
        columns (:meth:`RecordValidator.validate_columns`), and no row is made a
        dict until its values are: a 50,000-row roster's rows were made dicts three
        times before.
        """
        names, columns, extras = self._shape_columns(rows)
        if formulas or len(set(names)) < len(names):
            return self._process_rows(rows, formulas or {}, names, columns, extras)
        present = _presence(names, columns, len(rows))
        keep = list(map(bool, present))
        count = keep.count(True)
        by_name = dict(zip(names, columns, strict=True))
        raws: dict[str, list[Any]] = {}
        for f in self.ledger.fields:  # what validate_many would take from each row's dict
            column = by_name.get(f.name)
            if column is None:
                raws[f.name] = [f.default] * count
            elif _SKIP in column:
                default = f.default
                raws[f.name] = [default if c is _SKIP else c for c in compress(column, keep)]
            else:
                raws[f.name] = list(compress(column, keep))
        checked = iter(self.validator.validate_columns(raws))
        new_teams: list[str | None] = [None] * len(rows)
        own: dict[int, tuple[list[str], list[str]]] = {}  # the importer's messages by row
        for index, probe in extras:
            if probe.new_team is not None:
                new_teams[index] = probe.new_team
            if probe.errors or probe.warnings:
                errors, warnings = own.setdefault(index, ([], []))
                errors += probe.errors
                warnings += probe.warnings
        results: list[RowResult | None] = []
        append = results.append
        for index, (number, cells) in enumerate(rows):
            fields = present[index]
            if not fields:
                append(None)
                continue
            result = next(checked)
            mine = own.get(index)
            if mine is None and not result.errors and not result.warnings:
                append(
                    RowResult(number, tuple(cells), result.values, fields, [], [], new_teams[index])
                )
                continue
            errors, warnings = mine or ([], [])
            append(self._result(number, cells, errors, warnings, new_teams[index], result, fields))
        return results

    def _process_rows(
        self,
        rows: Sequence[tuple[int, Sequence[Cell]]],
        formulas: Mapping[int, frozenset[int]],
        names: list[str],
        columns: list[list[Any]],
        extras: list[tuple[int, _Shaped]],
    ) -> list[RowResult | None]:
        """:meth:`process_many` made row by row from the shaped columns: rows with formula
        cells (shaped on their own) or several columns of one field (--map), where a blank
        cell of the second leaves the first one's value. Rare, so plain."""
        cells_by_row = zip(*columns, strict=True) if columns else repeat((), len(rows))
        shaped: list[_Shaped | None] = [
            _Shaped({k: v for k, v in zip(names, row, strict=True) if v is not _SKIP}, [], [], None)
            for row in cells_by_row
        ]
        for index, probe in extras:
            row = shaped[index]
            assert row is not None
            row.errors += probe.errors
            row.warnings += probe.warnings
            if probe.new_team is not None:
                row.new_team = probe.new_team
        for index, (number, cells) in enumerate(rows):
            if number in formulas:
                shaped[index] = self._shape(number, cells, formulas[number])
        kept = [s if s is not None and s.raw else None for s in shaped]
        checked = iter(self.validator.validate_many([s.raw for s in kept if s is not None]))
        return [
            None
            if s is None
            else self._result(
                n, cells, s.errors, s.warnings, s.new_team, next(checked), frozenset(s.raw)
            )
            for (n, cells), s in zip(rows, kept, strict=True)
        ]

    def _shape_columns(
        self, rows: Sequence[tuple[int, Sequence[Cell]]]
    ) -> tuple[list[str], list[list[Any]], list[tuple[int, _Shaped]]]:
        """Each mapped column's cells shaped for the validator (_SKIP: blank), with the
        field names in column order and (row index, a cell's own shaping) of the cells
        whose shaping carries messages or a new team."""
        # Columns by one C-level transpose; rows shorter than the longest give None.
        columns = list(zip_longest(*(cells for _, cells in rows)))
        names: list[str] = []
        shaped_columns: list[list[Any]] = []
        extras: list[tuple[int, _Shaped]] = []
        for col, f, step in self._steps:
            column = columns[col] if col < len(columns) else (None,) * len(rows)
            names.append(f.name)
            plain = self._shape_text_column(f, step, column)
            if plain is not None:
                shaped_columns.append(plain)
                continue
            distinct = self._shape_distinct(f, step, column)
            if distinct is None:  # values that may be equal across types: cell by cell
                out = []
                for index, value in enumerate(column):
                    shaped_value, probe = self._shape_value(f, step, value)
                    out.append(shaped_value)
                    if probe is not None:
                        extras.append((index, probe))
                shaped_columns.append(out)
                continue
            by_value, flagged = distinct
            shaped_columns.append(list(map(by_value.__getitem__, column)))
            if flagged:
                extras += [
                    (i, flagged[value]) for i, value in enumerate(column) if value in flagged
                ]
        return names, shaped_columns, extras

    def _shape_text_column(self, f: Field, step: int, column: Sequence[Cell]) -> list[Any] | None:
        """:meth:`_shape_value` of each cell of a plain column of text (names, IDs,
        phones: values that rarely repeat), in one comprehension; None for other columns."""
        if step != _PLAIN or not set(map(type, column)) <= {str, type(None)}:
            return None
        if f.kind in (TEXT, LONGTEXT):
            shape: Any = halfwidth_alnum
            if not _FULLWIDTH_CHARS.search("\n".join(filter(None, column))):  # type: ignore[arg-type]
                return [_SKIP if c is None or not c.strip() else c for c in column]  # none to turn
        elif f.kind == ID_NUMBER:
            shape = _id_hint
        else:
            return [_SKIP if c is None or not c.strip() else c for c in column]
        return [_SKIP if c is None or not c.strip() else shape(c) for c in column]

    def _shape_distinct(
        self, f: Field, step: int, column: Sequence[Cell]
    ) -> tuple[dict[Any, Any], dict[Any, _Shaped]] | None:
        """Each distinct cell of a column shaped once: (shaped value by cell, the cells'
        own shaping where it adds messages or a team); None when equal cells could
        shape differently (1, 1.0 and True; 0.0 and -0.0) or a cell is not hashable."""
        if step == _VOLUNTEERS:
            return None  # a fresh list of ids per cell
        kinds = set(map(type, column))
        numbers = kinds - {str, date, datetime, type(None)}
        if len(numbers) > 1 or not numbers <= {int, bool, float}:
            return None
        distinct = dict.fromkeys(column)
        if float in numbers and (0.0 in distinct or any(c != c for c in distinct)):
            return None
        by_value: dict[Any, Any] = {}
        flagged: dict[Any, _Shaped] = {}
        # A date cell in a date field is shaped as itself, in bounds or not (coerce
        # leaves it, and the validator judges it): a roster's birth dates are mostly
        # distinct, 20,000 of them, each of which would otherwise be checked here too.
        dates = f.kind == DATE
        for value in distinct:
            if dates and value.__class__ is date:
                by_value[value] = value
                continue
            by_value[value], probe = self._shape_value(f, step, value)
            if probe is not None:
                flagged[value] = probe
        return by_value, flagged

    def _shape_value(self, f: Field, step: int, value: Cell) -> tuple[Any, _Shaped | None]:
        """What one cell puts in its row: (value, or _SKIP when blank; its shaping when
        that carries messages or a new team, else None)."""
        if value is None:
            return _SKIP, None
        if value.__class__ is str:
            if not value.strip():
                return _SKIP, None
            if step == _PLAIN:  # coerce's answer for text, without the calls
                if f.kind in (TEXT, LONGTEXT):
                    return halfwidth_alnum(value), None
                return (_id_hint(value) if f.kind == ID_NUMBER else value), None
        probe = _Shaped({}, [], [], None)
        self._shape_cell(probe, f, step, value)
        found = probe.raw[f.name]
        if probe.errors or probe.warnings or probe.new_team is not None:
            return found, probe
        return found, None

    def _shape(
        self, row_number: int, cells: Sequence[Cell], formula_columns: frozenset[int]
    ) -> _Shaped | None:
        """A row's cells shaped for the validator, with the importer's own messages."""
        shaped = _Shaped({}, [], [], None)
        width = len(cells)
        for col, f, step in self._steps:
            value = cells[col] if col < width else None
            if formula_columns and col in formula_columns:
                shaped.errors.append(self._formula_error(f, col, row_number))
                shaped.raw[f.name] = None
            elif value is not None and not (value.__class__ is str and not value.strip()):
                self._shape_cell(shaped, f, step, value)
        return shaped if shaped.raw else None

    def _shape_cell(self, shaped: _Shaped, f: Field, step: int, value: Cell) -> None:
        """One non-blank cell into ``shaped``."""
        if value.__class__ is int and abs(value) >= _TOO_LARGE:
            # No spreadsheet holds such an integer; str() of it may even fail.
            shaped.errors.append(self._say(f.name, translate("Import", "number too large")))
            shaped.raw[f.name] = None
        elif step == _CANONICAL:
            key = memo_key(value)
            cache = self._canonicals[f.name]
            shaped.raw[f.name] = cache[key] if key in cache else self._canonical(f, value, key)
        elif step == _PLAIN:
            shaped.raw[f.name] = coerce(f, value)
        elif step == _TEAM:
            shaped.raw[f.name], shaped.new_team, messages = self._team(_as_text(value))
            shaped.errors.extend(messages)
        else:
            shaped.raw[f.name] = self._volunteers(_as_text(value), shaped.warnings)

    def _result(
        self,
        row_number: int,
        cells: Sequence[Cell],
        errors: list[str],
        warnings: list[str],
        new_team: str | None,
        checked: Validated,
        present: frozenset[str],
    ) -> RowResult:
        """A row's result from the importer's own messages and the validator's."""
        if checked.errors:
            for name, messages in checked.errors.items():
                errors.extend(self._say(name, m) for m in messages)
        if checked.warnings:
            for name, messages in checked.warnings.items():
                warnings.extend(self._say(name, m) for m in messages)
        cells_tuple = tuple(cells)
        if errors:
            return RowResult(row_number, cells_tuple, None, present, errors, warnings)
        return RowResult(row_number, cells_tuple, checked.values, present, [], warnings, new_team)

    def _formula_error(self, f: Field, col: int, row_number: int) -> str:
        return self._say(
            f.name,
            translate(
                "Import",
                "cell {cell} has a formula without a saved result; open the file in "
                "Excel/WPS, save it, and import again.",
            ).format(cell=f"{column_letter(col)}{row_number}"),
        )

    def _canonical(self, f: Field, cell: Any, key: tuple[type, Any] | None) -> Any:
        """The checked value of ``cell`` when it passes, else the coerced cell itself.

        Remembered under ``key`` (``memo_key(cell)``, None: not remembered), which
        :meth:`process` looks up first: ``coerce`` and the check depend on nothing else.
        """
        value = coerce(f, cell)
        checked = self.validator.check(f, value)
        result = checked.value if checked.ok and checked.value is not None else value
        cache = self._canonicals[f.name]
        if key is not None and len(cache) < MEMO_LIMIT:
            cache[key] = result
        return result

    def _team(self, text: Any) -> tuple[int | None, str | None, tuple[str, ...]]:
        """(team id, name of a team to create, errors) for a team cell's text.

        Remembered per text: a roster names a handful of teams 50,000 times.
        """
        key = memo_key(text)
        found = self._teams.get(key) if key is not None else None
        if found is None:
            found = self._resolve_team(text)
            if key is not None and len(self._teams) < MEMO_LIMIT:
                self._teams[key] = found
        return found

    def _resolve_team(self, text: Any) -> tuple[int | None, str | None, tuple[str, ...]]:
        if text is None or text == "":
            return None, None, ()
        checked = v.check_text(text, max_length=TEAMS.field("name").max_length)
        if not checked.ok or checked.value is None:
            return None, None, tuple(self._say("team_id", m) for m in checked.errors)
        team_id = self.lookups.teams.get(team_key(checked.value))
        return team_id, None if team_id is not None else checked.value, ()

    def _volunteers(self, text: Any, warnings: list[str]) -> list[int]:
        if text is None:
            return []
        ids: list[int] = []
        for name in _NAME_SPLIT.split(str(text).strip()):
            if not name:
                continue
            found = self.lookups.volunteers.get(name, [])
            if len(found) == 1:
                ids.append(found[0])
            elif not found:
                warnings.append(
                    self._say(
                        "volunteers",
                        translate(
                            "Import", "“{name}” is not in the volunteer roster; not linked."
                        ).format(name=name),
                    )
                )
            else:
                warnings.append(
                    self._say(
                        "volunteers",
                        translate(
                            "Import", "{count} volunteers are called “{name}”; not linked."
                        ).format(count=len(found), name=name),
                    )
                )
        return sorted(set(ids))
