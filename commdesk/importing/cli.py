"""``commdesk import KIND FILE``: the command-line face of the importer (registered by
commdesk/cli/import_.py; the exit statuses are commdesk/cli/contract.py's).

Exit status: 0 every data row imported (duplicates skipped count as done);
1 some rows rejected (the report path is printed); 2 nothing imported — a bad
file, no table, a missing required column, or every row rejected — with a
one-line reason on stderr and never a traceback. The last line on stdout is
always ``added=N updated=N skipped=N rejected=N warnings=N`` when the file
could be read.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from commdesk.cli.contract import EXIT_OK, EXIT_PARTIAL
from commdesk.cli.contract import fail as _fail
from commdesk.domain.i18n import translate
from commdesk.importing.errors import ImportCancelled, ImportFileError

# The CLI names of commdesk.importing.kinds.KINDS, spelled out so that building
# the parser (for every commdesk command) does not import the store.
KIND_NAMES = ("volunteers", "workers", "facilities", "services")

SHOW = 20  # rows listed per section


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``import``; commdesk/cli/import_.py registers the command."""
    parser.add_argument("kind", metavar="KIND", choices=KIND_NAMES, help=" | ".join(KIND_NAMES))
    parser.add_argument("file", metavar="FILE", help="the .xlsx/.xls/.ods/.csv file")
    parser.add_argument(
        "--dry-run", action="store_true", help="show what would be imported; write nothing"
    )
    parser.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="H=field",
        help='use column H for a field, e.g. --map "手机=mobile"; "H=" ignores it (repeatable)',
    )
    parser.add_argument(
        "--update-duplicates",
        action="store_true",
        help="update records already in the ledger instead of skipping them",
    )
    parser.add_argument("--sheet", metavar="NAME", help="the sheet to import (hidden ones too)")
    parser.add_argument(
        "--report",
        metavar="FILE",
        help="where to write the rejected rows (xlsx; default: reports/ in the data folder)",
    )
    parser.add_argument(
        "--assume-join-date",
        metavar="earliest|YYYY-MM-DD",
        type=_assumed_date("earliest"),
        default=None,
        help="joining date for roster rows without one: earlier than every period "
        "(earliest, the default; no date is stored) or a date",
    )
    parser.add_argument(
        "--assume-left-date",
        metavar="last-export|YYYY-MM-DD",
        type=_assumed_date("last-export"),
        default=None,
        help="exit date for rows marked 退出 without one: counted up to the latest exported "
        "return (last-export, the default) or left on a date",
    )


def _assumed_date(default_word: str) -> Any:
    """An argparse type: the default's word gives None, otherwise a YYYY-MM-DD date."""

    def parse(text: str) -> date | None:
        from commdesk.domain.validators import check_date  # the importer's date reader

        if text.strip().lower() == default_word:
            return None
        checked = check_date(text, not_future=True)
        if checked.ok and checked.value is not None:
            return checked.value
        raise argparse.ArgumentTypeError(
            _t(
                translate("Import", "“{value}” is neither {word} nor a date YYYY-MM-DD"),
                value=text,
                word=default_word,
            )
        )

    return parse


def _t(text: str, **kwargs: object) -> str:
    """``text`` is already translated (``translate("Import", literal)`` at the call)."""
    return text.format(**kwargs)


def _show(title: str, lines: Iterable[str], total: int) -> None:
    if not total:
        return
    print(title)
    for index, line in enumerate(lines):
        if index >= SHOW:
            print("  " + _t(translate("Import", "… and {count} more"), count=total - SHOW))
            break
        print(f"  {line}")


def run(args: argparse.Namespace, data_dir: Path) -> int:
    """Plan, report, commit and print; returns the exit status."""
    from commdesk.store.engine import StoreError, open_store
    from commdesk.store.services.periods import PeriodLocked

    try:
        store = open_store(Path(data_dir))
    except (StoreError, OSError) as exc:
        return _fail(str(exc))
    try:
        return _run(args, store)
    except (ImportFileError, ImportCancelled, PeriodLocked, StoreError, OSError) as exc:
        return _fail(str(exc))
    finally:
        store.close()


