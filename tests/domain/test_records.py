"""Whole-row validation from the field descriptions."""

from __future__ import annotations

from datetime import date

from commdesk.domain.catalogues import released
from commdesk.domain.ledgers import FACILITIES, LEDGERS, SERVICES, VOLUNTEERS_LEDGER, WORKERS
from commdesk.domain.records import validate_record

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
            "position_code": "GRID",
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
