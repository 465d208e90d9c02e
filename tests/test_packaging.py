"""Packaging mistakes caught without building: build.spec, README, .ci/run, pyproject.

build.spec is executed with stand-ins for PyInstaller's names (PyInstaller itself is a
build extra, not a test dependency) on a copy of the files it ships, so nothing is
compiled or written in the source tree.
"""

from __future__ import annotations

import importlib
import re
import shutil
import subprocess
import sys
import tomllib
import types
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "build.spec"
README = ROOT / "README.md"
CI = ROOT / ".ci" / "run"
MIGRATIONS = ROOT / "commdesk" / "store" / "migrations"

APP_COMMAND = (
    "python3 -m venv .venv && . .venv/bin/activate && pip install -e . && commdesk demo && commdesk"
)
TEST_COMMAND = (
    "python3 -m venv .venv && . .venv/bin/activate && pip install -e '.[test]' && python -m pytest"
)


def _files(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix not in {".pyc", ".pyo"}
    )


# ------------------------------------------------------------------------- build.spec
class _Recorder:
    """Stands in for Analysis/PYZ/EXE/COLLECT and keeps what the spec passed."""

    calls: dict[str, tuple[tuple[Any, ...], dict[str, Any]]]

    def __init__(self) -> None:
        self.calls = {}

    def factory(self, name: str):  # type: ignore[no-untyped-def]
        def make(*args: Any, **kwargs: Any) -> types.SimpleNamespace:
            self.calls[name] = (args, kwargs)
            # Like PyInstaller: (source, destination folder) pairs become TOC entries.
            datas = [
                (f"{dest}/{Path(src).name}", src, "DATA") for src, dest in kwargs.get("datas", [])
            ]
            return types.SimpleNamespace(binaries=[], datas=datas, pure=[], scripts=[])

        return make


