"""Work around a PySide6 6.12 reference-count bug on Python 3.11.

On this combination every bound Qt method that returns ``None`` gives back a
borrowed ``None`` without taking a reference (harmless from Python 3.12 on,
where ``None`` is immortal). Each call therefore steals one reference and a
long session eventually frees ``None``: "Fatal Python error: none_dealloc".

:func:`protect_none` detects the leak and, only when present, gives ``None``
(and ``True``/``False``, which leak on other paths) a very large reference
count — what Python 3.12 does by design with immortal objects.
"""

from __future__ import annotations

import ctypes
import sys

_PIN = 1 << 40
_protected = False


def none_leaks_per_call() -> int:
    """References to None lost per void Qt call (0 on a healthy PySide6)."""
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(100):
        probe.setObjectName("probe")
    lost = before - sys.getrefcount(None)
    return max(lost // 100, 0)


def protect_none() -> bool:
    """Pin None's reference count if this PySide6 leaks it; True when applied."""
    global _protected
    if _protected or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return _protected
    if none_leaks_per_call() == 0:
        return False
    for singleton in (None, True, False):  # bools leak on other call paths
        refcount = ctypes.c_ssize_t.from_address(id(singleton))
        refcount.value += _PIN
    _protected = True
    return True
