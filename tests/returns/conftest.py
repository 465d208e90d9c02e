"""Fixtures for the Excel layout tests: a small real store and the return computed from it.

The people in it have distinctive names, ID numbers and phone numbers so a test
can prove none of them leak into an exported return.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from lxml import etree

VOLUNTEER_ID = "11010519491231002X"
WORKER_ID = "110105198001010016"
RECIPIENT_ID = "110105194501010014"
VOLUNTEER_MOBILE = "13912345678"
WORKER_MOBILE = "13687654321"
# Names nobody would write into a return by accident.
PERSON_NAMES = ("欧阳志远", "司马青云", "诸葛晓梅", "上官明月")
SECRETS = (VOLUNTEER_ID, WORKER_ID, RECIPIENT_ID, VOLUNTEER_MOBILE, WORKER_MOBILE, *PERSON_NAMES)

PROFILE = {
    "name": "幸福社区居民委员会",
    "kind": "urban",
    "division_code": "110105001001",
    "township_name": "朝外街道",
    "households": 1000,
    "resident_population": 2600,
    "registered_population": 2400,
    "committee_members": 7,
    "secretary_is_director": True,
    "unit_head": "王建国",
    "statistics_head": "李明",
    "preparer": "张丽",
    "phone": "010-65001234",
}
REPORT_DATE = date(2026, 10, 12)
EXPORTED_AT = datetime(2026, 10, 12, 9, 30, 5)
PROGRAM_VERSION = "9.9.9-test"


def build_store(store: Any) -> None:
    """A few rows in every ledger, dated so they count in 2026Q3."""
    from commdesk.store.services.facilities import facilities
    from commdesk.store.services.profile import save_profile
    from commdesk.store.services.service_records import service_records
    from commdesk.store.services.volunteers import teams, volunteers
    from commdesk.store.services.workers import workers

    save_profile(store, PROFILE)
    team = teams.add(store, {"name": "银龄志愿服务队", "founded_date": date(2024, 3, 1)})
    v1 = volunteers.add(
        store,
        {
            "name": PERSON_NAMES[0],
            "id_number": VOLUNTEER_ID,
            "mobile": VOLUNTEER_MOBILE,
            "joined_date": date(2025, 5, 1),
            "team_id": team,
            "platform_registered": True,
        },
    )
    workers.add(
        store,
        {
            "name": PERSON_NAMES[1],
            "id_number": WORKER_ID,
            "mobile": WORKER_MOBILE,
            "position_codes": ("GRID",),
            "employed_since": date(2020, 1, 1),
        },
    )
    facilities.add(
        store,
        {
            "name": "党群服务中心",
            "type_code": "F01",
            "floor_area": 512.5,
            "activity_area": 320.25,
            "barrier_free": True,
        },
    )
    facilities.add(store, {"name": "文化活动室", "type_code": "F05", "floor_area": 80})
    service_records.add(
        store,
        {
            "service_date": date(2026, 7, 15),
            "category_code": "WM01",
            "target_group_code": "ELD",
            "people_served": 4,
            "hours": 1.5,
            "recipient_name": PERSON_NAMES[2],
            "recipient_id_number": RECIPIENT_ID,
            "description": f"为{PERSON_NAMES[2]}上门理发",
            "volunteers": [v1],
        },
    )
    service_records.add(
        store,
        {
            "service_date": date(2026, 9, 30),
            "category_code": "BM01",
            "target_group_code": "GEN",
            "people_served": 3,
            "hours": 0.75,
            "recipient_name": PERSON_NAMES[3],
        },
    )


@dataclass
class XlsxCase:
    """A computed return plus the workbook written from it."""

    result: Any
    path: Path
    sha: str
    issues: list[Any]
    notes: dict[str, str]


def write(result: Any, path: Path, **overrides: Any) -> str:
    from commdesk.returns.xlsx_writer import write_return

    kwargs: dict[str, Any] = {
        "notes": {},
        "issues": [],
        "report_date": REPORT_DATE,
        "exported_at": EXPORTED_AT,
        "program_version": PROGRAM_VERSION,
    }
    kwargs.update(overrides)
    return write_return(result, path, **kwargs)


@pytest.fixture(scope="module")
def xlsx_result(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The 2026Q3 return of the small store (computed once per module)."""
    from commdesk.domain.periods import Period
    from commdesk.returns.compute import compute
    from commdesk.returns.definition import default_definition_path, load_definition
    from commdesk.store.engine import open_store

    store = open_store(tmp_path_factory.mktemp("xlsx-store"))
    try:
        build_store(store)
        yield compute(store, load_definition(default_definition_path()), Period.parse("2026Q3"))
    finally:
        store.close()


