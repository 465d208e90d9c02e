"""Return definitions: data files describing tables, cells and audit rules.

A definition is TOML (see ``resources/returns/community_service.toml``). The
loader checks it completely — sources, fields, filters, expressions, row and
column references, rule codes — and reports a bad one with file, table and row,
so a county's updated file fails loudly at import, never at month end.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from dataclasses import field as dc_field
from pathlib import Path
from typing import Any

from commdesk.domain.catalogues import Catalogues, released
from commdesk.domain.i18n import translate

AGGS = ("count", "sum", "distinct", "value")
LEVELS = ("error", "warning")
RULE_KINDS = ("check", "previous_change", "records")
CONSOLIDATE = ("sum", "recompute", "share")

# Which fields a filter or measure may use, per source. Service records are
# aggregated by these dimensions in one GROUP BY; stock ledgers are small and
# evaluated row by row with derived ``age`` (at the period's last day).
SERVICE_DIMENSIONS = (
    "category_code",
    "category_group",
    "target_group_code",
    "channel_code",
    "provider_kind_code",
    "has_volunteers",
)
SOURCES: dict[str, dict[str, tuple[str, ...]]] = {
    "profile": {
        "fields": (
            "households",
            "resident_population",
            "registered_population",
            "committee_members",
            "secretary_is_director",
        ),
        "filters": (),
    },
    "service_record": {
        "fields": ("people_served", "hours"),
        "filters": SERVICE_DIMENSIONS,
        "record_filters": (
            "people_served",
            "hours",
            "category_code",
            "target_group_code",
            "channel_code",
            "provider_kind_code",
        ),
    },
    "volunteer_service": {
        "fields": ("hours", "volunteer_id"),
        "filters": ("category_code", "category_group", "target_group_code"),
    },
    "volunteer": {
        "fields": ("id",),
        "filters": (
            "gender",
            "age",
            "platform_registered",
            "political_status_code",
            "team_id",
            "joined_date",
        ),
    },
    "worker": {
        "fields": ("id",),
        "filters": (
            "gender",
            "age",
            "position_code",
            "is_committee_member",
            "education_code",
            "sw_cert_code",
            "employed_since",
        ),
    },
    "facility": {
        "fields": ("floor_area", "activity_area", "hours_per_week"),
        "filters": (
            "type_code",
            "status_code",
            "ownership_code",
            "barrier_free",
            "self_service_terminal",
            "smart_services",
        ),
    },
    "volunteer_team": {"fields": ("id",), "filters": ("founded_date",)},
}
EXPANDABLE = {
    "service_category": ("service_record", "category_code"),
    "facility_type": ("facility", "type_code"),
    "position": ("worker", "position_code"),
    "target_group": ("service_record", "target_group_code"),
}
_REF = re.compile(r"\[([A-Za-z0-9_]+)\.([A-Za-z0-9_]+)(?:\.([A-Za-z0-9_]+))?\]")
_CODE = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
HEADER_FIELDS = ("form_number", "issuing_body", "approving_body", "approval_number", "valid_until")
HEADER_LABELS = {
    "form_number": "表号",
    "issuing_body": "制定机关",
    "approving_body": "批准机关",
    "approval_number": "批准文号",
    "valid_until": "有效期至",
}


class DefinitionError(ValueError):
    """A definition file that cannot be used; the message names file, table and row."""


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    unit: str = ""
    agg: str | None = None
    field: str | None = None
    filter: dict[str, Any] = dc_field(default_factory=dict)
    decimals: int = 0
    part_of: str | None = None
    text: bool = False
    source: str | None = None


@dataclass(frozen=True)
class Row:
    code: str
    label: str
    unit: str = ""
    indent: int = 0
    source: str | None = None
    agg: str | None = None
    field: str | None = None
    filter: dict[str, Any] = dc_field(default_factory=dict)
    expr: str | None = None
    parent: str | None = None
    total: bool = False
    subtotal: bool = False
    group: str | None = None  # for expanded rows: the subtotal they belong to
    decimals: int | None = None
    cells: dict[str, str] = dc_field(default_factory=dict)
    consolidate: str = "sum"


@dataclass(frozen=True)
class Table:
    code: str
    number: str
    title: str
    columns: tuple[Column, ...]
    row_specs: tuple[dict[str, Any], ...]
    unit: str = ""
    source: str | None = None
    filter: dict[str, Any] = dc_field(default_factory=dict)

    def column(self, key: str) -> Column:
        for c in self.columns:
            if c.key == key:
                return c
        raise KeyError(key)

    def rows(self, catalogues: Catalogues) -> list[Row]:
        """Rows with ``expand`` entries replaced by one row per catalogue item."""
        out: list[Row] = []
        for spec in self.row_specs:
            if "expand" in spec:
                kind = spec["expand"]
                _source, dim = EXPANDABLE[kind]
                items = catalogues[kind].items
                group = spec.get("group")
                if group is not None:
                    items = [i for i in items if i.group == group]
                for item in items:
                    out.append(
                        Row(
                            code=item.code,
                            label=item.zh,
                            unit=spec.get("unit", ""),
                            indent=int(spec.get("indent", 1)),
                            filter={dim: item.code, **spec.get("filter", {})},
                            group=group or "TOTAL",
                        )
                    )
            else:
                out.append(_row(spec))
        return out

    @property
    def has_units_column(self) -> bool:
        return any("unit" in spec for spec in self.row_specs)


@dataclass(frozen=True)
class Rule:
    code: str
    level: str
    message: str
    kind: str = "check"
    check: str | None = None
    table: str | None = None
    row: str | None = None
    limit: float = 0.5
    source: str | None = None
    filter: dict[str, Any] = dc_field(default_factory=dict)


@dataclass(frozen=True)
class Definition:
    id: str
    version: str
    title: str
    periods: tuple[str, ...]
    header: dict[str, str]
    tables: tuple[Table, ...]
    rules: tuple[Rule, ...]
    path: Path | None = None

    def table(self, code: str) -> Table:
        for t in self.tables:
            if t.code == code:
                return t
        raise KeyError(code)


def _row(spec: dict[str, Any]) -> Row:
    return Row(
        code=str(spec["code"]),
        label=str(spec["label"]),
        unit=str(spec.get("unit", "")),
        indent=int(spec.get("indent", 0)),
        source=spec.get("source"),
        agg=spec.get("agg"),
        field=spec.get("field"),
        filter=dict(spec.get("filter", {})),
        expr=spec.get("expr"),
        parent=spec.get("parent"),
        total=bool(spec.get("total", False)),
        subtotal=bool(spec.get("subtotal", False)),
        group=spec.get("code") if spec.get("subtotal") else None,
        decimals=spec.get("decimals"),
        cells={str(k): str(v) for k, v in spec.get("cells", {}).items()},
        consolidate=str(spec.get("consolidate", "sum")),
    )


def expression_refs(expr: str) -> list[tuple[str, str, str | None]]:
    return [(m.group(1), m.group(2), m.group(3)) for m in _REF.finditer(expr)]


def compile_expression(expr: str) -> str:
    """Rewrite ``[T.R.C]`` / ``[profile.f]`` references into calls the evaluator knows."""

    def repl(m: re.Match[str]) -> str:
        a, b, c = m.group(1), m.group(2), m.group(3)
        if a == "profile" and c is None:
            return f"_profile({b!r})"
        return f"_cell({a!r}, {b!r}, {c!r})"

    return _REF.sub(repl, expr)


def load_definition(path: Path) -> Definition:
    """Read and fully validate a definition file."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except OSError as exc:
        raise DefinitionError(
            translate("Returns", "{name}: cannot read the file ({error})").format(
                name=path.name, error=exc.strerror or exc
            )
        ) from exc
    except tomllib.TOMLDecodeError as exc:
        raise DefinitionError(
            translate(
                "Returns", "{name} is not a return definition (not valid TOML: {error})"
            ).format(name=path.name, error=exc)
        ) from exc
    try:
        definition = _parse(data, path)
    except DefinitionError:
        raise
    except (KeyError, TypeError, ValueError) as exc:
        raise DefinitionError(
            translate("Returns", "{name}: malformed return definition ({error})").format(
                name=path.name, error=repr(exc)
            )
        ) from exc
    _validate(definition, released())
    return definition


