"""What every command promises the shell, written once.

Exit status: 0 done; 1 done, but rows were rejected, audit problems were found
or files were left out (all listed); 2 nothing done, with ONE line on stderr and
never a traceback. The checks of options two commands share live here too.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from commdesk.domain.i18n import translate

if TYPE_CHECKING:
    from commdesk.domain.periods import Period

EXIT_OK = 0
EXIT_PARTIAL = 1
EXIT_FAILED = 2


class CliError(Exception):
    """Nothing was done; the message is the one line the user sees."""


def fail(message: str) -> int:
    """Print ``message``'s first line on stderr; the status of a command that did nothing."""
    first = message.strip().splitlines()[0] if message.strip() else translate("Cli", "failed")
    print(f"commdesk: {first}", file=sys.stderr)
    return EXIT_FAILED


def int_range(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` to ``high`` (argparse prints the error
    as its one line, exit 2), so no option can ask for 10^20 records."""

    def parse(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(
                translate("Cli", "“{value}” is not a whole number").format(value=text[:40])
            ) from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(
                translate("Cli", "{value} is out of range: use {low} to {high}").format(
                    value=text[:40], low=f"{low:,}", high=f"{high:,}"
                )
            )
        return value

    return parse


def period_option(text: str) -> Period:
    """``--period`` as a Period, or CliError naming the option."""
    from commdesk.domain.periods import Period, PeriodError

    try:
        return Period.parse(text)
    except PeriodError as exc:
        raise CliError(f"--period: {exc}") from exc


def xlsx_out_option(text: str) -> Path:
    """``--out``: an .xlsx file in a folder that exists, or CliError."""
    if Path(text).suffix.lower() != ".xlsx":
        raise CliError(translate("Cli", "--out must name an .xlsx file"))
    return _out_file(text)


def return_out_option(text: str) -> Path:
    """``--out`` of a return: .xlsx (the file to file) or .pdf (the paper copy)."""
    if Path(text).suffix.lower() not in (".xlsx", ".pdf"):
        raise CliError(translate("Cli", "--out must name an .xlsx or .pdf file"))
    return _out_file(text)


def pdf_out_option(text: str) -> Path:
    """``--out`` of a printout: a .pdf file in a folder that exists, or CliError."""
    if Path(text).suffix.lower() != ".pdf":
        raise CliError(translate("Cli", "--out must name a .pdf file"))
    return _out_file(text)


def _out_file(text: str) -> Path:
    """A file in a folder that exists, not a device or a folder; or CliError."""
    out = Path(text)
    if not out.parent.is_dir():
        raise CliError(translate("Cli", "folder {path} does not exist").format(path=out.parent))
    from commdesk.files import check_output

    return check_output(out)
