"""Qt's own file dialog reads Chinese in a zh_CN run: no "Look in:" left over.

Runs the application's real translator set-up (qtbase_zh_CN from Qt's
translations folder, then ours) and opens Qt's widget file dialog, which is
what the clerk gets wherever there is no native dialog.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLibraryInfo, Qt, QTranslator
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QFileDialog, QTreeView, QWidget
from zh_catalogue import build_qm, build_ts

from commdesk.ui import translations

_CJK = re.compile(r"[\u3400-\u9fff]")
_WORDS = re.compile(r"[A-Za-z]{2,}")
_UNITS = re.compile(r"\b(?:KiB|MiB|GiB|KB|MB|GB)\b")  # data sizes, as Qt writes them in Chinese


@pytest.fixture(scope="module")
def qm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_qm(build_ts(tmp_path_factory.mktemp("ts")))


def _texts(dialog: QWidget) -> set[str]:
    found: set[str] = set()
    for widget in [dialog, *dialog.findChildren(QWidget)]:
        for getter in ("text", "toolTip", "placeholderText"):
            method = getattr(widget, getter, None)
            if callable(method):
                try:
                    value = method()
                except TypeError:
                    continue
                if isinstance(value, str):
                    found.add(value)
        if isinstance(widget, QComboBox):
            found |= {widget.itemText(i) for i in range(widget.count())}
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model, root = widget.model(), widget.rootIndex()
            found |= {
                str(model.headerData(i, Qt.Orientation.Horizontal) or "")
                for i in range(model.columnCount())
            }
            found |= {  # the listing: name, size, type ("Folder"), date
                str(model.index(r, c, root).data() or "")
                for r in range(model.rowCount(root))
                for c in range(1, model.columnCount(root))
            }
        found |= {a.text() for a in widget.actions()} | {a.toolTip() for a in widget.actions()}
    return found


def test_qtbase_catalogue_is_shipped_and_loads(qapp: Any) -> None:
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    assert (Path(folder) / "qtbase_zh_CN.qm").is_file()
    assert QTranslator().load("qtbase_zh_CN", folder)


@pytest.mark.parametrize(
    ("mode", "accept"),
    [
        (QFileDialog.FileMode.ExistingFile, QFileDialog.AcceptMode.AcceptOpen),
        (QFileDialog.FileMode.ExistingFiles, QFileDialog.AcceptMode.AcceptOpen),
        (QFileDialog.FileMode.Directory, QFileDialog.AcceptMode.AcceptOpen),
        (QFileDialog.FileMode.AnyFile, QFileDialog.AcceptMode.AcceptSave),
    ],
)
def test_file_dialog_has_no_english(
    qtbot: Any, qm: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: Any, accept: Any
) -> None:
    monkeypatch.setattr(translations, "compiled_catalogue", lambda folder=None: qm)
    (tmp_path / "2025年台账").mkdir()
    (tmp_path / "志愿者.xlsx").write_bytes(b"x" * 4096)
    chosen = translations.Translators()
    chosen.apply("zh_CN")
    try:
        dialog = QFileDialog(None, "选择文件", str(tmp_path), "表格 (*.xlsx *.xls)")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setFileMode(mode)
        dialog.setAcceptMode(accept)
        dialog.setViewMode(QFileDialog.ViewMode.Detail)
        qtbot.addWidget(dialog)
        dialog.show()
        view = dialog.findChild(QTreeView, "treeView")
        qtbot.waitUntil(lambda: view.model().rowCount(view.rootIndex()) >= 1)
        english = sorted(
            text
            for text in _texts(dialog)
            if _WORDS.search(_UNITS.sub("", text.replace(str(tmp_path), "")))
            and not _CJK.search(text)
        )
        assert english == []
    finally:
        chosen.apply("en")
