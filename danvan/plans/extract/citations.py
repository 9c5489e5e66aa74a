# ruff: noqa: E501  (regular expressions, lexicons and sample text read better on one line)
"""Cited documents: "Nghị quyết số 25-NQ/TW ngày 03/6/2013 của Ban Chấp hành Trung ương Đảng (khóa XI) về …",
"Chỉ thị số 16/CT-TTg ngày 16/5/2016", "Quyết định số 217, 218-QĐ/TW" (two documents), "Luật Tiếp công dân"."""

import bisect
import re
from datetime import date

from .types import CitationRec

TYPES = {
    "nghị quyết": "resolution",
    "chỉ thị": "directive",
    "kết luận": "conclusion",
    "thông báo kết luận": "notice",
    "quyết định": "decision",
    "quy định": "regulation",
    "kế hoạch": "plan",
    "chương trình hành động": "programme",
    "chương trình": "programme",
    "thông báo": "notice",
    "hướng dẫn": "guidance",
    "thông tư": "circular",
    "thông tri": "guidance",
    "nghị định": "decree",
    "luật": "law",
    "pháp lệnh": "ordinance",
    "công văn": "dispatch",
    "báo cáo": "report",
    "đề án": "programme",
    "quy chế": "regulation",
}
_TYPE_ALT = "|".join(sorted((re.escape(t) for t in TYPES), key=len, reverse=True))
_SYMBOL_TAIL = r"[A-ZĐ][A-Za-zĐđ0-9]*(?:[/-][A-ZĐa-zđ0-9]+)*"
# Party style "25-NQ/TW", state style "16/CT-TTg", "30/2020/NĐ-CP", "1194/NQ-UBTVQH15".
_SYMBOL = rf"(?:\d{{1,5}}(?:/\d{{4}})?[-/]{_SYMBOL_TAIL})"
_NUMBERS = r"\d{1,5}(?:\s*(?:,|và)\s*\d{1,5})*"
_CITE = re.compile(
    rf"(?<![\wÀ-ỹ])(?P<type>{_TYPE_ALT})(?:\s+liên tịch)?\s+(?:số\s*:?\s*)?"
    rf"(?P<num>(?:{_NUMBERS})\s*[-/]\s*{_SYMBOL_TAIL}|{_SYMBOL})"
    rf"(?P<more>(?:\s*(?:,|và)\s*{_SYMBOL})*)",
    re.I,
)
_LAW = re.compile(
    r"(?<![\wÀ-ỹ])(?P<type>Luật|Pháp lệnh|Bộ luật)\s+(?P<name>(?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*)(?:\s+(?:[a-zđà-ỹ]+|[A-ZĐÀ-Ỹ][\wÀ-ỹ]*)){0,8}?)(?=\s*(?:[,;.)]|$| và | năm | số | của | về | ngày | để | nhằm | trong ))"
)
_DATE = re.compile(r"^\s*,?\s*ngày\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})")
_DATE_WORDS = re.compile(r"^\s*,?\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")
_ISSUER = re.compile(
    r"^\s*,?\s*của\s+(?P<issuer>[A-ZĐÀ-Ỹ][^;.“\"\n]{2,120}?)(?=\s*(?:\(khóa|\(khoá|về\b|[;.“\"\n]|,\s|$| thực hiện| cụ thể| và (?i:"
    + _TYPE_ALT
    + r")\b| và (?=[a-zđà-ỹ])| về | nhằm | để | theo | tại | trong | đối với | trên | ở ))"
)
_TERM = re.compile(r"^\s*\((khóa|khoá)\s+([IVXLC]+)\)", re.I)
_TITLE = re.compile(
    r"^\s*,?\s*về\s+(?:việc\s+)?(?P<title>“[^”]{3,300}”|\"[^\"]{3,300}\"|[^;.“\"]{3,200}?(?=\s*[;.]|$|,\s| và (?i:"
    + _TYPE_ALT
    + r")\b))"
)

