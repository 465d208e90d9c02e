"""Ledger services against a real temp database: validation, audit, soft delete, queries."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from commdesk.domain.catalogues import CatalogueError
from commdesk.domain.records import ValidationError
from commdesk.store.catalogue_store import add_local_item, load_catalogues
from commdesk.store.models import AuditEntry
from commdesk.store.services.base import NotFound, Query
from commdesk.store.services.facilities import facilities
from commdesk.store.services.profile import get_profile, has_valid_profile, save_profile
from commdesk.store.services.service_records import service_records
from commdesk.store.services.volunteers import teams, volunteer_hours, volunteers
from commdesk.store.services.workers import workers

VALID_ID = "11010519491231002X"
OTHER_ID = "110105198001010016"


def _audit(store: Any, table: str, row_id: int) -> list[AuditEntry]:
    with store.read() as s:
        return list(
            s.scalars(
                select(AuditEntry)
                .where(AuditEntry.table_name == table, AuditEntry.row_id == row_id)
                .order_by(AuditEntry.id)
            )
        )


SAMPLES: dict[str, tuple[Any, dict[str, Any], dict[str, Any]]] = {
    "volunteer": (
        volunteers,
        {"name": "张三", "id_number": VALID_ID, "mobile": "13800138000"},
        {"skills": "理发"},
    ),
    "worker": (
        workers,
        {"name": "李四", "id_number": OTHER_ID, "position_codes": ("GRID",)},
        {"education_code": "大专"},
    ),
    "facility": (
        facilities,
        {"name": "党群服务中心", "type_code": "F01", "floor_area": 500, "activity_area": 320},
        {"barrier_free": "是"},
    ),
    "volunteer_team": (teams, {"name": "银龄志愿服务队"}, {"leader": "王五"}),
    "service_record": (
        service_records,
        {
            "service_date": date(2026, 10, 8),
            "category_code": "WM01",
            "people_served": 4,
            "hours": 1.5,
        },
        {"people_served": 6},
    ),
}


@pytest.mark.parametrize("ledger", sorted(SAMPLES))
def test_add_update_delete_restore_with_audit(store: Any, ledger: str) -> None:
    service, data, change = SAMPLES[ledger]
    row_id = service.add(store, data, user="clerk")
    row = service.get(store, row_id)
    assert row["created_by"] == "clerk"
    field = next(iter(change))
    service.update(store, row_id, change, user="clerk2")
    updated = service.get(store, row_id)
    assert updated[field] != row[field]
    assert updated["updated_by"] == "clerk2"
    assert service.delete(store, [row_id]) == 1
    assert service.count(store) == 0
    assert [r["id"] for r in service.query(store, Query(deleted=True))] == [row_id]
    assert service.delete(store, [row_id]) == 0  # already deleted: nothing to do
    assert service.restore(store, [row_id]) == 1
    assert service.count(store) == 1
    actions = [a.action for a in _audit(store, ledger, row_id)]
    assert actions == ["insert", "update", "delete", "restore"]
    update = _audit(store, ledger, row_id)[1]
    assert json.loads(update.before)[field] != json.loads(update.after)[field]
    assert update.user == "clerk2"


def test_invalid_row_raises_typed_error_and_writes_nothing(store: Any) -> None:
    with pytest.raises(ValidationError) as info:
        volunteers.add(store, {"name": "", "id_number": "110105194912310021", "mobile": "12345"})
    assert set(info.value.errors) == {"name", "id_number", "mobile"}
    assert volunteers.count(store) == 0
    with store.read() as s:
        assert s.scalars(select(AuditEntry)).first() is None


def test_update_of_deleted_or_missing_row_is_refused(store: Any) -> None:
    row_id = teams.add(store, {"name": "A"})
    teams.delete(store, [row_id])
    with pytest.raises(NotFound):
        teams.update(store, row_id, {"name": "B"})
    with pytest.raises(NotFound):
        teams.delete(store, [9999])


def test_volunteer_gender_and_birth_date_come_from_id(store: Any) -> None:
    row_id = volunteers.add(store, {"name": "赵六", "id_number": OTHER_ID})
    row = volunteers.get(store, row_id)
    assert row["birth_date"] == date(1980, 1, 1)
    assert row["gender"] == "M"


def test_future_service_date_and_negative_people_rejected(store: Any) -> None:
    future = date.today() + timedelta(days=3)
    with pytest.raises(ValidationError) as info:
        service_records.add(
            store, {"service_date": future, "category_code": "WM01", "people_served": -1}
        )
    assert {"service_date", "people_served"} <= set(info.value.errors)


def test_activity_area_cannot_exceed_floor_area(store: Any) -> None:
    with pytest.raises(ValidationError) as info:
        facilities.add(
            store, {"name": "活动室", "type_code": "F05", "floor_area": 50, "activity_area": 80}
        )
    assert "activity_area" in info.value.errors


def test_service_links_volunteers_and_hours_are_derived(store: Any) -> None:
    a = volunteers.add(store, {"name": "张三", "id_number": VALID_ID})
    b = volunteers.add(store, {"name": "欧阳旭", "id_number": OTHER_ID})
    s1 = service_records.add(
        store,
        {
            "service_date": date(2026, 9, 1),
            "category_code": "ZY01",
            "hours": 2,
            "provider_kind_code": "VOL",
            "volunteers": [a, b],
        },
    )
    service_records.add(
        store,
        {"service_date": date(2026, 10, 1), "category_code": "ZY01", "hours": 3, "volunteers": [a]},
    )
    assert service_records.get(store, s1)["volunteers"] == sorted([a, b])
    assert volunteer_hours(store, a) == (2, 5.0)
    assert volunteer_hours(store, a, start=date(2026, 10, 1)) == (1, 3.0)
    service_records.update(store, s1, {"volunteers": [b]})
    assert volunteer_hours(store, a) == (1, 3.0)
    service_records.delete(store, [s1])
    assert volunteer_hours(store, b) == (0, 0.0)
    with pytest.raises(ValidationError):
        service_records.add(
            store,
            {"service_date": date(2026, 10, 1), "category_code": "ZY01", "volunteers": [999]},
        )


def _services(store: Any) -> list[int]:
    rows = [
        ("2026-01-05", "WM01", "ELD", 10, 2.0, "为老人理发", "李大爷"),
        ("2026-02-10", "BM01", "GEN", 3, 1.0, "代办社保", "欧阳旭"),
        ("2026-03-15", "WM01", "ELD", 5, 4.0, "助餐服务", "曾小明"),
        ("2026-03-31", "AM02", "GEN", 2, 0.5, "邻里纠纷调解", None),
    ]
    ids = []
    for d, cat, tg, people, hours, desc, who in rows:
        data = {
            "service_date": d,
            "category_code": cat,
            "target_group_code": tg,
            "people_served": people,
            "hours": hours,
            "description": desc,
            "recipient_name": who,
        }
        if who == "李大爷":
            data["recipient_id_number"] = "110105194501010014"
        ids.append(service_records.add(store, data))
    return ids


def test_query_search_filters_sort_paging_totals(store: Any) -> None:
    ids = _services(store)
    names = lambda q: [r["id"] for r in service_records.query(store, q)]  # noqa: E731
    assert names(Query(search="理发")) == [ids[0]]
    assert names(Query(search="oyx")) == [ids[1]]  # pinyin initials of the recipient
    assert names(Query(search="zxm")) == [ids[2]]  # 曾 read as zeng
    assert names(Query(search="0014")) == [ids[0]]  # tail of the recipient's ID
    assert names(Query(filters={"category_code": "WM01"})) == [ids[0], ids[2]]
    assert names(Query(date_from=date(2026, 2, 1), date_to=date(2026, 3, 31))) == ids[1:]
    assert names(Query(sort="people_served", descending=True)) == [ids[0], ids[2], ids[1], ids[3]]
    assert names(Query(offset=1, limit=2)) == ids[1:3]
    totals = service_records.totals(store, Query(filters={"category_code": ["WM01", "AM02"]}))
    assert totals == {"rows": 3, "people_served": 17.0, "hours": 6.5, "volunteer_count": 0.0}
    service_records.delete(store, [ids[0]])
    assert service_records.totals(store)["people_served"] == 10.0
    assert service_records.count(store, Query(search="理发")) == 0


def test_search_text_escapes_like_wildcards(store: Any) -> None:
    teams.add(store, {"name": "100%满意队"})
    teams.add(store, {"name": "普通队"})
    assert [r["name"] for r in teams.query(store, Query(search="%"))] == ["100%满意队"]
    assert [r["name"] for r in teams.query(store, Query(search="_"))] == []


def test_profile_single_row_and_validity(store: Any, profile_data: dict[str, Any]) -> None:
    assert get_profile(store) is None
    assert not has_valid_profile(store)
    first = save_profile(store, profile_data)
    second = save_profile(store, {"households": 1500})
    assert first == second
    profile = get_profile(store)
    assert profile["households"] == 1500
    assert profile["name"] == profile_data["name"]
    assert has_valid_profile(store)
    with pytest.raises(ValidationError) as info:
        save_profile(store, {"division_code": "12345", "households": 0})
    assert {"division_code", "households"} <= set(info.value.errors)


def test_local_catalogue_items_extend_without_changing_codes(store: Any) -> None:
    before = load_catalogues(store)["service_category"].codes()
    add_local_item(store, "service_category", "X001", "移风易俗宣传", group="WM")
    after = load_catalogues(store)["service_category"]
    assert after.codes()[: len(before)] == before
    assert after.get("X001").zh == "移风易俗宣传"
    row = service_records.add(
        store, {"service_date": "2026-10-01", "category_code": "移风易俗宣传"}
    )
    assert service_records.get(store, row)["category_code"] == "X001"
    with pytest.raises(CatalogueError):
        add_local_item(store, "service_category", "WM99", "不允许", group="WM")
    with pytest.raises(CatalogueError):
        add_local_item(store, "service_category", "X001", "重复", group="WM")


def test_live_count_fast_path_matches_filtered_count(store: Any) -> None:
    ids = _services(store)
    service_records.delete(store, ids[:2])
    # the unfiltered count uses count(*) minus the partial index on deleted rows
    assert service_records.count(store) == 2
    assert service_records.count(store, Query(search="")) == 2
    assert service_records.count(store, Query(deleted=True)) == 2
    service_records.restore(store, [ids[0]])
    assert service_records.count(store) == 3
    assert service_records.count(store) == len(service_records.query(store, Query(limit=None)))
