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
        certificate,
        check,
        consolidate,
        demo,
        export,
        import_,
        restore,
        roster,
        server,
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
        "--database",
        metavar="URL",
        help=translate(
            "Cli",
            "a PostgreSQL server instead of the data folder's file, e.g. "
            "postgresql+psycopg://clerk@server/committee (default: $COMMDESK_DATABASE_URL, "
            "else the file)",
        ),
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


# Commands about the data folder's SQLite file itself, refused with a server URL (the demo
# generator writes through SQLite's own bulk SQL: fill a folder, then copy it to a server).
FILE_ONLY = ("check", "demo", "restore")


@contextmanager
def folder_lock(
    cmd: Command, data_dir: Path, *, server: bool = False
) -> Iterator[FolderLock | None]:
    """Writing commands refuse (FolderLocked: exit 2, one line) while the window holds the
    folder; readers run alongside it, unless the database must first be upgraded (a
    write, under an older CommDesk's window perhaps), and a missing folder cannot be
    open in the window. On a server, clerks write at once by design: its transactions
    keep them apart."""
    upgrades = cmd.folder is Folder.READS and not server and _older_schema(data_dir)
    if (
        server
        or (cmd.folder is Folder.READS and not upgrades)
        or (cmd.folder is Folder.WRITES and not data_dir.is_dir())
    ):
        yield None
        return
    from commdesk.store.lock import FolderLocked, acquire

    try:
        lock = acquire(data_dir, f"commdesk {cmd.name}")
    except FolderLocked as exc:
        if not upgrades:
            raise
        raise CliError(
            translate(
                "Cli", "{reason} (its database is at an older schema, which {name} must upgrade)"
            ).format(reason=exc, name=f"commdesk {cmd.name}")
        ) from None
    with lock:
        yield lock


def _older_schema(data_dir: Path) -> bool:
    """Whether the folder's database file is at an older schema of this program, which
    opening it upgrades."""
    from commdesk.store.maintenance import known_revisions
    from commdesk.store.store_file import StoreError, db_path, read_schema_revision

    path = db_path(data_dir)
    if not path.is_file():
        return False
    try:
        return read_schema_revision(path) in known_revisions()[:-1]
    except StoreError:
        return False  # not a database this program reads: the gate says what it is


def gate(cmd: Command, data_dir: Path, *, server: bool = False) -> None:
    """The one door every command passes: a sound database to write, and the password.

    Both doors are the SQLite file's: a server checks its own data, and its
    sign-in replaces the start-up password kept in the file.
    """
    from commdesk.cli.gate import refuse_unsound, require_password

    if server:
        return
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
    from commdesk.store.backend import chosen, resolve

    try:
        database = resolve(args.database)
    except ValueError as exc:
        return fail(str(exc))
    if database is not None and database.note:
        print(f"commdesk: {database.note}", file=sys.stderr)
    try:
        with chosen(database):
            return _run(args, data_dir, server=database is not None)
    except CliError as exc:
        return fail(str(exc))
    except KeyboardInterrupt:
        return fail(translate("Cli", "interrupted"))
    except Exception as exc:
        from commdesk.store.engine import StoreError

        if isinstance(exc, StoreError | OSError | ValueError):
            return fail(str(exc))
        if database is not None:
            from commdesk.store.backend import is_unreachable, unreachable_message

            if is_unreachable(exc):
                return fail(unreachable_message(database.url, exc))
        return fail(
            translate("Cli", "unexpected error: {error}").format(
                error=f"{type(exc).__name__}: {exc}"
            )
        )


def _run(args: argparse.Namespace, data_dir: Path, *, server: bool) -> int:
    if args.self_test or args.command is None:
        from commdesk.app import run_gui

        return run_gui(data_dir, self_test=args.self_test, measure_startup=args.measure_startup)
    cmd = commands()[args.command]
    if server and cmd.name in FILE_ONLY:
        raise CliError(
            translate(
                "Cli", "commdesk {name} works on the data folder's file, not on a server database"
            ).format(name=cmd.name)
        )
    with folder_lock(cmd, data_dir, server=server):
        gate(cmd, data_dir, server=server)
        return cmd.run(args, data_dir)
