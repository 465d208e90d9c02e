"""Loading translators: ours (compiled from the .ts on demand) and Qt's own.

The .qm is a build product (gitignored). In a source tree it is compiled with
``pyside6-lrelease`` whenever it is missing or older than the .ts; if the
translations folder is read-only the .qm goes to a cache in the temp folder.
A bundle ships the .qm and no .ts, which this handles too.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from commdesk.domain import i18n
from commdesk.domain.i18n import QT_TRANSLATE_NOOP
from commdesk.paths import translations_dir

log = logging.getLogger(__name__)
CATALOGUE = "commdesk_zh_CN"
LANGUAGES = ("zh_CN", "en")
# Strings of Qt's own widget dialogs that the qtbase_zh_CN shipped with PySide6 leaves
# in English (Qt 6 renamed them; the Chinese catalogue has only the old texts). Marked
# here, in Qt's context, they land in our catalogue, which is installed after qtbase
# and so is asked first.
QTBASE_GAPS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Folder"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "File Folder"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Drive"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "File"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "%1 File"),
)


def default_language(settings: QSettings | None = None) -> str:
    """Settings override first; else Chinese unless the system asks for another language."""
    if settings is not None:
        chosen = str(settings.value("language", "") or "")
        if chosen in LANGUAGES:
            return chosen
    locale = QLocale.system()
    if locale.language() in (QLocale.Language.C, QLocale.Language.AnyLanguage):
        return "zh_CN"
    if locale.language() == QLocale.Language.Chinese:
        return "zh_CN"
    return "en"


def find_lrelease() -> Path | None:
    exe = ".exe" if os.name == "nt" else ""
    candidates = [Path(sys.executable).parent / f"pyside6-lrelease{exe}"]
    try:
        import PySide6

        candidates.append(Path(PySide6.__file__).parent / f"lrelease{exe}")
    except ImportError:  # pragma: no cover - PySide6 is a hard dependency
        pass
    for name in ("pyside6-lrelease", "lrelease"):
        found = shutil.which(name)
        if found:
            candidates.append(Path(found))
    return next((c for c in candidates if c.is_file()), None)


def _cache_path(ts: Path) -> Path:
    digest = hashlib.sha1(str(ts.resolve()).encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / "commdesk-qm" / f"{CATALOGUE}-{digest}.qm"


def _fresh(qm: Path, ts: Path) -> bool:
    return qm.is_file() and qm.stat().st_mtime >= ts.stat().st_mtime


def compiled_catalogue(folder: Path | None = None) -> Path | None:
    """Path of an up-to-date .qm, compiling it if needed; None if impossible."""
    folder = folder or translations_dir()
    ts, qm = folder / f"{CATALOGUE}.ts", folder / f"{CATALOGUE}.qm"
    if not ts.is_file():
        return qm if qm.is_file() else None
    if _fresh(qm, ts):
        return qm
    cached = _cache_path(ts)
    if _fresh(cached, ts):
        return cached
    lrelease = find_lrelease()
    if lrelease is None:
        log.warning("lrelease not found; using stale or no translation")
        return qm if qm.is_file() else None
    targets = [qm] if os.access(folder, os.W_OK) else []
    targets.append(cached)
    for target in targets:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            subprocess.run(
                [str(lrelease), "-silent", str(ts), "-qm", str(target)],
                check=True,
                capture_output=True,
                timeout=60,
            )
            if target.is_file():
                return target
        except (OSError, subprocess.SubprocessError) as exc:
            log.warning("could not compile %s to %s: %s", ts, target, exc)
    return qm if qm.is_file() else None


class Translators:
    """Owns the installed QTranslators so the language can be switched live."""

    def __init__(self) -> None:
        self._installed: list[QTranslator] = []
        self.language = "en"

    def apply(self, language: str) -> None:
        app = QCoreApplication.instance()
        assert app is not None
        for translator in self._installed:
            app.removeTranslator(translator)
        self._installed.clear()
        self.language = language if language in LANGUAGES else "zh_CN"
        if self.language == "zh_CN":
            qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            qtbase = QTranslator(app)
            if qtbase.load("qtbase_zh_CN", qt_dir):
                self._installed.append(qtbase)
            ours = QTranslator(app)
            qm = compiled_catalogue()
            if qm is not None and ours.load(str(qm)):
                self._installed.append(ours)
            for translator in self._installed:
                app.installTranslator(translator)
            QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        else:
            QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
        i18n.install(QCoreApplication.translate, self.language)
