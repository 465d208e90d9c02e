"""Audit rules read in words in the UI language, the code in brackets."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QLabel
from zh_catalogue import build_qm, build_ts

from commdesk.domain import i18n
from commdesk.returns import library
from commdesk.returns.audit import Issue
from commdesk.returns.export import OPEN_PERIOD
from commdesk.returns.rule_titles import rule_name, rule_title
from commdesk.ui.returns_dialogs import ExplainWarningsDialog
from commdesk.ui.returns_preview import IssueList

HOURS = Issue("W-SERVICE-HOURS", "warning", "有2条服务记录的单次服务时长超过24小时。")
PART = Issue("E-T3-301-LE-TOTAL", "error", "表3“……”不应大于“合计”")


@pytest.fixture(scope="module")
def qm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_qm(build_ts(tmp_path_factory.mktemp("ts")))


@pytest.fixture
def chinese(qapp: Any, qm: Path) -> Iterator[None]:
    translator = QTranslator(qapp)  # removed by the ui conftest after the test
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    i18n.install(QCoreApplication.translate, "zh_CN")
    yield


def test_every_shipped_rule_has_a_title() -> None:
    codes = {rule.code for d in library.available(None) for rule in d.rules}
    assert {c for c in codes | {OPEN_PERIOD} if not rule_title(c)} == set()


def test_issue_list_and_explain_dialog_in_chinese(qtbot: Any, chinese: None) -> None:
    issues = IssueList()
    qtbot.addWidget(issues)
    issues.show_issues([HOURS, PART], {})
    texts = {issues.topLevelItem(i).text(1) for i in range(issues.topLevelItemCount())}
    assert texts == {"服务时长偏长 (W-SERVICE-HOURS)", "分项行大于总项行 (E-T3-301-LE-TOTAL)"}
    assert issues.item_for("W-SERVICE-HOURS") is not None
    dialog = ExplainWarningsDialog([HOURS], {}, "2026年第3季度")
    qtbot.addWidget(dialog)
    shown = [label.text() for label in dialog.findChildren(QLabel)]
    assert "<b>服务时长偏长 (W-SERVICE-HOURS)</b>" in shown


def test_english_ui_names_rules_in_english(qtbot: Any) -> None:
    assert rule_name("W-SERVICE-HOURS") == "Unusually long service hours (W-SERVICE-HOURS)"
    assert rule_name("W-COUNTY-OWN") == "W-COUNTY-OWN"  # a county's rule without a title
