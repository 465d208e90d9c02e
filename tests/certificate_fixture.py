"""A small volunteer ledger whose certificate hours are computed by hand (store and CLI tests)."""

from __future__ import annotations

from datetime import date
from typing import Any

PROFILE = {
    "name": "幸福社区居民委员会", "kind": "urban", "division_code": "110105001001",
    "township_name": "朝外街道", "households": 1000, "resident_population": 2600,
    "registered_population": 2400, "committee_members": 7, "secretary_is_director": True,
    "unit_head": "王建国", "statistics_head": "李明", "preparer": "张丽",
    "phone": "010-65001234",
}  # fmt: skip
ZHANG_ID = "11010519491231002X"
LI_ID = "110105198001010016"
GONE_ID = "110105198202020018"
START, END = date(2026, 3, 1), date(2026, 6, 30)
# Zhang's records in March–June, linked and live: 2.5 + 3 + 1.5 (the 0-hour one counts 0).
ZHANG_HOURS = 2.5 + 3 + 1.5


def build(store: Any) -> dict[str, int]:
    """Profile, a team of two, a deleted volunteer and service records around the range."""
    from commdesk.store.services.profile import save_profile
    from commdesk.store.services.service_records import service_records
    from commdesk.store.services.volunteers import teams, volunteers

    save_profile(store, PROFILE)
    team = teams.add(store, {"name": "银发先锋队"})
    zhang = volunteers.add(
        store,
        {"name": "张秀英", "id_number": ZHANG_ID, "team_id": team, "platform_number": "B12345678"},
    )
    li = volunteers.add(store, {"name": "李强", "id_number": LI_ID, "team_id": team})
    gone = volunteers.add(store, {"name": "赵敏", "id_number": GONE_ID})

    def service(day: date, hours: float | None, who: list[int], text: str) -> int:
        return service_records.add(
            store,
            {"service_date": day, "category_code": "ZY01", "hours": hours,
             "provider_kind_code": "VOL", "volunteers": who, "description": text},
        )  # fmt: skip

    service(date(2026, 3, 5), 2.5, [zhang, li], "陪老人聊天")  # counted for both
    service(date(2026, 4, 10), 3, [zhang], "社区清扫")  # counted
    service(date(2026, 6, 30), 1.5, [zhang], "助餐送餐")  # last day: counted
    service(date(2026, 5, 1), None, [zhang], "未记时长")  # no hours: listed, 0
    service(date(2026, 5, 2), 8, [li], "义诊")  # Li's, not Zhang's
    service(date(2026, 2, 28), 4, [zhang], "范围前")  # before the range
    service(date(2026, 7, 1), 5, [zhang], "范围后")  # after the range
    dropped = service(date(2026, 4, 20), 6, [zhang], "已删除")  # deleted below
    service(date(2026, 4, 21), 7, [], "无人关联")  # nobody linked
    service(date(2026, 4, 22), 2, [gone], "赵敏的")
    service(date(2026, 11, 30), 1, [li], "最近一条")  # the ledger is entered up to here
    service_records.delete(store, [dropped])
    volunteers.delete(store, [gone])
    return {"zhang": zhang, "li": li, "gone": gone, "team": team}