@pytest.fixture(scope="module")
def spec_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Execute build.spec on a copy of the shipped files; return its namespace."""
    root = tmp_path_factory.mktemp("spec-root")
    shutil.copy2(SPEC, root / "build.spec")
    for rel in ("resources", "translations", "commdesk/store/migrations"):
        src = ROOT / rel
        if src.is_dir():
            for path in _files(src):
                dest = root / path.relative_to(ROOT)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, dest)
    (root / "commdesk").mkdir(exist_ok=True)
    shutil.copy2(ROOT / "commdesk" / "__main__.py", root / "commdesk" / "__main__.py")
    for qm in (root / "translations").glob("*.qm"):
        qm.unlink()  # the spec must build them itself when missing

    lrelease_calls: list[list[str]] = []

    def fake_run(cmd: list[str], **_kw: Any) -> subprocess.CompletedProcess[str]:
        lrelease_calls.append(list(cmd))
        Path(cmd[cmd.index("-qm") + 1]).write_bytes(b"qm")
        return subprocess.CompletedProcess(cmd, 0)

    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_data_files = lambda *a, **k: []  # type: ignore[attr-defined]
    hooks.collect_submodules = lambda *a, **k: []  # type: ignore[attr-defined]
    bindepend = types.ModuleType("PyInstaller.depend.bindepend")
    bindepend.get_imports = lambda *a, **k: []  # type: ignore[attr-defined]
    stubs = {
        "PyInstaller": types.ModuleType("PyInstaller"),
        "PyInstaller.utils": types.ModuleType("PyInstaller.utils"),
        "PyInstaller.utils.hooks": hooks,
        "PyInstaller.depend": types.ModuleType("PyInstaller.depend"),
        "PyInstaller.depend.bindepend": bindepend,
    }
    stubs["PyInstaller.depend"].bindepend = bindepend  # type: ignore[attr-defined]
    recorder = _Recorder()
    namespace: dict[str, Any] = {
        "__name__": "__main__",
        "__file__": str(root / "build.spec"),
        "SPECPATH": str(root),
        **{name: recorder.factory(name) for name in ("Analysis", "PYZ", "EXE", "COLLECT")},
    }
    saved = {name: sys.modules.get(name) for name in stubs}
    saved_run = subprocess.run
    sys.modules.update(stubs)
    subprocess.run = fake_run  # type: ignore[assignment]
    try:
        code = compile((root / "build.spec").read_text(encoding="utf-8"), "build.spec", "exec")
        exec(code, namespace)
    finally:
        subprocess.run = saved_run  # type: ignore[assignment]
        for name, module in saved.items():
            if module is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = module
    return {"root": root, "ns": namespace, "calls": recorder.calls, "lrelease": lrelease_calls}


def _shipped(spec_run: dict[str, Any]) -> dict[str, str]:
    """Destination path in the bundle -> source path relative to the copied root."""
    _args, kwargs = spec_run["calls"]["Analysis"]
    root: Path = spec_run["root"]
    return {
        f"{dest}/{Path(src).name}": Path(src).relative_to(root).as_posix()
        for src, dest in kwargs["datas"]
        if Path(src).is_relative_to(root)
    }


def test_spec_compiles() -> None:
    compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec")


def test_spec_builds_one_folder_named_commdesk(spec_run: dict[str, Any]) -> None:
    calls = spec_run["calls"]
    assert set(calls) == {"Analysis", "PYZ", "EXE", "COLLECT"}
    (scripts,), _ = calls["Analysis"]
    assert [Path(s).relative_to(spec_run["root"]).as_posix() for s in scripts] == [
        "commdesk/__main__.py"
    ]
    assert calls["EXE"][1]["name"] == "commdesk"
    assert calls["EXE"][1]["exclude_binaries"] is True  # onedir: binaries go to COLLECT
    assert calls["COLLECT"][1]["name"] == "commdesk"


def test_the_bundle_has_the_application_icon(spec_run: dict[str, Any]) -> None:
    icon = Path(spec_run["calls"]["EXE"][1]["icon"])
    assert icon.is_file() and icon.parent.name == "icons" and icon.stat().st_size > 0


def test_every_migration_file_is_shipped_at_its_package_path(spec_run: dict[str, Any]) -> None:
    shipped = _shipped(spec_run)
    files = _files(MIGRATIONS)
    assert any(p.name == "env.py" for p in files)
    assert any(p.parent.name == "versions" for p in files)
    for path in files:
        rel = path.relative_to(ROOT).as_posix()
        assert shipped.get(rel) == rel, f"{rel} is not shipped as data at the same path"
    assert not [d for d in shipped if "__pycache__" in d]


def test_migrations_are_found_where_the_code_looks(spec_run: dict[str, Any]) -> None:
    """migrate.py and maintenance.py look next to their own module file."""
    from commdesk.store import maintenance, migrate

    dest = spec_run["ns"]["MIGRATIONS_DEST"]
    assert migrate.MIGRATIONS_DIR.relative_to(ROOT).as_posix() == dest
    assert (
        Path(maintenance.__file__).resolve().parent.relative_to(ROOT).as_posix() + ("/migrations")
        == dest
    )


def test_resources_and_translations_are_shipped(spec_run: dict[str, Any]) -> None:
    shipped = _shipped(spec_run)
    resources = _files(ROOT / "resources")
    assert any(p.name == "catalogues.toml" for p in resources)
    for path in resources:
        rel = path.relative_to(ROOT).as_posix()
        assert shipped.get(rel) == rel, f"{rel} is not shipped"
    for ts in sorted((ROOT / "translations").glob("*.ts")):
        qm = f"translations/{ts.stem}.qm"
        assert shipped.get(qm) == qm, f"{qm} is not shipped"
        assert any(str(ts.name) in " ".join(c) for c in spec_run["lrelease"]), (
            f"build.spec did not compile {ts.name} although its .qm was missing"
        )


def test_bundle_paths_match_commdesk_paths(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from commdesk import paths

    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.resources_dir() == tmp_path / "resources"
    assert paths.translations_dir() == tmp_path / "translations"


def test_hidden_imports_cover_alembic_and_the_migration_files(spec_run: dict[str, Any]) -> None:
    _args, kwargs = spec_run["calls"]["Analysis"]
    hidden = set(kwargs["hiddenimports"])
    needed = {
        "alembic",
        "alembic.op",
        "alembic.context",
        "logging.config",
        "sqlalchemy.dialects.sqlite",
        "commdesk.store.models",
        "PySide6.QtWidgets",
    }
    assert needed <= hidden, needed - hidden
    pattern = re.compile(r"^\s*(?:from\s+([\w.]+)\s+import|import\s+([\w.]+))", re.MULTILINE)
    for path in _files(MIGRATIONS):
        if path.suffix != ".py":
            continue
        for match in pattern.finditer(path.read_text(encoding="utf-8")):
            module = match.group(1) or match.group(2)
            if module != "__future__":
                assert module in hidden, (
                    f"{module} (imported by {path.name}) is not a hidden import"
                )


# ----------------------------------------------------------------------------- pyproject
def test_console_script_points_to_a_callable() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    target = project["project"]["scripts"]["commdesk"]
    module_name, _, attr = target.partition(":")
    assert callable(getattr(importlib.import_module(module_name), attr))


# ------------------------------------------------------------------------- README / CI
def _readme_commands() -> list[str]:
    """First line of each fenced shell block, in order."""
    blocks = re.findall(r"```(?:sh|bash|shell|console)\n(.*?)```", README.read_text("utf-8"), re.S)
    return [b.strip().splitlines()[0].strip() for b in blocks if b.strip()]


def test_readme_starts_with_the_two_fresh_machine_commands() -> None:
    text = README.read_text(encoding="utf-8")
    intro = text.split("\n## ", 1)[0]  # before the first section heading
    assert APP_COMMAND in intro
    assert TEST_COMMAND in intro
    assert _readme_commands()[:2] == [APP_COMMAND, TEST_COMMAND]


def test_ci_runs_the_readme_test_command() -> None:
    test_command = _readme_commands()[1].split(" && ")[-1]
    lines = [ln.strip() for ln in CI.read_text(encoding="utf-8").splitlines()]
    runs = [
        ln
        for ln in lines
        if not ln.startswith("#") and re.match(re.escape(test_command) + r"(\s|$)", ln)
    ]
    assert runs, f".ci/run does not run the README's test command {test_command!r}"
    assert any(re.search(r"pip install .*-e '\.\[test", ln) for ln in lines)


def test_ci_builds_and_smoke_tests_the_bundle() -> None:
    ci = CI.read_text(encoding="utf-8")
    assert ci.startswith("#!/usr/bin/env bash")
    assert "set -Eeuo pipefail" in ci
    assert "pyinstaller --noconfirm --clean build.spec" in ci
    assert "pyside6-lrelease" in ci
    for args in ("--version", "demo --records 2000", "check", "--self-test"):
        assert re.search(r"^\s*bundle .*" + re.escape(args), ci, re.M), args
    # The clerk's whole cycle, from the bundle, with the script the tests run first.
    assert re.search(r"^\s*bundle_env .*scripts/clerk_cycle\.sh \"\$APP\"", ci, re.M)


def test_readme_documents_the_data_folder_options() -> None:
    """(README ⇄ parser, both ways, is tests/cli/test_readme_commands.py.)"""
    text = README.read_text(encoding="utf-8")
    for option in ("--data-dir", "--self-test", "--version", "COMMDESK_DATA_DIR"):
        assert option in text, option
