"""What a consolidation run is made of: input files with a status, missing units, the result.

Status codes are stable English words (the CLI prints them, the GUI keys its
colours on them); ``STATUS_ZH`` is what the 汇总说明 sheet says.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from commdesk.domain.catalogues import Catalogues
from commdesk.domain.periods import Period
from commdesk.returns.audit import Issue
from commdesk.returns.compute import ReturnResult
from commdesk.returns.definition import Definition
from commdesk.returns.xlsx_reader import ReturnFile
from commdesk.store.services.township import CHILD_LENGTH, TownshipInfo

Value = int | float | str | None
Values = dict[str, dict[str, dict[str, Value]]]

PENDING = "pending"
INCLUDED = "included"
INCLUDED_ALTERED = "included-altered"
ALTERED = "altered"
NOT_A_RETURN = "not-a-return"
UNREADABLE = "unreadable"
WRONG_DEFINITION = "wrong-definition"
WRONG_PERIOD = "wrong-period"
FOREIGN = "foreign-code"
WRONG_LEVEL = "wrong-level"
DUPLICATE = "duplicate"
AUDIT_ERRORS = "audit-errors"
INACTIVE = "inactive"
OUTPUT_FILE = "output-file"
STATUS_ZH = {
    INCLUDED: "已汇总",
    INCLUDED_ALTERED: "已汇总（导出后被修改，经确认按表面数据汇总）",
    ALTERED: "未汇总：导出后被修改",
    NOT_A_RETURN: "未汇总：不是 CommDesk 统计报表",
    UNREADABLE: "未汇总：文件损坏或无法读取",
    WRONG_DEFINITION: "未汇总：报表模板不符",
    WRONG_PERIOD: "未汇总：报告期不符",
    FOREIGN: "未汇总：区划代码不属于本单位",
    WRONG_LEVEL: "未汇总：报表层级不符",
    DUPLICATE: "未汇总：同一单位重复报送",
    AUDIT_ERRORS: "未汇总：审核有错误",
    INACTIVE: "未汇总：名册中已停用",
    OUTPUT_FILE: "未汇总：本次汇总的输出文件",
    PENDING: "待检查",
}


def path_key(path: Path | str) -> Path:
    """A path as compared: resolved when possible, so one file listed twice is one input."""
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop (Python < 3.13)
        return Path(path).absolute()


@dataclass
class InputFile:
    """One input workbook and what consolidation made of it."""

    path: Path
    status: str = PENDING
    reason: str = ""
    notes: list[str] = field(default_factory=list)
    ret: ReturnFile | None = None
    read_error: tuple[str, str] | None = None
    values: Values | None = None  # the figures used (metadata, or visible cells if altered)
    duplicate_of: Path | None = None

    @property
    def included(self) -> bool:
        return self.status in (INCLUDED, INCLUDED_ALTERED)

    @property
    def community(self) -> dict[str, Any]:
        return dict(self.ret.meta.get("community") or {}) if self.ret is not None else {}

    @property
    def name(self) -> str:
        return str(self.community.get("name") or "")

    @property
    def code(self) -> str:
        return str(self.community.get("division_code") or "").strip()

    @property
    def kind(self) -> str:
        return str(self.community.get("kind") or "")

    @property
    def exported_at(self) -> datetime | None:
        text = str(self.ret.meta.get("exported_at") or "") if self.ret else ""
        try:
            return datetime.fromisoformat(text)
        except ValueError:
            return None

    @property
    def status_zh(self) -> str:
        return STATUS_ZH.get(self.status, self.status)


@dataclass(frozen=True)
class MissingUnit:
    """An expected committee (from the roster) with no included return."""

    name: str
    code: str
    kind: str
    reason: str


@dataclass
class Consolidation:
    """Everything a consolidation run found, and the summed return (None if nothing fit)."""

    period: Period
    definition: Definition
    output_definition: Definition | None
    unit_name: str
    unit_code: str
    files: list[InputFile]
    missing: list[MissingUnit] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    result: ReturnResult | None = None
    issues: list[Issue] = field(default_factory=list)
    roster_used: bool = False
    township: TownshipInfo | None = None
    catalogues: Catalogues | None = None
    output: Path | None = None
    sha256: str = ""
    form: ReturnResult | None = None  # the ministry's JBZH0001 社区服务 section (jbzh.py)

    @property
    def included(self) -> list[InputFile]:
        return [f for f in self.files if f.included]

    @property
    def excluded(self) -> list[InputFile]:
        return [f for f in self.files if not f.included]

    @property
    def complete(self) -> bool:
        """Every input used and no expected committee missing."""
        return not self.excluded and not self.missing

    @property
    def input_length(self) -> int:
        return CHILD_LENGTH.get(len(self.unit_code), 12)
