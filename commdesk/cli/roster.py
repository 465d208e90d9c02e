"""``commdesk roster LEDGER --out FILE.pdf``: a ledger's 花名册 on paper, as the page prints it.

ID numbers are masked unless ``--full-ids`` is given, and that request is written
to the audit log first, as the window's roster export and print do.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from commdesk.cli.contract import EXIT_OK, CliError
from commdesk.cli.registry import Folder, command
from commdesk.domain.i18n import QT_TRANSLATE_NOOP, translate

if TYPE_CHECKING:
    from commdesk.store.services.base import LedgerService

LEDGERS = ("volunteers", "teams", "workers", "facilities", "services")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("ledger", choices=LEDGERS, help=translate("Cli", "the ledger to print"))
    parser.add_argument(
        "--out", required=True, metavar="FILE", help=translate("Cli", "the .pdf to write")
    )
    parser.add_argument(
        "--search", default="", metavar="TEXT", help=translate("Cli", "only rows matching TEXT")
    )
    parser.add_argument(
        "--full-ids",
        action="store_true",
        help=translate("Cli", "print ID numbers in full (recorded in the audit log)"),
    )


def _service(name: str) -> LedgerService:
    from commdesk.store.services.facilities import facilities
    from commdesk.store.services.service_records import service_records
    from commdesk.store.services.volunteers import teams, volunteers
    from commdesk.store.services.workers import workers

    return {
        "volunteers": volunteers,
        "teams": teams,
        "workers": workers,
        "facilities": facilities,
        "services": service_records,
    }[name]


@command(
    "roster",
    QT_TRANSLATE_NOOP("Cli", "print a ledger's roster (花名册) as PDF"),
    add_arguments=add_arguments,
    # A printout reads: it runs alongside the window (SQLite serialises --full-ids' one
    # audit row with the window's writes).
    folder=Folder.READS,
)
def run(args: argparse.Namespace, data_dir: Path) -> int:
    from commdesk.cli.contract import pdf_out_option
    from commdesk.domain.ledgers import ID_NUMBER
    from commdesk.paper.pdf import write_pdf
    from commdesk.paper.roster import roster_document, roster_title
    from commdesk.store.catalogue_store import load_catalogues
    from commdesk.store.engine import db_path, open_store
    from commdesk.store.services.base import Query
    from commdesk.store.services.profile import get_profile
    from commdesk.store.services.roster_paper import roster_rows

    out = pdf_out_option(args.out)
    if not db_path(data_dir).exists():
        raise CliError(translate("Cli", "no database in {path}").format(path=data_dir))
    store = open_store(data_dir, create=False)
    try:
        service = _service(args.ledger)
        fields = [f for f in service.ledger.columns() if f.visible]
        title = roster_title(service.ledger.zh, service.ledger.person)
        rows = roster_rows(
            store, service, Query(search=args.search), fields, load_catalogues(store),
            include_full_ids=args.full_ids, printout=out.name,
        )  # fmt: skip
        profile = get_profile(store) or {}
    finally:
        store.close()
    doc = roster_document(
        title,
        unit_name=str(profile.get("name") or ""),
        printed_on=date.today(),
        headings=[f.zh for f in fields],
        widths=[f.width for f in fields],
        rows=rows,
        masked_ids=not args.full_ids and any(f.kind == ID_NUMBER for f in fields),
    )
    try:
        write_pdf(doc, out)
    except OSError as exc:
        raise CliError(exc.strerror or str(exc)) from exc
    print(translate("Cli", "written {path}: {count} rows").format(path=out, count=len(rows)))
    return EXIT_OK
