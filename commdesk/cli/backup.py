"""``commdesk backup``: a consistent copy of the live database."""

from __future__ import annotations

import argparse
from pathlib import Path

from commdesk.cli.contract import EXIT_OK, CliError
from commdesk.cli.registry import command
from commdesk.domain.i18n import QT_TRANSLATE_NOOP, translate


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out",
        metavar="FILE",
        help=translate("Cli", "backup file or folder (default: backups/ in the data folder)"),
    )


@command(
    "backup", QT_TRANSLATE_NOOP("Cli", "copy the database safely"), add_arguments=add_arguments
)
def run(args: argparse.Namespace, data_dir: Path) -> int:
    from commdesk.files import check_output
    from commdesk.store.maintenance import backup

    if args.out is not None and not args.out.strip():
        raise CliError(translate("Cli", "--out is empty; name a file or folder"))
    out = Path(args.out) if args.out else None
    if out is not None and not out.is_dir():
        check_output(out)  # /dev/null would be replaced by a regular file (as root)
    print(backup(data_dir, out))
    return EXIT_OK
