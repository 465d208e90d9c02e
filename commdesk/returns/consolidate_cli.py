"""``commdesk consolidate FILE_OR_DIR... --period P --out FILE``: the township's 汇总 from a shell.

One line per input file with its status; exit 0 when every file was used and
no expected committee is missing, 1 when anything was left out (the output is
still written), 2 when nothing could be consolidated or the arguments are bad
(one line on stderr). The township roster and the footer's signatories, if any, come
from the data folder; --unit-head, --statistics-head, --preparer and --phone replace
those for one run. Heavy imports happen inside :func:`run`, so wiring the parser costs
nothing; commdesk/cli/consolidate.py registers the command.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path
from typing import Any

from commdesk.cli.contract import EXIT_OK, EXIT_PARTIAL, CliError, period_option, xlsx_out_option
from commdesk.domain.i18n import translate


def add_arguments(p: argparse.ArgumentParser) -> None:
    """The options of ``consolidate``; commdesk/cli/consolidate.py registers the command."""
    p.add_argument(
        "inputs",
        nargs="*",
        metavar="FILE_OR_DIR",
        help=translate("Cli", "return workbooks or folders"),
    )
    p.add_argument(
        "--server",
        metavar="URL",
        help=translate(
            "Cli",
            "read every committee database this PostgreSQL login may read, instead of files "
            "(periods not yet submitted are left out and named)",
        ),
    )
    p.add_argument(
        "--period", required=True, help=translate("Cli", "2026-10, 2026Q3, 2026H1 or 2026")
    )
    p.add_argument(
        "--out",
        required=True,
        metavar="FILE",
        help=translate("Cli", "the consolidated .xlsx to write"),
    )
    p.add_argument(
        "--include-altered",
        action="append",
        default=[],
        metavar="FILE",
        help=translate(
            "Cli", "use this hand-altered workbook anyway (its visible cells); repeatable"
        ),
    )
    p.add_argument(
        "--definition",
        metavar="ID",
        default=None,
        help=translate("Cli", "return definition id (default: current)"),
    )
    p.add_argument(
        "--unit-name",
        metavar="NAME",
        help=translate("Cli", "name of the consolidating unit (default: roster)"),
    )
    p.add_argument(
        "--unit-code",
        metavar="CODE",
        help=translate(
            "Cli", "its division code: 9 digits (township) or 6 (county); default: roster or inputs"
        ),
    )
    p.add_argument(
        "--unit-head",
        metavar="NAME",
        help=translate(
            "Cli", "单位负责人 in the footer (this run; default: the township roster's)"
        ),
    )
    p.add_argument(
        "--statistics-head",
        metavar="NAME",
        help=translate(
            "Cli", "统计负责人 in the footer (this run; default: the township roster's)"
        ),
    )
    p.add_argument(
        "--preparer",
        metavar="NAME",
        help=translate("Cli", "填表人 in the footer (this run; default: the township roster's)"),
    )
    p.add_argument(
        "--phone",
        metavar="PHONE",
        help=translate("Cli", "联系电话 in the footer (this run; default: the township roster's)"),
    )
    p.add_argument(
        "--previous",
        metavar="FILE",
        help=translate(
            "Cli",
            "last year's consolidation of the same period: 上年数据 and 同比 of the JBZH0001 sheet",
        ),
    )
    p.add_argument(
        "--report-date",
        metavar="DATE",
        help=translate("Cli", "报出日期, e.g. 2026-10-08 (default: today)"),
    )


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
            raise CliError(str(exc)) from exc
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
            raise CliError(f"--unit-code: {exc}") from exc
        same = township is not None and township.code == code
        entries = township.entries if same else ()
        name = args.unit_name or (township.name if same else "")  # none: taken from returns
        signed = {k: getattr(township, k) for k in SIGNATORY_FIELDS} if same else {}
        township = TownshipInfo(name, code, tuple(entries), **signed)
    elif args.unit_name and township is not None:
        township = replace(township, name=args.unit_name)
    elif args.unit_name:
        raise CliError(
            translate(
                "Cli", "--unit-name needs --unit-code (or a township roster in the data folder)"
            )
        )
    return township, catalogues


def _signatories(args: argparse.Namespace, township: Any) -> Any:
    """The roster's signatories, each replaced by its option when given; checked."""
    from commdesk.store.services.township import SIGNATORY_FIELDS, RosterError, check_signatories

    values = {k: getattr(township, k, "") if township is not None else "" for k in SIGNATORY_FIELDS}
    values.update({k: getattr(args, k) for k in SIGNATORY_FIELDS if getattr(args, k) is not None})
    try:
        return check_signatories(**values)
    except RosterError as exc:
        raise CliError(str(exc)) from exc


