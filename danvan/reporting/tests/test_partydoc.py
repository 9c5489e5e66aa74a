"""The Party-format document builder: DOCX structure, fonts and sizes; the PDF renders every page."""

import io
import subprocess
from datetime import date
from pathlib import Path

from docx import Document
from docx.shared import Pt
from pypdf import PdfReader

from danvan.reporting.partydoc import (
    Heading,
    Paragraph,
    PartyDocument,
    Table,
    date_line,
    render_docx,
    render_pdf,
)


def sample(**overrides) -> PartyDocument:
    values = dict(
        issuer="Tỉnh ủy Đồng Nai",
        doc_type="Báo cáo",
        summary="kết quả thực hiện Kế hoạch số 31-KH/TU năm 2024",
        symbol="BC/TU",
        number="7",
        place="Đồng Nai",
        issued_on=date(2025, 1, 5),
        blocks=[
            Heading("I. KẾT QUẢ ĐẠT ĐƯỢC"),
            Paragraph("Đã tổ chức đối thoại ở 95 xã, phường."),
            Table(
                ["STT", "Mục", "Số nhiệm vụ"],
                [[1, "Tuyên truyền", 5], [2, "Dân vận chính quyền", 7]],
                numeric={0, 2},
                total=["", "Tổng cộng", 12],
            ),
        ],
        recipients=["Ban Dân vận Trung ương (b/c),", "Lưu VPTU."],
        authority="T/M BAN THƯỜNG VỤ",
        signer_title="PHÓ BÍ THƯ",
        signer_name="Hồ Thanh Sơn",
    )
    return PartyDocument(**(values | overrides))


def cell_text(cell) -> list[str]:
    return [p.text for p in cell.paragraphs]


def test_date_line_pads_day_and_first_two_months():
    assert date_line("Đồng Nai", date(2025, 1, 5)) == "Đồng Nai, ngày 05 tháng 01 năm 2025"
    assert date_line("Đồng Nai", date(2024, 12, 15)) == "Đồng Nai, ngày 15 tháng 12 năm 2024"
    assert date_line("Biên Hòa", date(2020, 3, 5)) == "Biên Hòa, ngày 05 tháng 3 năm 2020"


def test_docx_header_title_recipients_and_signature():
    document = Document(
        io.BytesIO(render_docx(sample(parent_issuer="Tỉnh ủy Đồng Nai", issuer="Ban Dân vận")))
    )
    header, body_table, closing = document.tables
    left, right = header.rows[0].cells
    assert cell_text(left) == ["TỈNH ỦY ĐỒNG NAI", "BAN DÂN VẬN", "*", "Số 07-BC/TU"]
    assert cell_text(right) == ["ĐẢNG CỘNG SẢN VIỆT NAM", "", "Đồng Nai, ngày 05 tháng 01 năm 2025"]
    party = right.paragraphs[0].runs[0]
    assert party.bold and party.underline
    assert right.paragraphs[2].runs[0].italic
    assert left.paragraphs[1].runs[0].bold and not left.paragraphs[0].runs[0].bold
    texts = [p.text for p in document.paragraphs]
    assert texts[:3] == ["BÁO CÁO", "kết quả thực hiện Kế hoạch số 31-KH/TU năm 2024", "-----"]
    assert all(r.bold for r in document.paragraphs[0].runs + document.paragraphs[1].runs)
    recipients, signature = closing.rows[0].cells
    assert cell_text(recipients) == ["Nơi nhận:", "- Ban Dân vận Trung ương (b/c),", "- Lưu VPTU."]
    assert cell_text(signature)[:2] == ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"]
    assert cell_text(signature)[-1] == "Hồ Thanh Sơn"
    assert [[c.text for c in row.cells] for row in body_table.rows] == [
        ["STT", "Mục", "Số nhiệm vụ"],
        ["1", "Tuyên truyền", "5"],
        ["2", "Dân vận chính quyền", "7"],
        ["", "Tổng cộng", "12"],
    ]


def test_docx_fonts_sizes_and_a4_margins():
    document = Document(io.BytesIO(render_docx(sample())))
    section = document.sections[0]
    mm = [
        round(v.mm)
        for v in (
            section.page_width,
            section.page_height,
            section.top_margin,
            section.bottom_margin,
            section.left_margin,
            section.right_margin,
        )
    ]
    assert mm == [210, 297, 25, 25, 35, 15]
    assert section.different_first_page_header_footer  # no page number on page 1
    runs = [r for p in document.paragraphs for r in p.runs]
    runs += [
        r for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs
    ]
    assert runs and {r.font.name for r in runs} == {"Times New Roman"}
    sizes = {r.font.size for r in runs}
    assert sizes <= {Pt(12), Pt(13), Pt(14)}
    body = [r for p in document.paragraphs for r in p.runs]
    assert {r.font.size for r in body} == {Pt(14)}
    heading = next(p for p in document.paragraphs if p.text == "I. KẾT QUẢ ĐẠT ĐƯỢC")
    assert heading.runs[0].bold
    paragraph = next(p for p in document.paragraphs if p.text.startswith("Đã tổ chức"))
    assert round(paragraph.paragraph_format.first_line_indent.mm, 1) == 12.7


def test_draft_number_left_blank_and_marked():
    document = Document(io.BytesIO(render_docx(sample(number="", draft=True, issued_on=None))))
    left, right = document.tables[0].rows[0].cells
    assert cell_text(left)[-1] == "Số       -BC/TU"
    assert cell_text(right)[-1].startswith("Đồng Nai, ngày ")
    assert document.paragraphs[0].text == "DỰ THẢO"


def test_pdf_is_a4_embeds_the_vietnamese_font_and_every_page_has_ink(tmp_path: Path):
    long = sample(blocks=sample().blocks * 25)
    pdf = render_pdf(long)
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 2
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    text = reader.pages[0].extract_text()
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "Số 07-BC/TU" in text
    (tmp_path / "r.pdf").write_bytes(pdf)
    fonts = subprocess.run(["pdffonts", str(tmp_path / "r.pdf")], capture_output=True, text=True).stdout
    assert "DanvanSerif" in fonts  # Liberation Serif 2 (Vietnamese glyphs), not a fallback
    assert_pages_have_ink(pdf, tmp_path)


def assert_pages_have_ink(pdf: bytes, tmp_path: Path) -> None:
    """Render every page to PNG with pdftoppm and check each has dark pixels."""
    source = tmp_path / "doc.pdf"
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "30", "-gray", str(source), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.pgm"))
    assert len(pages) == len(PdfReader(io.BytesIO(pdf)).pages)
    for page in pages:
        assert dark_pixels(page.read_bytes()) > 50, page.name


def dark_pixels(pgm: bytes) -> int:
    """Count pixels darker than mid-grey in a binary PGM (P5) image, without an imaging library."""
    parts, index = [], 0
    while len(parts) < 4:
        while pgm[index : index + 1].isspace():
            index += 1
        if pgm[index : index + 1] == b"#":
            index = pgm.index(b"\n", index) + 1
            continue
        end = index
        while not pgm[end : end + 1].isspace():
            end += 1
        parts.append(pgm[index:end])
        index = end
    pixels = pgm[index + 1 :]
    return sum(1 for value in pixels if value < 128)
