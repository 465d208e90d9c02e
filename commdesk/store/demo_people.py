"""The people and places of a demo community: profile, rosters, facilities.

Split from :mod:`commdesk.store.demo`, which adds the service records; both draw
from the same seeded :class:`Maker`, so the order of calls is part of the output.
"""

from __future__ import annotations

import random
from bisect import bisect
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from commdesk.store.demo_data import (
    FACILITIES,
    SURNAME_CUM,
    WORDS,
    pairs,
)

DEFAULT_COUNTY = "110105"  # 北京市朝阳区: a real county, so IDs pass stdnum's birthplace check
WINDOW_DAYS = 730  # service records fall in the two years before ``today``
USER = "demo"


def stamp(day: date, seconds: int) -> str:
    """A timestamp exactly as SQLAlchemy's SQLite DateTime type stores it."""
    h, rest = divmod(seconds, 3600)
    return f"{day.isoformat()} {h:02d}:{rest // 60:02d}:{rest % 60:02d}.000000"


def meta(created: str) -> dict[str, Any]:
    return {"created_at": created, "updated_at": created, "created_by": USER, "updated_by": USER}


@dataclass
class Person:
    name: str
    id_number: str
    gender: str
    birth: date
    mobile: str


class Maker:
    """Draws everything from one ``random.Random`` in a fixed order."""

    def __init__(self, seed: int, kind: str, division: str | None, today: date, records: int):
        self.rng = rng = random.Random(seed)
        self.kind, self.today, self.records = kind, today, records
        self.village = kind == "village"
        self.short = rng.choice(WORDS[kind])
        self.unit = self.short + ("村" if self.village else "社区")
        if self.village:
            self.town = rng.choice(WORDS["towns"]) + rng.choice("镇乡")
        else:
            self.town = rng.choice(WORDS["streets"]) + "街道"
        if division is None:  # township 0xx 街道, 1xx 镇, 2xx 乡; committee 0xx 居, 2xx 村
            town = 1 + rng.randrange(30)
            town += (100 if self.town.endswith("镇") else 200) if self.village else 0
            unit = 200 + rng.randrange(100) if self.village else 1 + rng.randrange(99)
            division = f"{DEFAULT_COUNTY}{town:03d}{unit:03d}"
        self.division = division
        self.first_day = today - timedelta(days=WINDOW_DAYS)
        self._taken: set[str] = set()

    def person(self, min_age: int, max_age: int) -> Person:
        """A resident with a unique valid ID; its birth date and gender are the person's."""
        from stdnum.cn import ric

        rng = self.rng
        birth = self.today - timedelta(
            days=rng.randint(max(30, min_age * 365), max_age * 365 + 364)
        )
        gender = rng.choice("MF")
        surnames = WORDS["surnames"]
        surname = surnames[
            min(len(surnames) - 1, bisect(SURNAME_CUM, rng.random() * SURNAME_CUM[-1]))
        ]
        name = surname + rng.choice(WORDS[f"{gender} {'old' if birth.year < 1975 else 'new'}"])
        while True:
            sex = rng.choice("13579" if gender == "M" else "02468")  # odd is male
            body = f"{self.division[:6]}{birth:%Y%m%d}{rng.randrange(100):02d}{sex}"
            id_number = body + ric.calc_check_digit(body + "?")  # it ignores the last character
            if id_number not in self._taken:
                self._taken.add(id_number)
                break
        while True:
            mobile = rng.choice(WORDS["mobile"]) + f"{rng.randrange(10**8):08d}"
            if mobile not in self._taken:
                self._taken.add(mobile)
                return Person(name, id_number, gender, birth, mobile)

    def when(self, day: date) -> str:
        """created_at during office hours of ``day``."""
        return stamp(day, self.rng.randint(8 * 3600 + 1800, 17 * 3600 + 1800))

    def day_between(self, first: date, last: date) -> date:
        return first + timedelta(days=self.rng.randint(0, max(0, (last - first).days)))

    def pick(self, spec: str) -> str:
        weights = pairs(spec)
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]


