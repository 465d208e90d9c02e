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
from commdesk.files import read_text
from commdesk.returns.form_text import DESCRIPTIVE_HEADINGS, UNIT_NAME

DEFINITION_MAX_BYTES = 4 * 1024 * 1024  # the shipped definition is 13 KB
AGGS = ("count", "sum", "distinct", "value")
# A filter key whose value lists alternative filters: the fact matches when any does.
ANY = "any"
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
        "fields": ("people_served", "hours", "volunteer_count"),
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
    # Everyone who joined on or before the period's last day, whether still on the
    # roster or not (a flow such as "joined within the period" must count leavers).
    "volunteer_ever": {
        "fields": ("id",),
        "filters": (
            "gender",
            "age",
            "platform_registered",
            "political_status_code",
            "team_id",
            "joined_date",
            "left_date",
        ),
    },
    "worker": {
        "fields": ("id",),
        "filters": (
            "gender",
            "age",
            "position_codes",
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
            "jbzh_row",
        ),
    },
    "volunteer_team": {"fields": ("id",), "filters": ("founded_date",)},
}
EXPANDABLE = {
    "service_category": ("service_record", "category_code"),
    "facility_type": ("facility", "type_code"),
    "position": ("worker", "position_codes"),
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


def _error(text: str, **values: object) -> DefinitionError:
    """``text`` is translated at the call (``translate("Returns", literal)``)."""
    return DefinitionError(text.format(**values))


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
    # Filled with the targets of the plan in force (resources/plans.toml), headed by it.
    plan_targets: bool = False
    # A heading printed once, merged over adjacent columns sharing it (e.g. 表3 4–7 其中).
    group: str | None = None


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
    # One item may fall in several of these rows (a 书记兼主任 in both post rows):
    # their sum may exceed the total, so "total = sum of rows" does not apply.
    overlap: bool = False


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
    # Forms other than the committee return order 甲 乙 丙 differently (JBZH0001: 指标名称 |
    # 单位 | 代码) and name the reporting unit otherwise (编制单位): (kind, heading) pairs.
    descriptive: tuple[tuple[str, str], ...] = tuple(
        zip(("label", "code", "unit"), DESCRIPTIVE_HEADINGS, strict=True)
    )
    unit_name_label: str = UNIT_NAME.split("：")[0]
    note: str = ""  # printed under the table (注：…)

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
                            overlap=bool(spec.get("overlap", False)),
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
        # A regular file of bounded size: a FIFO or /dev/zero is refused, not read forever.
        data = tomllib.loads(read_text(path, limit=DEFINITION_MAX_BYTES, encoding="utf-8"))
    except OSError as exc:
        raise _error(
            translate("Returns", "{name}: cannot read the file ({error})"),
            name=path.name,
            error=exc.strerror or exc,
        ) from exc
    except tomllib.TOMLDecodeError as exc:
        raise _error(
            translate("Returns", "{name} is not a return definition (not valid TOML: {error})"),
            name=path.name,
            error=exc,
        ) from exc
    try:
        definition = _parse(data, path)
    except DefinitionError:
        raise
    except (KeyError, TypeError, ValueError) as exc:
        raise _error(
            translate("Returns", "{name}: malformed return definition ({error})"),
            name=path.name,
            error=repr(exc),
        ) from exc
    _validate(definition, released())
    return definition


def _parse(data: dict[str, Any], path: Path) -> Definition:
    where = path.name
    for key in ("id", "version", "title", "tables"):
        if key not in data:
            raise _error(
                translate("Returns", "{name} is not a return definition (no “{key}”)"),
                name=where,
                key=key,
            )
    tables = []
    for t in data["tables"]:
        tw = translate("Returns", "{where}, table {code}").format(
            where=where, code=t.get("code", "?")
        )
        columns = []
        for c in t.get("columns", []):
            if "key" not in c or "label" not in c:
                raise _error(
                    translate("Returns", "{where}: every column needs “key” and “label”"), where=tw
                )
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
                    text=bool(c.get("text", False)) or bool(c.get("plan_targets", False)),
                    source=c.get("source"),
                    plan_targets=bool(c.get("plan_targets", False)),
                    group=str(c["group"]) if c.get("group") else None,
                )
            )
        for spec in t.get("rows", []):
            if "expand" not in spec and ("code" not in spec or "label" not in spec):
                raise _error(
                    translate(
                        "Returns", "{where}: every row needs “code” and “label” (or “expand”)"
                    ),
                    where=tw,
                )
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
                note=str(t.get("note", "")),
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
        raise _error(
            translate("Returns", "{where}: id “{value}” may only use letters, digits, - and _"),
            where=where,
            value=d.id,
        )
    for p in d.periods:
        if p not in ("month", "quarter", "half", "year"):
            raise _error(
                translate("Returns", "{where}: unknown period type “{p}”"), where=where, p=p
            )
    cells: dict[str, dict[str, set[str]]] = {}
    seen_tables: set[str] = set()
    for t in d.tables:
        tw = translate("Returns", "{where}, table {code}").format(where=where, code=t.code)
        if t.code in seen_tables:
            raise _error(translate("Returns", "{where}: table code used twice"), where=tw)
        seen_tables.add(t.code)
        if not t.columns:
            raise _error(translate("Returns", "{where}: no columns"), where=tw)
        keys = [c.key for c in t.columns]
        if len(set(keys)) != len(keys):
            raise _error(translate("Returns", "{where}: column keys must be unique"), where=tw)
        for spec in t.row_specs:
            if "expand" in spec and spec["expand"] not in EXPANDABLE:
                raise _error(
                    translate("Returns", "{where}: cannot expand “{value}”"),
                    where=tw,
                    value=spec["expand"],
                )
        rows = t.rows(catalogues)
        codes = [r.code for r in rows]
        dupes = {c for c in codes if codes.count(c) > 1}
        if dupes:
            raise _error(
                translate("Returns", "{where}: row code(s) used twice: {value}"),
                where=tw,
                value=", ".join(sorted(dupes)),
            )
        for c in t.columns:
            cw = translate("Returns", "{where}, column {key}").format(where=tw, key=c.key)
            if c.part_of is not None and c.part_of not in keys:
                raise _error(
                    translate("Returns", "{where}: part_of “{value}” is not a column"),
                    where=cw,
                    value=c.part_of,
                )
            if c.agg is not None:
                _check_measure(cw, c.source or t.source, c.agg, c.field)
            _check_filter(cw, c.source or t.source, c.filter)
        for r in rows:
            rw = translate("Returns", "{where}, row {code}").format(where=tw, code=r.code)
            if r.parent is not None and r.parent not in codes:
                raise _error(
                    translate("Returns", "{where}: parent “{value}” is not a row of this table"),
                    where=rw,
                    value=r.parent,
                )
            if r.consolidate not in CONSOLIDATE:
                raise _error(
                    translate("Returns", "{where}: consolidate must be one of {value}"),
                    where=rw,
                    value=", ".join(CONSOLIDATE),
                )
            source = r.source or t.source
            if r.agg is not None:
                _check_measure(rw, source, r.agg, r.field)
            _check_filter(rw, source, {**t.filter, **r.filter})
            for key in r.cells:
                if key not in keys:
                    raise _error(
                        translate("Returns", "{where}: cell “{key}” is not a column"),
                        where=rw,
                        key=key,
                    )
            numeric = [c for c in t.columns if not c.text]
            if r.expr is None and r.agg is None and not r.total:
                needs = [c.key for c in numeric if c.agg is None and c.key not in r.cells]
                if needs:
                    raise _error(
                        translate("Returns", "{where}: no measure for column(s) {value}"),
                        where=rw,
                        value=", ".join(needs),
                    )
            if r.expr is not None:
                _check_expression(rw, r.expr)
        cells[t.code] = {r.code: set(keys) for r in rows}
    for t in d.tables:
        tw = translate("Returns", "{where}, table {code}").format(where=where, code=t.code)
        for r in t.rows(catalogues):
            if r.expr:
                rw = translate("Returns", "{where}, row {code}").format(where=tw, code=r.code)
                _check_refs(rw, r.expr, cells)
    rule_codes: set[str] = set()
    for rule in d.rules:
        rw = translate("Returns", "{where}, rule {code}").format(where=where, code=rule.code)
        if not _CODE.match(rule.code):
            raise _error(
                translate("Returns", "{where}: rule codes may only use letters, digits, - and _"),
                where=rw,
            )
        if rule.code in rule_codes:
            raise _error(translate("Returns", "{where}: rule code used twice"), where=rw)
        rule_codes.add(rule.code)
        if rule.level not in LEVELS:
            raise _error(translate("Returns", "{where}: level must be error or warning"), where=rw)
        if rule.kind not in RULE_KINDS:
            raise _error(
                translate("Returns", "{where}: unknown kind “{value}”"), where=rw, value=rule.kind
            )
        if rule.kind == "check":
            if not rule.check:
                raise _error(translate("Returns", "{where}: missing “check”"), where=rw)
            _check_expression(rw, rule.check)
            _check_refs(rw, rule.check, cells)
        elif rule.kind == "previous_change":
            if rule.table not in cells or rule.row not in cells[rule.table]:
                raise _error(
                    translate("Returns", "{where}: unknown table/row {value}.{other}"),
                    where=rw,
                    value=rule.table,
                    other=rule.row,
                )
        elif rule.kind == "records":
            allowed = SOURCES.get(rule.source or "", {}).get("record_filters")
            if not allowed:
                raise _error(
                    translate("Returns", "{where}: records rules need source service_record"),
                    where=rw,
                )
            bad = [k for k in rule.filter if k not in allowed]
            if bad:
                raise _error(
                    translate("Returns", "{where}: cannot filter on {value}"),
                    where=rw,
                    value=", ".join(bad),
                )


