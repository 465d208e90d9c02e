"""The program opens no sockets: self-test and demo → import → export with sockets disabled.

The runs themselves start in the background with the safety session (see
network_cycle.py and conftest.py); these tests check the trap and the runs.
(The single-instance handshake uses Qt's local sockets, which are not Python
sockets and not network sockets.)
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from network_cycle import NetworkRuns, _env


def test_trap_really_catches_a_connection(tmp_path: Path) -> None:
    """Control: the trap is loaded and records an attempt (else the test proves nothing)."""
    env = _env(tmp_path)
    code = "import socket\ntry:\n socket.create_connection(('127.0.0.1', 9))\nexcept OSError: pass"
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=60)
    assert "create_connection" in (tmp_path / "sockets.log").read_text(encoding="utf-8")


def test_self_test_and_full_cycle_open_no_socket(network_runs: NetworkRuns) -> None:
    network_runs.wait()
    for step in network_runs.steps:
        assert step.code == 0, (
            f"{step.what}: exit {step.code}\n{step.out[-2000:]}\n{step.err[-3000:]}"
        )
    assert [s.what for s in network_runs.steps] == ["demo", "import", "export", "self-test"]
    assert "added=50" in network_runs.steps[1].out
    assert "self-test passed" in network_runs.steps[3].out
    assert network_runs.out is not None and network_runs.out.is_file()
    loaded = (network_runs.root / "sockets.log.loaded").read_text(encoding="utf-8").split()
    assert len(loaded) >= 4, "the socket trap was not loaded in every child"
    assert not network_runs.log.exists(), network_runs.log.read_text(encoding="utf-8")
