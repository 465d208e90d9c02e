"""Build the migration fixture for one schema revision: rows in every table.

Run once when a schema revision is released, and commit the file:
``python tests/store/make_fixture_db.py 0001``. Later revisions must upgrade it
without losing a row (tests/store/test_migrations.py).
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent / "fixtures"

ROWS_0001: dict[str, list[dict[str, object]]] = {
    "community": [
        {
            "id": 1,
            "name": "幸福社区居民委员会",
            "kind": "urban",
            "division_code": "110105001001",
            "township_name": "朝外街道",
            "households": 1200,
            "resident_population": 3100,
            "registered_population": 2900,
            "committee_members": 7,
            "secretary_is_director": 1,
            "unit_head": "王建国",
            "statistics_head": "李明",
            "preparer": "张丽",
            "phone": "010-65001234",
        },
    ],
    "volunteer_team": [
        {
            "id": 1,
            "name": "党员先锋志愿服务队",
            "leader": "欧阳旭",
            "founded_date": "2020-05-04",
            "search_text": "党员先锋志愿服务队",
        },
    ],
    "volunteer": [
        {
            "id": 1,
            "name": "欧阳旭",
            "id_number": "11010519491231002X",
            "gender": "F",
            "birth_date": "1949-12-31",
            "mobile": "13800138000",
            "political_status_code": "CPC",
            "skills": "理发",
            "team_id": 1,
            "platform_registered": 1,
            "platform_number": "V123",
            "joined_date": "2021-03-05",
            "status_code": "active",
            "search_text": "欧阳旭 oyx ouyangxu",
        },
        {
            "id": 2,
            "name": "曾小明",
            "id_number": "110105198001010016",
            "gender": "M",
            "birth_date": "1980-01-01",
            "mobile": None,
            "political_status_code": "MASS",
            "team_id": None,
            "platform_registered": 0,
            "joined_date": "2022-01-01",
            "left_date": "2024-06-30",
            "status_code": "inactive",
            "search_text": "曾小明 zxm",
        },
    ],
    "worker": [
        {
            "id": 1,
            "name": "王建国",
            "id_number": "110105197002020016",
            "gender": "M",
            "birth_date": "1970-02-02",
            "position_code": "SEC",
            "is_committee_member": 1,
            "education_code": "BA",
            "sw_cert_code": "SW",
            "employed_since": "2015-01-01",
            "status_code": "active",
            "search_text": "王建国 wjg",
        },
    ],
    "facility": [
        {
            "id": 1,
            "name": "幸福社区党群服务中心",
            "type_code": "F01",
            "floor_area": 800.0,
            "activity_area": 560.0,
            "status_code": "in_use",
            "ownership_code": "owned",
            "year_opened": 2018,
            "hours_per_week": 56.0,
            "barrier_free": 1,
            "self_service_terminal": 1,
            "smart_services": 0,
            "address": "幸福路1号",
            "search_text": "幸福社区党群服务中心",
        },
    ],
    "service_record": [
        {
            "id": 1,
            "service_date": "2026-03-31",
            "category_code": "WM01",
            "target_group_code": "ELD",
            "people_served": 12,
            "hours": 2.5,
            "provider_kind_code": "TEAM",
            "channel_code": "HOME",
            "team_id": 1,
            "place": "3号楼",
            "description": "上门理发",
            "recipient_name": "李大爷",
            "recipient_id_number": "110105194501010014",
            "search_text": "上门理发 3号楼",
        },
        {
            "id": 2,
            "service_date": "2026-04-01",
            "category_code": "BM01",
            "target_group_code": "GEN",
            "people_served": 3,
            "hours": 1.0,
            "provider_kind_code": "STAFF",
            "channel_code": "PROXY",
            "deleted_at": "2026-04-02 09:00:00",
            "search_text": "代办",
        },
    ],
    "service_volunteer": [
        {"service_id": 1, "volunteer_id": 1},
        {"service_id": 1, "volunteer_id": 2},
    ],
    "local_catalogue_item": [
        {
            "id": 1,
            "kind": "service_category",
            "code": "X001",
            "zh": "移风易俗宣传",
            "en": "Custom reform",
            "group_code": "WM",
            "synonyms": "移风易俗",
            "retired": 0,
            "created_at": "2026-01-01 08:00:00",
        },
    ],
    "audit_log": [
        {
            "id": 1,
            "at": "2026-03-31 10:00:00",
            "user": "clerk",
            "action": "insert",
            "table_name": "service_record",
            "row_id": 1,
            "before": None,
            "after": '{"people_served": 12}',
            "note": None,
        },
    ],
    "export_log": [
        {
            "id": 1,
            "period_code": "2026Q1",
            "period_kind": "quarter",
            "definition_id": "community-service",
            "definition_version": "2026.1",
            "file_name": "2026Q1.xlsx",
            "exported_at": "2026-04-05 16:00:00",
            "exported_by": "clerk",
            "status": "submitted",
            "submitted_at": "2026-04-06 09:00:00",
            "locked": 1,
            "modified_after_submit": 0,
            "values_json": '{"T3": {}}',
            "sha256": "0" * 64,
        },
    ],
    "app_setting": [{"key": "install_salt", "value": "abc123"}],
    "import_mapping": [
        {
            "id": 1,
            "ledger": "volunteer",
            "header_key": "k1",
            "mapping_json": '{"姓名": "name"}',
            "updated_at": "2026-01-01 08:00:00",
        },
    ],
    "township": [
        {"id": 1, "name": "朝外街道", "code": "110105001", "updated_at": "2026-01-01 08:00:00"}
    ],
    "township_committee": [
        {
            "id": 1,
            "name": "幸福社区居民委员会",
            "division_code": "110105001001",
            "kind": "urban",
            "active": 1,
        },
    ],
}

_TRACKED = {"community", "volunteer_team", "volunteer", "worker", "facility", "service_record"}


# Revisions that changed no table's columns reuse the rows of the last one that did.
ROWS_BY_REVISION = {
    "0001": "0001",
    "0002": "0001",
    "0003": "0003",
    "0004": "0004",
    "0005": "0004",
}


def _rows_0003() -> dict[str, list[dict[str, object]]]:
    """0003 keys every service record: one key per distinct (search text, ID number)."""
    out = {table: [dict(row) for row in rows] for table, rows in ROWS_0001.items()}
    keys: dict[tuple[str, str], int] = {}
    for row in out["service_record"]:
        pair = (str(row["search_text"]), str(row.get("recipient_id_number") or ""))
        row["search_key_id"] = keys.setdefault(pair, len(keys) + 1)
    out["service_search_key"] = [
        {"id": i, "text": text, "id_number": number} for (text, number), i in keys.items()
    ]
    return out


def _rows_0004() -> dict[str, list[dict[str, object]]]:
    """0004 dates the profile's counted fields: the values before and after a change."""
    out = _rows_0003()
    counted = ("households", "resident_population", "registered_population",
               "committee_members", "secretary_is_director", "unit_head", "statistics_head",
               "preparer", "phone")  # fmt: skip
    now = {k: out["community"][0][k] for k in counted}
    stamp = {"created_at": "2026-01-01 08:00:00", "created_by": "clerk"}
    out["community_version"] = [
        {"id": 1, "community_id": 1, "valid_from": "2015-01-01", **now, **stamp,
         "households": 1100},
        {"id": 2, "community_id": 1, "valid_from": "2026-07-01", **now, **stamp},
    ]  # fmt: skip
    return out


