# ruff: noqa: E501  (regular expressions, lexicons and sample text read better on one line)
"""Deadline and recurrence of a task, normalized.

"Thực hiện hàng năm" / "định kỳ hàng năm" → annual; "Hoàn thành trong quý II/2021" → once, due
2021-06-30; month/year and exact dates → once; "thường xuyên" → ongoing; a deadline tied to an event
("sau khi Nghị định … được ban hành") → once without a date, flagged for review; nothing → ongoing.
"""

import calendar
import re
from datetime import date

from .types import Deadline

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}

# A sentence that states when (the usual closing sentence of an assignment).
_LEAD_IN = (
    r"(?:(?:thời gian|thời hạn)(?:\s+(?:thực hiện|hoàn thành|triển khai|sơ kết|tổng kết|báo cáo|tổ chức|"
    r"trình|nộp|gửi))?\s*(?:là|:)?|hoàn thành|thực hiện|triển khai|sơ kết|tổng kết|báo cáo|tổ chức|trình|"
    r"xong|kết thúc)"
)
_QUARTER = re.compile(r"\bquý\s+(I{1,3}|IV|[1-4])\s*(?:/|năm|-)\s*(\d{4})", re.I)
_MONTH = re.compile(r"\btháng\s+(\d{1,2})\s*(?:/|năm|-)\s*(\d{4})", re.I)
_HALF = re.compile(r"\b(6 tháng đầu năm|6 tháng cuối năm)\s*(\d{4})", re.I)
_DATE = re.compile(r"\b(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\b")
_DATE_WORDS = re.compile(r"\bngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.I)
_YEAR = re.compile(r"\b(?:trong |cuối |trước |đến |vào )?năm\s+(\d{4})\b", re.I)

_DEADLINE_SENTENCE = re.compile(
    rf"(?:^|(?<=[.;:!?])\s*|(?<=\n))\s*("
    rf"{_LEAD_IN}\b[^.;\n\d]{{0,25}}?(?:quý\s+(?:I{{1,3}}|IV|[1-4])\s*(?:/|năm|-)\s*\d{{4}}|tháng\s+\d{{1,2}}\s*(?:/|năm|-)\s*\d{{4}}|"
    rf"\d{{1,2}}\s*/\s*\d{{1,2}}\s*/\s*\d{{4}}|ngày\s+\d{{1,2}}\s+tháng\s+\d{{1,2}}\s+năm\s+\d{{4}}|năm\s+\d{{4}}|"
    rf"(?:hàng|hằng) (?:năm|quý|tháng)|thường xuyên|định kỳ[^.;\n]{{0,20}})"
    rf"[^.;\n]{{0,40}})",
    re.I,
)
_ANNUAL = re.compile(
    r"(?:(?:^|[.;:]\s*|,\s*)(?:hàng|hằng) năm\b|định kỳ (?:hàng|hằng|mỗi) năm|(?:thực hiện|tổ chức|triển khai|"
    r"báo cáo) (?:hàng|hằng) năm\b|\bngày \d{1,2}/\d{1,2} (?:hàng|hằng) năm\b|"
    r"\bmỗi năm(?: một lần| 01 lần| 1 lần)?\b)",
    re.I,
)
_QUARTERLY = re.compile(r"(?:(?:hàng|hằng|mỗi) quý|định kỳ (?:hàng|hằng)? ?quý)\b", re.I)
_MONTHLY = re.compile(r"(?:(?:hàng|hằng|mỗi) tháng|định kỳ (?:hàng|hằng)? ?tháng)\b", re.I)
_ONGOING = re.compile(
    r"(?:(?:^|[.;:]\s*)thường xuyên\b|thực hiện thường xuyên|(?:thời gian|thời hạn)\s*:?\s*thường xuyên)",
    re.I,
)
_EVENT = re.compile(
    r"(?<!trước )\b((?:ngay\s+)?(?:sau khi|khi|ngay khi)\s+[^.;]{0,120}?\b(?:được\s+)?(?:ban hành|thông qua|phê duyệt|"
    r"có hiệu lực|ký ban hành|được ký|công bố|kết thúc|hoàn thành))",
    re.I,
)
_TERM_END = re.compile(r"\b(?:đến|trước)\s+(?:hết\s+)?(?:cuối\s+)?(?:nhiệm kỳ|năm)\s+(\d{4})", re.I)


_INLINE_DUE = re.compile(
    r"\b(?:trước|chậm nhất|hạn chót|không muộn hơn)\s+(?:ngày\s+)?\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}"
    r"|\b(?:hoàn thành|xong)\s+(?:trong|trước|vào)\s+(?:quý\s+(?:I{1,3}|IV|[1-4])|tháng\s+\d{1,2})\s*(?:/|năm)\s*\d{4}",
    re.I,
)


def quarter_end(quarter: int, year: int) -> date:
    month = quarter * 3
    return date(year, month, calendar.monthrange(year, month)[1])


def month_end(month: int, year: int) -> date | None:
    if not 1 <= month <= 12:
        return None
    return date(year, month, calendar.monthrange(year, month)[1])


def _safe_date(day: int, month: int, year: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_when(text: str) -> tuple[str, date | None] | None:
    """A single time expression ("quý II/2021", "Hàng năm", "30/6/2022", "Thường xuyên") → (recurrence, due)."""
    if m := _QUARTER.search(text):
        return "once", quarter_end(ROMAN[m.group(1).lower()], int(m.group(2)))
    if m := _HALF.search(text):
        year = int(m.group(2))
        return "once", date(year, 6, 30) if "đầu" in m.group(1).lower() else date(year, 12, 31)
    if m := _DATE_WORDS.search(text):
        if d := _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3))):
            return "once", d
    if m := _DATE.search(text):
        if d := _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3))):
            return "once", d
    if m := _MONTH.search(text):
        if d := month_end(int(m.group(1)), int(m.group(2))):
            return "once", d
    low = text.lower()
    if re.search(r"(?:hàng|hằng|mỗi) quý|định kỳ quý", low):
        return "quarterly", None
    if re.search(r"(?:hàng|hằng|mỗi) tháng|định kỳ tháng", low):
        return "monthly", None
    if re.search(r"(?:hàng|hằng|mỗi) năm|định kỳ", low):
        return "annual", None
    if "thường xuyên" in low or "liên tục" in low:
        return "ongoing", None
    if m := _YEAR.search(text):
        return "once", date(int(m.group(1)), 12, 31)
    return None