def _report_date(text: str | None) -> Any:
    from commdesk.domain.validators import check_date

    if text is None:
        return None
    checked = check_date(text)
    if checked.errors or checked.value is None:
        problem = checked.errors[0] if checked.errors else "empty"
        raise CliError(f"--report-date: {problem}")
    return checked.value


def _refuse_output_among_inputs(out: Path, inputs: list[str]) -> None:
    """Before anything is read: ``--out`` must not be one of the returns it would replace."""
    from commdesk.files import check_output
    from commdesk.returns.consolidate import OutputIsInput, refuse_output_among

    check_output(out)
    try:
        refuse_output_among(inputs, out)
    except OutputIsInput as exc:
        raise CliError(
            translate(
                "Cli", "--out {path} is one of the inputs; choose another file for the result"
            ).format(path=out)
        ) from exc


def _previous(path: str | None, period: Any) -> Any:
    """The previous year's JBZH0001 figures (None without --previous), checked."""
    from commdesk.returns.jbzh import PreviousError, read_previous

    if path is None:
        return None
    try:
        return read_previous(Path(path), period)
    except PreviousError as exc:
        raise CliError(f"--previous: {exc}") from exc


def run(args: argparse.Namespace, data_dir: Path) -> int:
    from commdesk.returns import library
    from commdesk.returns.consolidate import consolidate
    from commdesk.returns.definition import DefinitionError

    period = period_option(args.period)
    out = xlsx_out_option(args.out)
    if args.server:
        return _from_server(args, data_dir, period, out)
    if not args.inputs:
        raise CliError(translate("Cli", "name return files or folders, or --server URL"))
    if not all(p.strip() for p in args.inputs):  # "" would mean the current folder
        raise CliError(translate("Cli", "an input is empty; name a file or folder"))
    _refuse_output_among_inputs(out, args.inputs)
    missing = [p for p in args.inputs if not Path(p).exists()]
    if missing and len(missing) == len(args.inputs):
        raise CliError(translate("Cli", "no such file or folder: {path}").format(path=missing[0]))
    try:
        definition = library.current(data_dir, args.definition or library.DEFAULT_ID)
    except DefinitionError as exc:
        raise CliError(str(exc)) from exc
    township, catalogues = _township(args, data_dir)
    signatories = _signatories(args, township)
    report_date = _report_date(args.report_date)
    previous = _previous(args.previous, period)
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
            previous=previous,
        )
    except OSError as exc:
        reason = exc.strerror or str(exc)
        if out.name in reason:  # save_workbook's message names the file already
            raise CliError(reason) from exc
        raise CliError(
            translate("Cli", "cannot write {path}: {reason}").format(path=out, reason=reason)
        ) from exc
    _report(cons)
    if cons.result is None:
        if not cons.files:
            raise CliError(translate("Cli", "no .xlsx files found in the inputs"))
        raise CliError(
            translate(
                "Cli", "nothing consolidated: none of the {count} files could be used"
            ).format(count=len(cons.files))
        )
    return EXIT_OK if cons.complete else EXIT_PARTIAL


def _from_server(args: argparse.Namespace, data_dir: Path, period: Any, out: Path) -> int:
    """Write each submitted committee's return from the server, then consolidate the files."""
    import tempfile

    from commdesk.returns import library
    from commdesk.returns.consolidate_server import write_committee_returns
    from commdesk.store.backend import normalise

    if args.inputs:
        raise CliError(translate("Cli", "give either files or --server, not both"))
    definition = library.current(data_dir, args.definition or library.DEFAULT_ID)
    with tempfile.TemporaryDirectory(prefix="commdesk-server-returns-") as folder:
        made = write_committee_returns(normalise(args.server).url, definition, period, Path(folder))
        for database in made.not_submitted:
            print(
                translate("Cli", "not-submitted  {database}  {period} is not submitted yet").format(
                    database=database, period=period.code
                )
            )
        if not made.files:
            raise CliError(
                translate("Cli", "no committee on the server has submitted {period}").format(
                    period=period.code
                )
            )
        args.inputs, args.server = [folder], None
        code = run(args, data_dir)
    return EXIT_PARTIAL if made.not_submitted else code


def _report(cons: Any) -> None:
    from commdesk.returns.consolidate_names import shown_name

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
        written = translate(
            "Cli", "written {path}: {included} of {files} files consolidated into {unit} ({code})"
        ).format(
            path=cons.output,
            included=len(cons.included),
            files=len(cons.files),
            unit=shown_name(cons.unit_name),
            code=cons.unit_code,
        )
        if cons.missing:
            written += translate("Cli", ", {count} expected missing").format(
                count=len(cons.missing)
            )
        print(written)
