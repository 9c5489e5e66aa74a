"""Party-format documents (thể thức văn bản của Đảng): one structure, rendered to DOCX, HTML and PDF.

The layout follows Hướng dẫn 36-HD/VPTW as summarised in ../shared/domain.md §4.2, with the
figures HD 36 does not pin down taken from Phụ lục I of NĐ 30/2020 (§4.1):

- header: issuing body (parent body in regular caps, issuer in bold caps, a star below, then
  "Số 12-BC/BDVTU") on the left; "ĐẢNG CỘNG SẢN VIỆT NAM" (bold, underlined) and the italic place
  and date line ("Đồng Nai, ngày 05 tháng 01 năm 2025") on the right;
- document type name ("BÁO CÁO") and summary (trích yếu) in bold, centred;
- body in Times New Roman 14 pt, justified, first-line indent 1.27 cm, 6 pt after paragraphs;
  tables in 13 pt;
- "Nơi nhận:" and recipients bottom left; signing authority ("T/M BAN THƯỜNG VỤ"), title and
  name bottom right;
- A4 with the Party handbook's margins (25 mm top and bottom, 35 mm left, 15 mm right) — HD 36's
  own figures were not confirmed, so they are constants here and nowhere else;
- page numbers centred in the top margin, not on the first page.

The PDF is drawn by WeasyPrint from HTML. Times New Roman is not free; Liberation Serif has the
same metrics and (in version 2, Debian's fonts-liberation2) every Vietnamese glyph, so the PDF names
it through @font-face on the version-2 files; the DOCX names Times New Roman, which Word has.
"""

from __future__ import annotations

import atexit
import io
import logging
import os
from dataclasses import dataclass, field
from datetime import date
from html import escape

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 13
RECIPIENT_PT = 12
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 25, "bottom": 25, "left": 35, "right": 15}
FIRST_LINE_INDENT_MM = 12.7
# WeasyPrint logs every parsing and layout step at INFO, its own stylesheets already at import time;
# the command line and the worker need none of it.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
# Liberation Serif 2.x (fonts-liberation2) carries the Vietnamese glyphs; 1.x does not.
FONT_DIR = os.environ.get("DANVAN_REPORT_FONT_DIR", "/usr/share/fonts/truetype/liberation2")


@dataclass
class Heading:
    text: str
    level: int = 1  # 1 = "I. KẾT QUẢ" (bold caps), 2 = "1. ..." (bold), 3 = "a) ..." (bold italic)


@dataclass
class Paragraph:
    text: str
    italic: bool = False
    bold: bool = False
    indent: bool = True


@dataclass
class Table:
    columns: list[str]
    rows: list[list[object]]
    widths_mm: list[float] | None = None
    numeric: set[int] = field(default_factory=set)  # column indexes aligned to the centre
    total: list[object] | None = None  # a bold last row


Block = Heading | Paragraph | Table


@dataclass
class PartyDocument:
    """Everything a Party document shows, in reading order."""

    issuer: str  # "BAN DÂN VẬN" or "TỈNH ỦY ĐỒNG NAI"
    doc_type: str  # "BÁO CÁO"
    summary: str  # trích yếu: "kết quả thực hiện Kế hoạch số 31-KH/TU năm 2024"
    symbol: str  # "BC/BDVTU" — the number goes before it: "Số 12-BC/BDVTU"
    place: str  # "Đồng Nai"
    issued_on: date | None
    parent_issuer: str = ""  # "TỈNH ỦY ĐỒNG NAI" when a board issues
    number: str = ""  # blank in a draft: the clerk writes it in when the document is issued
    blocks: list[Block] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    authority: str = ""  # "T/M BAN THƯỜNG VỤ", "K/T TRƯỞNG BAN"
    signer_title: str = ""  # "PHÓ BÍ THƯ"
    signer_name: str = ""
    draft: bool = False

    @property
    def number_line(self) -> str:
        number = self.number.strip()
        if number.isdigit() and len(number) == 1:
            number = f"0{number}"
        return f"Số {number or ' ' * 6}-{self.symbol}"

    @property
    def date_line(self) -> str:
        return date_line(self.place, self.issued_on)


def date_line(place: str, day: date | None) -> str:
    """'Đồng Nai, ngày 05 tháng 01 năm 2025': day < 10 and months 1-2 get a leading zero."""
    if day is None:
        return f"{place}, ngày      tháng      năm     "
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    return str(value)


