"""`commdesk --self-test`, run as the clerk would, opens every dialog the README names."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

EXPECTED = (
    "import wizard", "backups", "catalogues", "start-up password", "lock screen",
    "unlock period", "explain warnings", "roster export", "certificate", "certificate register",
)  # fmt: skip


def test_self_test_opens_every_named_dialog(tmp_path: Path) -> None:
    exe = shutil.which("commdesk", path=str(Path(sys.executable).parent))
    assert exe is not None, "the console script is not installed next to this Python"
    env = dict(os.environ, LANG="zh_CN.UTF-8")
    result = subprocess.run(
        [exe, "--data-dir", str(tmp_path / "data"), "--self-test"],
        capture_output=True, text=True, timeout=300, env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    line = next(x for x in result.stdout.splitlines() if x.startswith("dialogs:"))
    for name in EXPECTED:
        assert name in line, f"--self-test did not open the {name} dialog"
