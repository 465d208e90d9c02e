"""Pause Python's cyclic garbage collector while an import builds its rows.

An import of 50,000 rows keeps a few hundred thousand container objects alive
until it ends (cells, row results, parameters). Each time the heap grows by a
quarter the collector walks all of them again, which cost about 1 s of a 7 s
import (and made loading pypinyin's phrase dictionary four times slower).
Reference counting still frees everything that is not in a cycle; the few
cycles made meanwhile are collected once the collector runs again.

When the collector comes back, what the import made is moved to the oldest
generation (``gc.freeze`` then ``gc.unfreeze``, two list splices): otherwise the
first young collection after the pause walks every row the import still holds
(~0.15 s on 50,000 rows). They are still walked, and their cycles freed, by the
next full collection. CommDesk freezes nothing else, so unfreezing takes back
only what was just frozen.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0  # imports running with the collector paused (worker threads may overlap)
_resume = False  # whether the collector was enabled when the first of them started


@contextmanager
def gc_paused() -> Iterator[None]:
    """Disable the collector inside the block; the last block to end restores it."""
    global _depth, _resume
    with _lock:
        if _depth == 0:
            _resume = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _resume:
                gc.freeze()  # everything to the permanent generation …
                gc.unfreeze()  # … and back, into the oldest: no young walk of it all
                gc.enable()
