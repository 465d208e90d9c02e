"""`commdesk certificate` through the console script: exit 0 / 1 / 2 and the PDF's text."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from certificate_fixture import GONE_ID, LI_ID, ZHANG_ID, build
from console_script import assert_refused, commdesk

from commdesk.store.engine import open_store
from commdesk.store.services import certificates as certs
from commdesk.store.services.volunteers import volunteers

pytestmark = pytest.mark.skipif(
    not Path("/usr/bin/pdftotext").exists(), reason="pdftotext (poppler-utils) is needed"
)
RANGE = ("--from", "2026-03-01", "--to", "2026-06-30")


@pytest.fixture
def folder(data_dir: Path) -> Path:
    store = open_store(data_dir)
    try:
        build(store)
    finally:
        store.close()
    return data_dir


def _register(data_dir: Path) -> list[tuple[str, str]]:
    store = open_store(data_dir, create=False)
    try:
        return [(c["number"], c["volunteer_name"]) for c in certs.register(store)]
    finally:
        store.close()


def test_one_volunteer_by_id_number_gets_a_pdf_with_name_number_hours_committee(
    folder: Path, tmp_path: Path
) -> None:
    from tests.paper.pdf_checks import pdf_text

    out = tmp_path / "证明.pdf"
    run = commdesk("certificate", "--volunteer", ZHANG_ID, *RANGE, "--out", out, data_dir=folder)
    assert run.returncode == 0, run.stderr
    assert "-0001 张秀英: 7 hours in 4 service(s)" in run.stdout
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    text = pdf_text(out)
    number = _register(folder)[0][0]
    for words in ("志愿服务记录证明", "张秀英", ZHANG_ID, number, "7 小时", "幸福社区居民委员会",
                  "王建国", "张丽", "010-65001234", "B12345678", "盖章处"):  # fmt: skip
        assert words in text, words


def test_a_team_with_a_deleted_member_selected_is_exit_1_listing_the_refused(
    folder: Path, tmp_path: Path
) -> None:
    from tests.paper.pdf_checks import pdf_text

    out = tmp_path / "team.pdf"
    run = commdesk(
        "certificate", "--volunteer", "张秀英", "--volunteer", LI_ID, "--volunteer", "赵敏",
        *RANGE, "--out", out, data_dir=folder,
    )  # fmt: skip
    assert run.returncode == 1, run.stderr
    assert "refused 赵敏 110105********0018: deleted from the volunteer ledger" in run.stdout
    assert GONE_ID not in run.stdout + run.stderr
    assert [n for _, n in _register(folder)] == ["张秀英", "李强"]
    text = pdf_text(out)
    assert "张秀英" in text and "李强" in text and "10.5 小时" in text and "赵敏" not in text
    team = commdesk("certificate", "--team", "银发先锋队", *RANGE, "--out", out, data_dir=folder)
    assert team.returncode == 0, team.stderr
    assert len(_register(folder)) == 4


def test_an_ambiguous_name_is_exit_2_with_masked_candidates(folder: Path, tmp_path: Path) -> None:
    store = open_store(folder)
    try:
        volunteers.add(store, {"name": "李强", "id_number": "110105199003030015"})
    finally:
        store.close()
    out = tmp_path / "x.pdf"
    run = commdesk("certificate", "--volunteer", "李强", *RANGE, "--out", out, data_dir=folder)
    line = assert_refused(run)
    assert "110105********0016" in line and "110105********0015" in line
    assert LI_ID not in line
    assert not out.exists() and _register(folder) == []


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--volunteer", "张秀英", "--from", "2026-11-01", "--to", "2026-12-03"),
         "entered only up to 2026-11-30"),
        (("--volunteer", "张秀英", "--from", "2026-11-01", "--to", "2999-01-01"), "after today"),
        (("--volunteer", "赵敏", *RANGE), "deleted from the volunteer ledger"),
        (("--volunteer", "无此人", *RANGE), "no volunteer “无此人”"),
        (("--team", "无此队", *RANGE), "no volunteer team"),
        (("--volunteer", "张秀英", "--from", "2026-13-01", "--to", "2026-06-30"), "--from"),
    ],
)  # fmt: skip
def test_nothing_issued_is_exit_2_with_one_line(
    folder: Path, tmp_path: Path, args: tuple[str, ...], words: str
) -> None:
    out = tmp_path / "x.pdf"
    line = assert_refused(commdesk("certificate", *args, "--out", out, data_dir=folder))
    assert words in line
    assert not out.exists() and _register(folder) == []


def test_out_must_be_a_pdf(folder: Path, tmp_path: Path) -> None:
    line = assert_refused(
        commdesk(
            "certificate",
            "--volunteer",
            "张秀英",
            *RANGE,
            "--out",
            tmp_path / "x.xlsx",
            data_dir=folder,
        )
    )
    assert ".pdf" in line
