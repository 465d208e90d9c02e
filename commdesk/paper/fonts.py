"""The font a printout uses: one that has Chinese, so the PDF embeds its glyphs.

A PDF naming a font the reader's PC lacks shows boxes or substitutes; QPdfWriter
embeds (a subset of) whatever font is drawn with, so choosing a CJK family here
is what makes the file readable on a PC without Chinese fonts.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

# Preferred families, most common first on the offices' machines (Windows, 统信UOS/麒麟).
PREFERRED = (
    "SimSun",
    "宋体",
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "Microsoft YaHei",
    "微软雅黑",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "文泉驿微米黑",
    "WenQuanYi Zen Hei",
    "AR PL UMing CN",
)


def ensure_app() -> QGuiApplication:
    """The running Qt application, or an offscreen one (the CLI has none; fonts need one)."""
    app = QGuiApplication.instance()
    if app is None:
        import os

        argv = ["commdesk"]
        if not os.environ.get("QT_QPA_PLATFORM"):
            argv += ["-platform", "offscreen"]
        app = QGuiApplication(argv)
    return app  # type: ignore[return-value]


@cache
def cjk_family() -> str:
    """A family with Simplified Chinese glyphs, or the default family if none is installed."""
    ensure_app()
    families = QFontDatabase.families()
    for name in PREFERRED:
        if name in families:
            return name
    chinese = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    return chinese[0] if chinese else QFont().family()


def font(size: float, *, bold: bool = False) -> QFont:
    """The printout's font at ``size`` points."""
    f = QFont(cjk_family())
    f.setPointSizeF(max(size, 4.0))
    f.setBold(bold)
    return f
