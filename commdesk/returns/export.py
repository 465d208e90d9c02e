"""Export a return: compute, audit, refuse on errors or unexplained warnings, write, log."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from commdesk import __version__
from commdesk.domain.i18n import translate
from commdesk.domain.periods import Period
from commdesk.files import read_text
from commdesk.returns.audit import Issue, audit, unexplained
from commdesk.returns.compute import ReturnResult, compute
from commdesk.returns.definition import Definition
from commdesk.store.engine import Store
from commdesk.store.services import periods as period_log

if TYPE_CHECKING:
    from commdesk.returns.form_layout import ReturnForm

OPEN_PERIOD = "N-PERIOD-OPEN"


@dataclass
class Prepared:
    result: ReturnResult
    issues: list[Issue] = field(default_factory=list)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.level == "error"]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.level == "warning"]

    @property
    def notices(self) -> list[Issue]:
        return [i for i in self.issues if i.level == "notice"]


class ExportRefused(Exception):
    """Audit errors, or warnings without a written explanation: nothing was written."""

    def __init__(self, issues: list[Issue]):
        self.issues = issues
        super().__init__("; ".join(f"{i.code}: {i.message}" for i in issues[:3]))


@dataclass
class Exported:
    path: Path
    sha256: str
    log_id: int
    prepared: Prepared


def prepare(
    store: Store, definition: Definition, period: Period, *, today: date | None = None
) -> Prepared:
    """Compute and audit without writing anything (the GUI preview uses this)."""
    if period.kind not in definition.periods:
        raise ValueError(
            translate(
                "Returns", "The return “{title}” is not made for periods like {period}."
            ).format(title=definition.title, period=period.code)
        )
    result = compute(store, definition, period)
    previous = period_log.previous_values(store, period, definition.id)
    issues = audit(result, previous=previous, store=store)
    today = today or date.today()
    if period.last_day >= today:
        issues.append(
            Issue(
                OPEN_PERIOD,
                "notice",
                f"{period.label_zh}尚未结束，报表数据截至{today:%Y年%m月%d日}。",
            )
        )
    return Prepared(result, issues)


def ready_notes(prepared: Prepared, notes: Mapping[str, str] | None) -> dict[str, str]:
    """The non-empty notes, or ExportRefused: audit errors, or warnings left unexplained.

    The one rule for every output of a return (xlsx, PDF, print): paper never
    shows a return that could not be exported."""
    notes = {k: v.strip() for k, v in (notes or {}).items() if v and v.strip()}
    blocking = prepared.errors or unexplained(prepared.warnings, notes)
    if blocking:
        raise ExportRefused(blocking)
    return notes


def printed_form(
    prepared: Prepared, notes: Mapping[str, str] | None, *, today: date | None = None
) -> ReturnForm:
    """The return as printed (the same layout as the workbook), once it may be exported."""
    from commdesk.returns.form_layout import return_form

    notes = ready_notes(prepared, notes)
    return return_form(
        prepared.result,
        notes=notes,
        issues=[i for i in prepared.issues if i.level != "error"],
        report_date=today or date.today(),
    )


def export(
    store: Store,
    definition: Definition,
    period: Period,
    out: Path,
    *,
    notes: Mapping[str, str] | None = None,
    prepared: Prepared | None = None,
    today: date | None = None,
    user: str | None = None,
) -> Exported:
    from commdesk.returns.xlsx_writer import write_return

    prepared = prepared or prepare(store, definition, period, today=today)
    notes = ready_notes(prepared, notes)
    exported_at = datetime.now().replace(microsecond=0)
    out = Path(out)
    sha = write_return(
        prepared.result,
        out,
        notes=notes,
        issues=[i for i in prepared.issues if i.level != "error"],
        report_date=today or date.today(),
        exported_at=exported_at,
        program_version=__version__,
    )
    log_id = period_log.log_export(
        store,
        period=period,
        definition_id=definition.id,
        definition_version=definition.version,
        file_name=str(out.resolve()),
        values=_plain(prepared.result.flat_values()),
        sha256=sha,
        exported_at=exported_at,
        user=user,
    )
    return Exported(out, sha, log_id, prepared)


def _plain(values: Mapping[str, Any]) -> dict[str, Any]:
    return {t: {r: dict(cols) for r, cols in rows.items()} for t, rows in values.items()}


def parse_notes(pairs: list[str], notes_file: Path | None = None) -> dict[str, str]:
    """``RULE=TEXT`` pairs, plus a file of such lines (UTF-8; # comments allowed)."""
    notes: dict[str, str] = {}
    lines: list[str] = []
    if notes_file is not None:
        lines += read_text(notes_file).splitlines()  # a regular file of at most 1 MB
    lines += pairs
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if "=" not in line:
            raise ValueError(
                translate("Returns", "A note must look like RULE=TEXT: {line}").format(
                    line=line[:40]
                )
            )
        code, text = line.split("=", 1)
        notes[code.strip()] = text.strip()
    return notes
