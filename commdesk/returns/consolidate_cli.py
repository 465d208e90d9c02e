"""``commdesk consolidate FILE_OR_DIR... --period P --out FILE``: the township's 汇总 from a shell.

One line per input file with its status; exit 0 when every file was used and
no expected committee is missing, 1 when anything was left out (the output is
still written), 2 when nothing could be consolidated or the arguments are bad
(one line on stderr). The township roster and the footer's signatories, if any, come
from the data folder; --unit-head, --statistics-head, --preparer and --phone replace
those for one run.
Heavy imports happen inside :func:`run`, so wiring the parser costs nothing.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

EXIT_OK = 0
EXIT_PARTIAL = 1
EXIT_FAILED = 2


class _Failed(Exception):
    """Nothing done; the message is the one stderr line."""


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register the ``consolidate`` subcommand on ``subparsers`` (from add_subparsers)."""
    p: argparse.ArgumentParser = subparsers.add_parser(
        "consolidate",
        help="consolidate committees' return workbooks into the township's return (汇总)",
    )
    p.add_argument("inputs", nargs="+", metavar="FILE_OR_DIR", help="return workbooks or folders")
    p.add_argument("--period", required=True, help="2026-10, 2026Q3, 2026H1 or 2026")
    p.add_argument("--out", required=True, metavar="FILE", help="the consolidated .xlsx to write")
    p.add_argument(
        "--include-altered",
        action="append",
        default=[],
        metavar="FILE",
        help="use this hand-altered workbook anyway (its visible cells); repeatable",
    )
    p.add_argument(
        "--definition", metavar="ID", default=None, help="return definition id (default: current)"
    )
    p.add_argument(
        "--unit-name", metavar="NAME", help="name of the consolidating unit (default: roster)"
    )
    p.add_argument(
        "--unit-code",
        metavar="CODE",
        help="its division code: 9 digits (township) or 6 (county); default: roster or inputs",
    )
    signed = "for this run; default: the township roster's"
    p.add_argument("--unit-head", metavar="NAME", help=f"单位负责人 in the footer ({signed})")
    p.add_argument("--statistics-head", metavar="NAME", help=f"统计负责人 in the footer ({signed})")
    p.add_argument("--preparer", metavar="NAME", help=f"填表人 in the footer ({signed})")
    p.add_argument("--phone", metavar="PHONE", help=f"联系电话 in the footer ({signed})")
    p.add_argument(
        "--report-date", metavar="DATE", help="报出日期, e.g. 2026-10-08 (default: today)"
    )
    return p


def run(args: argparse.Namespace, data_dir: Path) -> int:
    try:
        return _run(args, Path(data_dir))
    except _Failed as exc:
        print(f"commdesk: {exc}", file=sys.stderr)
        return EXIT_FAILED


def _township(args: argparse.Namespace, data_dir: Path) -> tuple[Any, Any]:
    """(TownshipInfo or None, catalogues) from the data folder and the --unit-* options."""
    from commdesk.domain.catalogues import released
    from commdesk.store.engine import StoreError, db_path, open_store
    from commdesk.store.services.township import (
        SIGNATORY_FIELDS,
        RosterError,
        TownshipInfo,
        check_unit_code,
    )

    township, catalogues = None, released()
    if db_path(data_dir).exists():
        try:
            store = open_store(data_dir, create=False)
        except StoreError as exc:
            raise _Failed(str(exc)) from exc
        try:
            from commdesk.store.catalogue_store import load_catalogues
            from commdesk.store.services.township import load_roster

            township, catalogues = load_roster(store), load_catalogues(store)
        finally:
            store.close()
    if args.unit_code:
        try:
            code = check_unit_code(args.unit_code, (9, 6))
        except RosterError as exc:
            raise _Failed(f"--unit-code: {exc}") from exc
        same = township is not None and township.code == code
        entries = township.entries if same else ()
        name = args.unit_name or (township.name if entries else "") or f"区划代码{code}"
        signed = {k: getattr(township, k) for k in SIGNATORY_FIELDS} if same else {}
        township = TownshipInfo(name, code, tuple(entries), **signed)
    elif args.unit_name and township is not None:
        township = replace(township, name=args.unit_name)
    elif args.unit_name:
        raise _Failed("--unit-name needs --unit-code (or a township roster in the data folder)")
    return township, catalogues


