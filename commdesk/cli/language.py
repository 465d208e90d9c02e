"""The command line speaks the locale's language: Chinese on a zh_* locale.

The GUI chooses its language from its settings; a shell user expects the locale
(``LC_ALL``, then ``LC_MESSAGES``, then ``LANG``, as POSIX orders them). The
catalogue is the GUI's .qm, read through a bare QTranslator: QtCore only, no
QApplication, and only when the locale is Chinese.
"""

from __future__ import annotations

import importlib
import os
import sys

from commdesk.domain import i18n


def locale_is_chinese(environ: dict[str, str] | None = None) -> bool:
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:
            return value.lower().startswith("zh")
    if sys.platform == "win32":  # no locale variables: ask the system
        from PySide6.QtCore import QLocale

        return QLocale.system().language() == QLocale.Language.Chinese
    return False


def install_cli_language() -> None:
    """Route commdesk.domain.i18n.translate through the Chinese catalogue when it applies."""
    if not locale_is_chinese():
        return  # the English source texts, as before any translator is installed
    # SQLAlchemy before PySide6, as commdesk.app does: once PySide6 is loaded its import hook
    # slows every later import, and every command (and the window) loads the store next.
    importlib.import_module("commdesk.store.engine")
    from PySide6.QtCore import QTranslator

    from commdesk.ui.translations import compiled_catalogue

    translator = QTranslator()
    qm = compiled_catalogue()
    if qm is None or not translator.load(str(qm)):
        return  # no catalogue (a broken install): the English source texts

    i18n.install(translator.translate, "zh_CN")  # i18n falls back to the source text
