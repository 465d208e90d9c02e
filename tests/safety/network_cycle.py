"""The no-network runs: self-test and demo → import → export with sockets disabled.

A ``sitecustomize`` module on PYTHONPATH replaces ``socket.socket``,
``socket.create_connection`` and ``socket.socketpair`` in every child with
functions that record the attempt to a file and fail. The runs start in the
background when the safety session begins (conftest.py), so the slow GUI
self-test overlaps the other safety tests; test_no_network.py checks them.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from safety_helpers import child_env

SITECUSTOMIZE = """
import os
import socket

_LOG = os.environ["COMMDESK_SOCKET_LOG"]
with open(_LOG + ".loaded", "a", encoding="utf-8") as _fh:
    _fh.write(f"{os.getpid()}\\n")


def _record(what):
    with open(_LOG, "a", encoding="utf-8") as fh:
        fh.write(f"{os.getpid()} {what}\\n")


class _NoSocket(socket.socket):
    def __init__(self, *args, **kwargs):
        _record(f"socket{args}")
        raise OSError("sockets are disabled by the no-network test")


def _no_connection(address, *args, **kwargs):
    _record(f"create_connection({address!r})")
    raise OSError("sockets are disabled by the no-network test")


def _no_pair(*args, **kwargs):
    _record("socketpair()")
    raise OSError("sockets are disabled by the no-network test")


socket.socket = _NoSocket
socket.SocketType = _NoSocket
socket.create_connection = _no_connection
socket.socketpair = _no_pair
"""


def _env(tmp_path: Path) -> dict[str, str]:
    trap = tmp_path / "trap"
    trap.mkdir(exist_ok=True)
    (trap / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    env = child_env({"COMMDESK_SOCKET_LOG": str(tmp_path / "sockets.log")})
    env["PYTHONPATH"] = f"{trap}:{env['PYTHONPATH']}"
    env.pop("QT_QPA_PLATFORM", None)  # --self-test must pick offscreen by itself
    return env


def _commdesk(env: dict[str, str], *argv: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "commdesk", *map(str, argv)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def _import_argv(data: Path, source: Path) -> list[object]:
    return ["-m", "commdesk", "--data-dir", data, "import", "services", source]


@dataclass
class Step:
    what: str
    code: int
    out: str
    err: str


@dataclass
class NetworkRuns:
    """The self-test and the demo → import → export cycle, run with the socket trap."""

    root: Path
    steps: list[Step] = field(default_factory=list)
    out: Path | None = None
    _self_test: subprocess.Popen[str] | None = None
    _thread: threading.Thread | None = None

    @property
    def log(self) -> Path:
        return self.root / "sockets.log"

    def start(self) -> NetworkRuns:
        self.env = _env(self.root)
        self._self_test = _commdesk(self.env, "--data-dir", self.root / "selftest", "--self-test")
        self._thread = threading.Thread(target=self._cycle, daemon=True)
        self._thread.start()
        return self

    def _run(self, what: str, argv: list[object]) -> bool:
        proc = subprocess.Popen(
            [sys.executable, *map(str, argv)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=self.env,
        )  # fmt: skip
        out, err = proc.communicate(timeout=300)
        self.steps.append(Step(what, proc.returncode, out, err))
        return proc.returncode == 0

    def _cycle(self) -> None:
        data = self.root / "data"
        demo = ["-m", "commdesk", "--data-dir", data, "demo", "--records", "100"]
        if not self._run("demo", demo):
            return
        day = date.today() - timedelta(days=400)
        source = self.root / "legacy.csv"
        rows = [f"{day.isoformat()},养老服务,老年人,{1 + i % 4},1,旧台账第{i}条" for i in range(50)]
        source.write_text(
            "服务日期,服务类别,服务对象,服务人次,服务时长,服务内容\n" + "\n".join(rows),
            encoding="utf-8",
        )
        if not self._run("import", _import_argv(data, source)):
            return
        period = str(day.year)
        notes = self.root / "notes.txt"
        notes.write_text("".join(f"{code}=说明\n" for code in _warnings(data, period)), "utf-8")
        self.out = self.root / "return.xlsx"
        self._run("export", ["-m", "commdesk", "--data-dir", data, "export", "--period", period,
                             "--out", self.out, "--notes", notes])  # fmt: skip

    def wait(self) -> None:
        assert self._thread is not None and self._self_test is not None
        self._thread.join(timeout=600)
        out, err = self._self_test.communicate(timeout=600)
        self.steps.append(Step("self-test", self._self_test.returncode, out, err))

    def stop(self) -> None:
        if self._self_test is not None and self._self_test.poll() is None:
            self._self_test.kill()
            self._self_test.communicate(timeout=30)
        if self._thread is not None:
            self._thread.join(timeout=300)


def _warnings(data: Path, period: str) -> list[str]:
    from commdesk.domain.periods import Period
    from commdesk.returns import library
    from commdesk.returns.export import prepare
    from commdesk.store.engine import open_store

    store = open_store(data)
    try:
        prepared = prepare(store, library.current(data), Period.parse(period))
    finally:
        store.close()
    return [w.code for w in prepared.warnings]
