"""``commdesk backup``: a consistent copy of the live database."""

from __future__ import annotations

import argparse
from pathlib import Path

from commdesk.cli.contract import EXIT_OK
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
    from commdesk.store.maintenance import backup

    print(backup(data_dir, Path(args.out) if args.out else None))
    return EXIT_OK
