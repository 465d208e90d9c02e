"""The one stylesheet, with the font size scaled for older eyes."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from commdesk.paths import resources_dir

BASE_POINT_SIZE = 10.5
CJK_FAMILIES = ("Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei")


def _family() -> str | None:
    available = set(QFontDatabase.families())
    return next((f for f in CJK_FAMILIES if f in available), None)


def app_icon() -> QIcon:
    """The program's icon in every drawn size (resources/icons, made by scripts/make_icon.py)."""
    icon = QIcon()
    for path in sorted((resources_dir() / "icons").glob("commdesk-*.png")):
        icon.addFile(str(path))
    return icon


def apply_style(app: QApplication, font_scale: int = 100) -> None:
    """Set the app font (scaled) and the stylesheet with sizes filled in."""
    scale = min(max(font_scale, 100), 150) / 100
    font = QFont(app.font())
    family = _family()
    if family:
        font.setFamily(family)
    size = BASE_POINT_SIZE * scale
    font.setPointSizeF(size)
    app.setFont(font)
    path = resources_dir() / "style.qss"
    qss = path.read_text(encoding="utf-8") if path.is_file() else ""
    qss = qss.replace("@base", f"{size:.1f}pt").replace("@title", f"{size * 1.45:.1f}pt")
    qss = qss.replace("@small", f"{size * 0.92:.1f}pt")
    app.setStyleSheet(qss)
