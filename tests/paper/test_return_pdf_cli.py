"""`commdesk export --out F.pdf`: the paper copy of a demo community's returns.

Written through the installed console script, like the clerk's batch files do,
and read back as a reader would: its text must hold every table title, every row
code with the figures of the xlsx of the same period (in the row's order), the
signatories and the report date; every page must be blank in its margins.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.console_script import assert_refused, commdesk
from tests.paper.pdf_checks import (
    pages_have_ink_inside_margins_only,
    pdf_fonts,
    pdf_text,
    same_as_workbook,
    squash,
)

PERIODS = ("2026-10", "2026Q3", "2025")  # monthly, quarterly, annual
MARGIN_MM = 15.0


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("paper") / "data"
    result = commdesk("demo", "--records", "300", "--seed", "7", data_dir=data)
    assert result.returncode == 0, result.stderr
    return data


@pytest.fixture(scope="module")
def outputs(demo: Path) -> dict[str, tuple[Path, Path]]:
    files = {}
    for period in PERIODS:
        pair = []
        for suffix in ("xlsx", "pdf"):
            out = demo.parent / f"return-{period}.{suffix}"
            result = commdesk("export", "--period", period, "--out", out, data_dir=demo)
            assert result.returncode == 0, result.stdout + result.stderr
            assert "Traceback" not in result.stderr
            pair.append(out)
        files[period] = (pair[0], pair[1])
    return files


@pytest.mark.parametrize("period", PERIODS)
def test_pdf_holds_the_xlsx_titles_codes_figures_and_signatories(
    outputs: dict[str, tuple[Path, Path]], period: str
) -> None:
    xlsx, pdf = outputs[period]
    assert same_as_workbook(xlsx, pdf) >= 30
    text = squash(pdf_text(pdf))
    for who in ("单位负责人：", "统计负责人：", "填表人：", "报出日期："):
        assert who in text
    assert "审核说明" in text


@pytest.mark.parametrize("period", PERIODS)
def test_pdf_pages_are_blank_in_the_margins_and_fonts_embedded(
    outputs: dict[str, tuple[Path, Path]], period: str, tmp_path: Path
) -> None:
    _xlsx, pdf = outputs[period]
    pages = pages_have_ink_inside_margins_only(pdf, tmp_path, MARGIN_MM)
    assert pages >= 7  # every table on its own page(s), then 审核说明
    assert f"第{pages}页/共{pages}页" in pdf_text(pdf).replace(" ", "")
    fonts = pdf_fonts(pdf)
    assert fonts and all(emb == "yes" for _n, emb in fonts), fonts


def test_pdf_is_refused_exactly_as_the_xlsx(demo: Path, tmp_path: Path) -> None:
    """An unexplained warning: the same RULE lines and exit 1, and no file, for either format."""
    runs = {}
    for suffix in ("xlsx", "pdf"):
        out = tmp_path / f"annual.{suffix}"
        runs[suffix] = commdesk("export", "--period", "2026", "--out", out, data_dir=demo)
        assert not out.exists()
    assert runs["pdf"].returncode == runs["xlsx"].returncode == 1, runs["pdf"].stderr
    assert runs["pdf"].stdout == runs["xlsx"].stdout
    assert re.search(r"^warning [A-Z0-9-]+: ", runs["pdf"].stdout, re.MULTILINE)


def test_other_suffixes_are_refused(demo: Path, tmp_path: Path) -> None:
    line = assert_refused(
        commdesk("export", "--period", "2026Q3", "--out", tmp_path / "r.docx", data_dir=demo)
    )
    assert ".pdf" in line


def _volunteers(data: Path) -> list[dict[str, object]]:
    from commdesk.store.engine import open_store
    from commdesk.store.services.base import Query
    from commdesk.store.services.volunteers import volunteers

    store = open_store(data, create=False)
    try:
        return volunteers.query(store, Query(limit=None))
    finally:
        store.close()


def _reveals(data: Path) -> int:
    import sqlite3

    from commdesk.store.engine import db_path

    with sqlite3.connect(db_path(data)) as db:
        return db.execute("SELECT count(*) FROM audit_log WHERE action = 'reveal_id'").fetchone()[0]


@pytest.mark.parametrize("full_ids", [False, True])
def test_roster_pdf_lists_every_volunteer_with_ids_masked_unless_asked(
    demo: Path, tmp_path: Path, full_ids: bool
) -> None:
    out = tmp_path / "roster.pdf"
    before = _reveals(demo)
    args = ["roster", "volunteers", "--out", out, *(["--full-ids"] if full_ids else [])]
    result = commdesk(*args, data_dir=demo)
    assert result.returncode == 0, result.stdout + result.stderr
    text = squash(pdf_text(out))
    people = _volunteers(demo)
    assert len(people) >= 20
    assert "志愿者花名册" in text and "打印日期" in text
    for person in people:
        assert str(person["name"]) in text
        if person["id_number"]:
            assert (str(person["id_number"]) in text) is full_ids
    assert ("********" in text) is not full_ids
    assert _reveals(demo) == before + (1 if full_ids else 0)
    pages = pages_have_ink_inside_margins_only(out, tmp_path, MARGIN_MM)
    assert f"第{pages}页/共{pages}页" in text.replace(" ", "")


def test_roster_wants_a_pdf(demo: Path, tmp_path: Path) -> None:
    line = assert_refused(
        commdesk("roster", "volunteers", "--out", tmp_path / "r.xlsx", data_dir=demo)
    )
    assert ".pdf" in line
