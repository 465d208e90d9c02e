"""Search and sorting give the same answers on SQLite and PostgreSQL (run on both)."""

from __future__ import annotations

from datetime import date
from typing import Any

from stdnum.cn import ric

from commdesk.store.services.base import Query
from commdesk.store.services.service_records import service_records
from commdesk.store.services.volunteers import volunteers

RECORDS = [
    ("为王芳上门理发", "王芳", "110105194501010014"),
    ("100%完成 助餐_送餐", "欧阳志远", None),
    ("Yoga 瑜伽课 (Room A)", "李明", "11010519491231002X"),
    ("路径 C:\\temp 打印", None, None),
]


def _add(store: Any) -> list[int]:
    return [
        service_records.add(
            store,
            {
                "service_date": date(2026, 9, i + 1),
                "category_code": "WM01",
                "people_served": 1,
                "description": text,
                "recipient_name": name,
                "recipient_id_number": id_number,
            },
        )
        for i, (text, name, id_number) in enumerate(RECORDS)
    ]


def test_wildcards_case_chinese_and_id_tails_match_alike(store: Any) -> None:
    ids = _add(store)

    def found(needle: str) -> list[int]:
        return sorted(r["id"] for r in service_records.query(store, Query(search=needle)))

    assert found("理发") == [ids[0]]
    assert found("%") == [ids[1]]  # a literal percent sign, not "anything"
    assert found("_") == [ids[1]]
    assert found("助餐_送") == [ids[1]]
    assert found("c:\\temp") == [ids[3]]  # backslash taken literally
    assert found("YOGA") == found("yoga") == [ids[2]]  # case does not matter
    assert found("room a") == [ids[2]]
    assert found("oyzy") == [ids[1]]  # pinyin initials
    assert found("002x") == found("002X") == [ids[2]]  # ID tail, either case of X
    assert found("0014") == [ids[0]]
    assert found("社区") == []
    assert service_records.count(store, Query(search="%")) == 1


def test_sorting_by_chinese_text_is_by_code_point_on_both(store: Any) -> None:
    names = ["张三", "李四", "王五", "欧阳志远", "Amy", "amy"]
    for i, name in enumerate(names):
        body = f"1101051990010100{i}"
        volunteers.add(store, {"name": name, "id_number": body + ric.calc_check_digit(body + "0")})
    rows = volunteers.query(store, Query(sort="name"))
    assert [r["name"] for r in rows] == sorted(names)


def test_a_search_repeated_after_a_new_record_finds_it(store: Any) -> None:
    """The server remembers which keys match a search; a key added since must count."""
    _add(store)
    q = Query(search="理发")
    before = (service_records.count(store, q), len(service_records.query(store, q)))
    new = service_records.add(
        store,
        {
            "service_date": date(2026, 10, 1),
            "category_code": "WM01",
            "people_served": 1,
            "description": "为李明理发",
        },
    )
    assert before == (1, 1)
    assert service_records.count(store, q) == 2
    assert new in {r["id"] for r in service_records.query(store, q)}
    assert service_records.totals(store, q)["rows"] == 2
