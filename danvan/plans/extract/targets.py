# ruff: noqa: E501  (regular expressions, lexicons and sample text read better on one line)
"""Indicators with numbers ("trên 80% cơ quan, đơn vị thực hiện đạt tiêu chí Dân vận khéo")."""

import re

from .types import TargetRec

_CMP = [
    ("không vượt quá", "<="),
    ("không quá", "<="),
    ("tối đa", "<="),
    ("không dưới", ">="),
    ("không thấp hơn", ">="),
    ("ít nhất", ">="),
    ("tối thiểu", ">="),
    ("từ", ">="),
    ("đạt", ">="),
    ("trên", ">"),
    ("hơn", ">"),
    ("vượt", ">"),
    ("dưới", "<"),
    ("ít hơn", "<"),
    ("bằng", "="),
]
_CMP_ALT = "|".join(re.escape(c) for c, _ in _CMP)
_TARGET = re.compile(
    rf"(?:(?P<cmp>{_CMP_ALT})\s+)?(?P<value>\d{{1,3}}(?:[.,]\d+)?)\s*(?P<unit>%|phần trăm)\s*(?:số\s+)?(?P<subject>[^;.]+)",
    re.I,
)


def read_targets(clean: str, blocks: list[tuple[int, int, str | None]], section_at=None) -> list[TargetRec]:
    targets = []
    for start, end, section in blocks:
        text = clean[start:end].replace("\n", " ")
        block_annual = bool(re.search(r"(?:hàng|hằng|mỗi) năm", text, re.I))
        for m in _TARGET.finditer(text):
            cmp_word = (m.group("cmp") or "").lower()
            comparator = dict(_CMP).get(cmp_word, "=" if m.group("value") == "100" else ">=")
            clause_start = max(text.rfind(";", 0, m.start()), text.rfind(".", 0, m.start())) + 1
            clause = text[clause_start : m.end()]
            period = "annual" if block_annual else "once"
            if re.search(r"đến (?:năm|cuối)", clause, re.I):
                period = "once"
            subject = " ".join(m.group("subject").split()).strip(" ,")
            targets.append(
                TargetRec(
                    text=" ".join(text[m.start() : m.end()].split()),
                    subject=subject,
                    comparator=comparator,
                    value=m.group("value").replace(",", "."),
                    unit="%",
                    period=period,
                    section=section,
                    start=start + m.start(),
                    end=start + m.end(),
                )
            )
    return targets
