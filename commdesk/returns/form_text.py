"""The printed form's own words, used by the form layout (xlsx, paper and screen alike).

A return is Chinese whatever the UI language (it is filed with the township);
the preview shows the form as it will be printed, so it uses these same words
and not translated ones. Only the window around it follows the UI language.
"""

from __future__ import annotations

KEY_LETTERS = ("甲", "乙", "丙")  # the key row's descriptive columns
UNIT_NAME = "填报单位：{name}"
DIVISION_CODE = "统计用区划代码：{code}"
MEASURE = "计量单位：{unit}"
DESCRIPTIVE_HEADINGS = ("指标名称", "代码", "计量单位")
