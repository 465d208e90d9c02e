"""The zh_CN catalogue as the lead ships it, built into a temp folder for tests.

lupdate over the sources into a copy of the .ts, the translations waiting in
translations/pending/*.json filled in (scripts/fill_translations.py), then
lrelease. Tests that check what a Chinese user reads use this, so they see
the strings of the branch they run on.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "translations" / "commdesk_zh_CN.ts"


def tool(name: str) -> str:
    found = Path(sys.executable).with_name(f"pyside6-{name}")
    return str(found) if found.is_file() else (shutil.which(f"pyside6-{name}") or name)


def build_ts(folder: Path) -> Path:
    ts = folder / TS.name
    shutil.copy(TS, ts)
    subprocess.run(
        [tool("lupdate"), "-extensions", "py", "-recursive", str(ROOT / "commdesk"),
         "-ts", str(ts)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from fill_translations import fill
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    for pending in sorted((ROOT / "translations" / "pending").glob("*.json")):
        fill(ts, json.loads(pending.read_text(encoding="utf-8")))
    return ts


def build_qm(ts: Path) -> Path:
    qm = ts.with_suffix(".qm")
    if not qm.is_file():
        subprocess.run(
            [tool("lrelease"), "-silent", str(ts), "-qm", str(qm)],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
    return qm


def translated() -> dict[str, str]:
    """Chinese for each source text: the catalogue, and the strings waiting in pending/."""
    done = {}
    for message in ET.parse(TS).getroot().iter("message"):
        translation = message.find("translation")
        if translation is not None and translation.get("type") is None and translation.text:
            done[message.findtext("source", "")] = translation.text
    for pending in sorted((ROOT / "translations" / "pending").glob("*.json")):  # one per area
        done.update(json.loads(pending.read_text(encoding="utf-8")))
    return done
