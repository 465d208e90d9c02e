"""The installed ``commdesk`` console script, run as the clerk runs it: a real process."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# The team's shared fixtures: CI clones the repository with shared/ beside it. A checkout
# without it (a worktree) uses the copy kept in tests/ (test_clerk_cycle checks they agree).
BESIDE_REPO = REPO / ".." / "shared" / "fixtures"
COPY_IN_TESTS = REPO / "tests" / "fixtures" / "import" / "shared"
SHARED_FIXTURES = BESIDE_REPO if BESIDE_REPO.is_dir() else COPY_IN_TESTS


def commdesk_exe() -> str:
    """The console script pip installed next to this interpreter (not a module run)."""
    found = shutil.which("commdesk", path=str(Path(sys.executable).parent))
    assert found, f"no commdesk console script next to {sys.executable} (pip install -e .)"
    return found


def clean_env(**extra: str) -> dict[str, str]:
    """This environment with an English, non-Chinese locale unless ``extra`` says otherwise."""
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    env.update({"LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen"})
    env.pop("COMMDESK_DATA_DIR", None)
    env.update(extra)
    return env


def commdesk(
    *args: str | os.PathLike[str],
    data_dir: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 300,
) -> subprocess.CompletedProcess[str]:
    """``commdesk [--data-dir D] ARGS…`` through the console script."""
    cmd = [commdesk_exe()]
    if data_dir is not None:
        cmd += ["--data-dir", str(data_dir)]
    return subprocess.run(
        [*cmd, *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env or clean_env(),
        stdin=subprocess.DEVNULL,
    )


def demo_folder(folder: Path, records: int, *extra: str) -> Path:
    """``commdesk demo --records N`` into ``folder`` through the console script; it must work."""
    made = commdesk("demo", "--records", str(records), *extra, data_dir=folder)
    assert made.returncode == 0, made.stderr
    return folder


def assert_refused(result: subprocess.CompletedProcess[str]) -> str:
    """Exit 2, one line on stderr, no traceback; returns that line."""
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]
