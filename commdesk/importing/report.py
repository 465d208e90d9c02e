"""The error report: the rows that were not imported, as the clerk typed them, plus why.

The clerk fixes the cells in this workbook and imports it again, so it keeps
the original header and cells, adds 行号 (the row in the source file) first and
原因 (the reasons) last, in the UI language like the reasons themselves — both
are ignored on re-import because they match no field. IDs and phones are
written as text cells (a number would lose digits again), and text that starts
with = + - @ is written as text, never as a formula. The file is written under
a temporary name and renamed, so a crash never leaves half a report.
"""

from __future__ import annotations

import math
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from commdesk.domain.i18n import translate
from commdesk.domain.ledgers import ID_NUMBER, MOBILE, PHONE
from commdesk.importing.kinds import kind_for
from commdesk.importing.plan import ImportPlan

XLSX_CELL_LIMIT = 32_767
_TEXT_KINDS = frozenset({ID_NUMBER, MOBILE, PHONE})
_FORMULA_START = ("=", "+", "-", "@")


REPORTS_FOLDER = "reports"


def reports_dir(data_dir: Path) -> Path:
    """The data folder's private ``reports/``: the report holds full ID numbers, and
    next to the source is often a USB stick or a shared folder."""
    return Path(data_dir) / REPORTS_FOLDER


def default_report_path(data_dir: Path, source: Path) -> Path:
    """Where the report goes unless the clerk chooses another place."""
    return reports_dir(data_dir) / f"{source.stem}_未导入.xlsx"


def number_as_excel_shows(value: float | int) -> str:
    """A number as Excel displays it in a wide column: 15 significant digits.

    An 18-digit ID that became a number shows as 420102196607230000 in Excel;
    writing the float's full binary expansion would invent digits.
    """
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        if value.is_integer():
            return format(Decimal(f"{value:.15g}"), "f")
        return f"{value:.15g}"
    return str(value)


def general_display(value: float | int) -> str:
    """A number as Excel's General format shows it in a normal column (11 characters).

    An ID that became a number shows as 4.20102E+17; written back like that,
    re-importing the report unchanged is rejected again for lost digits
    instead of storing a number whose last digits Excel replaced by zeros.
    """
    if isinstance(value, bool) or not math.isfinite(value) or abs(value) < 1e11:
        return number_as_excel_shows(value)
    mantissa, exponent = f"{value:.5E}".split("E")
    mantissa = mantissa.rstrip("0").rstrip(".")
    return f"{mantissa}E{int(exponent):+03d}"


def _clean_text(text: str) -> tuple[str, bool]:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    cleaned = ILLEGAL_CHARACTERS_RE.sub("", text)
    if len(cleaned) > XLSX_CELL_LIMIT:
        return cleaned[: XLSX_CELL_LIMIT - 20] + "…（内容过长，已截断）", True
    return cleaned, False


def _cell(ws: Any, value: Any, as_text: bool, general: bool = False) -> Any:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment

    if value is None:
        return None
    if as_text and isinstance(value, int | float):
        value = general_display(value) if general else number_as_excel_shows(value)
    if isinstance(value, time | timedelta):
        value = str(value)
    if isinstance(value, float) and not math.isfinite(value):
        value = str(value)
    cell = WriteOnlyCell(ws, value=None)
    if isinstance(value, str):
        text, _ = _clean_text(value)
        cell.value = text
        cell.data_type = "s"  # never a formula, whatever it starts with
        if as_text or text.startswith(_FORMULA_START):
            cell.number_format = "@"
            cell.alignment = Alignment(horizontal="left")
        return cell
    cell.value = value
    if isinstance(value, datetime):
        cell.number_format = "yyyy-mm-dd hh:mm"
    elif isinstance(value, date):
        cell.number_format = "yyyy-mm-dd"
    return cell


def write_report(plan: ImportPlan, path: Path | str) -> Path | None:
    """Write the rejected rows to ``path`` (see :func:`default_report_path`).

    Returns the path, or None when no row was rejected (nothing is written).
    A folder made for it is 0700 and the file 0600, whatever the umask.
    """
    if not plan.rejected:
        return None
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    target = Path(path)
    ledger = kind_for(plan.kind).ledger
    text_columns = {
        col for col, name in plan.columns.fields.items() if ledger.field(name).kind in _TEXT_KINDS
    }
    id_columns = {
        col for col, name in plan.columns.fields.items() if ledger.field(name).kind == ID_NUMBER
    }
    width = max(
        len(plan.headers),
        max((len(r.cells) for r in plan.rejected), default=0),
    )
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(translate("Import", "Not imported")[:31])
    ws.freeze_panes = "B2"
    ws.column_dimensions["A"].width = 8
    reason_letter = _letter(width + 1)
    ws.column_dimensions[reason_letter].width = 60
    for col in range(width):
        ws.column_dimensions[_letter(col + 1)].width = 20 if col in text_columns else 14
    header = []
    row_header, reason_header = translate("Import", "Row"), translate("Import", "Reason")
    for text in [row_header, *(plan.headers + [""] * (width - len(plan.headers))), reason_header]:
        cell = WriteOnlyCell(ws, value=text)
        cell.data_type = "s"
        cell.font = Font(bold=True)
        header.append(cell)
    ws.append(header)
    for row in plan.rejected:
        cells = list(row.cells) + [None] * (width - len(row.cells))
        reason = WriteOnlyCell(ws, value=_clean_text(row.reason)[0])
        reason.data_type = "s"
        reason.alignment = Alignment(wrap_text=True, vertical="top")
        ws.append(
            [
                row.row_number,
                *(
                    _cell(ws, value, col in text_columns, col in id_columns)
                    for col, value in enumerate(cells)
                ),
                reason,
            ]
        )
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    from commdesk.store.maintenance import save_workbook

    save_workbook(wb, target)  # a full disk: one plain OSError, no half file, no noise
    return target


def _letter(number: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(number)
