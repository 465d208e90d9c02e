"""The one list of commands: the parser and the dispatch are both built from it.

Each module of this package registers its command with :func:`command` (in the
manner of electrum's ``@command``): name, one-line help, the function adding its
options and the handler. :func:`build_parser` and :func:`main` loop over the
registry, so a command cannot be parsed and not run, or run and not parsed.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from commdesk import __version__
from commdesk.cli.contract import CliError, fail
from commdesk.domain.i18n import Marked, translate, translated

if TYPE_CHECKING:
    from commdesk.store.lock import FolderLock

Handler = Callable[[argparse.Namespace, Path], int]
AddArguments = Callable[[argparse.ArgumentParser], None]


class Folder(Enum):
    """What a command does to the data folder, hence whether it takes the folder lock."""

    READS = "reads"  # runs alongside the window
    WRITES = "writes"  # refuses while the window holds the folder; a missing folder is left alone
    CREATES = "creates"  # like WRITES, and may create the folder


@dataclass(frozen=True)
class Command:
    name: str
    help: Marked  # English source, marked with QT_TRANSLATE_NOOP("Cli", …); translated when shown
    add_arguments: AddArguments
    run: Handler
    folder: Folder
    # Reads residents' data or writes: behind the start-up password (commdesk/cli/gate.py).
    personal_data: bool = True
    repairs: bool = False  # replaces the database: runs over a damaged or lost one


_COMMANDS: dict[str, Command] = {}


def command(
    name: str,
    help: Marked,
    *,
    add_arguments: AddArguments,
    folder: Folder = Folder.READS,
    personal_data: bool = True,
    repairs: bool = False,
) -> Callable[[Handler], Handler]:
    """Register the decorated handler as ``commdesk NAME``.

    Behind the password unless it declares ``personal_data=False``: a new command
    is closed until someone decides it shows nothing of the residents.
    """

    def register(run: Handler) -> Handler:
        if name in _COMMANDS:
            raise ValueError(f"command {name!r} registered twice")
        _COMMANDS[name] = Command(name, help, add_arguments, run, folder, personal_data, repairs)
        return run

    return register


def commands() -> dict[str, Command]:
    """Every command, by name (importing the command modules registers them)."""
    from commdesk.cli import (  # noqa: F401 - imported for their @command
        backup,
        briefing,
        check,
        consolidate,
        demo,
        export,
        import_,
        restore,
    )

    return dict(_COMMANDS)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        """Bad arguments: one line on stderr, exit 2 (the usage is one ``--help`` away)."""
        hint = translate("Cli", "(see {prog} --help)").format(prog=self.prog)
        print(f"{self.prog}: {message} {hint}", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="commdesk", description=translate("Cli", "CommDesk community service ledgers.")
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"CommDesk {__version__}",
        help=translate("Cli", "print the version and exit"),
    )
    parser.add_argument(
        "--data-dir", metavar="DIR", help=translate("Cli", "data folder (default: per-user)")
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help=translate("Cli", "open every page and dialog offscreen, then exit (0 = all good)"),
    )
    parser.add_argument(
        "--measure-startup",
        action="store_true",
        help=translate(
            "Cli",
            "start the window as usual, print the clock time (Unix seconds) when the first "
            "ledger page is painted, then close normally (used by bench/bench_gui.py)",
        ),
    )
    sub = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=_Parser, title=translate("Cli", "commands")
    )
    for cmd in commands().values():
        help_text = translated(cmd.help)
        cmd.add_arguments(sub.add_parser(cmd.name, help=help_text, description=help_text))
    return parser


@contextmanager
def folder_lock(cmd: Command, data_dir: Path) -> Iterator[FolderLock | None]:
    """Writing commands refuse (FolderLocked: exit 2, one line) while the window holds the
    folder; readers run alongside it, and a missing folder cannot be open in the window."""
    if cmd.folder is Folder.READS or (cmd.folder is Folder.WRITES and not data_dir.is_dir()):
        yield None
        return
    from commdesk.store.lock import held

    with held(data_dir, f"commdesk {cmd.name}") as lock:
        yield lock


def gate(cmd: Command, data_dir: Path) -> None:
    """The one door every command passes: a sound database to write, and the password."""
    from commdesk.cli.gate import refuse_unsound, require_password

    if cmd.folder is not Folder.READS:
        refuse_unsound(data_dir, repairs=cmd.repairs)
    if cmd.personal_data:
        require_password(data_dir, repairs=cmd.repairs)


def main(argv: Sequence[str] | None = None) -> int:
    from commdesk.cli.language import install_cli_language
    from commdesk.paths import keep_private

    keep_private()
    install_cli_language()
    args = build_parser().parse_args(argv)
    from commdesk.paths import remove_leftover_parts, resolve_data_dir, tighten_data_dir

    try:
        data_dir = resolve_data_dir(args.data_dir)
    except ValueError as exc:
        return fail(str(exc))
    if data_dir.exists() and not data_dir.is_dir():
        return fail(
            translate("Cli", "the data folder {path} is a file, not a folder").format(path=data_dir)
        )
    tighten_data_dir(data_dir)
    remove_leftover_parts(data_dir)
    try:
        if args.self_test or args.command is None:
            from commdesk.app import run_gui

            return run_gui(data_dir, self_test=args.self_test, measure_startup=args.measure_startup)
        cmd = commands()[args.command]
        with folder_lock(cmd, data_dir):
            gate(cmd, data_dir)
            return cmd.run(args, data_dir)
    except CliError as exc:
        return fail(str(exc))
    except KeyboardInterrupt:
        return fail(translate("Cli", "interrupted"))
    except Exception as exc:
        from commdesk.store.engine import StoreError

        if isinstance(exc, StoreError | OSError | ValueError):
            return fail(str(exc))
        return fail(
            translate("Cli", "unexpected error: {error}").format(
                error=f"{type(exc).__name__}: {exc}"
            )
        )
