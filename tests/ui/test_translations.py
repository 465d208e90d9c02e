"""Every user-visible string is in the .ts and translated; the .qm compiles and loads."""

from __future__ import annotations

import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from commdesk.ui.translations import CATALOGUE, compiled_catalogue, find_lrelease

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "translations" / f"{CATALOGUE}.ts"


def _lupdate() -> Path:
    found = Path(shutil.which("pyside6-lupdate") or "")
    if not found.is_file():
        lrelease = find_lrelease()
        assert lrelease is not None
        found = lrelease.with_name(lrelease.name.replace("lrelease", "lupdate"))
    return found


def test_ts_is_complete_for_current_sources(tmp_path: Path) -> None:
    """lupdate into a copy: nothing new/unfinished, nothing used has vanished."""
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    subprocess.run(
        [str(_lupdate()), "-extensions", "py", "-recursive", str(ROOT / "commdesk"),
         "-ts", str(copy)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    unfinished, vanished = [], []
    for context in ET.parse(copy).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            kind = message.find("translation").get("type")  # type: ignore[union-attr]
            entry = f"{name}: {message.findtext('source')}"
            if kind == "unfinished":
                unfinished.append(entry)
            elif kind in ("vanished", "obsolete"):
                vanished.append(entry)
    assert unfinished == [], "untranslated strings; run scripts/update_translations.sh"
    assert vanished == [], "strings no longer in the code; rerun lupdate with -no-obsolete"


def test_qm_compiles_and_translates(qapp: object, tmp_path: Path) -> None:
    folder = tmp_path / "translations"
    folder.mkdir()
    shutil.copy(TS, folder / TS.name)
    qm = compiled_catalogue(folder)
    assert qm is not None and qm.is_file()
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    try:
        assert QCoreApplication.translate("RecordDialog", "Save and new") == "保存并新增"
        assert QCoreApplication.translate("Validators", "Enter a number.") == "请填写数字。"
    finally:
        QCoreApplication.removeTranslator(translator)


def test_read_only_translations_folder_uses_temp_cache(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    shutil.copy(TS, folder / TS.name)
    folder.chmod(0o555)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("this user can write anyway (root)")
        qm = compiled_catalogue(folder)
        assert qm is not None and qm.parent != folder
    finally:
        folder.chmod(0o755)


def test_every_translate_call_in_the_sources_has_a_translation() -> None:
    """Reads the sources itself: lupdate silently skips some calls (Qt plural forms)."""
    import ast

    translated = {
        (context.findtext("name"), message.findtext("source"))
        for context in ET.parse(TS).getroot().iter("context")
        for message in context.iter("message")
        if message.find("translation").get("type") is None  # type: ignore[union-attr]
    }
    missing = []
    for path in sorted((ROOT / "commdesk").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or len(node.args) < 2:
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            context, text = node.args[0], node.args[1]
            if name not in ("translate", "QT_TRANSLATE_NOOP") or not all(
                isinstance(a, ast.Constant) and isinstance(a.value, str) for a in (context, text)
            ):
                continue
            if len(node.args) > 3:
                missing.append(f"{path.name}:{node.lineno} uses a plural form (%n)")
            elif (context.value, text.value) not in translated:  # type: ignore[union-attr]
                missing.append(f"{path.name}:{node.lineno} {text.value!r}")  # type: ignore[union-attr]
    assert missing == []


def _translate_calls_with_a_variable(source: str) -> list[int]:
    """Lines calling translate()/tr()/QT_TRANSLATE_NOOP() with anything but literals.

    lupdate only collects literal texts: ``translate(ctx, variable)`` reaches the user
    untranslated. A message defined away from its use is marked with
    ``QT_TRANSLATE_NOOP("Context", "text")`` and shown with ``i18n.translated(marked)``,
    which refuses anything not so marked.
    """
    import ast

    lines = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        literal = [isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args]
        if name in ("translate", "QT_TRANSLATE_NOOP") and len(node.args) >= 2:
            if not all(literal[:2]):
                lines.append(node.lineno)
        elif name in ("tr", "QT_TR_NOOP") and node.args and not literal[0]:
            lines.append(node.lineno)
    return lines


def test_the_variable_scanner_sees_variables() -> None:
    assert _translate_calls_with_a_variable('translate("Import", text)') == [1]
    assert _translate_calls_with_a_variable('translate("Import", f"{x} rows")') == [1]
    assert _translate_calls_with_a_variable("self.tr(message)") == [1]
    assert _translate_calls_with_a_variable('QT_TRANSLATE_NOOP("Audit", name)') == [1]
    assert _translate_calls_with_a_variable('translate("Import", "File: {name}")') == []
    assert _translate_calls_with_a_variable("text.translate(table)") == []
    assert _translate_calls_with_a_variable("translated(RULE_TEXTS[code])") == []


def test_no_translate_call_passes_a_variable() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in sorted((ROOT / "commdesk").rglob("*.py"))
        for line in _translate_calls_with_a_variable(path.read_text(encoding="utf-8"))
    ]
    assert found == [], "use a literal, or QT_TRANSLATE_NOOP + i18n.translated"


def test_translated_refuses_an_unmarked_string() -> None:
    from commdesk.domain import i18n

    with pytest.raises(TypeError):
        i18n.translated("plain text")  # type: ignore[arg-type]
    marked = i18n.QT_TRANSLATE_NOOP("Import", "row {row}: {why}")
    assert i18n.translated(marked, row=3, why="x") == "row 3: x"
