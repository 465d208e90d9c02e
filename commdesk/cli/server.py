"""``commdesk server``: set up a committee on a PostgreSQL server, add clerks, push data."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from commdesk.cli.contract import EXIT_OK, EXIT_PARTIAL, CliError
from commdesk.cli.registry import command
from commdesk.domain.i18n import QT_TRANSLATE_NOOP, translate

# Scripts give a new clerk's password here instead of typing it.
PASSWORD_VARIABLE = "COMMDESK_NEW_PASSWORD"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "action",
        choices=("init", "clerk", "push"),
        help=translate(
            "Cli",
            "init: create the committee's database and roles; clerk: add a clerk's login; "
            "push: copy this data folder's database into the committee's empty database",
        ),
    )
    parser.add_argument(
        "url",
        metavar="URL",
        help=translate(
            "Cli",
            "postgresql+psycopg://… of the server's administrator (init, clerk) or of the "
            "committee database (push)",
        ),
    )
    parser.add_argument(
        "--committee", metavar="CODE", help=translate("Cli", "committee code (init, clerk)")
    )
    parser.add_argument("--name", metavar="NAME", help=translate("Cli", "clerk's login (clerk)"))
    parser.add_argument(
        "--role",
        choices=("entry", "reviewer", "admin"),
        help=translate("Cli", "clerk's role: entry 填报员, reviewer 审核人, admin 管理员 (clerk)"),
    )


def _need(value: str | None, option: str) -> str:
    if not value:
        raise CliError(translate("Cli", "{option} is required here").format(option=option))
    return value


@command(
    "server",
    QT_TRANSLATE_NOOP("Cli", "set up a committee on a PostgreSQL server; push a folder into it"),
    add_arguments=add_arguments,
)
def run(args: argparse.Namespace, data_dir: Path) -> int:
    from commdesk.store.backend import is_unreachable, normalise, unreachable_message

    url = normalise(args.url).url
    try:
        return _run(args, data_dir, url)
    except CliError:
        raise
    except Exception as exc:
        if is_unreachable(exc):  # one line naming the server, never the password
            raise CliError(unreachable_message(url, exc)) from exc
        raise


def _run(args: argparse.Namespace, data_dir: Path, url: str) -> int:
    if args.action == "init":
        from commdesk.store.server_admin import init_committee, server_admin_lines

        c = init_committee(url, _need(args.committee, "--committee"))
        print(
            translate("Cli", "committee {code}: database {database} ready").format(
                code=c.code, database=c.database
            )
        )
        print(server_admin_lines(c))
        return EXIT_OK
    if args.action == "clerk":
        from commdesk.store.server_admin import add_clerk

        password = os.environ.get(PASSWORD_VARIABLE)
        if password is None:
            if not sys.stdin.isatty():
                raise CliError(
                    translate("Cli", "give the new password in {variable}").format(
                        variable=PASSWORD_VARIABLE
                    )
                )
            password = getpass.getpass(translate("Cli", "New password: "))
        if not password:  # PostgreSQL's clients never send an empty one: a login nobody could use
            raise CliError(translate("Cli", "the new password is empty; nothing was changed"))
        add_clerk(
            url,
            _need(args.committee, "--committee"),
            _need(args.name, "--name"),
            _need(args.role, "--role"),
            password,
        )
        print(translate("Cli", "clerk {name} added").format(name=args.name))
        return EXIT_OK
    from commdesk.store.transfer import CopyDiffers, push

    try:
        checks = push(data_dir, url)
    except CopyDiffers as differs:  # rolled back: exit 2, the tables listed above the line
        _table_lines(differs.checks)
        raise CliError(str(differs)) from differs
    return report(checks)


def _table_lines(checks: list) -> None:  # type: ignore[type-arg]
    for c in checks:
        print(f"{c.table}: {c.source_rows} → {c.target_rows} {'ok' if c.ok else 'MISMATCH'}")


def report(checks: list) -> int:  # type: ignore[type-arg]
    """One line per table; exit 1 naming the tables whose rows or checksum differ."""
    bad = [c for c in checks if not c.ok]
    _table_lines(checks)
    if bad:
        print(
            translate("Cli", "copy differs in: {tables}").format(
                tables=", ".join(c.table for c in bad)
            ),
            file=sys.stderr,
        )
        return EXIT_PARTIAL
    print(f"ok tables={len(checks)} rows={sum(c.target_rows for c in checks)}")
    return EXIT_OK
