"""The shape of a consolidated return: the committee definition re-cut for a higher level.

A township (or county) return has the committee return's tables and codes, so
summing is cell by cell, plus what a sum of committees needs:

* every ``share`` row (a 0/1 coverage indicator such as 综合服务设施覆盖) becomes a
  percentage of committees, overall and for urban (居) and rural (村) committees
  separately: rows ``601`` (%), ``601U`` 城市社区 (%), ``601R`` 农村社区 (%);
* an extra table ``TC`` 汇总单位情况 carries the counts behind those shares —
  committees consolidated (合计 / 城市社区 / 农村社区) and, per share row, how many of
  them "have" it. Counts add up, percentages do not, so a county consolidating
  township returns sums ``TC`` and recomputes the shares from it: the same
  machinery works at every level;
* the 本社区 column is relabelled for the level (本乡镇（街道）, 本县（市、区）).

Codes: a committee has 12 digits, a township 9, a county 6 (then 4, 2); a unit
consolidates the units whose code is one step longer and starts with its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from commdesk.domain.catalogues import Catalogues
from commdesk.returns.definition import Column, Definition, Table
from commdesk.store.services.township import CHILD_LENGTH, PARENT_LENGTH

UNIT_TABLE = "TC"
UNITS_ROW = "UNITS"
ALL, URBAN, RURAL = "1", "2", "3"
URBAN_SUFFIX, RURAL_SUFFIX = "U", "R"
KIND_COLUMN = {"urban": URBAN, "village": RURAL}
LEVEL_KIND = {12: "committee", 9: "township", 6: "county", 4: "prefecture", 2: "province"}
OWN_COLUMN = {9: "本乡镇（街道）", 6: "本县（市、区）", 4: "本市（州）", 2: "本省（区、市）"}
UNIT_NOUN = {12: "村（居）委会", 9: "乡镇（街道）", 6: "县（市、区）", 4: "市（州）"}
COMMUNITY_WORD = "本社区"
__all__ = ["CHILD_LENGTH", "PARENT_LENGTH", "ShareRow", "level_definition", "share_rows"]


@dataclass(frozen=True)
class ShareRow:
    """A coverage row of the committee return and the ``TC`` row that counts it."""

    table: str
    row: str
    column: str  # the numeric column read as "has it" (> 0)
    unit_row: str
    stem: str  # label without （有/无）


def code_level(code: str) -> int | None:
    """The code's length when it is a division code of a known level, else None."""
    return len(code) if code.isascii() and code.isdigit() and len(code) in LEVEL_KIND else None


def _stem(label: str) -> str:
    return re.sub(r"[（(][^（）()]*[）)]\s*$", "", label).strip() or label


def coverage_label(label: str) -> str:
    """综合服务设施覆盖（有/无） → 综合服务设施覆盖率; 政务通用自助服务（有/无） → …覆盖率."""
    stem = _stem(label)
    return stem + ("率" if stem.endswith("覆盖") else "覆盖率")


def share_rows(definition: Definition, catalogues: Catalogues) -> list[ShareRow]:
    """Every ``consolidate = "share"`` row, with a ``TC`` row code unique in the table."""
    found: list[tuple[Table, Any]] = []
    for t in definition.tables:
        for row in t.rows(catalogues):
            if row.consolidate == "share":
                found.append((t, row))
    codes = [row.code for _t, row in found]
    out = []
    for t, row in found:
        numeric = [c for c in t.columns if not c.text and c.key not in row.cells]
        if not numeric:
            continue
        unit_row = row.code if codes.count(row.code) == 1 else f"{t.code}_{row.code}"
        out.append(ShareRow(t.code, row.code, numeric[0].key, unit_row, _stem(row.label)))
    return out


def _share_specs(table: Table, spec: dict[str, Any], share: ShareRow) -> list[dict[str, Any]]:
    label = str(spec.get("consolidated_label") or coverage_label(str(spec["label"])))

    def row(code: str, text: str, column: str, indent: int) -> dict[str, Any]:
        return {
            "code": code,
            "label": text,
            "unit": "%",
            "indent": indent,
            "decimals": 1,
            "expr": f"ratio([{UNIT_TABLE}.{share.unit_row}.{column}] * 100, "
            f"[{UNIT_TABLE}.{UNITS_ROW}.{column}])",
            "consolidate": "recompute",
        }

    base_indent = int(spec.get("indent", 0))
    return [
        row(share.row, label, ALL, base_indent),
        row(share.row + URBAN_SUFFIX, "城市社区（居委会）", URBAN, base_indent + 1),
        row(share.row + RURAL_SUFFIX, "农村社区（村委会）", RURAL, base_indent + 1),
    ]


def _unit_table(shares: list[ShareRow]) -> Table:
    noun = UNIT_NOUN[12]
    columns = (
        Column(ALL, "合计", "个"),
        Column(URBAN, "城市社区（居委会）", "个", part_of=ALL),
        Column(RURAL, "农村社区（村委会）", "个", part_of=ALL),
    )
    specs: list[dict[str, Any]] = [{"code": UNITS_ROW, "label": f"参与汇总的{noun}"}]
    for share in shares:
        specs.append(
            {
                "code": share.unit_row,
                "label": f"其中：{share.stem}为“有”的",
                "parent": UNITS_ROW,
                "indent": 1,
            }
        )
    return Table(
        code=UNIT_TABLE,
        number="附表",
        title="汇总单位情况",
        columns=columns,
        row_specs=tuple(specs),
        unit="个",
    )


def level_definition(
    definition: Definition, code_length: int, catalogues: Catalogues
) -> Definition:
    """The definition a return of a unit with a ``code_length``-digit code is laid out in.

    12 digits: the committee definition itself. Shorter: the consolidated shape
    (same id and version, so the next level checks it as the same form).
    """
    if code_length == 12 or code_length not in OWN_COLUMN:
        return definition
    shares = {(s.table, s.row): s for s in share_rows(definition, catalogues)}
    own = OWN_COLUMN[code_length]
    tables: list[Table] = []
    for t in definition.tables:
        specs: list[dict[str, Any]] = []
        for spec in t.row_specs:
            share = shares.get((t.code, str(spec.get("code"))))
            if "expand" in spec or spec.get("consolidate") != "share" or share is None:
                specs.append(spec)
            else:
                specs.extend(_share_specs(t, spec, share))
        columns = tuple(replace(c, label=c.label.replace(COMMUNITY_WORD, own)) for c in t.columns)
        tables.append(replace(t, columns=columns, row_specs=tuple(specs)))
    tables.append(_unit_table(list(shares.values())))  # UNITS is useful even without shares
    return replace(definition, tables=tuple(tables))
