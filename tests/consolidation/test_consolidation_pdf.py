"""The township's consolidation on paper: the same form as its workbook, JBZH0001 included."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from cons_helpers import Town

from tests.paper.pdf_checks import pages_have_ink_inside_margins_only, pdf_text, same_as_workbook

REPORT_DATE = date(2026, 10, 12)


@pytest.fixture(scope="module")
def outputs(town: Town, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    from commdesk.paper.return_pdf import write_return_pdf
    from commdesk.returns.consolidate import consolidate
    from commdesk.returns.consolidate_sheets import consolidation_form

    folder = tmp_path_factory.mktemp("cons-pdf")
    xlsx, pdf = folder / "township.xlsx", folder / "township.pdf"
    cons = consolidate(
        [town.folder("pdf", town.committees[:4])],
        period=town.period,
        definition=town.definition,
        out=xlsx,
        report_date=REPORT_DATE,
    )
    write_return_pdf(consolidation_form(cons, report_date=REPORT_DATE), pdf)
    return xlsx, pdf


def test_consolidation_pdf_has_the_workbooks_tables_and_figures(
    outputs: tuple[Path, Path],
) -> None:
    xlsx, pdf = outputs
    assert same_as_workbook(xlsx, pdf) >= 30
    text = pdf_text(pdf)
    assert "JBZH0001" in text and "社会服务统计季报表（社区服务）" in text  # the ministry's form
    assert "本表由4份" in text.replace(" ", "")


def test_consolidation_pdf_stays_inside_the_margins(
    outputs: tuple[Path, Path], tmp_path: Path
) -> None:
    assert pages_have_ink_inside_margins_only(outputs[1], tmp_path, 15.0) >= 8
