"""English UI chrome stays English; the return preview is the Chinese form in every language.

The chrome (placeholders, buttons, headings of the window) follows the UI
language. The preview renders the return as it is printed and filed, which is
Chinese by design: the same words whatever the UI language, none English.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from zh_catalogue import build_qm, build_ts

from commdesk.domain import i18n
from commdesk.domain.ledgers import LEDGERS
from commdesk.domain.periods import Period
from commdesk.returns import library
from commdesk.returns.export import prepare
from commdesk.ui.field_widgets import NumberEditor
from commdesk.ui.returns_preview import ReturnPreview

_CJK = re.compile(r"[\u3400-\u9fff]")
_ENGLISH = re.compile(r"\b[A-Za-z]{2,}\b")


@pytest.fixture(scope="module")
def qm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_qm(build_ts(tmp_path_factory.mktemp("ts")))


@pytest.fixture
def english() -> Iterator[None]:
    i18n.install(QCoreApplication.translate, "en")
    yield


def _chinese(qapp: Any, qm: Path) -> None:
    translator = QTranslator(qapp)  # removed by the ui conftest after the test
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    i18n.install(QCoreApplication.translate, "zh_CN")


def _numbers() -> list[Any]:
    return [f for ledger in LEDGERS.values() for f in ledger.fields if f.units]


def test_english_placeholders_name_units_in_english(qtbot: Any, english: None) -> None:
    for f in _numbers():
        editor = NumberEditor(f)
        qtbot.addWidget(editor)
        assert editor.placeholderText() and not _CJK.search(editor.placeholderText()), f.name


def test_chinese_placeholders_name_units_in_chinese(qtbot: Any, qapp: Any, qm: Path) -> None:
    _chinese(qapp, qm)
    shown = {}
    for f in _numbers():
        editor = NumberEditor(f)
        qtbot.addWidget(editor)
        shown[f.name] = editor.placeholderText()
    assert shown["hours"] == "小时" and shown["households"] == "户"
    assert all(_CJK.search(text) for text in shown.values()), shown


def _form_texts(qtbot: Any, store: Any) -> list[str]:
    definition = library.current(store.data_dir)
    prepared = prepare(store, definition, Period.parse("2026Q3"))
    preview = ReturnPreview()
    qtbot.addWidget(preview)
    preview.show_result(prepared.result)
    texts = []
    for sheet in preview.sheets.values():
        texts += [sheet.title.text(), sheet.period_label.text(), sheet.unit_label.text()]
        texts += [sheet.measure_label.text()]
        grid = sheet.grid
        texts += [grid.horizontalHeaderItem(j).text() for j in range(grid.columnCount())]
        texts += [grid.item(i, 0).text() for i in range(grid.rowCount()) if grid.item(i, 0)]
    return texts


def test_return_preview_is_the_chinese_form_in_both_languages(
    qtbot: Any, qapp: Any, qm: Path, store_with_profile: Any, english: None
) -> None:
    in_english = _form_texts(qtbot, store_with_profile)
    _chinese(qapp, qm)
    in_chinese = _form_texts(qtbot, store_with_profile)
    assert in_english == in_chinese
    assert [t for t in in_english if _ENGLISH.search(t)] == []
    assert any(t.startswith("填报单位：") for t in in_english)


def test_file_errors_read_in_the_ui_language(qapp: Any, qm: Path, tmp_path: Path) -> None:
    """The system's own words for a failed write ("Permission denied") are not shown."""
    import errno

    from commdesk.store.maintenance import workbook_error
    from commdesk.ui.errors import user_message

    _chinese(qapp, qm)
    target = tmp_path / "报表.xlsx"
    denied = PermissionError(errno.EACCES, "Permission denied", str(target))
    full = workbook_error(target, OSError(errno.ENOSPC, "No space left on device"))
    for exc in (denied, full, FileNotFoundError(errno.ENOENT, "No such file or directory")):
        text = user_message(exc).replace(str(target), "").replace(target.name, "")
        assert _CJK.search(text) and not _ENGLISH.search(text), text