# --------------------------------------------------------------------------------------------- DOCX


def _set_run(run, *, size: float = BODY_PT, bold=False, italic=False, underline=False) -> None:
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    run.font.underline = underline
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def _para(
    container,
    text: str = "",
    *,
    align=WD_ALIGN_PARAGRAPH.LEFT,
    size: float = BODY_PT,
    bold=False,
    italic=False,
    underline=False,
    indent=False,
    after: float = 0,
    before: float = 0,
):
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.space_after = Pt(after)
    fmt.space_before = Pt(before)
    if indent:
        fmt.first_line_indent = Mm(FIRST_LINE_INDENT_MM)
    if text:
        _set_run(paragraph.add_run(text), size=size, bold=bold, italic=italic, underline=underline)
    return paragraph


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _first_cell_paragraph(cell):
    """A new cell has one empty paragraph: use it for the first line instead of leaving a gap."""
    return cell.paragraphs[0]


def _cell_lines(cell, lines: list[tuple[str, dict]]) -> None:
    for index, (text, style) in enumerate(lines):
        align = style.pop("align", WD_ALIGN_PARAGRAPH.CENTER)
        if index == 0:
            paragraph = _first_cell_paragraph(cell)
            paragraph.alignment = align
            if text:
                _set_run(paragraph.add_run(text), **style)
        else:
            _para(cell, text, align=align, **style)


def _page_number_header(section) -> None:
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    _set_run(run, size=BODY_PT)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._element.append(element)


def _grid_table(document, block: Table) -> None:
    """A bordered table; all rows are created in one call (python-docx's add_row is slow on long lists)."""
    columns = len(block.columns)
    body = list(block.rows) + ([block.total] if block.total else [])
    table = document.add_table(rows=1 + len(body), cols=columns)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = [Mm(w) for w in block.widths_mm] if block.widths_mm else None
    for row_index, row in enumerate(table.rows):
        cells = row.cells
        values = block.columns if row_index == 0 else body[row_index - 1]
        is_total = block.total is not None and row_index == len(body)
        for index in range(columns):
            if row_index == 0 or index in block.numeric:
                align = WD_ALIGN_PARAGRAPH.CENTER
            else:
                align = WD_ALIGN_PARAGRAPH.LEFT
            text = _cell_text(values[index] if index < len(values) else "")
            paragraph = cells[index].paragraphs[0]
            paragraph.alignment = align
            if text:
                _set_run(paragraph.add_run(text), size=TABLE_PT, bold=row_index == 0 or is_total)
            if widths:
                cells[index].width = widths[index]