def _parse(data: dict[str, Any], path: Path) -> Definition:
    where = path.name
    for key in ("id", "version", "title", "tables"):
        if key not in data:
            raise DefinitionError(
                translate("Returns", "{name} is not a return definition (no “{key}”)").format(
                    name=where, key=key
                )
            )
    tables = []
    for t in data["tables"]:
        tw = f"{where}, table {t.get('code', '?')}"
        columns = []
        for c in t.get("columns", []):
            if "key" not in c or "label" not in c:
                raise DefinitionError(f"{tw}: every column needs “key” and “label”")
            columns.append(
                Column(
                    key=str(c["key"]),
                    label=str(c["label"]),
                    unit=str(c.get("unit", t.get("unit", ""))),
                    agg=c.get("agg"),
                    field=c.get("field"),
                    filter=dict(c.get("filter", {})),
                    decimals=int(c.get("decimals", 0)),
                    part_of=c.get("part_of"),
                    text=bool(c.get("text", False)),
                    source=c.get("source"),
                )
            )
        for spec in t.get("rows", []):
            if "expand" not in spec and ("code" not in spec or "label" not in spec):
                raise DefinitionError(f"{tw}: every row needs “code” and “label” (or “expand”)")
        tables.append(
            Table(
                code=str(t["code"]),
                number=str(t.get("number", t["code"])),
                title=str(t["title"]),
                columns=tuple(columns),
                row_specs=tuple(dict(r) for r in t.get("rows", [])),
                unit=str(t.get("unit", "")),
                source=t.get("source"),
                filter=dict(t.get("filter", {})),
            )
        )
    rules = []
    for r in data.get("rules", []):
        rules.append(
            Rule(
                code=str(r["code"]),
                level=str(r["level"]),
                message=str(r["message"]),
                kind=str(r.get("kind", "check")),
                check=r.get("check"),
                table=r.get("table"),
                row=r.get("row"),
                limit=float(r.get("limit", 0.5)),
                source=r.get("source"),
                filter=dict(r.get("filter", {})),
            )
        )
    header = {k: str(data.get("header", {}).get(k, "")) for k in HEADER_FIELDS}
    return Definition(
        id=str(data["id"]),
        version=str(data["version"]),
        title=str(data["title"]),
        periods=tuple(data.get("periods", ("month", "quarter", "half", "year"))),
        header=header,
        tables=tuple(tables),
        rules=tuple(rules),
        path=path,
    )


