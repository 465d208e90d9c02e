"""Command line: ``commdesk`` with no command starts the GUI.

Exit status: 0 done; 1 done with rejected rows or audit errors (listed);
2 nothing done, with a one-line reason on stderr and never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from commdesk import __version__
from commdesk.importing import cli as import_cli
from commdesk.returns import consolidate_cli

EXIT_OK = 0
EXIT_PARTIAL = 1
EXIT_FAILED = 2


class CliError(Exception):
    """Nothing was done; the message is the one line the user sees."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"commdesk: {message}", file=sys.stderr)
        raise SystemExit(EXIT_FAILED)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="commdesk", description="CommDesk community service ledgers.")
    parser.add_argument("--version", action="version", version=f"CommDesk {__version__}")
    parser.add_argument("--data-dir", metavar="DIR", help="data folder (default: per-user)")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="open every page and dialog offscreen, then exit (0 = all good)",
    )
    parser.add_argument(
        "--measure-startup",
        action="store_true",
        help="start the window as usual, print the clock time (Unix seconds) when the "
        "first ledger page is painted, then close normally (used by bench/bench_gui.py)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    demo = sub.add_parser("demo", help="fill the data folder with a plausible demo community")
    demo.add_argument("--records", type=int, default=5000, help="service records (default 5000)")
    demo.add_argument("--seed", type=int, default=1)
    demo.add_argument("--division-code", metavar="CODE", help="12-digit statistical division code")
    demo.add_argument("--kind", choices=("village", "urban"), default="urban")
    demo.add_argument("--replace", action="store_true", help="delete existing ledger rows first")

    backup = sub.add_parser("backup", help="copy the database safely")
    backup.add_argument("--out", metavar="FILE", help="backup file or folder")

    restore = sub.add_parser("restore", help="replace the database with a backup")
    restore.add_argument("file", metavar="FILE")

    sub.add_parser("check", help="check the database (integrity, schema, catalogue codes)")

    export = sub.add_parser("export", help="export the statistical return as xlsx")
    export.add_argument("--period", required=True, help="2026-10, 2026Q3, 2026H1 or 2026")
    export.add_argument("--out", required=True, metavar="FILE", help="the .xlsx to write")
    export.add_argument(
        "--note",
        action="append",
        default=[],
        metavar="RULE=TEXT",
        help="explanation (说明) for a warning; repeatable",
    )
    export.add_argument("--notes", metavar="FILE", help="file of RULE=TEXT lines")
    export.add_argument(
        "--definition",
        metavar="ID",
        default=None,
        help="return definition id (default: community-service)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from commdesk.paths import resolve_data_dir

    data_dir = resolve_data_dir(args.data_dir)
    try:
        if args.self_test or args.command is None:
            from commdesk.app import run_gui

            return run_gui(data_dir, self_test=args.self_test, measure_startup=args.measure_startup)
        handler = _COMMANDS[args.command]
        from commdesk.ui.translations import install_for_cli

        install_for_cli()  # Chinese messages on a Chinese locale
        from commdesk.store.lock import for_command

        # Writing commands refuse (exit 2, one line) while the window holds the folder.
        with for_command(data_dir, args.command):
            return handler(args, data_dir)
    except CliError as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        return _fail("interrupted")
    except Exception as exc:
        from commdesk.store.engine import StoreError

        if isinstance(exc, StoreError | OSError | ValueError):
            return _fail(str(exc))
        return _fail(f"unexpected error: {type(exc).__name__}: {exc}")


def _fail(message: str) -> int:
    print(f"commdesk: {message.splitlines()[0] if message else 'failed'}", file=sys.stderr)
    return EXIT_FAILED


def _open(data_dir: Path, *, create: bool = True):  # type: ignore[no-untyped-def]
    from commdesk.store.engine import open_store

    return open_store(data_dir, create=create)


def cmd_demo(args: argparse.Namespace, data_dir: Path) -> int:
    from commdesk.domain.validators import check_division_code
    from commdesk.store.demo import DemoError, generate

    if args.records < 0:
        raise CliError("--records must be 0 or more")
    if args.division_code:
        checked = check_division_code(args.division_code)
        if not checked.ok:
            raise CliError(f"--division-code: {'; '.join(checked.errors)}")
    store = _open(data_dir)
    try:
        summary = generate(
            store,
            records=args.records,
            seed=args.seed,
            division_code=args.division_code,
            kind=args.kind,
            replace=args.replace,
        )
    except DemoError as exc:
        raise CliError(str(exc)) from exc
    finally:
        store.close()
    print(f"demo data written to {data_dir}")
    for name, count in vars(summary).items():
        print(f"{name}={count}")
    return EXIT_OK


def cmd_check(args: argparse.Namespace, data_dir: Path) -> int:
    from commdesk.store.engine import db_path
    from commdesk.store.maintenance import check_file

    report = check_file(db_path(data_dir))
    if not report.ok:
        raise CliError("database damaged: " + " | ".join(report.problems))
    counts = " ".join(f"{k}={v}" for k, v in report.counts.items())
    print(f"ok {counts}")
    return EXIT_OK


def cmd_backup(args: argparse.Namespace, data_dir: Path) -> int:
    from commdesk.store.maintenance import backup

    dest = backup(data_dir, Path(args.out) if args.out else None)
    print(dest)
    return EXIT_OK


def cmd_restore(args: argparse.Namespace, data_dir: Path) -> int:
    from commdesk.store.maintenance import restore

    result = restore(data_dir, Path(args.file))
    if result.safety_backup:
        print(f"previous database saved as {result.safety_backup}")
    print("restored " + " ".join(f"{k}={v}" for k, v in result.counts.items()))
    return EXIT_OK


def cmd_export(args: argparse.Namespace, data_dir: Path) -> int:
    from commdesk.domain.periods import Period, PeriodError
    from commdesk.returns import library
    from commdesk.returns.definition import DefinitionError
    from commdesk.returns.export import ExportRefused, export, parse_notes
    from commdesk.store.engine import db_path

    try:
        period = Period.parse(args.period)
    except PeriodError as exc:
        raise CliError(f"--period: {exc}") from exc
    out = Path(args.out)
    if out.suffix.lower() != ".xlsx":
        raise CliError("--out must name an .xlsx file")
    if not out.parent.is_dir():
        raise CliError(f"folder {out.parent} does not exist")
    try:
        notes = parse_notes(args.note, Path(args.notes) if args.notes else None)
    except OSError as exc:
        raise CliError(f"--notes: {exc.strerror or exc}") from exc
    if not db_path(data_dir).exists():
        raise CliError(f"no database in {data_dir}")
    try:
        definition = library.current(data_dir, args.definition or library.DEFAULT_ID)
    except DefinitionError as exc:
        raise CliError(str(exc)) from exc
    store = _open(data_dir, create=False)
    try:
        from commdesk.store.services.profile import has_valid_profile

        if not has_valid_profile(store):
            raise CliError("the community profile is missing or incomplete")
        try:
            done = export(store, definition, period, out, notes=notes)
        except ExportRefused as exc:
            for issue in exc.issues:
                print(f"{issue.level} {issue.code}: {issue.message}")
            print(f"nothing written: {len(exc.issues)} issue(s) to fix or explain", file=sys.stderr)
            return EXIT_PARTIAL
    finally:
        store.close()
    for issue in done.prepared.issues:
        if issue.level != "error":
            print(f"{issue.level} {issue.code}: {issue.message}")
    print(f"written {done.path}")
    return EXIT_OK


_COMMANDS = {
    "demo": cmd_demo,
    "check": cmd_check,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "export": cmd_export,
    "consolidate": consolidate_cli.run,
    "import": import_cli.run,
}

if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