def rows_for(revision: str) -> dict[str, list[dict[str, object]]]:
    base = ROWS_BY_REVISION.get(revision)
    makers = {"0001": lambda: ROWS_0001, "0003": _rows_0003, "0004": _rows_0004}
    if base not in makers:
        raise SystemExit(f"no fixture rows defined for revision {revision}")
    source = makers[base]()
    out: dict[str, list[dict[str, object]]] = {}
    for table, rows in source.items():
        full = []
        for row in rows:
            row = dict(row)
            if table in _TRACKED:
                row.setdefault("created_at", "2026-01-01 08:00:00")
                row.setdefault("updated_at", "2026-01-01 08:00:00")
                row.setdefault("created_by", "clerk")
                row.setdefault("updated_by", "clerk")
            full.append(row)
        out[table] = full
    return out


def build(
    revision: str, dest: Path, rows: dict[str, list[dict[str, object]]] | None = None
) -> Path:
    """The database at ``revision`` holding ``rows`` (default: that revision's fixture rows)."""
    from commdesk.store.migrate import upgrade

    dest.unlink(missing_ok=True)
    upgrade(dest, revision)
    con = sqlite3.connect(dest)
    with con:
        for table, table_rows in (rows if rows is not None else rows_for(revision)).items():
            for row in table_rows:
                cols = ", ".join(f'"{c}"' for c in row)
                marks = ", ".join("?" for _ in row)
                con.execute(f'INSERT INTO "{table}" ({cols}) VALUES ({marks})', list(row.values()))
    con.execute("PRAGMA journal_mode=DELETE")
    con.close()
    return dest


if __name__ == "__main__":
    rev = sys.argv[1] if len(sys.argv) > 1 else "0001"
    print(build(rev, HERE / f"schema_{rev}.sqlite"))