def _validate(d: Definition, catalogues: Catalogues) -> None:
    where = d.path.name if d.path else d.id
    if not _CODE.match(d.id):
        raise DefinitionError(f"{where}: id “{d.id}” may only use letters, digits, - and _")
    for p in d.periods:
        if p not in ("month", "quarter", "half", "year"):
            raise DefinitionError(f"{where}: unknown period type “{p}”")
    cells: dict[str, dict[str, set[str]]] = {}
    seen_tables: set[str] = set()
    for t in d.tables:
        tw = f"{where}, table {t.code}"
        if t.code in seen_tables:
            raise DefinitionError(f"{tw}: table code used twice")
        seen_tables.add(t.code)
        if not t.columns:
            raise DefinitionError(f"{tw}: no columns")
        keys = [c.key for c in t.columns]
        if len(set(keys)) != len(keys):
            raise DefinitionError(f"{tw}: column keys must be unique")
        for spec in t.row_specs:
            if "expand" in spec and spec["expand"] not in EXPANDABLE:
                raise DefinitionError(f"{tw}: cannot expand “{spec['expand']}”")
        rows = t.rows(catalogues)
        codes = [r.code for r in rows]
        dupes = {c for c in codes if codes.count(c) > 1}
        if dupes:
            raise DefinitionError(f"{tw}: row code(s) used twice: {', '.join(sorted(dupes))}")
        for c in t.columns:
            cw = f"{tw}, column {c.key}"
            if c.part_of is not None and c.part_of not in keys:
                raise DefinitionError(f"{cw}: part_of “{c.part_of}” is not a column")
            if c.agg is not None:
                _check_measure(cw, c.source or t.source, c.agg, c.field)
            _check_filter(cw, c.source or t.source, c.filter)
        for r in rows:
            rw = f"{tw}, row {r.code}"
            if r.parent is not None and r.parent not in codes:
                raise DefinitionError(f"{rw}: parent “{r.parent}” is not a row of this table")
            if r.consolidate not in CONSOLIDATE:
                raise DefinitionError(f"{rw}: consolidate must be one of {', '.join(CONSOLIDATE)}")
            source = r.source or t.source
            if r.agg is not None:
                _check_measure(rw, source, r.agg, r.field)
            _check_filter(rw, source, {**t.filter, **r.filter})
            for key in r.cells:
                if key not in keys:
                    raise DefinitionError(f"{rw}: cell “{key}” is not a column")
            numeric = [c for c in t.columns if not c.text]
            if r.expr is None and r.agg is None and not r.total:
                needs = [c.key for c in numeric if c.agg is None and c.key not in r.cells]
                if needs:
                    raise DefinitionError(f"{rw}: no measure for column(s) {', '.join(needs)}")
            if r.expr is not None:
                _check_expression(rw, r.expr)
        cells[t.code] = {r.code: set(keys) for r in rows}
    for t in d.tables:
        for r in t.rows(catalogues):
            if r.expr:
                _check_refs(f"{where}, table {t.code}, row {r.code}", r.expr, cells)
    rule_codes: set[str] = set()
    for rule in d.rules:
        rw = f"{where}, rule {rule.code}"
        if not _CODE.match(rule.code):
            raise DefinitionError(f"{rw}: rule codes may only use letters, digits, - and _")
        if rule.code in rule_codes:
            raise DefinitionError(f"{rw}: rule code used twice")
        rule_codes.add(rule.code)
        if rule.level not in LEVELS:
            raise DefinitionError(f"{rw}: level must be error or warning")
        if rule.kind not in RULE_KINDS:
            raise DefinitionError(f"{rw}: unknown kind “{rule.kind}”")
        if rule.kind == "check":
            if not rule.check:
                raise DefinitionError(f"{rw}: missing “check”")
            _check_expression(rw, rule.check)
            _check_refs(rw, rule.check, cells)
        elif rule.kind == "previous_change":
            if rule.table not in cells or rule.row not in cells[rule.table]:
                raise DefinitionError(f"{rw}: unknown table/row {rule.table}.{rule.row}")
        elif rule.kind == "records":
            allowed = SOURCES.get(rule.source or "", {}).get("record_filters")
            if not allowed:
                raise DefinitionError(f"{rw}: records rules need source service_record")
            bad = [k for k in rule.filter if k not in allowed]
            if bad:
                raise DefinitionError(f"{rw}: cannot filter on {', '.join(bad)}")


