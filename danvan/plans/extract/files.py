"""Reading plan files: .txt/.md, .docx (paragraphs and tables, in document order), .pdf with a text layer.

Errors are raised as ReadError with a code; the caller turns them into a message (in Vietnamese) that
names the file and says what to fix. Nothing here touches the database.
"""

from __future__ import annotations

import io
import os
import re
import zipfile

SUPPORTED = (".txt", ".md", ".docx", ".pdf")
MAX_BYTES = 20 * 1024 * 1024


class ReadError(Exception):
    """code: empty, unreadable, wrong_type, scanned, too_large."""

    def __init__(self, code: str, name: str, detail: str = ""):
        super().__init__(f"{code}: {name} {detail}".strip())
        self.code, self.name, self.detail = code, name, detail


def read_bytes(data: bytes, name: str) -> str:
    """Return the text of a plan document given as bytes; raise ReadError when it cannot be read."""
    ext = os.path.splitext(name.lower())[1]
    if not data or not data.strip():
        raise ReadError("empty", name)
    if len(data) > MAX_BYTES:
        raise ReadError("too_large", name)
    if ext in (".txt", ".md"):
        text = _decode(data, name)
    elif ext == ".docx":
        text = _docx(data, name)
    elif ext == ".pdf":
        text = _pdf(data, name)
    else:
        raise ReadError("wrong_type", name, ext)
    if not text.strip():
        raise ReadError("scanned" if ext == ".pdf" else "empty", name)
    return text


def read_path(path: str) -> str:
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as error:
        raise ReadError("unreadable", os.path.basename(path), str(error)) from error
    return read_bytes(data, os.path.basename(path))


def _decode(data: bytes, name: str) -> str:
    if (
        data.startswith(b"%PDF")
        or data.startswith(b"PK\x03\x04")
        or b"\x00" in data[:4000]
        and not data.startswith((b"\xff\xfe", b"\xfe\xff"))
    ):
        raise ReadError("wrong_type", name, "binary")
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            text = data.decode(encoding)
            if encoding == "utf-16" and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
                continue
            return text.replace("\r\n", "\n").replace("\r", "\n")
        except UnicodeDecodeError:
            continue
    try:
        return data.decode("cp1258").replace("\r\n", "\n")
    except UnicodeDecodeError as error:
        raise ReadError("unreadable", name, "encoding") from error


def _docx(data: bytes, name: str) -> str:
    try:
        import docx  # python-docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, Exception) as error:  # noqa: B014 python-docx raises many
        raise ReadError("unreadable", name, type(error).__name__) from error
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = Paragraph(child, document).text
            lines.append(text.replace("\n", " ").strip())
            lines.append("")
        elif tag == "tbl":
            table = Table(child, document)
            for row in table.rows:
                cells, previous = [], None
                for cell in row.cells:
                    if previous is not None and cell._tc is previous:  # merged cell repeated by python-docx
                        continue
                    previous = cell._tc
                    cells.append(" ".join(cell.text.split()).replace("|", "/"))
                lines.append("| " + " | ".join(cells) + " |")
            lines.append("")
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def _pdf(data: bytes, name: str) -> str:
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception as error:  # noqa: BLE001
                raise ReadError("unreadable", name, "encrypted") from error
        page_lines = [_pdf_lines(page) for page in reader.pages]
        gaps = sorted(
            round(abs(a[0] - b[0]), 1)
            for lines in page_lines
            for a, b in zip(lines, lines[1:], strict=False)
            if abs(a[0] - b[0]) > 0.5
        )
        usual = gaps[len(gaps) // 4] if gaps else 12.0  # the line pitch: most gaps are inside paragraphs
        pages = [
            _pdf_page(lines, usual) if lines else (page.extract_text() or "")
            for page, lines in zip(reader.pages, page_lines, strict=True)
        ]
    except ReadError:
        raise
    except Exception as error:  # noqa: BLE001  (pypdf raises many kinds of errors on broken files)
        raise ReadError("unreadable", name, type(error).__name__) from error
    text = "\n\n".join(p for p in pages if p.strip())
    if len(re.sub(r"\s", "", text)) < 20:
        raise ReadError("scanned", name)
    return text


def _pdf_lines(page) -> list[list]:
    """[y, x, text] of each line of a page, from pypdf's text visitor."""
    lines: list[list] = []

    def visitor(text, cm, tm, font_dict, font_size):
        if not text:
            return
        x, y = tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]
        for i, part in enumerate(text.split("\n")):
            if lines and i == 0 and abs(lines[-1][0] - y) < 2:
                lines[-1][2] += part
            elif part.strip() or i == 0:
                lines.append([y - i * (font_size or 10), x, part])

    page.extract_text(visitor_text=visitor)
    return [line for line in lines if line[2].strip()]


def _pdf_page(lines: list[list], usual: float) -> str:
    """Page text with a blank line where the vertical gap or the indentation says a paragraph starts."""
    left = min(line[1] for line in lines)
    paragraphs: list[list[str]] = []
    for index, (y, x, text) in enumerate(lines):
        gap = abs(lines[index - 1][0] - y) if index else 0
        if not paragraphs or gap > usual * 1.35 or x > left + 8:
            paragraphs.append([])
        paragraphs[-1].append(" ".join(text.split()))
    # Lines of one paragraph are joined: a PDF breaks lines where the page is full, not where a sentence ends.
    return "\n\n".join(" ".join(p) for p in paragraphs)
