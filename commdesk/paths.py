"""Where the program's files live: shipped resources and the clerk's data folder."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "CommDesk"
DB_FILE_NAME = "commdesk.sqlite"


def resources_dir() -> Path:
    """The shipped ``resources/`` folder, in a source tree or a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def translations_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "translations"
    return Path(__file__).resolve().parent.parent / "translations"


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False, roaming=False))


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """``--data-dir`` wins, then ``COMMDESK_DATA_DIR``, then the platform default."""
    if explicit:
        return Path(explicit).expanduser().resolve()
    env = os.environ.get("COMMDESK_DATA_DIR")
    if env:
        return Path(env).expanduser().resolve()
    return default_data_dir()
