"""Reading a PDF back as a user sees it: its text, its fonts, its pages as pixels."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from openpyxl.worksheet.worksheet import Worksheet
from PySide6.QtGui import QImage

from commdesk.returns.xlsx_writer import BODY_ROW, META_SHEET, NOTES_SHEET, TITLE_ROW

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


def squash(text: str) -> str:
    """Runs of spaces (full-width ones too) as one space: text compared as read."""
    return re.sub(r"[\s\u3000]+", " ", text).strip()


def layout_lines(pdf: Path) -> list[list[str]]:
    """The words of each line of the PDF as pdftotext -layout places them."""
    text = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return [line.split() for line in text.splitlines()]


def xlsx_rows(ws: Worksheet) -> list[list[str]]:
    """Per body row: code, unit (if any) and figures as the workbook displays them."""
    rows = []
    for r in range(BODY_ROW, ws.max_row + 1):
        code = ws.cell(row=r, column=2).value
        if (
            not isinstance(code, str)
            or ws.cell(row=r, column=1).style.startswith("cd-label") is False
        ):
            continue
        tokens = [code]
        for c in range(3, ws.max_column + 1):
            cell = ws.cell(row=r, column=c)
            if cell.value is None:
                continue
            if cell.style.startswith("cd-num"):
                decimals = int(cell.style.removeprefix("cd-num"))
                tokens.append(f"{cell.value:.{decimals}f}")
            else:
                tokens.extend(str(cell.value).split())
        rows.append(tokens)
    return rows


def contains_run(lines: list[list[str]], run: list[str]) -> bool:
    """``run`` appears as consecutive words of one line."""
    n = len(run)
    return any(line[i : i + n] == run for line in lines for i in range(len(line) - n + 1))


def same_as_workbook(xlsx: Path, pdf: Path) -> int:
    """Assert the PDF holds every table sheet's title, each body row's code, unit and
    figures on one line in the workbook's order, and its footer (signatories, 报出日期);
    returns how many rows were compared."""
    import openpyxl

    wb = openpyxl.load_workbook(xlsx)
    text = squash(pdf_text(pdf))
    lines = layout_lines(pdf)
    sheets = [ws for ws in wb.worksheets if ws.title not in (META_SHEET, NOTES_SHEET)]
    sheets = [ws for ws in sheets if ws.cell(row=BODY_ROW, column=1).style.startswith("cd-")]
    assert len(sheets) >= 5
    checked = 0
    for ws in sheets:
        title = ws.cell(row=TITLE_ROW, column=1).value
        assert squash(title) in text, title
        for row in xlsx_rows(ws):
            assert contains_run(lines, row), f"{ws.title}: {row} not on one line of the PDF"
            checked += 1
        footer = [
            str(c.value)
            for row in ws.iter_rows(min_row=BODY_ROW)
            for c in row
            if isinstance(c.value, str) and "报出日期" in c.value
        ]
        assert footer, ws.title
        for item in footer[0].split("　　"):
            assert squash(item) in text, item
    return checked


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