# --------------------------------------------------------------------------- small ledgers
def make_volunteers(m: Maker) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Teams and their volunteers; a volunteer leans towards a team that suits them."""
    from commdesk.store.services.volunteers import teams as team_service
    from commdesk.store.services.volunteers import volunteers as volunteer_service

    rng, today = m.rng, m.today
    yesterday = today - timedelta(days=1)
    all_teams = [tuple(t.split(":")) for t in WORDS["teams"]]
    chosen = [all_teams[0], *rng.sample(all_teams[1:], rng.randint(2, 5))]
    people: list[dict[str, Any]] = []
    for i in range(min(200, rng.randint(60, 140) + min(60, m.records // 20_000))):
        p = m.person(18, 75)
        age = (today - p.birth).days // 365
        politics = m.pick(
            "CYL:40 MASS:40 CPC:15 PRE:5" if age <= 28 else "CPC:35 MASS:58 DEM:3 PRE:4"
        )
        fits = {"cpc": politics in ("CPC", "PRE"), "women": p.gender == "F", "elder": age >= 55,
                "young": age <= 35, "any": True}  # fmt: skip
        weights = [(1 if theme == "any" else 3) * fits[theme] for _, theme in chosen]
        take = rng.random() < 0.85 and any(weights)
        team = rng.choices(range(1, len(chosen) + 1), weights)[0] if take else None
        adult = p.birth + timedelta(days=18 * 366)
        joined = m.day_between(max(today - timedelta(days=8 * 365), adult), yesterday)
        left = None
        if rng.random() < 0.08 and (yesterday - joined).days > 60:
            left = m.day_between(joined + timedelta(days=60), yesterday)
        registered = rng.random() < 0.85
        skills = rng.sample(WORDS["skills"], rng.choice((1, 1, 2))) if rng.random() < 0.7 else []
        row = {
            "id": i + 1, "name": p.name, "id_number": p.id_number, "gender": p.gender,
            "birth_date": p.birth.isoformat(), "mobile": p.mobile,
            "political_status_code": politics, "skills": "、".join(skills) or None,
            "team_id": team, "platform_registered": int(registered),
            "platform_number": str(rng.randrange(10**11, 10**12)) if registered else None,
            "joined_date": joined.isoformat(), "left_date": left.isoformat() if left else None,
            "status_code": "inactive" if left else "active", "notes": None,
        }  # fmt: skip
        row["search_text"] = volunteer_service.search_text(row)
        people.append(row | meta(m.when(joined)))
    teams = []
    for t, (name, _theme) in enumerate(chosen, start=1):
        members = sorted((v for v in people if v["team_id"] == t), key=lambda v: v["joined_date"])
        founded = today - timedelta(days=rng.randint(8 * 365 + 10, 10 * 365))
        row = {
            "id": t, "name": f"{m.unit}{name}志愿服务队",
            "leader": members[0]["name"] if members else None,
            "founded_date": founded.isoformat(), "dissolved_date": None, "notes": None,
        }  # fmt: skip
        row["search_text"] = team_service.search_text(row)
        teams.append(row | meta(m.when(founded)))
    return teams, people


def make_workers(m: Maker) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The workforce, and the profile fields that follow from it (一肩挑, signatories)."""
    from commdesk.store.services.workers import workers as worker_service

    rng, today = m.rng, m.today
    both = rng.random() < 0.5  # 一肩挑: the same person on the SEC and the DIR row
    committee = rng.randint(5, 9)
    members = committee - (1 if both else 2)
    pro = rng.randint(0, 2) if m.village else rng.randint(2, 6)
    grid = rng.randint(1, 3) if m.village else rng.randint(2, 5)
    other = rng.randint(0, 2)
    while 2 + members + pro + grid + other > 20:
        pro, grid = (pro - 1, grid) if pro > grid else (pro, grid - 1)
    grid += max(0, 8 - (2 + members + pro + grid + other))
    education = "SEN:30 COL:35 BA:25 JUN:10" if m.village else "COL:30 BA:55 PG:8 SEN:7"
    secretary = m.person(35, 58)
    plan = [("SEC", secretary), ("DIR", secretary if both else m.person(35, 58))]
    plan += [("MEM", m.person(28, 58)) for _ in range(members)]
    for code, n in (("PRO", pro), ("GRID", grid), ("OTH", other)):
        plan += [(code, m.person(23, 55)) for _ in range(n)]
    rows: list[dict[str, Any]] = []
    for position, p in plan:
        if position == "DIR" and both:  # one person, two posts: one row
            rows[0]["position_codes"] = "SEC,DIR"
            continue
        i = len(rows) + 1
        senior = position in ("SEC", "DIR")
        # 两委 members hold office through the recent periods, so 表1 104 (the profile)
        # equals 表5's 两委 column in every return a demo clerk would export.
        in_committee = position in ("SEC", "DIR", "MEM")
        earliest = max(p.birth + timedelta(days=20 * 365), today - timedelta(days=15 * 365))
        since = m.day_between(earliest, today - timedelta(days=3 * 365 if in_committee else 120))
        left = None
        if position in ("GRID", "OTH") and rng.random() < 0.2:
            left = m.day_between(since + timedelta(days=30), today - timedelta(days=1))
        certificate = (
            "NONE:30 ASSIST:40 SW:25 SENIOR:5" if position == "PRO" else "NONE:70 ASSIST:20 SW:10"
        )
        row = {
            "id": i, "name": p.name, "id_number": p.id_number, "gender": p.gender,
            "birth_date": p.birth.isoformat(), "mobile": p.mobile, "position_codes": position,
            "is_committee_member": int(in_committee),
            "education_code": m.pick(education), "sw_cert_code": m.pick(certificate),
            "employed_since": since.isoformat(), "left_date": left.isoformat() if left else None,
            "status_code": "inactive" if left else "active",
            "notes": "书记、主任“一肩挑”" if senior and both else None,
        }  # fmt: skip
        row["search_text"] = worker_service.search_text(row)
        rows.append(row | meta(m.when(max(since, m.first_day))))
    first_of = {r["position_codes"].split(",")[0]: r["name"] for r in reversed(rows)}
    if m.division.startswith("11"):
        phone = f"010-{rng.randint(5, 8)}{rng.randrange(10**7):07d}"
    else:
        phone = rows[0]["mobile"]
    return rows, {
        "committee_members": committee,
        "secretary_is_director": int(both),
        "unit_head": secretary.name,
        "statistics_head": first_of.get("MEM", secretary.name),
        "preparer": first_of.get("PRO") or first_of.get("GRID") or secretary.name,
        "phone": phone,
    }


