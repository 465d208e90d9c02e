"""The generic renderer: text, embedded Chinese fonts, pagination, margins, safe output."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest

from commdesk.files import NotRegularFile
from commdesk.paper import blocks as b
from commdesk.paper.pdf import write_pdf
from tests.paper.pdf_checks import (
    page_images,
    pages_have_ink_inside_margins_only,
    pdf_fonts,
    pdf_text,
)


def _doc(rows: int = 120) -> b.Document:
    body = [
        b.Row([f"居民{i:03d}号 名字较长需要换行的说明文字", f"C{i:03d}", str(i * 7)], indent=i % 3)
        for i in range(rows)
    ]
    return b.Document(
        [
            b.Section(
                [
                    b.Lines(["表　　号：民统测1表", "制定机关：民政部"]),
                    b.Title("测试花名册"),
                    b.Subtitle("2026年10月"),
                    b.Paragraph("填报单位：幸福社区居民委员会", right="计量单位：人"),
                    b.KeyValues([("打印日期", "2026-12-04"), ("人数", str(rows))]),
                    b.Table(
                        [b.Column(4, "left"), b.Column(1), b.Column(1, "right")],
                        [["姓名", "编号", "数量"], [None, None, "（人）"], ["甲", "乙", "1"]],
                        body,
                    ),
                    b.Signatures(["单位负责人：王主任", "填表人：李文书"], seal="（单位盖章）"),
                ]
            ),
            b.Section([b.Title("横向的第二节"), b.Paragraph("最后一段")], landscape=True),
        ],
        title="测试",
    )


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pdf") / "doc.pdf"
    write_pdf(_doc(), out)
    return out


def test_text_and_page_footer_are_in_the_pdf(pdf: Path) -> None:
    text = pdf_text(pdf)
    for expected in (
        "测试花名册",
        "表 号：民统测1表",
        "居民000号",
        "居民119号",
        "王主任",
        "最后一段",
    ):
        assert expected in text
    pages = len(page_images(pdf, pdf.parent))
    assert pages >= 3
    squeezed = text.replace(" ", "")
    assert f"第1页/共{pages}页" in squeezed
    assert f"第{pages}页/共{pages}页" in squeezed


def test_header_row_is_repeated_on_every_page_of_the_table(pdf: Path) -> None:
    text = pdf_text(pdf)
    table_pages = len(page_images(pdf, pdf.parent)) - 1  # the last page is the second section
    assert table_pages >= 2
    assert text.count("（人）") == table_pages


def test_chinese_font_is_embedded(pdf: Path) -> None:
    fonts = pdf_fonts(pdf)
    assert fonts
    assert all(emb == "yes" for _name, emb in fonts), fonts


def test_nothing_is_drawn_in_the_margins(pdf: Path, tmp_path: Path) -> None:
    assert pages_have_ink_inside_margins_only(pdf, tmp_path, 15.0) >= 3


def test_sections_keep_their_orientation(pdf: Path, tmp_path: Path) -> None:
    images = page_images(pdf, tmp_path)
    assert images[0].height() > images[0].width()
    assert images[-1].width() > images[-1].height()


def test_written_privately_and_atomically(tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    out.write_bytes(b"old")
    write_pdf(_doc(3), out)
    assert out.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir()] == ["r.pdf"]  # no .part left behind
    if os.name == "posix":
        assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_a_device_is_never_replaced(tmp_path: Path) -> None:
    if not Path("/dev/null").exists():
        pytest.skip("no /dev/null")
    with pytest.raises(NotRegularFile):
        write_pdf(_doc(1), Path("/dev/null"))
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_missing_folder_is_one_plain_oserror(tmp_path: Path) -> None:
    with pytest.raises(OSError) as caught:
        write_pdf(_doc(1), tmp_path / "absent" / "r.pdf")
    assert "r.pdf" in str(caught.value.strerror)


def test_the_paper_layer_uses_no_widgets_and_no_print_support() -> None:
    folder = Path(__file__).resolve().parents[2] / "commdesk" / "paper"
    for path in folder.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"PySide6\.Qt(Widgets|PrintSupport)", source), path.name


def test_the_margin_check_sees_a_stray_mark() -> None:
    from PySide6.QtGui import QColor, QImage

    from tests.paper.pdf_checks import ink_outside

    image = QImage(413, 585, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    assert ink_outside(image, 15.0) == []
    image.setPixelColor(200, 300, QColor("black"))  # inside: fine
    assert ink_outside(image, 15.0) == []
    image.setPixelColor(410, 300, QColor("black"))
    assert ink_outside(image, 15.0) == [(410, 300)]


def test_a_printer_that_keeps_its_orientation_gets_the_page_turned(tmp_path: Path) -> None:
    """Printers and the preview refuse a new orientation mid-job: the page is drawn turned."""
    from PySide6.QtGui import QPageLayout, QPdfWriter

    from commdesk.paper.render import paint_document

    class KeepsOrientation(QPdfWriter):
        def __init__(self, path: str) -> None:
            super().__init__(path)
            self.started = False

        def setPageLayout(self, layout: QPageLayout) -> bool:
            if self.started:
                return False
            self.started = True
            return super().setPageLayout(layout)

    out = tmp_path / "turned.pdf"
    writer = KeepsOrientation(str(out))
    writer.setResolution(300)
    assert paint_document(_doc(10), writer) == 2
    del writer
    images = page_images(out, tmp_path)
    assert all(image.height() > image.width() for image in images)  # both sheets portrait
    (tmp_path / "m").mkdir()
    assert pages_have_ink_inside_margins_only(out, tmp_path / "m", 15.0) == 2
    assert "横向的第二节" in pdf_text(out)
