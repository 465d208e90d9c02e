"""表2, 表6 and 汇总说明 print at a readable size (issue 12, item 6: they printed very small
in portrait). The workbooks come from the console script; LibreOffice prints them to PDF
and the printed size of each sheet's 16 pt title tells the scale the page was fitted at
(a CJK character is one em wide, so its printed width over 16 pt is the scale)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from cons_helpers import TOWNSHIP
from script_helpers import PERIOD, committee_return, run

TITLE_PT = 16  # the title font of table sheets and of 汇总说明
READABLE = 0.75  # 10 pt body text printed at 7.5 pt or larger
WORD = re.compile(r'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<')


def printed_scales(pdf: Path, titles: list[str]) -> dict[str, float]:
    """Title -> the scale its page was printed at (from the title's character width)."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True)
    found: dict[str, float] = {}
    for x0, x1, word in WORD.findall(out.stdout):
        if word in titles:
            scale = (float(x1) - float(x0)) / len(word) / TITLE_PT
            found[word] = max(found.get(word, 0.0), scale)
    return found


def to_pdf(src: Path, workdir: Path) -> Path:
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    if binary is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice (soffice) or pdftotext not installed")
    done = subprocess.run(
        [binary, f"-env:UserInstallation=file://{workdir / 'profile'}", "--headless",
         "--convert-to", "pdf", "--outdir", str(workdir / "pdf"), str(src)],
        capture_output=True, text=True, timeout=240,
    )  # fmt: skip
    pdf = workdir / "pdf" / f"{src.stem}.pdf"
    assert pdf.exists(), done.stdout + done.stderr
    return pdf


def test_table2_table6_and_summary_print_readably(tmp_path: Path) -> None:
    box = tmp_path / "inbox"
    box.mkdir()
    for n in (1, 2):
        committee_return(tmp_path, f"{TOWNSHIP}00{n}", n, box / f"c{n}.xlsx")
    out = tmp_path / "township.xlsx"
    done = run("--data-dir", tmp_path / "township-data", "consolidate", box,
               "--period", PERIOD, "--out", out)  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr

    book = openpyxl.load_workbook(out)
    for name in ("表2", "表6", "汇总说明"):
        ws = book[name]
        assert int(ws.page_setup.fitToWidth) == 1 and int(ws.page_setup.fitToHeight) == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    summary = book["汇总说明"]
    assert summary.page_setup.orientation == "landscape"
    width = sum(summary.column_dimensions[c].width for c in "ABCDEFGHI")
    assert width <= 115, width  # was 217: fitted to one page wide it printed at half size

    titles = ["社区服务设施情况", "主要指标", "汇总说明"]
    for source in (out, box / "c1.xlsx"):  # the township's and a committee's own return
        scales = printed_scales(to_pdf(source, tmp_path / source.stem), titles)
        wanted = titles if source == out else titles[:2]
        assert sorted(scales) == sorted(wanted), scales
        small = {t: round(s, 2) for t, s in scales.items() if s < READABLE}
        assert not small, (source.name, small)