def deadline_sentences(text: str) -> list[tuple[int, int, str]]:
    """Explicit deadline sentences in a task text, with their offsets (relative to `text`)."""
    found = []
    for m in _DEADLINE_SENTENCE.finditer(text):
        phrase = m.group(1).strip(" .;:")
        if parse_when(phrase) is None:
            continue
        # "tổ chức các hoạt động ... hàng năm" inside a sentence is not a deadline: require it to start a sentence.
        start = m.start(1)
        before = text[:start].rstrip()
        if before and before[-1] not in ".;:!?\n":
            continue
        found.append((start, m.end(1), phrase))
    return found


def read_deadline(text: str) -> Deadline:
    """Recurrence and due date of one task text."""
    sentences = deadline_sentences(text)
    if sentences:
        _, _, phrase = sentences[-1]
        recurrence, due = parse_when(phrase)
        return Deadline(recurrence=recurrence, due=due, text=phrase)
    if m := _INLINE_DUE.search(text):
        recurrence, due = parse_when(m.group(0))
        return Deadline(recurrence=recurrence, due=due, text=m.group(0).strip())
    if m := _ANNUAL.search(text):
        return Deadline(recurrence="annual", text=m.group(0).strip(" .;:,"))
    if m := _EVENT.search(text):
        return Deadline(recurrence="once", due=None, text=m.group(1).strip(), needs_review=True)
    if m := _QUARTERLY.search(text):
        return Deadline(recurrence="quarterly", text=m.group(0).strip(" .;:,"))
    if m := _MONTHLY.search(text):
        return Deadline(recurrence="monthly", text=m.group(0).strip(" .;:,"))
    if m := _ONGOING.search(text):
        return Deadline(recurrence="ongoing", text=m.group(0).strip(" .;:,"))
    return Deadline()


def read_cell_deadline(text: str) -> Deadline:
    """A table cell such as "Quý II/2021", "Hàng năm", "Thường xuyên", "Sau khi có hướng dẫn"."""
    text = " ".join(text.split())
    if not text:
        return Deadline()
    parsed = parse_when(text)
    if parsed:
        return Deadline(recurrence=parsed[0], due=parsed[1], text=text)
    return Deadline(recurrence="once", due=None, text=text, needs_review=True)
