"""The command line on a Chinese locale: its messages reach the user in Chinese."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from console_script import REPO, assert_refused, clean_env, commdesk
from zh_catalogue import translated

CLI_SOURCES = [*sorted((REPO / "commdesk" / "cli").glob("*.py")),
               REPO / "commdesk" / "returns" / "consolidate_cli.py"]  # fmt: skip


def _bad_period(data_dir: Path, **env: str) -> str:
    result = commdesk(
        "export", "--period", "2025-13", "--out", str(data_dir / "x.xlsx"),
        data_dir=data_dir, env=clean_env(**env),
    )  # fmt: skip
    return assert_refused(result)


def test_refusal_in_chinese_on_a_chinese_locale(data_dir: Path) -> None:
    line = _bad_period(data_dir, LANG="zh_CN.UTF-8")
    assert "月份" in line, line
    words = line.replace("commdesk", "").replace("--period", "")
    assert not re.search(r"[A-Za-z]", words), line  # nothing left in English


def test_lc_all_and_lc_messages_come_before_lang(data_dir: Path) -> None:
    assert "月份" in _bad_period(data_dir, LANG="en_GB.UTF-8", LC_ALL="zh_CN.UTF-8")
    assert "月份" in _bad_period(data_dir, LANG="en_GB.UTF-8", LC_MESSAGES="zh_CN.UTF-8")
    english = _bad_period(data_dir, LANG="zh_CN.UTF-8", LC_ALL="en_GB.UTF-8")
    assert "The month must be between 1 and 12" in english


def _cli_strings() -> set[str]:
    """Every literal the command line marks with translate/QT_TRANSLATE_NOOP("Cli", …)."""
    found = set()
    for path in CLI_SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or len(node.args) != 2:
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            context, text = node.args
            # A variable (registry.py's cmd.help) holds a text marked where it is defined.
            marked = name in ("translate", "QT_TRANSLATE_NOOP") and isinstance(text, ast.Constant)
            if marked and getattr(context, "value", "") == "Cli":
                found.add(text.value)
    return found


def test_every_cli_string_has_its_chinese() -> None:
    strings = _cli_strings()
    assert len(strings) > 30
    chinese = translated()
    missing = sorted(s for s in strings if s not in chinese)
    assert missing == []
    for source in strings:
        placeholders = set(re.findall(r"\{\w+\}", source))
        assert placeholders == set(re.findall(r"\{\w+\}", chinese[source])), source
        assert re.search(r"[\u4e00-\u9fff]", chinese[source]), source
