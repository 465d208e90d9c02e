"""Helpers of the safety tests: child processes that are killed, and database probes."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def child_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.pop("COMMDESK_DATA_DIR", None)
    env.update(extra or {})
    return env


def rng() -> random.Random:
    """Random kill moments; the seed is printed so a failure can be replayed."""
    seed = int(os.environ.get("COMMDESK_CRASH_SEED") or time.time_ns() % 1_000_000)
    print(f"crash-test seed {seed} (set COMMDESK_CRASH_SEED={seed} to replay)")
    return random.Random(seed)


class Zygote:
    """The fork server (zygote.py) and the lines it and its children print."""

    def __init__(self, preload: Sequence[str]) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(HERE / "zygote.py"), *preload],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=child_env(),
        )
        self._lines: list[str] = []
        self._cond = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        if not self.wait_for(0, lambda lines: "zygote ready" in lines, 120):
            raise RuntimeError(f"zygote did not start: {self.stderr()}")

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for raw in self.proc.stdout:
            with self._cond:
                self._lines.append(raw.decode("utf-8", "replace"))
                self._cond.notify_all()
        with self._cond:
            self._cond.notify_all()

    def lines(self, start: int = 0) -> list[str]:
        """Whole lines only: a line cut by a kill is not trusted."""
        with self._cond:
            return [line[:-1] for line in self._lines[start:] if line.endswith("\n")]

    def mark(self) -> int:
        with self._cond:
            return len(self._lines)

    def wait_for(
        self, start: int, predicate: Callable[[list[str]], bool], timeout: float = 60
    ) -> bool:
        with self._cond:
            self._cond.wait_for(
                lambda: predicate(self.lines(start)) or self.proc.poll() is not None, timeout
            )
            return predicate(self.lines(start))

    def send(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write((line + "\n").encode("utf-8"))
        self.proc.stdin.flush()

    def spawn(self, target: str, args: Sequence[object]) -> Forked:
        start = self.mark()
        self.send(f"run {target} {json.dumps([str(a) for a in args])}")
        ok = self.wait_for(start, lambda lines: any(x.startswith("started ") for x in lines))
        if not ok:
            raise RuntimeError(f"child did not start: {self.stderr()}")
        first = next(x for x in self.lines(start) if x.startswith("started "))
        return Forked(self, int(first.split()[1]), start)

    def stderr(self) -> str:
        if self.proc.poll() is None:
            return ""
        assert self.proc.stderr is not None
        return self.proc.stderr.read().decode("utf-8", "replace")[-3000:]

    def close(self) -> None:
        if self.proc.poll() is None:
            self.send("quit")
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self._reader.join(timeout=5)


class Forked:
    """One forked child: its output lines, and a SIGKILL that says whether it was running."""

    def __init__(self, zygote: Zygote, pid: int, start: int) -> None:
        self.zygote = zygote
        self.pid = pid
        self.start = start

    def lines(self) -> list[str]:
        out = self.zygote.lines(self.start)
        return out[out.index(f"started {self.pid}") + 1 :]

    def finished(self) -> bool:
        return any(x == "exit" or x.startswith("error ") for x in self.lines())

    def error(self) -> str | None:
        return next((x for x in self.lines() if x.startswith("error ")), None)

    def wait_for(self, predicate: Callable[[list[str]], bool], timeout: float = 60) -> bool:
        """Wait until ``predicate(lines)`` holds; False if the child finished first."""
        self.zygote.wait_for(
            self.start, lambda _l: predicate(self.lines()) or self.finished(), timeout
        )
        return predicate(self.lines())

    def pause(self, seconds: float) -> None:
        """Let the child run for ``seconds`` (or until it finishes)."""
        self.zygote.wait_for(self.start, lambda _l: self.finished(), seconds)

    def kill(self) -> bool:
        """SIGKILL, then reap; True if the child was still at work at that moment."""
        running = not self.finished()
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            running = False
        mark = self.zygote.mark()
        self.zygote.send(f"reap {self.pid}")
        assert self.zygote.wait_for(mark, lambda lines: f"reaped {self.pid}" in lines, 30)
        return running


def integrity(db: Path) -> str:
    """``PRAGMA integrity_check`` on a normal connection (which also recovers the WAL)."""
    con = sqlite3.connect(db)
    try:
        return "; ".join(r[0] for r in con.execute("PRAGMA integrity_check"))
    finally:
        con.close()


def scalar_set(db: Path, sql: str) -> set[int]:
    con = sqlite3.connect(db)
    try:
        return {int(r[0]) for r in con.execute(sql)}
    finally:
        con.close()


def scalar(db: Path, sql: str) -> int:
    con = sqlite3.connect(db)
    try:
        return int(con.execute(sql).fetchone()[0])
    finally:
        con.close()
