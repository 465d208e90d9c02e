"""Run the installed ``commdesk`` console script the way a clerk does, in a subprocess.

Global options go before the command (``commdesk --data-dir D consolidate …``);
the environment is a Chinese locale. ``committee_return`` makes a demo committee
and exports its return through the same door.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

PERIOD = "2026Q3"


def commdesk_script() -> str:
    """The console script installed next to this interpreter (the venv's ``commdesk``)."""
    here = Path(sys.executable).parent
    found = shutil.which("commdesk", path=str(here))
    assert found, f"no commdesk console script next to {sys.executable}"
    return found


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LANG": "zh_CN.UTF-8", "LC_ALL": "zh_CN.UTF-8", "PYTHONUTF8": "1"}
    return subprocess.run(
        [commdesk_script(), *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=cwd,
        timeout=300,
    )


def committee_return(root: Path, code: str, seed: int, out: Path, kind: str = "urban") -> Path:
    """``commdesk demo`` into its own data folder, then ``commdesk export`` (warnings noted)."""
    data = root / f"data-{code}"
    done = run("--data-dir", data, "demo", "--records", "200", "--seed", seed,
               "--division-code", code, "--kind", kind)  # fmt: skip
    assert done.returncode == 0, done.stderr
    notes: list[str] = []
    for _attempt in range(2):
        done = run("--data-dir", data, "export", "--period", PERIOD, "--out", out, *notes)
        if done.returncode == 0:
            return out
        codes = re.findall(r"^warning (\S+):", done.stdout, flags=re.MULTILINE)
        notes = [a for c in codes for a in ("--note", f"{c}=已核实，数据无误。")]
    raise AssertionError(f"export failed: {done.stdout}\n{done.stderr}")


def status_lines(out: str) -> dict[str, tuple[str, str]]:
    """file name -> (status word, reason), from the one-line-per-file output."""
    found = {}
    for line in out.splitlines():
        parts = line.split(None, 2)
        if len(parts) >= 2 and parts[1].endswith(".xlsx"):
            found[Path(parts[1]).name] = (parts[0], parts[2] if len(parts) > 2 else "")
    return found
