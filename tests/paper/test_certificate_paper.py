"""Certificate paper: the page inside its margins, the 公示 list, a volunteer's record."""

from __future__ import annotations

import stat
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from commdesk.paper.certificate_files import (
    issue_to_pdf,
    publicity_to_pdf,
    record_to_file,
    reprint_to_pdf,
)
from commdesk.store.services import certificates as certs
from commdesk.store.services.service_records import service_records
from tests.certificate_fixture import END, LI_ID, START, ZHANG_ID, build
from tests.paper.pdf_checks import pages_have_ink_inside_margins_only, pdf_text

TODAY = date(2026, 12, 4)


@pytest.fixture
def people(store: Any) -> dict[str, int]:
    return build(store)


def test_one_a4_page_per_volunteer_all_inside_the_margins(
    store: Any, people: Any, tmp_path: Path
) -> None:
    out = tmp_path / "team.pdf"
    done = issue_to_pdf(store, [people["zhang"], people["li"]], START, END, out, today=TODAY)
    assert len(done.certificates) == 2
    assert pages_have_ink_inside_margins_only(out, tmp_path, margin_mm=20) == 2
    text = pdf_text(out)
    assert text.index("2026-0001") < text.index("张秀英") < text.index("2026-0002")
    assert text.index("2026-0002") < text.index("李强")


def test_a_failed_pdf_leaves_neither_file_nor_register_row(
    store: Any, people: Any, tmp_path: Path
) -> None:
    out = tmp_path / "missing-folder" / "x.pdf"
    with pytest.raises(OSError):
        issue_to_pdf(store, [people["zhang"]], START, END, out, today=TODAY)
    assert certs.register(store) == [] and not out.exists()


def test_a_reprint_shows_the_original_number_and_records_as_issued(
    store: Any, people: Any, tmp_path: Path
) -> None:
    issued = issue_to_pdf(store, [people["zhang"]], START, END, tmp_path / "a.pdf", today=TODAY)
    service_records.add(
        store,
        {"service_date": date(2026, 4, 1), "category_code": "ZY01", "hours": 9,
         "provider_kind_code": "VOL", "volunteers": [people["zhang"]]},
    )  # fmt: skip
    again = tmp_path / "again.pdf"
    reprint_to_pdf(store, issued.certificates[0]["id"], again)
    text = pdf_text(again)
    assert "2026-0001" in text and "7 小时" in text and "16 小时" not in text


def test_publicity_list_names_the_issued_certificates_of_the_span_without_ids(
    store: Any, people: Any, tmp_path: Path
) -> None:
    first = issue_to_pdf(store, [people["zhang"]], START, END, tmp_path / "a.pdf", today=TODAY)
    issue_to_pdf(store, [people["li"]], START, END, tmp_path / "b.pdf", today=TODAY)
    issue_to_pdf(store, [people["li"]], START, END, tmp_path / "c.pdf", today=date(2027, 1, 5))
    certs.void(store, first.certificates[0]["id"], "重复出具")
    out = tmp_path / "公示.pdf"
    assert publicity_to_pdf(store, date(2026, 12, 1), date(2026, 12, 31), out, posted=TODAY) == 1
    text = pdf_text(out)
    assert "志愿服务记录证明出具情况公示" in text and "不少于7日" in text
    assert "2026-0002" in text and "李强" in text and "10.5" in text
    assert "2026-0001" not in text and "2027-0001" not in text
    assert LI_ID not in text and ZHANG_ID not in text


def test_service_record_totals_by_year_as_xlsx_and_pdf(
    store: Any, people: Any, tmp_path: Path
) -> None:
    service_records.add(
        store,
        {"service_date": date(2025, 12, 31), "category_code": "ZY01", "hours": 2.25,
         "provider_kind_code": "VOL", "volunteers": [people["zhang"]]},
    )  # fmt: skip
    xlsx = tmp_path / "记录.xlsx"
    history = record_to_file(store, people["zhang"], xlsx)
    # Zhang's live linked records: 2025-12-31 2.25; 2026-02-28 4, 03-05 2.5, 04-10 3,
    # 05-01 0, 06-30 1.5, 07-01 5 (the deleted 6-hour one left out).
    assert [(y["year"], y["hours"]) for y in history["years"]] == [(2025, 2.25), (2026, 16.0)]
    assert (history["count"], history["hours"]) == (7, 18.25)
    assert stat.S_IMODE(xlsx.stat().st_mode) == 0o600
    rows = list(load_workbook(xlsx).active.iter_rows(values_only=True))
    assert ("2025年小计", "1 次", 2.25) in rows and ("2026年小计", "6 次", 16.0) in rows
    assert ("总计", "7 次", 18.25) in rows
    assert ("证件号码", "110105********002X") in [r[:2] for r in rows]
    pdf = tmp_path / "记录.pdf"
    record_to_file(store, people["zhang"], pdf)
    text = pdf_text(pdf)
    assert "志愿服务记录" in text and "2026年小计" in text and "16" in text
    assert "已删除" not in text and "无人关联" not in text
