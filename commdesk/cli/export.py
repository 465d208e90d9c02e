"""``commdesk export --period P --out FILE``: write the statistical return."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from commdesk.cli.contract import EXIT_OK, EXIT_PARTIAL, CliError, period_option, xlsx_out_option
from commdesk.cli.registry import Folder, command
from commdesk.domain.i18n import QT_TRANSLATE_NOOP, translate


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--period", required=True, help=translate("Cli", "2026-10, 2026Q3, 2026H1 or 2026")
    )
    parser.add_argument(
        "--out", required=True, metavar="FILE", help=translate("Cli", "the .xlsx to write")
    )
    parser.add_argument(
        "--note",
        action="append",
        default=[],
        metavar="RULE=TEXT",
        help=translate("Cli", "explanation (说明) for a warning; repeatable"),
    )
    parser.add_argument("--notes", metavar="FILE", help=translate("Cli", "file of RULE=TEXT lines"))
    parser.add_argument(
        "--definition",
        metavar="ID",
        default=None,
        help=translate("Cli", "return definition id (default: community-service)"),
    )


@command(
    "export",
    QT_TRANSLATE_NOOP("Cli", "export the statistical return as xlsx"),
    add_arguments=add_arguments,
    folder=Folder.WRITES,
)
def run(args: argparse.Namespace, data_dir: Path) -> int:
    from commdesk.files import regular_input
    from commdesk.returns import library
    from commdesk.returns.definition import DefinitionError
    from commdesk.returns.export import ExportRefused, export, parse_notes
    from commdesk.store.engine import has_database, open_store
    from commdesk.store.services.profile import has_valid_profile

    period = period_option(args.period)
    out = xlsx_out_option(args.out)
    try:
        if args.notes is not None:
            regular_input(args.notes)  # "" or a FIFO: refused, never silently skipped
        notes = parse_notes(args.note, None if args.notes is None else Path(args.notes))
    except OSError as exc:
        raise CliError(f"--notes: {exc.strerror or exc}") from exc
    if not has_database(data_dir):
        raise CliError(translate("Cli", "no database in {path}").format(path=data_dir))
    try:
        definition = library.current(data_dir, args.definition or library.DEFAULT_ID)
    except DefinitionError as exc:
        raise CliError(str(exc)) from exc
    store = open_store(data_dir, create=False)
    try:
        if not has_valid_profile(store):
            raise CliError(translate("Cli", "the community profile is missing or incomplete"))
        try:
            done = export(store, definition, period, out, notes=notes)
        except OSError as exc:  # save_workbook's one plain message (full disk, no permission)
            raise CliError(exc.strerror or str(exc)) from exc
        except ExportRefused as exc:
            for issue in exc.issues:
                print(f"{issue.level} {issue.code}: {issue.message}")
            print(
                translate("Cli", "nothing written: {count} issue(s) to fix or explain").format(
                    count=len(exc.issues)
                ),
                file=sys.stderr,
            )
            return EXIT_PARTIAL
    finally:
        store.close()
    for issue in done.prepared.issues:
        if issue.level != "error":
            print(f"{issue.level} {issue.code}: {issue.message}")
    print(translate("Cli", "written {path}").format(path=done.path))
    return EXIT_OK
