"""A write by another program (the sqlite3 shell, a script, DB Browser): a plain sqlite3
connection in a second process, no CommDesk code, so no change mark renewed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = (
    "import sqlite3, sys\n"
    "con = sqlite3.connect(sys.argv[1])\n"
    "con.execute('UPDATE volunteer_team SET leader = ? "
    "WHERE id = (SELECT min(id) FROM volunteer_team)', (sys.argv[2],))\n"
    "con.commit()\n"
    "con.close()\n"
)


def other_program(data: Path, leader: str) -> None:
    """Set the first volunteer team's leader in ``data``'s database from another process."""
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(data / "commdesk.sqlite"), leader],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
