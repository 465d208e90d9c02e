"""The township roster: who consolidates, and which committees it expects returns from.

Consolidation checks every return's division code against this profile and
lists expected committees whose return is missing. The roster is generic over
levels so a county can use the same tables: the unit's own code has 9 digits
(乡镇/街道, expecting 12-digit 村/居 committees) or 6 digits (县, expecting
9-digit townships). Every change is one transaction with its audit row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from commdesk.domain.i18n import translate
from commdesk.domain.validators import PROVINCE_CODES, check_phone, check_text, to_halfwidth
from commdesk.store import audit
from commdesk.store.engine import Store
from commdesk.store.models import Township, TownshipCommittee

# Code length of a unit -> code length of the units it consolidates.
CHILD_LENGTH = {9: 12, 6: 9, 4: 6, 2: 4}
PARENT_LENGTH = {child: parent for parent, child in CHILD_LENGTH.items()}
COMMITTEE_KINDS = ("village", "urban")
TOWNSHIP_KIND = "township"
KIND_ZH = {"village": "村", "urban": "居", TOWNSHIP_KIND: "乡镇（街道）"}


class RosterError(ValueError):
    """A roster change that cannot be saved; the message is for the clerk."""


@dataclass(frozen=True)
class RosterEntry:
    """One expected unit (a committee, or a township in a county's roster)."""

    id: int
    name: str
    division_code: str
    kind: str
    active: bool = True

    @property
    def kind_zh(self) -> str:
        return KIND_ZH.get(self.kind, "")


@dataclass(frozen=True)
class TownshipInfo:
    """The consolidating unit: name, code, expected units, optional signatories.

    ``entries`` empty means "no roster": the missing-committee check is skipped.
    """

    name: str
    code: str
    entries: tuple[RosterEntry, ...] = ()
    unit_head: str = ""
    statistics_head: str = ""
    preparer: str = ""
    phone: str = ""

    @property
    def child_length(self) -> int:
        return CHILD_LENGTH.get(len(self.code), 12)


SIGNATORY_FIELDS = ("unit_head", "statistics_head", "preparer", "phone")


@dataclass(frozen=True)
class Signatories:
    """Who signs the township's consolidated return (its footer); blank = left to handwriting."""

    unit_head: str = ""
    statistics_head: str = ""
    preparer: str = ""
    phone: str = ""


@dataclass
class ImportReport:
    """What an xlsx import did, row by row (row numbers as Excel shows them)."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)


# ------------------------------------------------------------------ validation
def _digits(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and value >= 0 else ""
    return re.sub(r"\s", "", to_halfwidth(str(value)))


def check_unit_code(value: Any, lengths: Iterable[int]) -> str:
    """A statistical division code of one of ``lengths`` digits, with a real province."""
    text = _digits(value)
    allowed = sorted(set(lengths))
    if not text.isascii() or not text.isdigit() or len(text) not in allowed:
        raise RosterError(
            translate(
                "TownshipRoster", "“{code}” is not a division code of {lengths} digits."
            ).format(code=str(value or "").strip(), lengths="/".join(str(n) for n in allowed))
        )
    if text[:2] not in PROVINCE_CODES:
        raise RosterError(
            translate(
                "TownshipRoster", "The first two digits ({province}) are not a province code."
            ).format(province=text[:2])
        )
    return text


def _check_name(name: Any) -> str:
    text = str(name or "").strip()
    if not text:
        raise RosterError(translate("TownshipRoster", "A name is required."))
    if len(text) > 60:
        raise RosterError(translate("TownshipRoster", "A name has at most 60 characters."))
    return text


_KIND_WORDS = {
    "village": ("村", "村委会", "村民委员会", "农村", "行政村", "village", "rural"),
    "urban": ("居", "居委会", "居民委员会", "社区", "社区居委会", "城市", "urban", "community"),
}


def parse_kind(value: Any, name: str = "") -> str | None:
    """村/居 in the forms clerks type (村委会, 社区, 城市…); else guessed from the name."""
    text = re.sub(r"\s", "", to_halfwidth(str(value or ""))).lower()
    for kind, words in _KIND_WORDS.items():
        if text in words:
            return kind
    if text:
        return None
    if name.endswith(("村民委员会", "村委会", "村")):
        return "village"
    if name.endswith(("居民委员会", "居委会", "社区")):
        return "urban"
    return None


# ------------------------------------------------------------------ township profile
def get_township(store: Store) -> tuple[str, str] | None:
    """(name, code) of this install's township, or None when not set up."""
    with store.read() as s:
        row = s.scalars(select(Township).order_by(Township.id)).first()
        return (row.name, row.code) if row is not None else None


def save_township(store: Store, name: str, code: str, *, user: str | None = None) -> None:
    """Set the township (9 digits) or county (6 digits) that consolidates here."""
    name = _check_name(name)
    code = check_unit_code(code, (9, 6))
    with store.write() as s:
        entries = s.scalars(select(TownshipCommittee)).all()
        outside = [
            e.division_code
            for e in entries
            if len(e.division_code) != CHILD_LENGTH[len(code)]
            or not e.division_code.startswith(code)
        ]
        if outside:
            raise RosterError(
                translate(
                    "TownshipRoster",
                    "{count} committees in the roster are not under code {code} (e.g. {first}). "
                    "Remove them first.",
                ).format(count=len(outside), code=code, first=outside[0])
            )
        row = s.scalars(select(Township).order_by(Township.id)).first()
        after = {"name": name, "code": code}
        if row is None:
            row = Township(name=name, code=code, updated_at=audit.now())
            s.add(row)
            s.flush()
            audit.record(
                s, "insert", "township", row.id, after=after, user=user or audit.current_user(store)
            )
            return
        before = {"name": row.name, "code": row.code}
        if before == after:
            return
        row.name, row.code, row.updated_at = name, code, audit.now()
        audit.record(
            s,
            "update",
            "township",
            row.id,
            before=before,
            after=after,
            user=user or audit.current_user(store),
        )


# ------------------------------------------------------------------ signatories
def check_signatories(
    unit_head: Any = "", statistics_head: Any = "", preparer: Any = "", phone: Any = ""
) -> Signatories:
    """Names trimmed (at most 30 characters), the phone as a mobile or a landline."""
    labels = {
        "unit_head": translate("TownshipRoster", "Unit head"),
        "statistics_head": translate("TownshipRoster", "Statistics head"),
        "preparer": translate("TownshipRoster", "Preparer"),
        "phone": translate("TownshipRoster", "Phone"),
    }
    given = {"unit_head": unit_head, "statistics_head": statistics_head,
             "preparer": preparer, "phone": phone}  # fmt: skip
    values: dict[str, str] = {}
    for key, raw in given.items():
        checked = check_phone(raw) if key == "phone" else check_text(raw, max_length=30)
        if checked.errors:
            raise RosterError(
                translate("TownshipRoster", "{field}: {problem}").format(
                    field=labels[key], problem=checked.errors[0]
                )
            )
        values[key] = str(checked.value or "")
    return Signatories(**values)


def get_signatories(store: Store) -> Signatories:
    with store.read() as s:
        row = s.scalars(select(Township).order_by(Township.id)).first()
        if row is None:
            return Signatories()
        return Signatories(**{k: getattr(row, k) or "" for k in SIGNATORY_FIELDS})


def save_signatories(store: Store, signatories: Signatories, *, user: str | None = None) -> None:
    """Store who signs the township's return (checked again here: the CLI and GUI both call)."""
    checked = check_signatories(**vars(signatories))
    with store.write() as s:
        row = s.scalars(select(Township).order_by(Township.id)).first()
        if row is None:
            raise RosterError(
                translate("TownshipRoster", "Enter the township's name and code first.")
            )
        before = {k: getattr(row, k) or "" for k in SIGNATORY_FIELDS}
        after = vars(checked)
        if before == after:
            return
        for key, value in after.items():
            setattr(row, key, value or None)
        row.updated_at = audit.now()
        audit.record(
            s,
            "update",
            "township",
            row.id,
            before=before,
            after=dict(after),
            user=user or audit.current_user(store),
        )


# ------------------------------------------------------------------ expected committees
def _entry(row: TownshipCommittee) -> RosterEntry:
    return RosterEntry(row.id, row.name, row.division_code, row.kind, bool(row.active))


def _as_dict(row: TownshipCommittee) -> dict[str, Any]:
    return {
        "name": row.name,
        "division_code": row.division_code,
        "kind": row.kind,
        "active": bool(row.active),
    }


def list_committees(store: Store, *, include_inactive: bool = True) -> list[RosterEntry]:
    with store.read() as s:
        query = select(TownshipCommittee).order_by(TownshipCommittee.division_code)
        if not include_inactive:
            query = query.where(TownshipCommittee.active.is_(True))
        return [_entry(r) for r in s.scalars(query)]


def load_roster(store: Store) -> TownshipInfo | None:
    """The township, its committees and signatories, as consolidation takes them."""
    township = get_township(store)
    if township is None:
        return None
    entries = tuple(list_committees(store))
    return TownshipInfo(township[0], township[1], entries, **vars(get_signatories(store)))


def _township_code(store: Store) -> str:
    township = get_township(store)
    if township is None:
        raise RosterError(translate("TownshipRoster", "Enter the township's name and code first."))
    return township[1]


def _check_entry(township_code: str, name: Any, code: Any, kind: Any) -> tuple[str, str, str]:
    name = _check_name(name)
    child = CHILD_LENGTH[len(township_code)]
    code = check_unit_code(code, (child,))
    if not code.startswith(township_code):
        raise RosterError(
            translate(
                "TownshipRoster", "Code {code} is not under the township's code {township}."
            ).format(code=code, township=township_code)
        )
    if child != 12:
        return name, code, TOWNSHIP_KIND
    parsed = kind if kind in COMMITTEE_KINDS else parse_kind(kind, name)
    if parsed is None:
        raise RosterError(
            translate(
                "TownshipRoster", "Cannot tell whether “{name}” is a village (村) or urban (居)."
            ).format(name=name)
        )
    return name, code, parsed


def _code_taken(code: str) -> RosterError:
    return RosterError(
        translate("TownshipRoster", "Division code {code} is already in the roster.").format(
            code=code
        )
    )


def add_committee(
    store: Store,
    name: str,
    division_code: str,
    kind: str = "",
    *,
    active: bool = True,
    user: str | None = None,
) -> RosterEntry:
    name, code, kind = _check_entry(_township_code(store), name, division_code, kind)
    with store.write() as s:
        if s.scalars(
            select(TownshipCommittee).where(TownshipCommittee.division_code == code)
        ).first():
            raise _code_taken(code)
        row = TownshipCommittee(name=name, division_code=code, kind=kind, active=active)
        s.add(row)
        s.flush()
        audit.record(
            s,
            "insert",
            "township_committee",
            row.id,
            after=_as_dict(row),
            user=user or audit.current_user(store),
        )
        return _entry(row)


def update_committee(
    store: Store,
    committee_id: int,
    *,
    name: str | None = None,
    division_code: str | None = None,
    kind: str | None = None,
    active: bool | None = None,
    user: str | None = None,
) -> RosterEntry:
    township_code = _township_code(store)
    with store.write() as s:
        row = s.get(TownshipCommittee, committee_id)
        if row is None:
            raise RosterError(
                translate("TownshipRoster", "This committee is no longer in the roster.")
            )
        before = _as_dict(row)
        new_name, new_code, new_kind = _check_entry(
            township_code,
            row.name if name is None else name,
            row.division_code if division_code is None else division_code,
            row.kind if kind is None else kind,
        )
        if new_code != row.division_code:
            taken = select(TownshipCommittee).where(TownshipCommittee.division_code == new_code)
            if s.scalars(taken).first():
                raise _code_taken(new_code)
        row.name, row.division_code, row.kind = new_name, new_code, new_kind
        if active is not None:
            row.active = active
        after = _as_dict(row)
        if after != before:
            audit.record(
                s, "update", "township_committee", row.id, before=before, after=after, user=user
            )
        return _entry(row)


def remove_committee(store: Store, committee_id: int, *, user: str | None = None) -> None:
    """Take a committee off the roster (the audit log keeps what it was)."""
    with store.write() as s:
        row = s.get(TownshipCommittee, committee_id)
        if row is None:
            return
        audit.record(
            s,
            "delete",
            "township_committee",
            row.id,
            before=_as_dict(row),
            user=user or audit.current_user(store),
        )
        s.delete(row)


# ------------------------------------------------------------------ import from xlsx
NAME_HEADERS = ("名称", "村居名称", "村（居）委会名称", "村(居)委会名称", "单位名称",
                "委员会名称", "社区名称", "村名", "乡镇名称", "街道名称", "name")  # fmt: skip
CODE_HEADERS = ("统计用区划代码", "区划代码", "行政区划代码", "统计代码", "代码",
                "统计用区划代码（12位）", "division_code", "code")  # fmt: skip
KIND_HEADERS = ("类型", "类别", "村/居", "村居", "城乡", "城乡分类", "性质", "kind", "type")


def _header_key(text: Any) -> str:
    cleaned = re.sub(r"[\s:：*]", "", to_halfwidth(str(text or ""))).lower()
    return cleaned.replace("(", "（").replace(")", "）")


def _find_header(grid: Sequence[Sequence[Any]]) -> tuple[int, dict[str, int]] | None:
    """The first row (of the top 15) naming a name and a code column: title rows skipped."""
    wanted = {
        "name": {_header_key(h) for h in NAME_HEADERS},
        "code": {_header_key(h) for h in CODE_HEADERS},
        "kind": {_header_key(h) for h in KIND_HEADERS},
    }
    for r, row in enumerate(grid[:15]):
        found: dict[str, int] = {}
        for c, cell in enumerate(row):
            key = _header_key(cell)
            for field_name, names in wanted.items():
                if key in names and field_name not in found:
                    found[field_name] = c
        if "name" in found and "code" in found:
            return r, found
    return None


def read_roster_rows(path: Path) -> list[tuple[int, dict[str, Any]]]:
    """(Excel row number, {name, code, kind}) for every non-blank row of the first sheet
    that has a 名称 and a 统计用区划代码 column."""
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_path(str(path))
        try:
            grid = wb.get_sheet_by_index(0).to_python(skip_empty_area=False)
        finally:
            wb.close()
    except Exception as exc:  # calamine's own zip/xml errors, missing file, …
        raise RosterError(
            translate("TownshipRoster", "Cannot read {file} as an Excel workbook.").format(
                file=Path(path).name
            )
        ) from exc
    header = _find_header(grid)
    if header is None:
        raise RosterError(
            translate(
                "TownshipRoster",
                "No header row with a name column (名称) and a code column (统计用区划代码).",
            )
        )
    first, columns = header
    rows: list[tuple[int, dict[str, Any]]] = []
    for r in range(first + 1, len(grid)):
        line = grid[r]
        values = {k: (line[c] if c < len(line) else None) for k, c in columns.items()}
        if all(v is None or str(v).strip() == "" for v in values.values()):
            continue
        rows.append((r + 1, values))
    return rows


def import_committees(store: Store, path: Path, *, user: str | None = None) -> ImportReport:
    """Add new committees and update changed ones from an xlsx; bad rows are reported."""
    township_code = _township_code(store)
    report = ImportReport()
    checked: list[tuple[int, str, str, str]] = []
    seen: dict[str, int] = {}
    for number, values in read_roster_rows(Path(path)):
        try:
            name, code, kind = _check_entry(
                township_code, values.get("name"), values.get("code"), values.get("kind") or ""
            )
        except RosterError as exc:
            report.rejected.append((number, str(exc)))
            continue
        if code in seen:
            report.rejected.append(
                (
                    number,
                    translate("TownshipRoster", "Code {code} already appears in row {row}.").format(
                        code=code, row=seen[code]
                    ),
                )
            )
            continue
        seen[code] = number
        checked.append((number, name, code, kind))
    with store.write() as s:
        existing = {r.division_code: r for r in s.scalars(select(TownshipCommittee))}
        for _number, name, code, kind in checked:
            row = existing.get(code)
            if row is None:
                row = TownshipCommittee(name=name, division_code=code, kind=kind, active=True)
                s.add(row)
                s.flush()
                audit.record(
                    s, "import", "township_committee", row.id, after=_as_dict(row), user=user
                )
                report.added += 1
                continue
            before = _as_dict(row)
            row.name, row.kind, row.active = name, kind, True
            if _as_dict(row) == before:
                report.unchanged += 1
                continue
            audit.record(
                s,
                "import",
                "township_committee",
                row.id,
                before=before,
                after=_as_dict(row),
                user=user or audit.current_user(store),
            )
            report.updated += 1
    return report