ISSUER_BY_CODE = {
    "TW": "Trung ương",
    "TU": "Tỉnh ủy",
    "HU": "Huyện ủy",
    "ĐU": "Đảng ủy",
    "TTg": "Thủ tướng Chính phủ",
    "CP": "Chính phủ",
    "UBND": "Ủy ban nhân dân",
    "QH": "Quốc hội",
    "UBTVQH": "Ủy ban Thường vụ Quốc hội",
    "BDVTW": "Ban Dân vận Trung ương",
    "BDVTU": "Ban Dân vận Tỉnh ủy",
    "VPTW": "Văn phòng Trung ương Đảng",
    "BTCTW": "Ban Tổ chức Trung ương",
    "MTTW": "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam",
}


def _symbols(num: str, more: str) -> list[tuple[str, str]]:
    """'217, 218-QĐ/TW' → [('217', '217-QĐ/TW'), ('218', '218-QĐ/TW')]."""
    compact = re.sub(r"\s+", "", num)
    out = []
    m = re.match(r"^((?:\d+(?:,|và))*)(\d+)([-/].*)$", compact)
    if m:
        tail = m.group(3)
        numbers = [n for n in re.split(r",|và", m.group(1)) if n] + [m.group(2)]
        if re.match(r"^/\d{4}", tail):  # 30/2020/NĐ-CP: the year belongs to the symbol
            numbers = [numbers[-1]] if len(numbers) == 1 else numbers
        for n in numbers:
            out.append((n, f"{n}{tail}"))
    else:
        out.append((compact.split("-")[0].split("/")[0], compact))
    for extra in re.findall(_SYMBOL, more or ""):
        out.append((re.split(r"[-/]", extra)[0], extra))
    return out


def _issuer_from_symbol(symbol: str) -> str:
    code = re.split(r"[/-]", symbol)[-1]
    code = re.sub(r"\d+$", "", code)
    return ISSUER_BY_CODE.get(code, "")


def read_citations(text: str, start: int = 0, end: int | None = None) -> list[CitationRec]:
    end = len(text) if end is None else end
    found: list[CitationRec] = []
    for m in _CITE.finditer(text, start, end):
        after = m.end()
        issued = None
        tail = text[after : after + 400]
        consumed = 0
        dm = _DATE.match(tail) or _DATE_WORDS.match(tail)
        if dm:
            try:
                issued = date(int(dm.group(3)), int(dm.group(2)), int(dm.group(1)))
            except ValueError:
                issued = None
            consumed = dm.end()
        issuer = ""
        im = _ISSUER.match(tail[consumed:])
        if im:
            issuer = im.group("issuer").strip(" ,")
            consumed += im.end()
        tm = _TERM.match(tail[consumed:])
        if tm:
            issuer = f"{issuer} (khóa {tm.group(2).upper()})" if issuer else issuer
            consumed += tm.end()
        title = ""
        ttm = _TITLE.match(tail[consumed:])
        if ttm:
            title = ttm.group("title").strip(' “”"')
            consumed += ttm.end()
        type_label = m.group("type")
        doc_type = TYPES[type_label.lower()]
        for number, symbol in _symbols(m.group("num"), m.group("more")):
            found.append(
                CitationRec(
                    doc_type=doc_type,
                    type_label=type_label[:1].upper() + type_label[1:].lower(),
                    number=number,
                    symbol=symbol,
                    issued_on=issued,
                    issuer=issuer or _issuer_from_symbol(symbol),
                    title=title,
                    text=text[m.start() : after + consumed].strip(),
                    start=m.start(),
                    end=after + consumed,
                )
            )
    covered = [(c.start, c.end) for c in found]
    cover_starts = [c[0] for c in covered]
    for m in _LAW.finditer(text, start, end):
        k = bisect.bisect_right(cover_starts, m.start()) - 1
        if k >= 0 and covered[k][0] <= m.start() < covered[k][1]:
            continue
        name = m.group("name").strip()
        if name.split()[0].lower() in {"số", "sửa", "này", "và"}:
            continue
        doc_type = TYPES[m.group("type").lower()] if m.group("type").lower() in TYPES else "law"
        found.append(
            CitationRec(
                doc_type=doc_type,
                type_label=m.group("type"),
                number="",
                symbol="",
                issued_on=None,
                issuer="Quốc hội",
                title=name,
                text=m.group(0).strip(),
                start=m.start(),
                end=m.end(),
            )
        )
    found.sort(key=lambda c: c.start)
    return found
