"""Task tables: columns such as STT / nội dung / cơ quan chủ trì / cơ quan phối hợp / thời gian hoàn thành.

Rows come as lines of cells separated by "|" (how .docx tables and Markdown tables are flattened)."""

import re
from dataclasses import dataclass, field

from . import bodies
from .text import fold

_COLUMNS = {
    "content": ("noi dung", "nhiem vu", "cong viec", "ten nhiem vu", "hoat dong", "giai phap"),
    "lead": ("chu tri", "don vi thuc hien", "co quan thuc hien", "don vi thuc hien chinh", "trach nhiem"),
    "coordinators": ("phoi hop",),
    "when": ("thoi gian", "thoi han", "tien do", "hoan thanh"),
    "number": ("stt", "tt", "so tt"),
}


@dataclass
class Row:
    start: int
    end: int
    number: str = ""
    content: str = ""
    when: str = ""
    heading: bool = False
    leads: list = field(default_factory=list)
    coordinators: list = field(default_factory=list)


def _cells(clean: str, start: int, end: int) -> list[tuple[int, int, str]]:
    out, pos = [], start
    line = clean[start:end]
    parts = line.split("|")
    for part in parts:
        cell_start = pos
        pos += len(part) + 1
        stripped = part.strip()
        if not stripped and (cell_start == start or pos > end):
            continue
        lead = len(part) - len(part.lstrip())
        out.append((cell_start + lead, cell_start + lead + len(stripped), stripped))
    if line.strip().startswith("|"):
        out = [c for c in out]
    return out


def _column_map(cells: list[tuple[int, int, str]]) -> dict[str, int] | None:
    mapping: dict[str, int] = {}
    for index, (_, _, text) in enumerate(cells):
        folded = fold(text)
        for column, words in _COLUMNS.items():
            if column in mapping:
                continue
            if column == "number" and folded.strip(". ") in words:
                mapping[column] = index
                break
            if column != "number" and any(w in folded for w in words):
                if column == "lead" and "phoi hop" in folded and "chu tri" not in folded:
                    continue
                mapping[column] = index
                break
    return mapping if "content" in mapping and ("lead" in mapping or "coordinators" in mapping) else None


def split_cell_names(text: str, base: int) -> list:
    """Names in a table cell: parsed as a list of bodies; anything else split on commas and line breaks."""
    found, _, _ = bodies.parse_names(text, 0)
    parsed_len = found[-1].end if found else 0
    if found and len(text[parsed_len:].strip(" ,;.")) < 3:
        return [bodies.Found(f.text, base + f.start, base + f.end) for f in found]
    out, pos = [], 0
    for part in re.split(r"[;,\n]|\s+và\s+", text):
        idx = text.find(part, pos)
        pos = idx + len(part)
        if part.strip():
            lead = len(part) - len(part.lstrip())
            out.append(bodies.Found(part.strip(), base + idx + lead, base + idx + lead + len(part.strip())))
    return out


def read_table_rows(clean: str, blocks) -> list[Row]:
    rows: list[Row] = []
    mapping = None
    for block in blocks:
        cells = _cells(clean, block.start, block.end)
        if not cells or all(re.fullmatch(r":?-{2,}:?", c[2]) for c in cells):
            continue
        if mapping is None:
            mapping = _column_map(cells)
            continue

        def cell(column: str, mapping=mapping, cells=cells) -> tuple[int, int, str] | None:
            index = mapping.get(column)
            return cells[index] if index is not None and index < len(cells) else None

        content = cell("content")
        number = cell("number")
        row = Row(
            start=block.start,
            end=block.end,
            number=number[2].strip(". ") if number else "",
            content=content[2] if content else "",
        )
        others = [c for k, c in ((k, cell(k)) for k in ("lead", "coordinators", "when")) if c and c[2]]
        if not others:
            row.heading = bool(row.content)
            rows.append(row)
            continue
        if (lead := cell("lead")) and lead[2]:
            row.leads = split_cell_names(lead[2], lead[0])
        if (coord := cell("coordinators")) and coord[2]:
            row.coordinators = split_cell_names(coord[2], coord[0])
        if (when := cell("when")) and when[2]:
            row.when = when[2]
        if content:
            row.start, row.end = content[0], content[1]
        rows.append(row)
    return rows
