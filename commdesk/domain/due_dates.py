"""When returns are due (报送期限) and where each one stands on a given day.

The calendar is data (``resources/returns/calendar.toml``; a county's own
``calendar.toml`` in the data folder replaces it), and the state of a return comes
from the export history the program keeps (exported, 已上报, unlocked after
submission). This module only combines the two for a day it is given, so every
state can be tested with a fixed clock; it reads no clock, database or Qt.
"""

from __future__ import annotations

import calendar
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from commdesk.domain.i18n import is_chinese, translate
from commdesk.domain.periods import PERIOD_KINDS, Period, PeriodError

CALENDAR_FILE = "calendar.toml"
NOTICE_DAYS = 5  # a return due within this many days (or late) is announced at start

# States of a due return. The history's own words (store/services/periods.py) are
# none / exported / submitted / modified; OVERDUE is what none or exported become
# once the due date has passed.
NOT_STARTED = "not_started"
EXPORTED = "exported"
SUBMITTED = "submitted"
MODIFIED = "modified"
OVERDUE = "overdue"
STATES = (NOT_STARTED, EXPORTED, SUBMITTED, MODIFIED, OVERDUE)
_FROM_HISTORY = {"none": NOT_STARTED, "exported": EXPORTED, "submitted": SUBMITTED,
                 "modified": MODIFIED}  # fmt: skip


class CalendarError(ValueError):
    """The calendar file cannot be used; the message names the file and the entry."""


@dataclass(frozen=True)
class DueRule:
    """One return of the calendar: the periods it covers and its deadline."""

    name: str
    name_en: str
    kind: str  # a period kind: month, quarter, half, year
    months_after: int
    day: int | None  # None: the last day of that month

    def label(self) -> str:
        return self.name if is_chinese() or not self.name_en else self.name_en

    def due(self, period: Period) -> date:
        """The due date of this return for ``period``."""
        months = period.year * 12 + period.last_month - 1 + self.months_after
        year, month = divmod(months, 12)
        last = calendar.monthrange(year, month + 1)[1]
        return date(year, month + 1, last if self.day is None else min(self.day, last))


@dataclass(frozen=True)
class DueReturn:
    rule: DueRule
    period: Period
    due: date
    state: str  # one of STATES
    days_left: int  # 0 on the due date, negative once late

    @property
    def needs_notice(self) -> bool:
        """Not submitted (or changed since) and due within NOTICE_DAYS, or late."""
        return self.state != SUBMITTED and self.days_left <= NOTICE_DAYS


def calendar_path(data_dir: Path | None) -> Path:
    """The county's calendar in the data folder when there is one, else the shipped one."""
    from commdesk.paths import resources_dir

    if data_dir is not None and (Path(data_dir) / CALENDAR_FILE).is_file():
        return Path(data_dir) / CALENDAR_FILE
    return resources_dir() / "returns" / CALENDAR_FILE


def load_calendar(path: Path) -> tuple[DueRule, ...]:
    """Read and check a calendar file."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise CalendarError(f"{Path(path).name}: {exc}") from exc
    rules = []
    for n, entry in enumerate(data.get("returns", []), start=1):
        where = f"{Path(path).name}, [[returns]] {n}"
        if not isinstance(entry, dict) or not str(entry.get("name") or "").strip():
            raise CalendarError(
                translate("DueDates", "{where}: a return needs a name").format(where=where)
            )
        kind = entry.get("period")
        if kind not in PERIOD_KINDS:
            raise CalendarError(
                translate("DueDates", "{where}: period must be one of {kinds}").format(
                    where=where, kinds=", ".join(PERIOD_KINDS)
                )
            )
        months_after = entry.get("months_after", 1)
        if not isinstance(months_after, int) or isinstance(months_after, bool):
            raise CalendarError(
                translate("DueDates", "{where}: months_after must be a whole number").format(
                    where=where
                )
            )
        if not 0 <= months_after <= 24:
            raise CalendarError(
                translate("DueDates", "{where}: months_after must be between 0 and 24").format(
                    where=where
                )
            )
        day = entry.get("day", "last")
        if day != "last" and not (isinstance(day, int) and 1 <= day <= 31):
            raise CalendarError(
                translate("DueDates", "{where}: day must be 1–31 or “last”").format(where=where)
            )
        rules.append(
            DueRule(
                name=str(entry["name"]).strip(),
                name_en=str(entry.get("name_en") or "").strip(),
                kind=str(kind),
                months_after=months_after,
                day=None if day == "last" else int(day),
            )
        )
    return tuple(rules)


def return_state(history: str, due: date, today: date) -> str:
    """The state of a return whose period's history says ``history`` (none / exported /
    submitted / modified): not yet sent and past ``due`` is OVERDUE."""
    state = _FROM_HISTORY.get(history, NOT_STARTED)
    if state in (NOT_STARTED, EXPORTED) and today > due:
        return OVERDUE
    return state


def due_returns(
    rules: tuple[DueRule, ...], today: date, history: Callable[[Period], str]
) -> list[DueReturn]:
    """For each return of the calendar, the period that ended last before ``today``, its
    due date and state (``history`` gives the period's export-history state)."""
    out = []
    for rule in rules:
        try:
            period = Period.containing(rule.kind, today).previous()
        except PeriodError:  # before the first year periods exist for
            continue
        due = rule.due(period)
        state = return_state(history(period), due, today)
        out.append(DueReturn(rule, period, due, state, (due - today).days))
    return sorted(out, key=lambda d: (d.due, PERIOD_KINDS.index(d.rule.kind)))
