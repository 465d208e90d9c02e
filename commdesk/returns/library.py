"""Where definitions come from: shipped ones plus those a county hands out.

Imported definitions are validated, then copied into ``definitions/`` in the
data folder as ``{id}-{version}.toml``; versions live side by side and the
newest version of an id is the one used.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from commdesk.domain.i18n import translate
from commdesk.paths import resources_dir
from commdesk.returns.definition import Definition, DefinitionError, load_definition

DEFAULT_ID = "community-service"


def _version_key(version: str) -> tuple[int | str, ...]:
    return tuple(int(p) if p.isdigit() else p for p in version.replace("-", ".").split("."))


def definitions_dir(data_dir: Path) -> Path:
    return Path(data_dir) / "definitions"


def available(data_dir: Path | None) -> list[Definition]:
    """Every readable definition, shipped first; broken imported files are skipped."""
    found: list[Definition] = []
    folders = [resources_dir() / "returns"]
    if data_dir is not None:
        folders.append(definitions_dir(data_dir))
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            try:
                found.append(load_definition(path))
            except DefinitionError:
                continue
    return found


def current(data_dir: Path | None, definition_id: str = DEFAULT_ID) -> Definition:
    """The newest version of ``definition_id``."""
    candidates = [d for d in available(data_dir) if d.id == definition_id]
    if not candidates:
        raise DefinitionError(
            translate("Returns", "No return definition with the id {id} is installed.").format(
                id=definition_id
            )
        )
    return max(candidates, key=lambda d: _version_key(d.version))


def find(data_dir: Path | None, definition_id: str, version: str) -> Definition | None:
    for d in available(data_dir):
        if d.id == definition_id and d.version == version:
            return d
    return None


def import_definition(data_dir: Path, source: Path) -> Definition:
    """Validate ``source`` and keep a copy; an existing id+version is not overwritten."""
    definition = load_definition(Path(source))
    folder = definitions_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{definition.id}-{definition.version}.toml"
    shipped = find(None, definition.id, definition.version)
    if target.exists() or shipped is not None:
        raise DefinitionError(
            translate(
                "Returns", "{name}: version {version} of the return “{title}” is already installed."
            ).format(name=Path(source).name, version=definition.version, title=definition.title)
        )
    tmp = target.with_name(f".{target.name}.part")
    shutil.copyfile(source, tmp)
    os.replace(tmp, target)
    return load_definition(target)