def render_docx(doc: PartyDocument) -> bytes:
    """The document as a .docx file (python-docx)."""
    document = new_docx()
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    _page_number_header(section)

    header = document.add_table(rows=1, cols=2)
    _no_borders(header)
    left, right = header.rows[0].cells
    left.width, right.width = Mm(70), Mm(90)
    left_lines: list[tuple[str, dict]] = []
    if doc.parent_issuer:
        left_lines.append((doc.parent_issuer.upper(), {"size": BODY_PT}))
    left_lines += [
        (doc.issuer.upper(), {"size": BODY_PT, "bold": True}),
        ("*", {"size": BODY_PT}),
        (doc.number_line, {"size": BODY_PT}),
    ]
    _cell_lines(left, left_lines)
    _cell_lines(
        right,
        [
            ("ĐẢNG CỘNG SẢN VIỆT NAM", {"size": BODY_PT, "bold": True, "underline": True}),
            ("", {"size": BODY_PT}),
            (doc.date_line, {"size": BODY_PT, "italic": True}),
        ],
    )
    if doc.draft:
        _para(document, "DỰ THẢO", align=WD_ALIGN_PARAGRAPH.RIGHT, bold=True, before=6)
    _para(document, doc.doc_type.upper(), align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, before=18)
    _para(document, doc.summary, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
    _para(document, "-----", align=WD_ALIGN_PARAGRAPH.CENTER, after=12)

    for block in doc.blocks:
        if isinstance(block, Heading):
            _para(
                document,
                block.text,
                align=WD_ALIGN_PARAGRAPH.JUSTIFY,
                bold=True,
                italic=block.level >= 3,
                indent=True,
                before=6,
                after=6,
            )
        elif isinstance(block, Paragraph):
            for line in block.text.splitlines() or [""]:
                if line.strip():
                    _para(
                        document,
                        line.strip(),
                        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
                        bold=block.bold,
                        italic=block.italic,
                        indent=block.indent,
                        after=6,
                    )
        elif isinstance(block, Table):
            _grid_table(document, block)
            _para(document, "", after=6)

    closing = document.add_table(rows=1, cols=2)
    _no_borders(closing)
    left, right = closing.rows[0].cells
    left.width, right.width = Mm(80), Mm(80)
    recipient_lines: list[tuple[str, dict]] = [
        ("Nơi nhận:", {"size": BODY_PT, "underline": True, "align": WD_ALIGN_PARAGRAPH.LEFT})
    ]
    recipient_lines += [
        (f"- {r}", {"size": RECIPIENT_PT, "align": WD_ALIGN_PARAGRAPH.LEFT}) for r in doc.recipients
    ]
    _cell_lines(left, recipient_lines)
    signature = [
        (line, {"size": BODY_PT, "bold": True}) for line in (doc.authority, doc.signer_title) if line
    ]
    signature += [("", {"size": BODY_PT})] * 3 + [(doc.signer_name, {"size": BODY_PT, "bold": True})]
    _cell_lines(right, signature)

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --------------------------------------------------------------------------------------------- HTML/PDF


def _font_faces() -> str:
    return "".join(
        f"@font-face {{ font-family: 'DanvanSerif'; src: url('file://{FONT_DIR}/LiberationSerif-{name}.ttf');"
        f" font-weight: {weight}; font-style: {style}; }}\n"
        for name, weight, style in (
            ("Regular", "normal", "normal"),
            ("Bold", "bold", "normal"),
            ("Italic", "normal", "italic"),
            ("BoldItalic", "bold", "italic"),
        )
    )


def _css() -> str:
    """The print stylesheet. One class per kind of element and no descendant selectors: WeasyPrint
    matches every selector against every element, and the body can hold thousands of them."""
    m = MARGINS_MM
    return f"""
@page {{ size: A4; margin: {m["top"]}mm {m["right"]}mm {m["bottom"]}mm {m["left"]}mm;
  @top-center {{ content: counter(page); font-family: 'DanvanSerif', serif; font-size: {BODY_PT}pt; }} }}
@page :first {{ @top-center {{ content: none; }} }}
body {{ font-family: 'DanvanSerif', 'Liberation Serif', '{FONT}', serif; font-size: {BODY_PT}pt;
  line-height: 1.25; color: #000; margin: 0; }}
p, h1, h2, h3, h4, ul {{ margin: 0; }}
.frame {{ width: 100%; border-collapse: collapse; table-layout: fixed; }}
.cell {{ vertical-align: top; text-align: center; padding: 0; }}
.blank {{ white-space: pre; }}
.party {{ font-weight: bold; text-decoration: underline; }}
.dateline {{ font-style: italic; margin-top: 0.6em; }}
.draftmark {{ text-align: right; font-weight: bold; }}
.type {{ font-size: {BODY_PT}pt; text-align: center; margin-top: 1.2em; }}
.summary {{ font-weight: bold; text-align: center; }}
.rule {{ text-align: center; margin-bottom: 0.8em; }}
.h {{ font-size: {BODY_PT}pt; font-weight: bold; margin: 6pt 0; text-indent: {FIRST_LINE_INDENT_MM}mm; }}
.h3 {{ font-style: italic; }}
.p {{ text-align: justify; margin-bottom: 6pt; }}
.indent {{ text-indent: {FIRST_LINE_INDENT_MM}mm; }}
.i {{ font-style: italic; }}
.b {{ font-weight: bold; }}
.grid {{ width: 100%; border-collapse: collapse; table-layout: fixed; font-size: {TABLE_PT}pt;
  margin-bottom: 8pt; }}
.td {{ border: 0.5pt solid #000; padding: 2pt 3pt; vertical-align: top; }}
.th {{ border: 0.5pt solid #000; padding: 2pt 3pt; vertical-align: top; text-align: center; }}
.num {{ text-align: center; }}
.total {{ font-weight: bold; }}
.closing {{ margin-top: 12pt; page-break-inside: avoid; }}
.recipients {{ text-align: left; }}
.label {{ text-decoration: underline; }}
.list {{ list-style: none; padding: 0; font-size: {RECIPIENT_PT}pt; }}
.sign {{ font-weight: bold; }}
.space {{ height: 3.2em; }}
"""


def render_html(doc: PartyDocument, *, inline_css: bool = True) -> str:
    """The document as a standalone HTML page (the PDF's source, and the on-screen preview).

    `inline_css=False` leaves the stylesheet out, for render_pdf, which passes its parsed copy."""
    e = escape
    parts = [f"<!doctype html><html lang='vi'><head><meta charset='utf-8'><title>{e(doc.summary)}</title>"]
    if inline_css:
        parts.append(f"<style>{_font_faces()}{_css()}</style>")
    parts.append("</head><body><table class='frame'><col style='width:42%'><col><tr><td class='cell'>")
    if doc.parent_issuer:
        parts.append(f"<div>{e(doc.parent_issuer.upper())}</div>")
    parts.append(
        f"<div class='b'>{e(doc.issuer.upper())}</div><div>*</div>"
        f"<div class='blank'>{e(doc.number_line)}</div></td>"
    )
    parts.append(
        "<td class='cell'><div class='party'>ĐẢNG CỘNG SẢN VIỆT NAM</div>"
        f"<div class='dateline blank'>{e(doc.date_line)}</div>"
        "</td></tr></table>"
    )
    if doc.draft:
        parts.append("<p class='draftmark'>DỰ THẢO</p>")
    parts.append(
        f"<h1 class='type'>{e(doc.doc_type.upper())}</h1><p class='summary'>{e(doc.summary)}</p>"
        "<p class='rule'>-----</p>"
    )
    for block in doc.blocks:
        if isinstance(block, Heading):
            tag = {1: "h2", 2: "h3"}.get(block.level, "h4")
            css = "h h3" if block.level >= 3 else "h"
            parts.append(f"<{tag} class='{css}'>{e(block.text)}</{tag}>")
        elif isinstance(block, Paragraph):
            css = "p" + (" indent" if block.indent else "") + (" i" if block.italic else "")
            css += " b" if block.bold else ""
            for line in block.text.splitlines():
                if line.strip():
                    parts.append(f"<p class='{css}'>{e(line.strip())}</p>")
        elif isinstance(block, Table):
            parts.append("<table class='grid'>")
            widths = block.widths_mm or []
            if widths:
                parts.append("".join(f"<col style='width:{w}mm'>" for w in widths))
            parts.append("<thead><tr>")
            parts.append("".join(f"<th class='th'>{e(column)}</th>" for column in block.columns))
            parts.append("</tr></thead><tbody>")
            rows = [(r, "") for r in block.rows] + ([(block.total, " class='total'")] if block.total else [])
            for values, css in rows:
                cells = "".join(
                    f"<td class='td{' num' if i in block.numeric else ''}'>{e(_cell_text(v))}</td>"
                    for i, v in enumerate(values)
                )
                parts.append(f"<tr{css}>{cells}</tr>")
            parts.append("</tbody></table>")
    recipients = "".join(f"<li>- {e(r)}</li>" for r in doc.recipients)
    lines = (doc.authority, doc.signer_title)
    signature = "".join(f"<p class='sign'>{e(line)}</p>" for line in lines if line)
    parts.append(
        "<table class='frame closing'><tr><td class='cell recipients'><div class='label'>Nơi nhận:</div>"
        f"<ul class='list'>{recipients}</ul></td><td class='cell'>{signature}<div class='space'></div>"
        f"<p class='sign'>{e(doc.signer_name)}</p></td></tr></table></body></html>"
    )
    return "".join(parts)


_PRINT: dict = {}
# Drop the cached font configuration before the interpreter tears down the modules its __del__ needs.
atexit.register(_PRINT.clear)


def _print_setup():
    """The font configuration and the parsed stylesheet, made once per process and reused: WeasyPrint
    would otherwise register the four font files and parse the stylesheet again for every PDF."""
    if not _PRINT:
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        fonts = FontConfiguration()
        _PRINT["fonts"] = fonts
        _PRINT["css"] = CSS(string=_font_faces() + _css(), font_config=fonts)
    return _PRINT["fonts"], _PRINT["css"]


def render_pdf(doc: PartyDocument) -> bytes:
    """The document as PDF, through WeasyPrint (imported here: it loads pango on first use)."""
    from weasyprint import HTML

    fonts, css = _print_setup()
    html = HTML(string=render_html(doc, inline_css=False), base_url="/")
    return html.write_pdf(stylesheets=[css], font_config=fonts)
