"""Draw the application icon and write resources/icons/ (PNG sizes, .ico, .icns).

Run after changing the drawing; the outputs are committed (the bundle and the
window use them, and a build machine need not run this):

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/make_icon.py

A ledger sheet on a blue tile with a green tick: a register that is kept and checked.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QImage,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
)

OUT = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def draw(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(size / 256, size / 256)
    # tile
    tile = QLinearGradient(0, 0, 0, 256)
    tile.setColorAt(0, QColor("#2f86d1"))
    tile.setColorAt(1, QColor("#1b5c9e"))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(tile)
    p.drawRoundedRect(QRectF(8, 8, 240, 240), 48, 48)
    # sheet with a folded corner
    sheet = QPainterPath()
    sheet.moveTo(64, 40)
    sheet.lineTo(160, 40)
    sheet.lineTo(196, 76)
    sheet.lineTo(196, 216)
    sheet.lineTo(64, 216)
    sheet.closeSubpath()
    p.setBrush(QColor("#ffffff"))
    p.drawPath(sheet)
    fold = QPainterPath()
    fold.moveTo(160, 40)
    fold.lineTo(160, 76)
    fold.lineTo(196, 76)
    fold.closeSubpath()
    p.setBrush(QColor("#c9dcf0"))
    p.drawPath(fold)
    # ledger lines
    p.setPen(QPen(QColor("#2f86d1"), 12, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    for y in (96, 128, 160):
        p.drawLine(QPointF(88, y), QPointF(172, y))
    p.drawLine(QPointF(88, 192), QPointF(128, 192))
    # tick
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#2e9d4f"))
    p.drawEllipse(QPointF(186, 190), 44, 44)
    p.setPen(QPen(QColor("#ffffff"), 14, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                  Qt.PenJoinStyle.RoundJoin))  # fmt: skip
    tick = QPainterPath(QPointF(166, 190))
    tick.lineTo(181, 205)
    tick.lineTo(207, 176)
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawPath(tick)
    p.end()
    return image


def main() -> int:
    QGuiApplication(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    for size in SIZES:
        if not draw(size).save(str(OUT / f"commdesk-{size}.png")):
            raise SystemExit(f"could not write the {size} px PNG")
    for suffix in ("ico", "icns"):
        big = draw(256 if suffix == "ico" else 512)
        if not big.save(str(OUT / f"commdesk.{suffix}")):
            raise SystemExit(f"Qt could not write commdesk.{suffix} (image format plugin missing)")
    print("wrote", OUT)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
