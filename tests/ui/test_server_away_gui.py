"""The window started on a server that is away: one message naming it, then exit 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from console_script import clean_env

AWAY = "postgresql+psycopg://clerk:s3cret@127.0.0.1:1/cd001"  # nothing listens on port 1
# The clerk's start (commdesk.cli.main, no command), in a fresh interpreter; a timer reads
# the first modal message box aloud and presses its button, as the clerk would.
DRIVER = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

app = QApplication(sys.argv[:1])

def answer():
    box = QApplication.activeModalWidget()
    if isinstance(box, QMessageBox):
        print("MESSAGE:", box.text().replace("\\n", " "), flush=True)
        box.button(QMessageBox.StandardButton.Ok).click()
    else:
        QTimer.singleShot(50, answer)

QTimer.singleShot(50, answer)
from commdesk.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_start_on_a_server_that_is_away_names_it(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = subprocess.run(
        [sys.executable, "-c", DRIVER, "--data-dir", str(data), "--database", AWAY],
        capture_output=True, text=True, timeout=120, env=clean_env(), stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert result.returncode == 2, result.stdout + result.stderr
    messages = [line for line in result.stdout.splitlines() if line.startswith("MESSAGE:")]
    assert len(messages) == 1, result.stdout + result.stderr
    assert "cd001" in messages[0] and "127.0.0.1:1" in messages[0], messages
    assert "s3cret" not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert not (data / "commdesk.sqlite").exists()
