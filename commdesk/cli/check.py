"""``commdesk check``: integrity, schema version and catalogue codes; prints row counts."""

from __future__ import annotations

import argparse
from pathlib import Path

from commdesk.cli.contract import EXIT_OK, CliError
from commdesk.cli.registry import command
from commdesk.domain.i18n import QT_TRANSLATE_NOOP, translate


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """No options."""


@command(
    "check",
    QT_TRANSLATE_NOOP("Cli", "check the database (integrity, schema, catalogue codes)"),
    add_arguments=add_arguments,
    personal_data=False,  # counts and problems only: open, as the window's health check
)
def run(args: argparse.Namespace, data_dir: Path) -> int:
    from commdesk.store.engine import db_path
    from commdesk.store.maintenance import check_file

    if not db_path(data_dir).exists():  # missing is not damaged
        raise CliError(translate("Cli", "no database in {path}").format(path=data_dir))
    report = check_file(db_path(data_dir))
    if report.unavailable:  # locked or out of reach: not damage
        raise CliError(report.unavailable)
    if report.problems:
        raise CliError(
            translate("Cli", "database damaged: {problems}").format(
                problems=" | ".join(report.problems)
            )
        )
    if report.schema:  # another version's schema: what to do, not damage
        raise CliError(report.schema)
    if report.findings:
        raise CliError(
            translate(
                "Cli", "the database file is intact, but its data has problems: {problems}"
            ).format(problems=" | ".join(report.findings))
        )
    counts = " ".join(f"{k}={v}" for k, v in report.counts.items())
    print(f"ok {counts}")
    return EXIT_OK
