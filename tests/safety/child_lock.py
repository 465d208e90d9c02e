"""Lock-test child: hold the data folder's lock until killed.

Forked by zygote.py as ``child_lock:run`` with ``DATA_DIR PURPOSE``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from commdesk.store.lock import acquire


def run(args: list[str], emit: Callable[[str], None]) -> None:
    lock = acquire(Path(args[0]), args[1])
    emit("locked")
    while lock.held:
        time.sleep(1)