@pytest.fixture(scope="module")
def xlsx_case(xlsx_result: Any, tmp_path_factory: pytest.TempPathFactory) -> XlsxCase:
    """The return written with two explained warnings and one notice."""
    from commdesk.returns.audit import Issue

    issues = [
        Issue("W-PERSONS-PER-HOUSEHOLD", "warning", "户均常住人口不在1～8人之间。"),
        Issue("W-SERVICE-HOURS", "warning", "有1条服务记录的单次服务时长超过24小时。"),
        Issue("N-PERIOD-OPEN", "notice", "2026年第3季度尚未结束。"),
    ]
    notes = {
        "W-PERSONS-PER-HOUSEHOLD": "本社区有大型养老机构，集体户人口多。",
        "W-SERVICE-HOURS": "=24小时陪护，已核实",  # leading '=' must stay text
    }
    path = tmp_path_factory.mktemp("xlsx-out") / "幸福社区-2026Q3.xlsx"
    sha = write(xlsx_result, path, notes=notes, issues=issues)
    return XlsxCase(xlsx_result, path, sha, issues, notes)


@pytest.fixture(scope="session")
def xlsx_env() -> SimpleNamespace:
    """The fixture data and a writer with defaults, for tests (no imports from conftest)."""
    return SimpleNamespace(
        profile=PROFILE,
        secrets=SECRETS,
        program_version=PROGRAM_VERSION,
        write=write,
    )


NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}


def _raw_borders(path: Path, sheet: str) -> dict[str, tuple[str | None, ...]]:
    """Border sides of every cell as stored in the file.

    openpyxl's loader throws away the styles of merged cells other than the
    first (and rebuilds only the outer edge), so this reads the XML itself.
    """
    with zipfile.ZipFile(path) as zf:
        book = etree.fromstring(zf.read("xl/workbook.xml"))
        rels = etree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
        rid = next(
            el.get(f"{{{NS['r']}}}id")
            for el in book.iterfind("m:sheets/m:sheet", NS)
            if el.get("name") == sheet
        )
        target = next(el.get("Target") for el in rels if el.get("Id") == rid)
        part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        styles = etree.fromstring(zf.read("xl/styles.xml"))
        ws = etree.fromstring(zf.read(part))

    def side(border: Any, name: str) -> str | None:
        el = border.find(f"m:{name}", NS)
        return None if el is None else el.get("style")

    borders = [
        tuple(side(el, name) for name in ("left", "right", "top", "bottom"))
        for el in styles.iterfind("m:borders/m:border", NS)
    ]
    xf_border = [int(xf.get("borderId", 0)) for xf in styles.iterfind("m:cellXfs/m:xf", NS)]
    return {
        c.get("r"): borders[xf_border[int(c.get("s", 0))]]
        for c in ws.iterfind("m:sheetData/m:row/m:c", NS)
    }


@pytest.fixture(scope="session")
def raw_borders() -> Callable[[Path, str], dict[str, tuple[str | None, ...]]]:
    return _raw_borders


class _Soffice:
    """LibreOffice headless conversion with a private profile (safe to run in parallel)."""

    def __init__(self, binary: str, workdir: Path) -> None:
        self.binary = binary
        self.workdir = workdir

    def convert(self, src: Path, fmt: str) -> Path:
        outdir = self.workdir / f"out-{fmt}"
        profile = self.workdir / "profile"
        outdir.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [self.binary, f"-env:UserInstallation={profile.as_uri()}", "--headless",
             "--convert-to", fmt, "--outdir", str(outdir), str(src)],
            check=True,
            capture_output=True,
            timeout=180,
            env={**os.environ, "HOME": str(profile)},
        )  # fmt: skip
        return outdir / f"{src.stem}.{fmt}"

    @staticmethod
    def pages(pdf: Path) -> int:
        if shutil.which("pdfinfo"):
            out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
            found = re.search(r"^Pages:\s+(\d+)", out.stdout, re.M)
            assert found is not None, out.stdout
            return int(found.group(1))
        return len(re.findall(rb"/Type\s*/Page\b", pdf.read_bytes()))


@pytest.fixture
def soffice(tmp_path: Path) -> _Soffice:
    """LibreOffice, or a skip where it is not installed (CI installs libreoffice-calc-nogui)."""
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    if binary is None:
        pytest.skip("LibreOffice (soffice) not installed")
    return _Soffice(binary, tmp_path / "soffice")
