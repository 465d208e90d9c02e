"""``commdesk demo``: fill the data folder with a plausible demo community."""

from __future__ import annotations

import argparse
import sqlite3
from pathlib import Path

from commdesk.cli.contract import EXIT_OK, CliError, int_range
from commdesk.cli.registry import Folder, command
from commdesk.domain.i18n import QT_TRANSLATE_NOOP, translate

MAX_RECORDS = 5_000_000  # five times the largest ledger the benchmarks use


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--records",
        type=int_range(0, MAX_RECORDS),
        default=5000,
        help=translate("Cli", "service records (default 5000)"),
    )
    parser.add_argument(
        "--seed", type=int_range(0, 2**32 - 1), default=1, help=translate("Cli", "random seed")
    )
    parser.add_argument(
        "--division-code",
        metavar="CODE",
        help=translate("Cli", "12-digit statistical division code"),
    )
    parser.add_argument("--kind", choices=("village", "urban"), default="urban")
    parser.add_argument(
        "--replace", action="store_true", help=translate("Cli", "delete existing ledger rows first")
    )


@command(
    "demo",
    QT_TRANSLATE_NOOP("Cli", "fill the data folder with a plausible demo community"),
    add_arguments=add_arguments,
    folder=Folder.CREATES,
)
def run(args: argparse.Namespace, data_dir: Path) -> int:
    from commdesk.domain.validators import check_division_code
    from commdesk.store.demo import DemoError, generate
    from commdesk.store.engine import db_path, open_store
    from commdesk.store.maintenance import backup, default_backup_name

    if args.division_code:
        checked = check_division_code(args.division_code)
        if not checked.ok:
            raise CliError(f"--division-code: {'; '.join(checked.errors)}")
    if args.replace and db_path(data_dir).is_file():  # destructive: a copy comes first
        saved = backup(data_dir, data_dir / "backups" / default_backup_name("commdesk-before-demo"))
        print(translate("Cli", "current database saved as {path}").format(path=saved))
    store = open_store(data_dir)
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
    except sqlite3.OperationalError as exc:  # "database or disk is full", "disk I/O error"
        raise CliError(
            translate(
                "Cli", "nothing was written: the database could not be written ({error})"
            ).format(error=exc)
        ) from exc
    finally:
        store.close()
    print(translate("Cli", "demo data written to {path}").format(path=data_dir))
    for name, count in vars(summary).items():
        print(f"{name}={count}")
    return EXIT_OK
