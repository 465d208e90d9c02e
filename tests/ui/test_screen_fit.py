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
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

DRIVER = Path(__file__).resolve().parent / "screen_fit_driver.py"
# name: (logical width, logical height, device pixel ratio, font-size setting %)
SCREENS = {
    "1366x768": (1366, 728, 1.0, 100),
    "1920x1080@150%": (1280, 680, 1.5, 100),
    # The font-size setting for older eyes (Settings → Font size 150 %) on the laptop.
    "1366x768 font 150%": (1366, 728, 1.0, 150),
}


LANGUAGES = ("zh_CN", "en")


def start_driver(folder: Path, screen: str, language: str) -> subprocess.Popen[str]:
    width, height, dpr, font_scale = SCREENS[screen]
    folder.mkdir(parents=True)
    config = folder / "screens.json"
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
    with (folder / "stderr.txt").open("w", encoding="utf-8") as errors:  # Qt's chatter
        return subprocess.Popen(
            [sys.executable, str(DRIVER), language, str(font_scale)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            encoding="utf-8",
        )


@pytest.fixture(scope="module")
def tours(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[tuple[str, str], Any]]:
    """Every run started at once, then collected: quicker than one after another."""
    base = tmp_path_factory.mktemp("fit")
    folders = {
        (screen, language): base / f"{i}-{language}"
        for i, screen in enumerate(SCREENS)
        for language in LANGUAGES
    }
    running = {key: start_driver(folder, *key) for key, folder in folders.items()}
    results: dict[tuple[str, str], Any] = {}
    try:
        for key, process in running.items():
            out, _ = process.communicate(timeout=600)
            if process.returncode != 0:
                errors = (folders[key] / "stderr.txt").read_text(encoding="utf-8")
                results[key] = f"driver failed ({process.returncode}):\n{errors[-3000:]}"
            else:
                results[key] = json.loads(out.strip().splitlines()[-1])
    finally:
        for process in running.values():
            if process.poll() is None:
                process.kill()
    yield results


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("screen", list(SCREENS))
def test_every_window_fits(tours: dict[tuple[str, str], Any], screen: str, language: str) -> None:
    result = tours[(screen, language)]
    assert isinstance(result, dict), result
    width, height, dpr, _scale = SCREENS[screen]
    assert result["screen"] == [width, height] and result["dpr"] == dpr  # the simulation took
    assert result["problems"] == []
    opened = set(result["checked"])
    for ledger in ("services", "facilities", "volunteers", "teams", "workers"):
        assert {f"new {ledger} form", f"edit {ledger} form"} <= opened
    assert {
        "first-run wizard page 1", "first-run wizard page 2", "main window (maximised) page audit",
        "settings (password set)", "backups", "import wizard page 1", "import wizard page 5",
        "explain warnings", "batch entry", "batch entry completion list",
        "sign in", "add account", "new password", "accounts", "settings (accounts)",
        "idle lock (signed in)",
        "first-run wizard location page", "server away",
        "main window read-only",
    } <= opened  # fmt: skip
