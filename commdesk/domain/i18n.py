"""Translation hook for the Qt-free layers.

The domain, store, returns and importing layers must not import Qt, yet their
messages reach the user. They call :func:`translate` with a context and a
*literal* English source text (which ``pyside6-lupdate`` collects like any Qt
string); the entry point installs the real translator once at start-up.

A message defined away from where it is shown (a table of reasons, a rule
text) is written as ``QT_TRANSLATE_NOOP("Context", "text")``: lupdate collects
that name, and the call returns a :class:`Marked` string that remembers its
context, so :func:`translated` can translate it where it is shown. Never pass a
plain variable to :func:`translate`: lupdate cannot see it, and it would reach
the user in English.
"""

from __future__ import annotations

from collections.abc import Callable

_translator: Callable[[str, str], str] | None = None
_language: str = "zh_CN"


class Marked(str):
    """An English source text marked for lupdate, with the context it was marked in."""

    context: str

    def __new__(cls, context: str, text: str) -> Marked:
        marked = super().__new__(cls, text)
        marked.context = context
        return marked


def install(translator: Callable[[str, str], str] | None, language: str) -> None:
    """Route messages through ``translator`` and remember the UI language."""
    global _translator, _language
    _translator = translator
    _language = language


def translate(context: str, text: str) -> str:
    """``text`` must be a string literal (lupdate collects it from the call)."""
    if _translator is None:
        return text
    return _translator(context, text) or text


def QT_TRANSLATE_NOOP(context: str, text: str) -> Marked:  # the name lupdate collects
    """Mark ``text`` for lupdate where it is defined; translate it later with :func:`translated`."""
    return Marked(context, text)


def translated(message: Marked, **values: object) -> str:
    """A marked message in the UI language, with ``{placeholders}`` filled from ``values``."""
    if not isinstance(message, Marked):
        raise TypeError(f"not a QT_TRANSLATE_NOOP-marked message: {message!r}")
    text = str(message)
    if _translator is not None:
        text = _translator(message.context, text) or text
    return text.format(**values) if values else text


def language() -> str:
    """Current UI language code: ``zh_CN`` or ``en``."""
    return _language


def is_chinese() -> bool:
    return _language.startswith("zh")
