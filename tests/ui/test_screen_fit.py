"""Every window fits the clerk's screen: nothing off-screen, no label cut off.

Each screen is simulated by Qt's offscreen platform from a JSON screen list; the
platform is fixed per process, so ``screen_fit_driver.py`` runs once per screen
and language in a subprocess and prints the problems it found. Heights are the
free area left by a 40-pixel taskbar (1366×768 leaves 1366×728).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

DRIVER = Path(__file__).resolve().parent / "screen_fit_driver.py"
# name: (logical width, logical height, device pixel ratio, font-size setting %)
SCREENS = {
    "1366x768": (1366, 728, 1.0, 100),
    "1920x1080@150%": (1280, 680, 1.5, 100),
    # The font-size setting for older eyes, on the 1600-pixel screen of the report.
    "1600x900 font 150%": (1600, 860, 1.0, 150),
}


def run_driver(tmp_path: Path, screen: str, language: str) -> dict:
    width, height, dpr, font_scale = SCREENS[screen]
    config = tmp_path / "screens.json"
    config.write_text(
        json.dumps(
            {
                "screens": [
                    {"name": "fit", "x": 0, "y": 0, "width": width, "height": height,
                     "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": dpr}
                ]
            }
        ),
        encoding="utf-8",
    )  # fmt: skip
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}")
    env.pop("QT_SCALE_FACTOR", None)
    done = subprocess.run(
        [sys.executable, str(DRIVER), language, str(font_scale)],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("language", ["zh_CN", "en"])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_every_window_fits(tmp_path: Path, screen: str, language: str) -> None:
    result = run_driver(tmp_path, screen, language)
    width, height, dpr, _scale = SCREENS[screen]
    assert result["screen"] == [width, height] and result["dpr"] == dpr  # the simulation took
    assert result["problems"] == []
    opened = set(result["checked"])
    for ledger in ("services", "facilities", "volunteers", "teams", "workers"):
        assert {f"new {ledger} form", f"edit {ledger} form"} <= opened
    assert {
        "first-run wizard page 1", "first-run wizard page 2", "main window (maximised) page audit",
        "settings (password set)", "backups", "import wizard page 5", "explain warnings",
    } <= opened  # fmt: skip
