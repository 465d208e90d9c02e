"""run_gui(self_test=True) in a fresh interpreter: exit 0, or 2 with one line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from commdesk.store.services.facilities import facilities

CODE = "import sys; from pathlib import Path; from commdesk.app import run_gui; " \
       "sys.exit(run_gui(Path(sys.argv[1]), self_test=True))"  # fmt: skip


def run_self_test(data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)  # the self-test must pick offscreen itself
    return subprocess.run(
        [sys.executable, "-c", CODE, str(data_dir)],
        capture_output=True, text=True, timeout=120, env=env,
    )  # fmt: skip


def test_self_test_on_a_missing_folder(tmp_path: Path) -> None:
    result = run_self_test(tmp_path / "nothing-here")
    assert result.returncode == 0, result.stderr
    assert "self-test passed" in result.stdout
    assert not (tmp_path / "nothing-here").exists()


def test_self_test_uses_a_copy_of_existing_data(store_with_profile: Any) -> None:
    facilities.add(store_with_profile, {"name": "老年活动室", "type_code": "F05"})
    before = store_with_profile.path.read_bytes()
    result = run_self_test(store_with_profile.data_dir)
    assert result.returncode == 0, result.stderr
    assert facilities.count(store_with_profile) == 1
    assert store_with_profile.path.read_bytes() == before


def test_self_test_failure_is_exit_2_with_one_line(tmp_path: Path) -> None:
    (tmp_path / "commdesk.sqlite").write_bytes(b"this is not a database" * 100)
    result = run_self_test(tmp_path)
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.startswith("self-test failed")]
    assert len(lines) == 1
    assert "Traceback" not in result.stderr
