"""F1: the guide opens at the page of every screen and dialog; one source with the README."""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from ui_helpers import make_id

import commdesk.ui
from commdesk import guide
from commdesk.returns.audit import Issue
from commdesk.ui.help_topics import DIALOG_TOPICS, PAGE_TOPICS, topic_for_class
from commdesk.ui.help_window import HelpWindow, page_markdown
from commdesk.ui.main_window import MainWindow
from commdesk.ui.shell import Shell
from commdesk.ui.translations import Translators

README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.fixture(autouse=True)
def _clear_clipboard(qapp: Any) -> Iterator[None]:
    """Qt's offscreen platform crashes at exit when the clipboard still holds mime data
    (xcb and Windows do not): every test here leaves it empty."""
    yield
    QGuiApplication.clipboard().clear()


def dialog_classes() -> set[type]:
    """Every QDialog subclass defined in commdesk.ui (wizards and message boxes too)."""
    for info in pkgutil.iter_modules(commdesk.ui.__path__, "commdesk.ui."):
        importlib.import_module(info.name)

    def walk(cls: type) -> Iterator[type]:
        for sub in cls.__subclasses__():
            yield sub
            yield from walk(sub)

    return {c for c in walk(QDialog) if c.__module__.startswith("commdesk.ui.")}


def help_window() -> HelpWindow | None:
    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, HelpWindow)), None)


def press_f1(qtbot: Any, widget: QWidget) -> HelpWindow:
    before = help_window()
    if before is not None:
        before.close()
        qtbot.waitUntil(lambda: help_window() is None, timeout=5000)
    QTest.keyClick(widget.focusWidget() or widget, Qt.Key.Key_F1)
    shown = help_window()
    assert shown is not None and shown.isVisible(), f"F1 in {type(widget).__name__} opened nothing"
    return shown


@pytest.fixture
def shell(qapp: Any, store_with_profile: Any) -> Iterator[Shell]:
    s = Shell(store_with_profile, Translators())
    yield s
    for w in QApplication.topLevelWidgets():
        if isinstance(w, HelpWindow):
            w.close()
    s.dispose()


def test_every_page_and_dialog_has_a_guide_page_in_both_languages() -> None:
    classes = dialog_classes()
    assert len(classes) >= 10
    missing = sorted(c.__name__ for c in classes if topic_for_class(c) is None)
    assert not missing, f"dialogs without a help page (add them to DIALOG_TOPICS): {missing}"
    for topic in {*PAGE_TOPICS.values(), *DIALOG_TOPICS.values()}:
        assert topic in guide.TOPICS
    for lang in guide.LANGUAGES:
        files = {p.stem for p in guide.guide_dir(lang).glob("*.md")}
        assert files == set(guide.TOPICS), lang


def test_f1_opens_the_page_of_every_main_window_page(qtbot: Any, shell: Shell) -> None:
    assert shell.start()
    window = shell.window
    assert isinstance(window, MainWindow)
    assert set(window.page_keys()) <= set(PAGE_TOPICS)
    for key in window.page_keys():
        page = window.show_page(key)
        qtbot.wait(10)
        shown = press_f1(qtbot, page)
        assert shown.topic == PAGE_TOPICS[key], key
        assert shown.browser.toPlainText().startswith(guide.page_title(shown.topic, "zh"))
    window.show_page("volunteers")
    window.people_tabs.setCurrentIndex(1)  # the teams tab
    assert press_f1(qtbot, window.people_tabs.currentWidget()).topic == PAGE_TOPICS["teams"]


