"""Consolidation (汇总): many committees' return workbooks in, one checked return out.

The township used to retype or paste every committee's figures. Here each
exported workbook is read through its hidden metadata sheet and checked —
CommDesk return at all, same definition and version, the requested period,
division code under the township, not hand-altered, no second return of the
same committee, no audit errors — and every included return's cells are summed.
Indicators are recomputed from the summed parts (never averaged); coverage
indicators become shares of committees, urban and rural separately (see
:mod:`consolidate_structure`). Every input file ends with a status and a
reason; none is dropped silently and no committee is counted twice.

The output is an ordinary return (written by :mod:`xlsx_writer`, with the same
metadata sheet) whose unit code is the township's 9 digits, so a county
consolidates township returns with the very same code (6-digit unit code).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from commdesk.domain.catalogues import Catalogues, released
from commdesk.domain.i18n import translate
from commdesk.domain.periods import Period
from commdesk.returns.compute import ReturnResult, TableResult, _evaluate_expressions, _round
from commdesk.returns.consolidate_checks import (
    audit_values,
    check_code,
    check_contents,
    check_identity,
    check_roster,
    exclude,
    infer_unit,
    listing,
    pending,
    profile_fields,
    resolve_duplicates,
    table_rows,
)
from commdesk.returns.consolidate_model import (
    ALTERED,
    AUDIT_ERRORS,
    DUPLICATE,
    FOREIGN,
    INACTIVE,
    INCLUDED,
    INCLUDED_ALTERED,
    NOT_A_RETURN,
    OUTPUT_FILE,
    PENDING,
    STATUS_ZH,
    UNREADABLE,
    WRONG_DEFINITION,
    WRONG_LEVEL,
    WRONG_PERIOD,
    Consolidation,
    InputFile,
    MissingUnit,
    Value,
    Values,
    path_key,
)
from commdesk.returns.consolidate_names import flag_other_townships, name_from_returns
from commdesk.returns.consolidate_structure import (
    LEVEL_KIND,
    UNIT_NOUN,
    level_definition,
    share_rows,
)
from commdesk.returns.definition import Definition
from commdesk.returns.jbzh import Previous, consolidated_form, strip_form
from commdesk.returns.xlsx_reader import BadFileError, NotAReturnError, read_return
from commdesk.store.services.township import (
    CHILD_LENGTH,
    SIGNATORY_FIELDS,
    Signatories,
    TownshipInfo,
)

Progress = Callable[[int, int], None]
__all__ = [
    "ALTERED", "AUDIT_ERRORS", "DUPLICATE", "FOREIGN", "INACTIVE", "INCLUDED",
    "INCLUDED_ALTERED", "NOT_A_RETURN", "OUTPUT_FILE", "STATUS_ZH", "UNREADABLE",
    "WRONG_DEFINITION", "WRONG_LEVEL", "WRONG_PERIOD", "Consolidation", "InputFile",
    "MissingUnit", "OutputIsInput", "TownshipInfo", "classify", "consolidate", "expand_paths",
    "read_inputs", "refuse_output_among", "sum_returns",
]  # fmt: skip


# ------------------------------------------------------------------ reading
def expand_paths(paths: Sequence[Path | str]) -> list[Path]:
    """Folders become their *.xlsx (not recursive; Excel's ~$ lock files skipped); each once."""
    out: list[Path] = []
    seen: set[Path] = set()
    for raw in paths:
        p = Path(raw)
        try:
            found = (
                sorted(
                    c
                    for c in p.iterdir()
                    if c.suffix.lower() == ".xlsx" and not c.name.startswith("~$") and c.is_file()
                )
                if p.is_dir()
                else [p]
            )
        except OSError:  # an unreadable folder: reading it fails with a line of its own
            found = [p]
        for f in found:
            key = path_key(f)
            if key not in seen:
                seen.add(key)
                out.append(f)
    return out


class OutputIsInput(ValueError):
    """The chosen output is one of the inputs: writing it would replace a committee's return."""


def refuse_output_among(paths: Sequence[Path | str], out: Path) -> None:
    """Raise :class:`OutputIsInput` when ``out`` is one of ``paths`` (folders expanded),
    unless it is the previous run's consolidated output (replaced, never summed)."""
    target = path_key(out)
    if any(path_key(f) == target for f in expand_paths(paths)) and not _earlier_output(out):
        raise OutputIsInput(
            translate(
                "Returns",
                "{name} is one of the returns being consolidated; save the result under "
                "another name.",
            ).format(name=Path(out).name)
        )


def _earlier_output(path: Path) -> bool:
    """A consolidated return written by this program (it has the 汇总说明 sheet)."""
    import zipfile

    from commdesk.importing.guards import xlsx_parts
    from commdesk.returns.consolidate_sheets import SUMMARY_SHEET

    try:
        with zipfile.ZipFile(path) as zf:
            return SUMMARY_SHEET in xlsx_parts(zf).sheets
    except Exception:  # unreadable: not ours to overwrite
        return False


def read_inputs(
    paths: Sequence[Path | str], *, progress: Progress | None = None
) -> list[InputFile]:
    """Read every input (the slow part, ~6 ms a file); no judgement yet."""
    files = expand_paths(paths)
    out: list[InputFile] = []
    for i, path in enumerate(files, start=1):
        f = InputFile(path)
        try:
            f.ret = read_return(path)
        except BadFileError as exc:
            f.read_error = (UNREADABLE, str(exc))
        except NotAReturnError as exc:
            f.read_error = (NOT_A_RETURN, str(exc))
        except OSError as exc:
            f.read_error = (UNREADABLE, f"{path.name}：无法读取（{exc.strerror or exc}）。")
        out.append(f)
        if progress is not None:
            progress(i, len(files))
    return out


# ------------------------------------------------------------------ summing
def _totals(inputs: Sequence[Values]) -> dict[tuple[str, str, str], int | float]:
    """Every numeric cell summed over the inputs (text and blanks add nothing)."""
    totals: dict[tuple[str, str, str], int | float] = {}
    for values in inputs:
        for table, rows in values.items():
            for row, cells in rows.items():
                for col, v in cells.items():
                    if isinstance(v, int | float) and not isinstance(v, bool):
                        key = (table, row, col)
                        totals[key] = totals.get(key, 0) + v
    return totals


def sum_returns(
    definition: Definition,
    period: Period,
    profile: dict[str, Any],
    inputs: Sequence[Values],
    catalogues: Catalogues,
) -> ReturnResult:
    """Every summable cell summed; indicator rows recomputed from the sums, never averaged."""
    totals = _totals(inputs)
    tables = []
    for t in definition.tables:
        rows = t.rows(catalogues)
        tr = TableResult(t, rows)
        for row in rows:
            cells: dict[str, Value] = {}
            for c in t.columns:
                if c.key in row.cells:
                    cells[c.key] = row.cells[c.key]
                elif c.text or row.expr is not None:
                    cells[c.key] = None
                else:
                    total = totals.get((t.code, row.code, c.key), 0)
                    cells[c.key] = _round(total, tr.decimals(row, c))
            tr.values[row.code] = cells
        tables.append(tr)
    result = ReturnResult(definition, period, dict(profile), tables)
    result.profile.update(profile_fields(result))
    _evaluate_expressions(result)
    return result


# ------------------------------------------------------------------ the run
def classify(
    inputs: list[InputFile],
    *,
    period: Period,
    definition: Definition,
    township: TownshipInfo | None = None,
    include_altered: Collection[Path | str] = (),
    catalogues: Catalogues | None = None,
    output: Path | None = None,
    signatories: Signatories | None = None,
    previous: Previous | None = None,
) -> Consolidation:
    """Judge already-read inputs and sum the included ones (cheap: re-run on every change).

    The footer's signatories are ``signatories`` when given, else the township's.
    """
    catalogues = catalogues or released()
    explicit = {path_key(Path(p)) for p in include_altered}
    out_key = path_key(output) if output is not None else None
    for f in inputs:
        f.status, f.reason, f.notes, f.values, f.duplicate_of = PENDING, "", [], None, None
        if f.read_error is not None:
            exclude(f, *f.read_error)
        elif out_key is not None and path_key(f.path) == out_key:
            exclude(f, OUTPUT_FILE, "这是本次汇总要写入的文件，不作为输入。")
    for f in pending(inputs):
        check_identity(f, definition, period)

    notes: list[str] = []
    if township is not None:
        unit: tuple[str, str] | None = (township.name, township.code)
        if not township.entries:
            notes.append(
                f"名册中没有登记{UNIT_NOUN.get(township.child_length, '单位')}，未检查缺报。"
            )
    else:
        unit = infer_unit(pending(inputs), notes)
    cons = Consolidation(
        period=period,
        definition=definition,
        output_definition=None,
        unit_name=unit[0] if unit else "",
        unit_code=unit[1] if unit else "",
        files=inputs,
        notes=notes,
        roster_used=bool(township and township.entries),
        township=township,
        catalogues=catalogues,
    )
    if unit is None or len(cons.unit_code) not in CHILD_LENGTH:
        for f in pending(inputs):
            exclude(f, FOREIGN, f"区划代码“{f.code}”无法确定所属的汇总单位。")
        return cons

    for f in pending(inputs):
        check_code(f, cons.unit_name, cons.unit_code)
    committees = pending(inputs) if cons.input_length == 12 else []  # they name their township
    if township is not None and not cons.unit_name:
        cons.unit_name = name_from_returns(committees, cons.notes)
    flag_other_townships(committees, cons.unit_name, cons.notes)
    if township is not None and township.entries:
        for f in pending(inputs):
            check_roster(f, township)
    resolve_duplicates(pending(inputs), explicit)

    child = cons.input_length
    input_def = level_definition(definition, child, catalogues)
    rows = table_rows(input_def, catalogues)
    shares = share_rows(definition, catalogues)
    for f in pending(inputs):
        assert f.ret is not None
        if f.ret.altered and path_key(f.path) not in explicit:
            exclude(
                f,
                ALTERED,
                f"报表导出后被修改：{listing(f.ret.problems)}。如已核实，可明确选择将其纳入汇总"
                "（按表面数据）。",
            )
            continue
        if f.ret.altered:
            f.values = f.ret.visible_values
            f.notes.append(f"导出后被修改，经确认按表面数据汇总：{listing(f.ret.problems)}。")
        else:
            f.values = f.ret.values
        f.values = strip_form(f.values)
        check_contents(f, input_def, rows, period, township, shares)
        if f.status == PENDING:
            f.status = INCLUDED_ALTERED if f.ret.altered else INCLUDED

    if township is not None and township.entries:
        cons.missing = _missing(inputs, township)
    included = cons.included
    out_def = level_definition(definition, len(cons.unit_code), catalogues)
    cons.output_definition = out_def
    if included:
        profile = {
            "name": cons.unit_name,
            "kind": LEVEL_KIND.get(len(cons.unit_code), ""),
            "division_code": cons.unit_code,
            "township_name": cons.unit_name,
        }
        signed = signatories or township
        if signed is not None:
            for key in SIGNATORY_FIELDS:
                profile[key] = getattr(signed, key) or None
        values = [f.values for f in included if f.values is not None]
        cons.result = sum_returns(out_def, period, profile, values, catalogues)
        cons.issues = audit_values(cons.result, len(cons.unit_code))
        cons.form = consolidated_form(cons, previous)
    return cons


def _missing(inputs: list[InputFile], township: TownshipInfo) -> list[MissingUnit]:
    done = {f.code for f in inputs if f.included}
    out = []
    for e in township.entries:
        if not e.active or e.division_code in done:
            continue
        theirs = [f for f in inputs if f.ret is not None and f.code == e.division_code]
        if theirs:
            reason = "报表未采用：" + "；".join(f"{f.path.name}（{f.status_zh}）" for f in theirs)
        else:
            reason = "未收到报表。"
        out.append(MissingUnit(e.name, e.division_code, e.kind, reason))
    return out


def consolidate(
    paths: Sequence[Path | str],
    *,
    period: Period,
    definition: Definition,
    township: TownshipInfo | None = None,
    include_altered: Collection[Path | str] = (),
    catalogues: Catalogues | None = None,
    out: Path | None = None,
    progress: Progress | None = None,
    report_date: date | None = None,
    exported_at: datetime | None = None,
    signatories: Signatories | None = None,
    previous: Previous | None = None,
) -> Consolidation:
    """Read, check and sum ``paths`` (files or folders); write to ``out`` when given.

    Nothing is written when no return could be included (``result`` is None).
    """
    if out is not None:
        refuse_output_among(paths, out)
    inputs = read_inputs(paths, progress=progress)
    cons = classify(
        inputs,
        period=period,
        definition=definition,
        township=township,
        include_altered=include_altered,
        catalogues=catalogues,
        output=out,
        signatories=signatories,
        previous=previous,
    )
    if out is not None and cons.result is not None:
        from commdesk.returns.consolidate_sheets import write_consolidation

        write_consolidation(cons, out, report_date=report_date, exported_at=exported_at)
    return cons
