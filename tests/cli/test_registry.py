"""One registry: every command module is registered, and the parser offers exactly those."""

from __future__ import annotations

import argparse
from pathlib import Path

import commdesk.cli
from commdesk.cli import build_parser
from commdesk.cli.registry import commands

INFRASTRUCTURE = {"__init__", "registry", "contract", "language", "gate"}


def test_every_command_module_registers_its_command() -> None:
    """One module per command, named after it (``import_`` for the keyword)."""
    folder = Path(commdesk.cli.__file__).parent
    modules = {p.stem.rstrip("_") for p in folder.glob("*.py") if p.stem not in INFRASTRUCTURE}
    assert modules == set(commands())


def test_the_parser_offers_exactly_the_registered_commands() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert set(sub.choices) == set(commands())
