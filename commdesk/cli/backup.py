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
    from commdesk.store.backend import current

    server = current()
    if server is not None:
        return _server_backup(server.url, data_dir, out)
    print(backup(data_dir, out))
    return EXIT_OK


def _server_backup(url: str, data_dir: Path, out: Path | None) -> int:
    """A server database as a SQLite file that opens in single-PC mode, checked table by table."""
    from datetime import datetime

    from commdesk.cli.server import report
    from commdesk.store.backups import BACKUP_DIR
    from commdesk.store.transfer import pull

    name = f"commdesk-server-{datetime.now():%Y%m%d-%H%M%S}.sqlite"
    if out is None or out.is_dir():
        folder = out or Path(data_dir) / BACKUP_DIR
        folder.mkdir(parents=True, exist_ok=True)
        out = folder / name
    code = report(pull(url, out))
    print(out)
    return code