def _signatories(args: argparse.Namespace, township: Any) -> Any:
    """The roster's signatories, each replaced by its option when given; checked."""
    from commdesk.store.services.township import SIGNATORY_FIELDS, RosterError, check_signatories

    values = {k: getattr(township, k, "") if township is not None else "" for k in SIGNATORY_FIELDS}
    values.update({k: getattr(args, k) for k in SIGNATORY_FIELDS if getattr(args, k) is not None})
    try:
        return check_signatories(**values)
    except RosterError as exc:
        raise _Failed(str(exc)) from exc


def _report_date(text: str | None) -> Any:
    from commdesk.domain.validators import check_date

    if text is None:
        return None
    checked = check_date(text)
    if checked.errors or checked.value is None:
        problem = checked.errors[0] if checked.errors else "empty"
        raise _Failed(f"--report-date: {problem}")
    return checked.value


def _run(args: argparse.Namespace, data_dir: Path) -> int:
    from commdesk.domain.periods import Period, PeriodError
    from commdesk.returns import library
    from commdesk.returns.consolidate import consolidate
    from commdesk.returns.definition import DefinitionError

    try:
        period = Period.parse(args.period)
    except PeriodError as exc:
        raise _Failed(f"--period: {exc}") from exc
    out = Path(args.out)
    if out.suffix.lower() != ".xlsx":
        raise _Failed("--out must name an .xlsx file")
    if not out.parent.is_dir():
        raise _Failed(f"folder {out.parent} does not exist")
    missing = [p for p in args.inputs if not Path(p).exists()]
    if missing and len(missing) == len(args.inputs):
        raise _Failed(f"no such file or folder: {missing[0]}")
    try:
        definition = library.current(data_dir, args.definition or library.DEFAULT_ID)
    except DefinitionError as exc:
        raise _Failed(str(exc)) from exc
    township, catalogues = _township(args, data_dir)
    signatories = _signatories(args, township)
    report_date = _report_date(args.report_date)
    try:
        cons = consolidate(
            [Path(p) for p in args.inputs],
            period=period,
            definition=definition,
            township=township,
            include_altered=[Path(p) for p in args.include_altered],
            catalogues=catalogues,
            out=out,
            report_date=report_date,
            signatories=signatories,
        )
    except OSError as exc:
        raise _Failed(f"cannot write {out}: {exc.strerror or exc}") from exc
    _report(cons)
    if cons.result is None:
        if not cons.files:
            raise _Failed("no .xlsx files found in the inputs")
        raise _Failed(f"nothing consolidated: none of the {len(cons.files)} files could be used")
    return EXIT_OK if cons.complete else EXIT_PARTIAL


def _report(cons: Any) -> None:
    width = max([len(f.status) for f in cons.files] + [8])
    for f in cons.files:
        line = f"{f.status:<{width}}  {f.path}"
        detail = "；".join(x.rstrip("。") for x in [f.reason, *f.notes] if x)
        print(f"{line}  {detail}" if detail else line)
    for m in cons.missing:
        print(f"{'missing':<{width}}  {m.code} {m.name}  {m.reason}")
    for note in cons.notes:
        print(f"note: {note}")
    for issue in cons.issues:
        print(f"{issue.level} {issue.code}: {issue.message}")
    if cons.result is not None and cons.output is not None:
        print(
            f"written {cons.output}: {len(cons.included)} of {len(cons.files)} files consolidated"
            f" into {cons.unit_name} ({cons.unit_code})"
            + (f", {len(cons.missing)} expected missing" if cons.missing else "")
        )


def main(argv: list[str] | None = None) -> int:  # pragma: no cover - until wired into cli.py
    parser = argparse.ArgumentParser(prog="commdesk")
    parser.add_argument("--data-dir", metavar="DIR")
    add_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    from commdesk.paths import resolve_data_dir

    return run(args, resolve_data_dir(args.data_dir))


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
