"""``commdesk briefing --period P --out F.pdf``: the one-page community service briefing."""

from __future__ import annotations

import argparse
from pathlib import Path

from commdesk.cli.contract import EXIT_OK, CliError, pdf_out_option, period_option
from commdesk.cli.registry import Folder, command
from commdesk.domain.i18n import QT_TRANSLATE_NOOP, translate


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--period", required=True, help=translate("Cli", "2026-10, 2026Q3, 2026H1 or 2026")
    )
    parser.add_argument(
        "--out", required=True, metavar="FILE", help=translate("Cli", "the .pdf to write")
    )


@command(
    "briefing",
    QT_TRANSLATE_NOOP("Cli", "write the one-page community service briefing as PDF"),
    add_arguments=add_arguments,
    folder=Folder.READS,
)
def run(args: argparse.Namespace, data_dir: Path) -> int:
    from commdesk.returns.briefing import briefing_for
    from commdesk.store.engine import db_path, open_store
    from commdesk.store.services.profile import has_valid_profile

    period = period_option(args.period)
    out = pdf_out_option(args.out)
    if not db_path(data_dir).exists():
        raise CliError(translate("Cli", "no database in {path}").format(path=data_dir))
    store = open_store(data_dir, create=False)
    try:
        if not has_valid_profile(store):
            raise CliError(translate("Cli", "the community profile is missing or incomplete"))
        try:
            briefing_for(store, period, out)
        except OSError as exc:  # full disk, no permission
            raise CliError(exc.strerror or str(exc)) from exc
    finally:
        store.close()
    print(translate("Cli", "briefing written to {path}").format(path=out))
    return EXIT_OK