def make_profile(m: Maker, fields: dict[str, Any]) -> dict[str, Any]:
    rng = m.rng
    households = rng.randint(300, 1500) if m.village else rng.randint(800, 3000)
    resident = round(households * rng.uniform(2.2, 3.2))
    registered = resident * (rng.uniform(1.0, 1.4) if m.village else rng.uniform(0.6, 1.0))
    return {
        "id": 1, "name": m.short + ("村民委员会" if m.village else "社区居民委员会"),
        "kind": m.kind, "division_code": m.division, "township_name": m.town,
        "households": households, "resident_population": resident,
        "registered_population": round(registered), **fields, **meta(m.when(m.first_day)),
    }  # fmt: skip


def make_facilities(m: Maker) -> list[dict[str, Any]]:
    """Always one 综合服务设施 (F01); the others a sample of the other types."""
    from commdesk.store.services.facilities import facilities as facility_service

    rng, today = m.rng, m.today
    types = ["F01", *rng.sample(sorted(FACILITIES), rng.randint(4, 11))]
    unfinished = rng.randrange(1, len(types)) if rng.random() < 0.5 else None
    rows = []
    for i, code in enumerate(types):
        if code == "F01":
            name, floor, share = (
                "党群服务中心",
                float(rng.randint(300, 1500)),
                rng.uniform(0.6, 0.8),
            )
        else:
            urban, village, low, high, share_low, share_high = FACILITIES[code]
            name = village if m.village else urban
            floor = float(rng.randint(int(low), int(high)))
            share = rng.uniform(float(share_low), float(share_high))
        in_use = i != unfinished
        if m.village:
            address = f"{m.unit}{rng.randint(1, 8)}组"
        else:
            address = f"{rng.choice(WORDS['roads'])}{rng.randint(1, 200)}号"
        hours = 168.0 if code in ("F07", "F10") else float(rng.choice((35, 40, 42, 48, 56, 60)))
        terminal = code in ("F01", "F08") and rng.random() < (0.5 if m.village else 0.85)
        ownership = "owned:80 shared:20" if code == "F01" else "owned:55 rented:25 shared:20"
        renovation = rng.choice(WORDS["renovations"])
        row = {
            "id": i + 1, "name": m.unit + name, "type_code": code, "floor_area": floor,
            "activity_area": min(floor, round(floor * share, 1)),
            "status_code": "in_use" if in_use else rng.choice(("construction", "planned")),
            "ownership_code": m.pick(ownership),
            "year_opened": rng.randint(today.year - 20, today.year - 1) if in_use else None,
            "closed_on": None, "hours_per_week": hours if in_use else None,
            "barrier_free": int(rng.random() < (0.9 if code == "F01" else 0.6)),
            "self_service_terminal": int(terminal),
            "smart_services": int(rng.random() < (0.6 if code == "F01" else 0.2)),
            "address": address, "notes": None,
            "planned_renovation": renovation if rng.random() < 0.25 else None,
        }  # fmt: skip
        row["search_text"] = facility_service.search_text(row)
        rows.append(row | meta(m.when(m.first_day)))
    return rows


# --------------------------------------------------------------------------- service records
