"""README ⇄ parser, both ways, as the user sees the parser: ``commdesk --help``."""

from __future__ import annotations

import re

from console_script import REPO, commdesk

README = (REPO / "README.md").read_text(encoding="utf-8")
ROW = re.compile(r"^\| `commdesk(?: \[--data-dir DIR\])? ([^`]*)` \|", re.M)
OPTION = re.compile(r"--[a-z][a-z-]*")


def _readme_rows() -> dict[str, str]:
    """First word after ``commdesk`` in the command table -> the rest of that cell."""
    rows = {}
    for cell in ROW.findall(README):
        word, _, rest = cell.partition(" ")
        rows[word] = rest
    return rows


def _help(*args: str) -> str:
    result = commdesk(*args, "--help")
    assert result.returncode == 0, result.stderr
    return result.stdout


def _commands_in_help(text: str) -> set[str]:
    """The sub-command names listed under COMMAND in ``commdesk --help``."""
    block = text.split("COMMAND\n", 2)[-1]
    return set(re.findall(r"^ {4}([a-z][a-z-]*)(?: |$)", block, re.M))


def _options_in_help(text: str) -> set[str]:
    """Options argparse lists (two spaces in; command names are listed four spaces in)."""
    return set(re.findall(r"^  (?:-\w, )?(--[a-z][a-z-]*)", text, re.M)) - {"--help"}


def test_readme_table_and_help_list_the_same_commands() -> None:
    rows = _readme_rows()
    documented = {word for word in rows if word and not word.startswith("-")}
    listed = _commands_in_help(_help())
    assert listed, "no commands in commdesk --help"
    assert documented - listed == set(), "in the README but not in commdesk --help"
    assert listed - documented == set(), "in commdesk --help but not in the README's table"


def test_global_options_are_documented_and_exist() -> None:
    in_help = _options_in_help(_help())
    for option in in_help:
        assert option in README, f"README does not mention {option}"
    table_options = {word for word in _readme_rows() if word.startswith("--")}
    assert table_options <= in_help


def test_each_commands_options_match_its_readme_row() -> None:
    for word, rest in _readme_rows().items():
        if not word or word.startswith("-"):
            continue
        in_help = _options_in_help(_help(word))
        in_readme = set(OPTION.findall(rest))
        assert in_help == in_readme, (word, in_help ^ in_readme)