def _check_measure(where: str, source: str | None, agg: str, fld: str | None) -> None:
    if source not in SOURCES:
        raise _error(
            translate("Returns", "{where}: unknown or missing source “{source}”"),
            where=where,
            source=source,
        )
    if agg not in AGGS:
        raise _error(
            translate("Returns", "{where}: unknown aggregation “{agg}”"), where=where, agg=agg
        )
    if agg in ("sum", "distinct", "value") and fld not in SOURCES[source]["fields"]:
        raise _error(
            translate("Returns", "{where}: field “{fld}” cannot be used with {agg} on {source}"),
            where=where,
            fld=fld,
            agg=agg,
            source=source,
        )
    if agg == "value" and source != "profile":
        raise _error(translate("Returns", "{where}: “value” reads the profile only"), where=where)


def filter_keys(flt: dict[str, Any]) -> set[str]:
    """The fields a filter looks at, inside ``any`` alternatives too."""
    keys: set[str] = set()
    for key, value in flt.items():
        if key == ANY and isinstance(value, list):
            for alternative in value:
                if isinstance(alternative, dict):
                    keys |= filter_keys(alternative)
        else:
            keys.add(key)
    return keys


def _check_filter(where: str, source: str | None, flt: dict[str, Any]) -> None:
    if not flt:
        return
    if source not in SOURCES:
        raise _error(translate("Returns", "{where}: a filter needs a source"), where=where)
    allowed = SOURCES[source]["filters"]
    for key, value in flt.items():
        if key == ANY:
            if not value or not all(isinstance(v, dict) and v for v in value):
                raise _error(
                    translate("Returns", "{where}: “any” lists one or more filters"), where=where
                )
            for alternative in value:
                _check_filter(where, source, alternative)
            continue
        if key not in allowed:
            raise _error(
                translate("Returns", "{where}: cannot filter {source} on “{key}”"),
                where=where,
                source=source,
                key=key,
            )
        if isinstance(value, dict) and not set(value) <= {"lt", "le", "gt", "ge"}:
            raise _error(
                translate("Returns", "{where}: range filters use lt, le, gt, ge"), where=where
            )


def _check_expression(where: str, expr: str) -> None:
    from commdesk.returns.expressions import ExpressionError, parse

    try:
        parse(compile_expression(expr))
    except ExpressionError as exc:
        raise _error(
            translate("Returns", "{where}: bad expression “{expr}”: {exc}"),
            where=where,
            expr=expr,
            exc=exc,
        ) from exc


def _check_refs(where: str, expr: str, cells: dict[str, dict[str, set[str]]]) -> None:
    for a, b, c in expression_refs(expr):
        if a == "profile" and c is None:
            if b not in SOURCES["profile"]["fields"]:
                raise _error(
                    translate("Returns", "{where}: unknown profile field “{b}”"), where=where, b=b
                )
            continue
        if a not in cells or b not in cells[a] or c not in cells[a][b]:
            raise _error(
                translate("Returns", "{where}: reference [{a}.{b}.{c}] does not exist"),
                where=where,
                a=a,
                b=b,
                c=c,
            )


def default_definition_path() -> Path:
    from commdesk.paths import resources_dir

    return resources_dir() / "returns" / "community_service.toml"