def test_f1_in_every_dialog_opens_its_page(qtbot: Any, shell: Shell, monkeypatch: Any) -> None:
    from commdesk.ui import self_test
    from commdesk.ui.paste_rows import paste_rows
    from commdesk.ui.profile import ProfileWizard

    assert shell.start()
    window = shell.window
    assert window is not None
    dialogs = dict(self_test._dialogs(shell, window))  # every dialog the README names
    dialogs.pop("about")  # Qt's own message box: F1 goes to the page behind it

    def paste() -> QWidget | None:
        mime = QMimeData()
        mime.setText(f"姓名\t身份证号\r\n张三\t{make_id(1)}\r\n")
        QGuiApplication.clipboard().setMimeData(mime)
        return paste_rows(window.ledger_pages["volunteers"])

    dialogs |= {
        "record form": lambda: window.ledger_pages["services"].new_record(),
        "paste": paste,
        "settings": shell.open_settings,
        "profile wizard": lambda: ProfileWizard(shell.ctx),
    }
    seen: set[str] = set()
    for name, open_ in dialogs.items():
        dialog = open_()
        assert dialog is not None, name
        if not dialog.isVisible():
            dialog.show()
        qtbot.waitExposed(dialog)
        expected = topic_for_class(type(dialog))
        assert expected is not None, f"{name}: {type(dialog).__name__} has no help page"
        assert press_f1(qtbot, dialog).topic == expected, name
        seen.add(type(dialog).__name__)
        if isinstance(dialog, QDialog) and not isinstance(dialog, ProfileWizard):
            dialog.reject()  # (the first-run wizard's reject asks "Quit CommDesk?")
        dialog.hide()
        dialog.deleteLater()
        qtbot.wait(10)
    assert len(seen) >= 10


def test_a_rule_name_links_to_its_explanation(qtbot: Any, ctx: Any) -> None:
    from commdesk.ui.returns_preview import ISSUE_ROLE, IssueList

    issues = IssueList()
    qtbot.addWidget(issues)
    issues.show_issues(
        [
            Issue("E-T1-106-T5", "error", "表1“社区工作者”（106）应等于表5合计人数。"),
            Issue("E-T3-C5-LE-C4", "error", "…"),
        ],
        {},
    )
    issues.show()
    for row, anchor in ((0, "E-T1-106-T5"), (1, "E-TABLE-COLUMN-LE-COLUMN")):
        item = issues.topLevelItem(row)
        assert item.data(0, ISSUE_ROLE) is not None
        rect = issues.visualItemRect(item)
        x = issues.header().sectionPosition(1) + 5
        QTest.mouseClick(
            issues.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, rect.center().y())
        )
        shown = help_window()
        assert shown is not None and shown.topic == "returns"
        assert f"({anchor})" in shown.heading_shown(), shown.heading_shown()
        shown.close()
        qtbot.waitUntil(lambda: help_window() is None, timeout=5000)


def test_every_rule_of_the_return_has_an_explanation() -> None:
    from commdesk.returns.definition import default_definition_path, load_definition

    definition = load_definition(default_definition_path())
    for lang in guide.LANGUAGES:
        text = page_markdown("returns", lang)
        for rule in definition.rules:
            explained = guide.rule_text(rule.message)
            assert f"({rule.code})" in text and explained in text, (lang, rule.code)
            assert "{" not in explained


_ENGLISH_RUN = re.compile(r"[A-Za-z]+(?:[ ,'’-]+[A-Za-z]+){3,}")  # four English words in a row


def test_chinese_pages_have_no_untranslated_english() -> None:
    for topic in guide.TOPICS:
        text = page_markdown(topic, "zh") if topic != "returns" else guide.page_text(topic, "zh")
        for paragraph in re.split(r"\n\s*\n", text):
            prose = re.sub(r"`[^`]*`", "", paragraph)  # commands and file names stay as typed
            assert not _ENGLISH_RUN.search(prose), f"{topic}: {paragraph!r}"
            if re.search(r"[A-Za-z]{3,}", prose):
                assert re.search(r"[\u4e00-\u9fff]", prose), f"{topic}: {paragraph!r}"


def test_readme_user_guide_is_the_guide_pages() -> None:
    text = README.read_text(encoding="utf-8")
    assert guide.update_readme(text) == text, "run: python scripts/guide_readme.py"
    for lang in guide.LANGUAGES:
        for topic in guide.TOPICS:
            assert guide.page_text(topic, lang).split("\n", 2)[2].strip()[:40] in text
