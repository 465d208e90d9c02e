"""The township return's signatories (单位负责人, 统计负责人, 填表人, 联系电话) and 报出日期:
kept with the township roster, typed on the 汇总 page or given to ``commdesk consolidate``,
and printed in the consolidated workbook's footer (issue 11, item 10)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from cons_helpers import TOWNSHIP, Town, sheet_rows
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget
from script_helpers import PERIOD, committee_return, run

from commdesk.domain.periods import Period

SIGNED = {"unit_head": "王建华", "statistics_head": "李秀英", "preparer": "赵敏",
          "phone": "010-65001234"}  # fmt: skip


def footer(path: Path, sheet: str = "表1") -> str:
    """The footer line(s) of a table sheet, as printed."""
    texts = [str(v) for row in sheet_rows(path, sheet) for v in row if v is not None]
    return "\n".join(t for t in texts if "单位负责人" in t or "报出日期" in t)


def type_chinese(widget: QWidget, text: str) -> None:
    """Chinese arrives through the input method as a commit string."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


# ------------------------------------------------------------------ store
def test_signatories_are_checked_kept_and_audited(store: Any) -> None:
    from commdesk.store.services import township as roster
    from commdesk.store.services.audit_log import AuditFilter, query

    with pytest.raises(roster.RosterError, match="township"):
        roster.save_signatories(store, roster.Signatories(unit_head="王建华"))
    roster.save_township(store, "测试街道", TOWNSHIP)
    with pytest.raises(roster.RosterError, match="Phone"):
        roster.save_signatories(store, roster.Signatories(phone="12345"))
    with pytest.raises(roster.RosterError, match="Preparer"):
        roster.save_signatories(store, roster.Signatories(preparer="长" * 31))
    roster.save_signatories(store, roster.Signatories(**{**SIGNED, "phone": "01065001234"}))
    signed = roster.get_signatories(store)
    assert vars(signed) == SIGNED  # the phone as the validator writes it
    info = roster.load_roster(store)
    assert info is not None and info.preparer == "赵敏" and info.phone == "010-65001234"
    rows = query(store, AuditFilter(tables=["township"], actions=["update"]))
    assert rows and "赵敏" in str(rows[0].after)


# ------------------------------------------------------------------ command line
@pytest.fixture(scope="module")
def township(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from commdesk.store.engine import open_store
    from commdesk.store.services import township as roster

    root = tmp_path_factory.mktemp("signed")
    inbox = root / "inbox"
    inbox.mkdir()
    committee_return(root, f"{TOWNSHIP}001", 1, inbox / "c1.xlsx")
    data = root / "township"
    store = open_store(data)
    try:
        roster.save_township(store, "测试街道", TOWNSHIP)
        roster.add_committee(store, "第一社区居委会", f"{TOWNSHIP}001", "urban")
        roster.save_signatories(store, roster.Signatories(**SIGNED))
    finally:
        store.close()
    return {"root": root, "inbox": inbox, "data": data}


def test_consolidate_prints_the_roster_signatories_and_the_options(
    township: dict[str, Path],
) -> None:
    out = township["root"] / "stored.xlsx"
    done = run("--data-dir", township["data"], "consolidate", township["inbox"],
               "--period", PERIOD, "--out", out)  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    text = footer(out)
    for value in SIGNED.values():
        assert value in text, text
    assert "单位负责人：王建华" in text and "联系电话：010-65001234" in text

    out = township["root"] / "options.xlsx"
    done = run("--data-dir", township["data"], "consolidate", township["inbox"],
               "--period", PERIOD, "--out", out, "--preparer", "孙丽",
               "--phone", "13912345678", "--report-date", "2026/10/8")  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    text = footer(out)
    assert "填表人：孙丽" in text and "联系电话：13912345678" in text
    assert "单位负责人：王建华" in text  # not given: the roster's
    assert "报出日期：2026年10月08日" in text


@pytest.mark.parametrize(
    ("option", "value", "words"),
    [("--phone", "12345", ("Phone", "电话")), ("--report-date", "2026-13-01", ("2026-13-01",))],
)
def test_bad_signatory_options_exit_2_with_one_line(
    township: dict[str, Path], option: str, value: str, words: tuple[str, ...]
) -> None:
    out = township["root"] / "bad.xlsx"
    done = run("--data-dir", township["data"], "consolidate", township["inbox"],
               "--period", PERIOD, "--out", out, option, value)  # fmt: skip
    assert done.returncode == 2
    assert any(w in done.stderr for w in words) and "Traceback" not in done.stderr
    assert "unrecognized" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert not out.exists()


# ------------------------------------------------------------------ the 汇总 page
def test_signatories_typed_in_the_roster_reach_the_footer(
    qtbot: Any, store: Any, data_dir: Path, tmp_path: Path, town: Town, monkeypatch: Any
) -> None:
    from commdesk.store.services import township as roster
    from commdesk.ui.consolidation_page import ConsolidationPage

    roster.save_township(store, "测试街道", TOWNSHIP)
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    page = ConsolidationPage(store, data_dir, settings=settings)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    page.set_period(Period.parse("2026Q3"))
    page.tabs.setCurrentWidget(page.roster)
    edits = page.roster.signatory_edits
    assert set(edits) == set(SIGNED) and page.roster.signatories.isEnabled()
    for key in ("unit_head", "statistics_head", "preparer"):
        edits[key].setFocus()
        type_chinese(edits[key], SIGNED[key])
    edits["phone"].setFocus()
    QTest.keyClicks(edits["phone"], "6500123")  # no area code, no mobile
    QTest.keyClick(edits["phone"], Qt.Key.Key_Return)
    assert roster.get_signatories(store).phone == ""
    assert "010-12345678" in page.roster.status.text()  # the validator's example
    QTest.keyClick(edits["phone"], Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(edits["phone"], "010-65001234")
    QTest.keyClick(edits["phone"], Qt.Key.Key_Return)
    assert vars(roster.get_signatories(store)) == SIGNED

    page.tabs.setCurrentIndex(0)
    folder = town.folder("signed", town.committees[:2])
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    with qtbot.waitSignal(page.checked, timeout=30000):
        qtbot.mouseClick(page.add_folder_button, Qt.MouseButton.LeftButton)
    page.report_date_edit.setFocus()
    QTest.keyClicks(page.report_date_edit, "2026-10-08")
    out = tmp_path / "汇总.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    with qtbot.waitSignal(page.exportFinished, timeout=60000):
        qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    page.result_message.close()
    page.wait_idle()
    text = footer(out)
    assert "单位负责人：王建华" in text and "统计负责人：李秀英" in text
    assert "填表人：赵敏" in text and "联系电话：010-65001234" in text
    assert "报出日期：2026年10月08日" in text
