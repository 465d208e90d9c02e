"""A fork server for the crash tests: import once, then fork a fresh child per run.

Starting a Python process that imports SQLAlchemy, openpyxl and the store
costs about a second of CPU; the kill tests need dozens of children. This
process imports the modules named on its command line, then reads commands
on stdin:

``run MODULE:FUNCTION JSON_ARGS``
    fork; the child calls ``FUNCTION(args, emit)`` and prints ``started PID``
    first, then whatever it emits, then ``exit`` (or ``error …``).
``reap PID``
    wait for that child (after the test killed it) and print ``reaped PID``.
``quit``

Every child is a separate process with its own SQLite connections (nothing
is opened before the fork), killed with a real SIGKILL by the test.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import sys
import traceback


def emit(text: str) -> None:
    """One unbuffered write per line: a line is either whole in the pipe or absent."""
    os.write(1, (text + "\n").encode("utf-8"))


def _child(target: str, args: list[str]) -> None:
    try:
        emit(f"started {os.getpid()}")
        module_name, func_name = target.split(":")
        getattr(importlib.import_module(module_name), func_name)(args, emit)
        emit("exit")
        code = 0
    except BaseException:
        emit("error " + traceback.format_exc().replace("\n", " | "))
        code = 1
    os._exit(code)


def main() -> None:
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    for name in sys.argv[1:]:
        importlib.import_module(name)
    from commdesk.domain.catalogues import released

    released()  # parsed once here, inherited by every child
    emit("zygote ready")
    for line in sys.stdin:
        command, _, rest = line.strip().partition(" ")
        if command == "run":
            target, _, raw = rest.partition(" ")
            args = json.loads(raw or "[]")
            if os.fork() == 0:
                _child(target, args)
        elif command == "reap":
            pid = int(rest)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
            emit(f"reaped {pid}")
        elif command == "quit":
            break


if __name__ == "__main__":
    main()
