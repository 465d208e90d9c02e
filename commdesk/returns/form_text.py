"""The printed form's own words, used by the form layout (xlsx, paper and screen alike).

A return is Chinese whatever the UI language (it is filed with the township);
the preview shows the form as it will be printed, so it uses these same words
and not translated ones. Only the window around it follows the UI language.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

KEY_LETTERS = ("甲", "乙", "丙")  # the key row's descriptive columns
UNIT_NAME = "填报单位：{name}"
DIVISION_CODE = "统计用区划代码：{code}"
MEASURE = "计量单位：{unit}"
UNNAMED = "（名称未设置）"  # a unit with no name known: said so, never its code instead
DESCRIPTIVE_HEADINGS = ("指标名称", "代码", "计量单位")


def column_groups(columns: Sequence[Any]) -> dict[int, int]:
    """Index of each grouped column -> its group's width at the first column, else 0.

    Adjacent columns with the same ``group`` share one heading (a run of one still
    gets it, so its label is never left without the word it was defined under)."""
    out: dict[int, int] = {}
    i = 0
    while i < len(columns):
        group = columns[i].group
        end = i + 1
        while group and end < len(columns) and columns[end].group == group:
            end += 1
        if group:
            out.update({k: 0 for k in range(i + 1, end)})
            out[i] = end - i
        i = end
    return out
