"""Translation hook for the Qt-free layers.

The domain, store, returns and importing layers must not import Qt, yet their
messages reach the user. They call :func:`translate` with a context and an
English source text (which ``pyside6-lupdate`` collects like any Qt string);
the entry point installs the real translator once at start-up.
"""

from __future__ import annotations

from collections.abc import Callable

_translator: Callable[[str, str], str] | None = None
_language: str = "zh_CN"


def install(translator: Callable[[str, str], str] | None, language: str) -> None:
    """Route messages through ``translator`` and remember the UI language."""
    global _translator, _language
    _translator = translator
    _language = language


def translate(context: str, text: str) -> str:
    if _translator is None:
        return text
    return _translator(context, text)


def language() -> str:
    """Current UI language code: ``zh_CN`` or ``en``."""
    return _language


def is_chinese() -> bool:
    return _language.startswith("zh")


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for lupdate where it is defined; :func:`translate` it where it is shown."""
    return text
