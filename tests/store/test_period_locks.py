"""Submitted periods lock their records; unlocking needs a reason and is audited."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import select

from commdesk.domain.periods import Period
from commdesk.store.models import AuditEntry
from commdesk.store.services import periods
from commdesk.store.services.periods import PeriodLocked
from commdesk.store.services.service_records import service_records


def _export(store: Any, code: str, values: dict[str, Any] | None = None) -> int:
    return periods.log_export(
        store,
        period=Period.parse(code),
        definition_id="community-service",
        definition_version="2026.1",
        file_name=f"{code}.xlsx",
        values=values or {},
        sha256="0" * 64,
        exported_at=datetime(2026, 10, 5, 9, 0),
    )


def test_states_follow_export_submit_unlock_reexport(store: Any) -> None:
    q3 = Period.parse("2026Q3")
    assert periods.state(store, q3).status == periods.NONE
    log_id = _export(store, "2026Q3")
    assert periods.state(store, q3).status == periods.EXPORTED
    periods.mark_submitted(store, log_id)
    assert periods.state(store, q3).status == periods.SUBMITTED
    periods.unlock_period(store, q3, "补录遗漏的服务记录")
    assert periods.state(store, q3).status == periods.MODIFIED
    _export(store, "2026Q3")
    assert periods.state(store, q3).status == periods.EXPORTED
    with store.read() as s:
        unlock = s.scalars(select(AuditEntry).where(AuditEntry.action == "unlock")).one()
    assert unlock.note == "补录遗漏的服务记录"


def test_records_in_submitted_period_are_locked(store: Any) -> None:
    inside = service_records.add(store, {"service_date": "2026-08-01", "category_code": "WM01"})
    outside = service_records.add(store, {"service_date": "2026-10-01", "category_code": "WM01"})
    periods.mark_submitted(store, _export(store, "2026Q3"))
    with pytest.raises(PeriodLocked):
        service_records.update(store, inside, {"people_served": 9})
    with pytest.raises(PeriodLocked):
        service_records.delete(store, [inside])
    with pytest.raises(PeriodLocked):
        service_records.add(store, {"service_date": "2026-09-30", "category_code": "WM01"})
    with pytest.raises(PeriodLocked):  # moving a record into the locked period
        service_records.update(store, outside, {"service_date": "2026-07-01"})
    service_records.update(store, outside, {"people_served": 3})  # other periods are free
    assert service_records.get(store, inside)["people_served"] == 1
    periods.unlock_period(store, Period.parse("2026Q3"), "更正人次")
    service_records.update(store, inside, {"people_served": 9})
    assert service_records.get(store, inside)["people_served"] == 9


def test_a_submitted_year_locks_its_months(store: Any) -> None:
    rid = service_records.add(store, {"service_date": "2026-02-01", "category_code": "WM01"})
    periods.mark_submitted(store, _export(store, "2026"))
    with pytest.raises(PeriodLocked) as info:
        service_records.delete(store, [rid])
    assert info.value.periods == ["2026"]


def test_unlock_needs_reason(store: Any) -> None:
    periods.mark_submitted(store, _export(store, "2026-09"))
    with pytest.raises(ValueError):
        periods.unlock_period(store, Period.parse("2026-09"), "   ")
    assert periods.state(store, Period.parse("2026-09")).status == periods.SUBMITTED


def test_previous_values_come_from_latest_export_of_previous_period(store: Any) -> None:
    _export(store, "2026Q2", {"T3": {"TOTAL": {"1": 5}}})
    _export(store, "2026Q2", {"T3": {"TOTAL": {"1": 7}}})
    got = periods.previous_values(store, Period.parse("2026Q3"), "community-service")
    assert got == {"T3": {"TOTAL": {"1": 7}}}
    assert periods.previous_values(store, Period.parse("2026Q4"), "community-service") is None
