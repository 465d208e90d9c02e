"""``commdesk restore FILE``: validate a backup, keep the current database, replace it."""

from __future__ import annotations

import argparse
from pathlib import Path

from commdesk.cli.contract import EXIT_OK
from commdesk.cli.registry import Folder, command
from commdesk.domain.i18n import QT_TRANSLATE_NOOP, translate


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help=translate("Cli", "the backup to restore"))


@command(
    "restore",
    QT_TRANSLATE_NOOP("Cli", "replace the database with a backup"),
    add_arguments=add_arguments,
    folder=Folder.CREATES,
    repairs=True,
)
def run(args: argparse.Namespace, data_dir: Path) -> int:
    from commdesk.files import regular_input
    from commdesk.store.maintenance import restore

    regular_input(args.file)  # a FIFO would hang the restore holding the folder lock
    result = restore(data_dir, Path(args.file))
    if result.safety_backup:
        print(
            translate("Cli", "previous database saved as {path}").format(path=result.safety_backup)
        )
    print("restored " + " ".join(f"{k}={v}" for k, v in result.counts.items()))
    return EXIT_OK
