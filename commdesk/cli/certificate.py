"""``commdesk certificate``: issue 志愿服务记录证明 as one PDF, numbered in the register.

Exit 0: every volunteer named got a certificate; 1: some did, the others are
listed with the reason; 2: nothing issued (one line: the range, the profile, an
unknown or ambiguous name, or nobody with records).
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from commdesk.cli.contract import EXIT_OK, EXIT_PARTIAL, CliError, pdf_out_option
from commdesk.cli.registry import Folder, command
from commdesk.domain.i18n import QT_TRANSLATE_NOOP, translate


def add_arguments(parser: argparse.ArgumentParser) -> None:
    who = parser.add_mutually_exclusive_group(required=True)
    who.add_argument(
        "--volunteer",
        action="append",
        metavar="ID_OR_NAME",
        help=translate("Cli", "ID number or name of a volunteer; repeatable"),
    )
    who.add_argument(
        "--team", metavar="NAME", help=translate("Cli", "every volunteer of this team")
    )
    parser.add_argument(
        "--from", dest="start", required=True, metavar="DATE",
        help=translate("Cli", "first day of the service covered"),
    )  # fmt: skip
    parser.add_argument(
        "--to", dest="end", required=True, metavar="DATE",
        help=translate("Cli", "last day of the service covered"),
    )  # fmt: skip
    parser.add_argument(
        "--out", required=True, metavar="FILE", help=translate("Cli", "the .pdf to write")
    )
    parser.add_argument(
        "--clerk",
        metavar="NAME",
        help=translate("Cli", "handling clerk (default: the profile's preparer)"),
    )


def _date(option: str, text: str) -> date:
    from commdesk.domain.validators import check_date

    checked = check_date(text, required=True)
    if not checked.ok or checked.value is None:
        raise CliError(f"{option}: {'; '.join(checked.errors)}")
    return checked.value


def _volunteer_ids(store: Any, args: argparse.Namespace) -> list[int]:
    from commdesk.store.services.certificates import find_volunteer, team_members

    if args.team is not None:
        ids = team_members(store, args.team)
        if not ids:
            raise CliError(
                translate("Cli", "team “{name}” has no volunteers").format(name=args.team)
            )
        return ids
    return [int(find_volunteer(store, text)["id"]) for text in args.volunteer]


@command(
    "certificate",
    QT_TRANSLATE_NOOP("Cli", "issue volunteer service certificates (志愿服务记录证明) as PDF"),
    add_arguments=add_arguments,
    folder=Folder.WRITES,
)
def run(args: argparse.Namespace, data_dir: Path) -> int:
    from commdesk.paper.certificate_files import issue_to_pdf
    from commdesk.store.engine import db_path, open_store
    from commdesk.store.services.certificates import CertificateRefused

    start, end = _date("--from", args.start), _date("--to", args.end)
    out = pdf_out_option(args.out)
    if not db_path(data_dir).exists():
        raise CliError(translate("Cli", "no database in {path}").format(path=data_dir))
    store = open_store(data_dir, create=False)
    try:
        ids = _volunteer_ids(store, args)
        done = issue_to_pdf(store, ids, start, end, out, clerk=args.clerk)
    except CertificateRefused as exc:
        raise CliError(str(exc)) from exc
    finally:
        store.close()
    if not done.certificates and len(done.refused) == 1:
        raise CliError(f"{done.refused[0].who}: {done.refused[0].reason}")
    for refusal in done.refused:
        print(
            translate("Cli", "refused {who}: {reason}").format(
                who=refusal.who, reason=refusal.reason
            )
        )
    if not done.certificates:
        raise CliError(
            translate("Cli", "no certificate issued: {count} volunteer(s) refused").format(
                count=len(done.refused)
            )
        )
    for cert in done.certificates:
        print(
            translate("Cli", "{number} {name}: {hours} hours in {count} service(s)").format(
                number=cert["number"],
                name=cert["volunteer_name"],
                hours=f"{cert['total_hours']:g}",
                count=len(cert["records"]),
            )
        )
    print(translate("Cli", "written {path}").format(path=out))
    return EXIT_PARTIAL if done.refused else EXIT_OK
