"""The clerk's whole cycle (scripts/clerk_cycle.sh) through the installed console script.

CI runs the same script against the PyInstaller bundle; here it is tested first, and
shown to fail when a figure is off.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from console_script import BESIDE_REPO, COPY_IN_TESTS, REPO, SHARED_FIXTURES, commdesk_exe

SCRIPT = REPO / "scripts" / "clerk_cycle.sh"
README_COMMAND = re.compile(r"^\| `commdesk(?: \[--data-dir DIR\])? ([a-z][a-z-]*)", re.M)

pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")


def cycle(fixtures: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(SCRIPT), commdesk_exe(), sys.executable],
        capture_output=True,
        text=True,
        timeout=900,
        env={"PATH": "/usr/bin:/bin", "SHARED_FIXTURES": str(fixtures)},
        stdin=subprocess.DEVNULL,
    )


def test_the_whole_cycle_passes_through_the_console_script() -> None:
    result = cycle(SHARED_FIXTURES)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    out = result.stdout
    assert "ok: volunteers added = 35" in out and "ok: volunteers rejected = 5" in out
    assert "ok: 附表 committees = 3" in out
    assert "ok: counts after restore = counts at backup" in out
    assert out.rstrip().endswith("each with its exit status and figures")


def test_the_cycle_fails_when_a_figure_is_off(tmp_path: Path) -> None:
    fixtures = tmp_path / "fixtures"
    shutil.copytree(SHARED_FIXTURES, fixtures)
    expected = json.loads((fixtures / "expected.json").read_text(encoding="utf-8"))
    expected["志愿者花名册_2024.xlsx"]["accepted"] = 34
    (fixtures / "expected.json").write_text(json.dumps(expected), encoding="utf-8")
    result = cycle(fixtures)
    assert result.returncode != 0
    assert "CLERK CYCLE FAILED: volunteers added: 35, expected 34" in result.stderr


def test_every_readme_command_is_in_the_cycle() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    script = SCRIPT.read_text(encoding="utf-8")
    names = set(README_COMMAND.findall(readme))
    assert {"import", "consolidate", "export"} <= names
    for name in names:
        assert re.search(rf"^\s*expect [012] .*\s{name}\s", script, re.M), name


@pytest.mark.skipif(not BESIDE_REPO.is_dir(), reason="no shared/ beside the repository")
def test_the_copy_in_tests_is_the_shared_fixtures() -> None:
    for path in sorted(COPY_IN_TESTS.iterdir()):
        assert path.read_bytes() == (BESIDE_REPO / path.name).read_bytes(), path.name