def _run(args: argparse.Namespace, store: Any) -> int:
    from commdesk.importing.commit import commit_import
    from commdesk.importing.plan import plan_import
    from commdesk.importing.report import default_report_path, write_report

    if not args.file.strip():
        raise ImportFileError(
            translate("Import", "No file was named (the FILE argument is empty).")
        )
    if args.report:
        from commdesk.files import check_output

        check_output(args.report)  # before any work: a device is never "written" to
    source = Path(args.file)
    plan = plan_import(
        store,
        args.kind,
        source,
        sheet=args.sheet,
        mapping=list(args.map or []),
        update_duplicates=bool(args.update_duplicates),
        assume_join=getattr(args, "assume_join_date", None),
        assume_left=getattr(args, "assume_left_date", None),
    )
    counts = plan.counts()
    _print_plan(plan)
    data_rows = counts["added"] + counts["updated"] + counts["skipped"] + counts["rejected"]
    report: Path | None = None
    target = Path(args.report) if args.report else default_report_path(store.data_dir, source)
    if plan.rejected and not args.dry_run:
        report = write_report(plan, target)
        print(_t(translate("Import", "Rejected rows written to: {path}"), path=report))
    elif plan.rejected:
        print(
            _t(translate("Import", "Dry run: the report would be written to {path}"), path=target)
        )
    if args.dry_run:
        print(_t(translate("Import", "Dry run: nothing was written.")))
        line = _counts_line(counts)
    else:
        written = counts["added"] + counts["updated"]
        if written or plan.new_teams:
            result = commit_import(store, plan, source_name=source.name)
            for note in result.notes:
                print(note)
            line = result.counts_line()
        else:
            line = _counts_line(counts)
    if plan.dates is not None:  # rows that needed an assumed date, just above the summary
        print(" ".join(f"assumed_{k}_date={n}" for k, n in plan.dates.counts().items()))
    print(line)
    if data_rows == 0:
        return _fail(
            _t(translate("Import", "No data rows below the header in {name}."), name=source.name)
        )
    if counts["rejected"] and not (counts["added"] + counts["updated"] + counts["skipped"]):
        return _fail(
            _t(
                translate("Import", "No row could be imported; reasons in {path}."),
                path=report or translate("Import", "the list above"),
            )
        )
    return EXIT_PARTIAL if counts["rejected"] else EXIT_OK


def _counts_line(counts: dict[str, int]) -> str:
    return " ".join(
        f"{name}={counts[name]}" for name in ("added", "updated", "skipped", "rejected", "warnings")
    )


def _id_columns(plan: Any) -> set[int]:
    """Columns read as ID numbers: shown masked, as the window shows them (the
    rejected-rows report file keeps them whole, to correct the source)."""
    from commdesk.domain.ledgers import ID_NUMBER
    from commdesk.importing.kinds import kind_for

    kinds = {f.name: f.kind for f in kind_for(plan.kind).ledger.fields}
    return {c for c, name in plan.columns.fields.items() if kinds.get(name) == ID_NUMBER}


def _cells_text(cells: Iterable[Any], masked: set[int]) -> str:
    from commdesk.domain.validators import mask_id
    from commdesk.importing.report import number_as_excel_shows

    shown = []
    for index, value in enumerate(cells):
        if value is None:
            text = ""
        elif isinstance(value, int | float):
            text = number_as_excel_shows(value)
        else:
            text = str(value)
        if index in masked:
            text = mask_id(text)
        shown.append(text if len(text) <= 30 else text[:27] + "…")
    return " | ".join(shown)


def _print_plan(plan: Any) -> None:
    masked = _id_columns(plan)
    print(
        _t(
            translate("Import", "File: {name}  sheet: {sheet}  header row: {rows}"),
            name=plan.source.name,
            sheet=plan.sheet,
            rows="+".join(str(r) for r in plan.header_rows),
        )
    )
    mapped = [f"{header} → {name}" for header, name in plan.mapping.items()]
    print(_t(translate("Import", "Columns: {columns}"), columns="; ".join(mapped)))
    if plan.ignored_columns:
        print(
            _t(
                translate("Import", "Ignored columns: {columns}"),
                columns="; ".join(plan.ignored_columns),
            )
        )
    for note in plan.notes:
        print(note)
    ignored = plan.ignored_rows
    _show(
        _t(translate("Import", "Rows not read as data ({count}):"), count=len(ignored)),
        (_t(translate("Import", "row {row}: {why}"), row=row, why=why) for row, why in ignored),
        len(ignored),
    )
    _show(
        _t(translate("Import", "Rejected ({count}):"), count=len(plan.rejected)),
        (
            _t(translate("Import", "row {row}: {why}"), row=r.row_number, why=r.reason)
            for r in plan.rejected
        ),
        len(plan.rejected),
    )
    _show(
        _t(translate("Import", "Duplicates skipped ({count}):"), count=len(plan.skipped)),
        (
            _t(
                translate("Import", "row {row}: {why} — {cells}"),
                row=r.row_number,
                why=r.reason,
                cells=_cells_text(r.cells, masked),
            )
            for r in plan.skipped
        ),
        len(plan.skipped),
    )
    _show(
        _t(translate("Import", "To update ({count}):"), count=len(plan.to_update)),
        (
            _t(translate("Import", "row {row} → record {id}"), row=r.row_number, id=existing)
            for existing, r in plan.to_update
        ),
        len(plan.to_update),
    )
    assumed = plan.dates.rows() if plan.dates is not None else []
    if assumed:
        print(
            _t(
                translate(
                    "Import",
                    "Give the dates with --assume-join-date / --assume-left-date YYYY-MM-DD.",
                )
            )
        )
    _show(
        _t(translate("Import", "Assumed dates ({count}):"), count=len(assumed)),
        (_t(translate("Import", "row {row}: {why}"), row=row, why=label) for row, label in assumed),
        len(assumed),
    )
    warnings = plan.warnings
    _show(
        _t(translate("Import", "Warnings ({count}):"), count=len(warnings)),
        (
            _t(translate("Import", "row {row}: {why}"), row=row, why=message)
            for row, message in warnings
        ),
        len(warnings),
    )
    _show(
        _t(translate("Import", "To add ({count}), first rows:"), count=len(plan.to_add)),
        (f"{r.row_number}: {_cells_text(r.cells, masked)}" for r in plan.to_add),
        len(plan.to_add),
    )
