"""Dates a roster does not give: named in the plan, chosen by the clerk, never the clock.

A roster without a joining-date column (or with blank cells in it), and people
marked 退出 without an exit date, would otherwise be dated silently. The return
rules (:mod:`commdesk.returns.facts`) count a person whose joining date is
unknown as joined before every period, so "earlier than every period" — the
default — is stored as no date at all: nothing is invented, and the clerk can
give a date later. A given date is stored as it is.

For an exit without a date the default is "still counted up to the last day of
the latest return already exported from this data folder, not after": returns
already made keep counting the person (as they would with an unknown joining
date), and every return still to be made follows the roster, which says the
person has left. With no return exported yet they count in no period. The
clerk can give the exit date instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from commdesk.domain.i18n import translate
from commdesk.domain.periods import Period, PeriodError
from commdesk.importing.rows import RowResult
from commdesk.store.engine import Store
from commdesk.store.models import ExportLog

if TYPE_CHECKING:
    from commdesk.importing.plan import ImportPlan

# The person ledgers and the field holding the day a person joined.
START_FIELDS = {"volunteer": "joined_date", "worker": "employed_since"}
LEFT_FIELD = "left_date"
LEFT_STATUS = "inactive"  # 退出 in the person_status catalogue


@dataclass
class DateGaps:
    """Rows to be added whose joining or exit date the file does not give."""

    start_field: str
    start_label: str
    left_label: str
    column_missing: bool  # the file has no joining-date column at all
    without_start: list[RowResult] = field(default_factory=list)
    left_undated: list[RowResult] = field(default_factory=list)
    # The latest return exported from this folder: (period label, its last day).
    last_export: tuple[str, date] | None = None
    join: date | None = None  # the clerk's joining date; None: before every period
    left: date | None = None  # the clerk's exit date; None: the default (see module)
    notes: list[str] = field(default_factory=list)

    @property
    def left_default(self) -> date | None:
        """The day after the latest exported period: that return still counts them."""
        return self.last_export[1] + timedelta(days=1) if self.last_export else None

    @property
    def left_day(self) -> date | None:
        return self.left if self.left is not None else self.left_default

    def rows(self) -> list[tuple[int, str]]:
        """(row number, which date was assumed), for listing; a row may appear twice."""
        no = translate("Import", "no {field}")
        out = [(r.row_number, no.format(field=self.start_label)) for r in self.without_start]
        out += [(r.row_number, no.format(field=self.left_label)) for r in self.left_undated]
        return sorted(out)

    def counts(self) -> dict[str, int]:
        return {"join": len(self.without_start), "left": len(self.left_undated)}


def find_gaps(store: Store, plan: ImportPlan) -> DateGaps | None:
    """The rows of ``plan`` to be added that lack a joining or exit date (person ledgers)."""
    from commdesk.importing.kinds import kind_for

    start = START_FIELDS.get(plan.ledger)
    if start is None:
        return None
    ledger = kind_for(plan.ledger).ledger
    gaps = DateGaps(
        start_field=start,
        start_label=ledger.field(start).zh,
        left_label=ledger.field(LEFT_FIELD).zh,
        column_missing=start not in plan.columns.fields.values(),
        last_export=_last_export(store),
    )
    for row in plan.to_add:
        assert row.values is not None
        if row.values.get(start) is None:
            gaps.without_start.append(row)
        if row.values.get("status_code") == LEFT_STATUS and row.values.get(LEFT_FIELD) is None:
            gaps.left_undated.append(row)
    return gaps


def _last_export(store: Store) -> tuple[str, date] | None:
    with store.read() as s:
        codes = set(s.execute(select(ExportLog.period_code)).scalars())
    periods = []
    for code in codes:
        try:
            periods.append(Period.parse(code))
        except PeriodError:
            continue
    if not periods:
        return None
    latest = max(periods, key=lambda p: (p.last_day, p.first_day))
    return latest.label(), latest.last_day


def choose_dates(plan: ImportPlan, *, join: date | None = None, left: date | None = None) -> None:
    """Apply the clerk's answers (None: the defaults) to the rows and the plan's notes.

    Can be called again with other answers: only rows whose file gave no date change.
    """
    gaps = plan.dates
    if gaps is None:
        return
    gaps.join, gaps.left = join, left
    starts, undated = {id(r) for r in gaps.without_start}, {id(r) for r in gaps.left_undated}
    for row in {id(r): r for r in (*gaps.without_start, *gaps.left_undated)}.values():
        assert row.values is not None
        begin = join if id(row) in starts else row.values.get(gaps.start_field)
        end = gaps.left_day if id(row) in undated else row.values.get(LEFT_FIELD)
        if begin is not None and end is not None and end < begin:
            # An assumed date would contradict another: an assumed joining date gives
            # way (unknown: before every period), else the assumed exit date does.
            if id(row) in starts:
                begin = None
            else:
                end = None
        if id(row) in starts:
            row.values[gaps.start_field] = begin
        if id(row) in undated:
            row.values[LEFT_FIELD] = end
    plan.notes = [n for n in plan.notes if n not in gaps.notes]
    gaps.notes = _notes(gaps)
    plan.notes.extend(gaps.notes)


def _notes(gaps: DateGaps) -> list[str]:
    notes: list[str] = []
    count = len(gaps.without_start)
    if count:
        if gaps.column_missing:
            what = translate(
                "Import", "The file has no {field} column: {count} rows have no joining date."
            ).format(field=gaps.start_label, count=count)
        else:
            what = translate("Import", "{count} rows have no {field}.").format(
                field=gaps.start_label, count=count
            )
        if gaps.join is None:
            how = translate(
                "Import",
                "They count as joined earlier than every period (no date is stored), "
                "unless a joining date is given for them.",
            )
        else:
            how = translate(
                "Import", "They are taken as joined on {date} and are not in earlier returns."
            ).format(date=gaps.join.isoformat())
        notes.append(_sentence(what, how))
    count = len(gaps.left_undated)
    if count:
        what = translate("Import", "{count} rows are marked 退出 without {field}.").format(
            count=count, field=gaps.left_label
        )
        if gaps.left is not None:
            how = translate(
                "Import",
                "They are taken as left on {date}: counted in the periods that end before it.",
            ).format(date=gaps.left.isoformat())
        elif gaps.last_export is not None:
            how = translate(
                "Import",
                "They stay counted up to the latest return exported ({period}, to {date}) and "
                "not after, unless an exit date is given for them.",
            ).format(date=gaps.last_export[1].isoformat(), period=gaps.last_export[0])
        else:
            how = translate(
                "Import",
                "No return has been exported yet, so they count in no period, "
                "unless an exit date is given for them.",
            )
        notes.append(_sentence(what, how))
    return notes


def _sentence(what: str, how: str) -> str:
    """Join two sentences: a space after English, none after Chinese punctuation."""
    return what + ("" if what.endswith(("。", "：")) else " ") + how
