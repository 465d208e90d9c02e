"""Reading a PDF back as a user sees it: its text, its fonts, its pages as pixels."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from PySide6.QtGui import QImage

RENDER_DPI = 50


def pdf_text(path: Path) -> str:
    """The text pdftotext finds, whitespace collapsed to single spaces."""
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return re.sub(r"\s+", " ", out)


def pdf_fonts(path: Path) -> list[tuple[str, str]]:
    """(name, emb) of every font pdffonts lists."""
    out = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    rows = []
    for line in out:
        parts = line.split()
        # name type... encoding emb sub uni object ID: emb is the 5th field from the end
        rows.append((parts[0], parts[-5]))
    return rows


def page_images(path: Path, folder: Path) -> list[QImage]:
    """Every page rendered by pdftoppm at RENDER_DPI, in order."""
    subprocess.run(
        ["pdftoppm", "-r", str(RENDER_DPI), "-png", str(path), str(folder / "page")], check=True
    )
    files = sorted(folder.glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    return [QImage(str(f)) for f in files]


def ink_outside(image: QImage, margin_mm: float) -> list[tuple[int, int]]:
    """Non-white pixels in the page margins (one pixel of anti-aliasing allowed)."""
    m = int(margin_mm / 25.4 * RENDER_DPI) - 1
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    w, h, stride = gray.width(), gray.height(), gray.bytesPerLine()
    bits = bytes(gray.constBits())
    found = []
    for y in range(h):
        row = bits[y * stride : y * stride + w]
        spans = [(0, w)] if y < m or y >= h - m else [(0, m), (w - m, w)]
        for a, z in spans:
            if min(row[a:z]) < 250:
                found.append((a + next(i for i, v in enumerate(row[a:z]) if v < 250), y))
    return found


def pages_have_ink_inside_margins_only(path: Path, folder: Path, margin_mm: float) -> int:
    """Assert every page is blank outside its margins and has ink inside; page count."""
    images = page_images(path, folder)
    assert images
    for n, image in enumerate(images, start=1):
        assert not image.isNull()
        stray = ink_outside(image, margin_mm)
        assert not stray, f"page {n}: ink in the margin at {stray[:5]}"
    return len(images)