def _check_measure(where: str, source: str | None, agg: str, fld: str | None) -> None:
    if source not in SOURCES:
        raise DefinitionError(f"{where}: unknown or missing source “{source}”")
    if agg not in AGGS:
        raise DefinitionError(f"{where}: unknown aggregation “{agg}”")
    if agg in ("sum", "distinct", "value") and fld not in SOURCES[source]["fields"]:
        raise DefinitionError(f"{where}: field “{fld}” cannot be used with {agg} on {source}")
    if agg == "value" and source != "profile":
        raise DefinitionError(f"{where}: “value” reads the profile only")


def _check_filter(where: str, source: str | None, flt: dict[str, Any]) -> None:
    if not flt:
        return
    if source not in SOURCES:
        raise DefinitionError(f"{where}: a filter needs a source")
    allowed = SOURCES[source]["filters"]
    for key, value in flt.items():
        if key not in allowed:
            raise DefinitionError(f"{where}: cannot filter {source} on “{key}”")
        if isinstance(value, dict) and not set(value) <= {"lt", "le", "gt", "ge"}:
            raise DefinitionError(f"{where}: range filters use lt, le, gt, ge")


def _check_expression(where: str, expr: str) -> None:
    from commdesk.returns.expressions import ExpressionError, parse

    try:
        parse(compile_expression(expr))
    except ExpressionError as exc:
        raise DefinitionError(f"{where}: bad expression “{expr}”: {exc}") from exc


def _check_refs(where: str, expr: str, cells: dict[str, dict[str, set[str]]]) -> None:
    for a, b, c in expression_refs(expr):
        if a == "profile" and c is None:
            if b not in SOURCES["profile"]["fields"]:
                raise DefinitionError(f"{where}: unknown profile field “{b}”")
            continue
        if a not in cells or b not in cells[a] or c not in cells[a][b]:
            raise DefinitionError(f"{where}: reference [{a}.{b}.{c}] does not exist")


def default_definition_path() -> Path:
    from commdesk.paths import resources_dir

    return resources_dir() / "returns" / "community_service.toml"
