"""Definitions are data: a bad file is reported with file, table and row."""

from __future__ import annotations

from pathlib import Path

import pytest

from commdesk.returns import library
from commdesk.returns.definition import (
    DefinitionError,
    default_definition_path,
    load_definition,
)
from commdesk.returns.expressions import ExpressionError, evaluate, parse

SHIPPED = default_definition_path().read_text(encoding="utf-8")


def variant(tmp_path: Path, old: str, new: str, name: str = "bad.toml") -> Path:
    assert old in SHIPPED, old
    path = tmp_path / name
    path.write_text(SHIPPED.replace(old, new, 1), encoding="utf-8")
    return path


def test_shipped_definition_loads_with_placeholders_only() -> None:
    d = load_definition(default_definition_path())
    assert d.id == "community-service"
    assert [t.number for t in d.tables] == ["表1", "表2", "表3", "表4", "表5", "表6", "表7"]
    assert set(d.header.values()) == {""}  # never invent official approval numbers


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ('field = "households"', 'field = "nonsense"', "table T1, row 101"),
        (
            "filter = { platform_registered = true }",
            "filter = { shoe_size = 3 }",
            "table T1, row 109",
        ),
        (
            'expr = "ratio([T4.404.1], [T4.403.1])"',
            'expr = "ratio([T4.404.1], [T9.403.1])"',
            "table T4, row 405",
        ),
        ('expr = "ratio([T4.404.1], [T4.403.1])"', 'expr = "__import__(1)"', "table T4, row 405"),
        ('parent = "106"', 'parent = "999"', "table T1, row 107"),
        (
            'part_of = "2", filter = { status_code = "in_use" } }',
            'part_of = "9", filter = { status_code = "in_use" } }',
            "table T2, column 3",
        ),
        ('code = "W-SERVICE-PEOPLE"', 'code = "W-SERVICE-HOURS"', "rule W-SERVICE-HOURS"),
        ('level = "warning"', 'level = "maybe"', "rule W-PERSONS-PER-HOUSEHOLD"),
        (
            'check = "[T1.106.1] == [T5.TOTAL.1]"',
            'check = "[T1.106.1] == [T5.NOPE.1]"',
            "rule E-T1-106-T5",
        ),
        ('expand = "facility_type"', 'expand = "colours"', "table T2"),
    ],
)
def test_bad_definitions_name_the_place(tmp_path: Path, old: str, new: str, where: str) -> None:
    with pytest.raises(DefinitionError) as info:
        load_definition(variant(tmp_path, old, new))
    assert "bad.toml" in str(info.value)
    assert where in str(info.value)


def test_not_toml_and_missing_file(tmp_path: Path) -> None:
    bad = tmp_path / "x.toml"
    bad.write_text("id = [unclosed", encoding="utf-8")
    with pytest.raises(DefinitionError, match="not valid TOML"):
        load_definition(bad)
    with pytest.raises(DefinitionError, match="cannot read"):
        load_definition(tmp_path / "missing.toml")


def test_import_keeps_versions_side_by_side(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shipped = load_definition(default_definition_path()).version
    newer = variant(tmp_path, f'version = "{shipped}"', 'version = "2099.1"', "newer.toml")
    assert library.current(data).version == shipped
    imported = library.import_definition(data, newer)
    assert imported.version == "2099.1"
    assert (data / "definitions" / "community-service-2099.1.toml").exists()
    assert library.current(data).version == "2099.1"
    assert {d.version for d in library.available(data)} == {shipped, "2099.1"}
    with pytest.raises(DefinitionError, match="already installed"):
        library.import_definition(data, newer)
    with pytest.raises(DefinitionError):
        library.import_definition(data, variant(tmp_path, 'field = "households"', 'field = "x"'))
    assert len(list((data / "definitions").iterdir())) == 1


@pytest.mark.parametrize(
    ("expr", "value"),
    [
        ("1 + 2 * 3", 7.0),
        ("ratio(1, 0)", 0.0),
        ("1 <= 5 <= 8", 1.0),
        ("1 <= 9 <= 8", 0.0),
        ("not 0", 1.0),
        ("-2 + max(1, 3)", 1.0),
        ("1 and 0", 0.0),
        ("10 / 4", 2.5),
    ],
)
def test_expressions(expr: str, value: float) -> None:
    assert evaluate(expr, {}) == value


@pytest.mark.parametrize(
    "expr",
    [
        "__import__('os')",
        "open('x')",
        "(1).real",
        "[1, 2]",
        "x",
        "lambda: 1",
        "1 ** 2",
        "'a' if 1 else 'b'",
        "f(x=1)",
    ],
)
def test_expressions_refuse_anything_else(expr: str) -> None:
    with pytest.raises(ExpressionError):
        parse(expr)


def test_any_filter_lists_known_filters(tmp_path: Path) -> None:
    """`any` alternatives are checked like any filter: a typo fails at load, not at export."""
    col8 = (
        'filter = { any = [{ provider_kind_code = ["VOL", "TEAM"] }, { has_volunteers = true }] }'
    )
    assert col8 in SHIPPED
    for bad in ("filter = { any = [] }", 'filter = { any = [{ provider = "VOL" }] }'):
        with pytest.raises(DefinitionError):
            load_definition(variant(tmp_path, col8, bad))
