"""The township workbook's sheet 指标达标情况: the plan indicators of the township and of
every committee, and how many committees meet each target (urban and rural apart).

Always Chinese, like the rest of the workbook: it is filed with the return.
"""

from __future__ import annotations

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from commdesk.domain.indicators import MET, NO_DATA, NO_TARGET, NOT_MET
from commdesk.returns.township_indicators import TownshipIndicators

SHEET = "指标达标情况"
STATE_ZH = {MET: "达标", NOT_MET: "未达标", NO_DATA: "无数据", NO_TARGET: "无目标"}
KIND_ZH = {"urban": "居", "village": "村"}
FILLS = {
    MET: PatternFill("solid", fgColor="E3F4E6"),
    NOT_MET: PatternFill("solid", fgColor="FBE4E2"),
}
_THIN = Side(style="thin", color="808080")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_FONT = "宋体"


def _put(ws: Worksheet, row: int, col: int, value: object, *, bold: bool = False) -> None:
    cell = ws.cell(row=row, column=col, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # text, never a formula
    cell.font = Font(name=_FONT, size=10, bold=bold)
    cell.border = _BOX
    cell.alignment = Alignment(
        horizontal="right" if isinstance(value, int | float) else "left",
        vertical="center",
        wrap_text=True,
    )


def _number(value: float | None, decimals: int) -> float | None:
    return None if value is None else round(value, decimals)


def _state(ws: Worksheet, row: int, col: int, state: str) -> None:
    _put(ws, row, col, STATE_ZH[state])
    fill = FILLS.get(state)
    if fill is not None:
        ws.cell(row=row, column=col).fill = fill


def fill_indicator_sheet(ws: Worksheet, ti: TownshipIndicators) -> None:
    plan = ti.plan
    ws["A1"] = f"{ti.unit_name} {ti.period.label_zh} 城乡社区服务体系建设规划指标达标情况"
    ws["A1"].font = Font(name=_FONT, size=14, bold=True)
    basis = f"{plan.name}（{plan.document}）{plan.heading()}" if plan else "未载入规划"
    ws["A2"] = f"目标依据：{basis}"
    ws["A2"].font = Font(name=_FONT, size=10)

    row = 4
    ws.cell(row=row, column=1, value="一、本级主要指标").font = Font(name=_FONT, bold=True)
    row += 1
    for c, head in enumerate(("代码", "指标", "单位", "数值", "规划目标", "状态"), start=1):
        _put(ws, row, c, head, bold=True)
    for t in ti.township:
        row += 1
        for c, value in enumerate(
            (t.code, t.label, t.unit, _number(t.value, t.decimals), t.target_text or "—"), start=1
        ):
            _put(ws, row, c, value)
        _state(ws, row, 6, t.state)

    row += 2
    ws.cell(row=row, column=1, value="二、达标村（居）委会数").font = Font(name=_FONT, bold=True)
    row += 1
    heads = ("代码", "指标", "规划目标", "达标数", "参评数", "达标率（%）")
    groups = (("all", "合计"), ("urban", "城市社区（居）"), ("village", "农村社区（村）"))
    for c, head in enumerate(heads[:3], start=1):
        _put(ws, row, c, head, bold=True)
    for g, (_key, name) in enumerate(groups):
        for k, head in enumerate(heads[3:]):
            _put(ws, row, 4 + g * 3 + k, f"{name}{head}", bold=True)
    for col, share in zip(ti.columns, ti.shares, strict=True):
        row += 1
        for c, value in enumerate((col.code, col.label, col.target_text or "—"), start=1):
            _put(ws, row, c, value)
        for g, (key, _name) in enumerate(groups):
            _put(ws, row, 4 + g * 3, share.met[key])
            _put(ws, row, 5 + g * 3, share.judged[key])
            _put(ws, row, 6 + g * 3, ti.share_percent(col.code, key))

    row += 2
    ws.cell(row=row, column=1, value="三、分村（居）委会指标").font = Font(name=_FONT, bold=True)
    row += 1
    head = ["序号", "名称", "统计用区划代码", "类型"]
    for col in ti.columns:
        head += [f"{col.code} {col.label}", f"{col.code} 状态"]
    for c, text in enumerate(head, start=1):
        _put(ws, row, c, text, bold=True)
    for n, committee in enumerate(ti.committees, start=1):
        row += 1
        for c, value in enumerate(
            (n, committee.name, committee.code, KIND_ZH.get(committee.kind, committee.kind)),
            start=1,
        ):
            _put(ws, row, c, value)
        for i, (col, cell) in enumerate(zip(ti.columns, committee.cells, strict=True)):
            _put(ws, row, 5 + 2 * i, _number(cell.value, col.decimals))
            _state(ws, row, 6 + 2 * i, cell.state)
    widths = [8, 40, 16, 12] + [14, 8] * len(ti.columns)
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToHeight = 0
