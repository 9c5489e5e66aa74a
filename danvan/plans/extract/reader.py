# ruff: noqa: E501  (regular expressions, lexicons and sample text read better on one line)
"""The plan reader: text → metadata, section tree, targets, tasks with their assigned bodies, citations.

The rules follow the genre (Party committee, People's Committee and mass-organization plans), not one
document's wording. Each block of text (a paragraph, merged across page or line breaks) is classified as
a heading, a bullet or prose; tasks are the sentences that give work to named bodies: "Giao X chủ trì,
phối hợp với Y …", "Đề nghị X …", a body as the subject ("Ban Dân vận Tỉnh ủy tham mưu …"), rows of a task
table, and "+" sub-items under one assignment. Offsets always point into the source text.
"""

from __future__ import annotations

import bisect
import gc
import re
from dataclasses import dataclass

from . import bodies
from .citations import read_citations
from .deadlines import deadline_sentences, parse_when, read_cell_deadline, read_deadline
from .tables import read_table_rows
from .targets import read_targets
from .text import clean_for_parsing, fold, name_key, nfc
from .types import Deadline, ExtractedPlan, Name, SectionRec, TaskRec

DOC_TYPES = [
    "CHƯƠNG TRÌNH HÀNH ĐỘNG",
    "KẾ HOẠCH",
    "CHƯƠNG TRÌNH",
    "NGHỊ QUYẾT",
    "CHỈ THỊ",
    "QUYẾT ĐỊNH",
    "ĐỀ ÁN",
    "HƯỚNG DẪN",
    "KẾT LUẬN",
    "THÔNG TRI",
    "QUY CHẾ",
    "QUY ĐỊNH",
    "THÔNG BÁO",
    "CÔNG VĂN",
    "BÁO CÁO",
]
# Top-level sections that state purposes, requirements, targets or context, not assignments.
NON_TASK_SECTIONS = (
    "muc dich",
    "yeu cau",
    "muc tieu",
    "chi tieu",
    "quan diem",
    "tinh hinh",
    "ket qua",
    "can cu",
    "su can thiet",
    "danh gia",
    "phuong cham",
    "nguyen tac",
)
TARGET_SECTIONS = ("chi tieu", "muc tieu")

_ROMAN = re.compile(r"^(?P<num>[IVX]{1,5})\s*[-.–/)]\s*(?=\S)")
_ARABIC = re.compile(r"^(?P<num>\d{1,2})\s*[-.–)/]\s+(?=\S)")
_SUB = re.compile(r"^(?P<num>\d{1,2}\.\d{1,2}(?:\.\d{1,2})?)\s*[-.–)/]?\s+(?=\S)")
_LETTER = re.compile(r"^(?P<num>[a-zđ])\s*[)]\s+(?=\S)")
_BULLET = re.compile(r"^(?P<mark>[-–•+●○▪])\s*")
_END_OF_BODY = re.compile(
    r"^(?:Nơi nhận|NƠI NHẬN|Đồng kính gửi|ĐỒNG KÍNH GỬI)\s*:?|^(?:T/M|TM\.?|T\.M\.|K/T|KT\.|KT|"
    r"T/L|TL\.|TUQ\.?|Q\.)\s+[A-ZĐÀ-Ỹ]"
)
_SIGN = re.compile(r"^(?:T/M|TM\.?|T\.M\.|K/T|KT\.?|T/L|TL\.?|TUQ\.?|Q\.)\s+[A-ZĐÀ-Ỹ]")
_SENTENCE = re.compile(r"(?:(?<=[.!?])\s+|(?<=\.\.\.)\s*|(?<=…)\s*)(?=[A-ZĐÀ-Ỹ“\"])")
_OPENER = re.compile(
    r"^(?:(?:Hàng|Hằng) năm|Định kỳ[^,]{0,30}|Đồng thời|Bên cạnh đó|Ngoài ra|Theo đó|Mặt khác|Trên cơ sở[^,;.]{0,160}|"
    r"Căn cứ[^,;.]{0,160}|Sau khi[^,;.]{0,160}|Trong (?:năm|quý|thời gian|quá trình)[^,;.]{0,80}|Từ năm \d{4}[^,;.]{0,40}|"
    r"Để[^,;.]{0,120}|Nhằm[^,;.]{0,120}|Trước mắt|Cụ thể)\s*,\s*",
    re.I,
)
_ASSIGN_VERB = re.compile(
    r"^(?P<verb>giao cho|giao|đề nghị|yêu cầu|phân công|ủy quyền|uỷ quyền)\s+(?:cho\s+)?(?:từng tổ chức\s+|từng\s+)?",
    re.I,
)
_MID_GIAO = re.compile(r"[,;:]\s+(?=(?:giao|đề nghị)\s+)", re.I)
_COORD = re.compile(r"\bphối hợp(?:\s+chặt chẽ)?(?:\s+(?:với|cùng))?\s+", re.I)
_DIRECT = re.compile(r"\s*,?\s*(?:chủ trì\s*,?\s*)?(?:chỉ đạo|giao)\s+", re.I)
_EXTRA_SUBJECT_VERBS = (
    "tăng cường",
    "chỉ đạo",
    "chủ trì",
    "tham mưu",
    "theo dõi",
    "thực hiện",
    "phối hợp",
    "hướng dẫn",
    "tổ chức",
    "xây dựng",
    "tiếp tục",
    "triển khai",
    "giám sát",
)


_LABEL = re.compile(
    r"^(?P<kind>(?:cơ quan|đơn vị|bộ phận)\s+(?:chủ trì|thực hiện|phối hợp|tham mưu)(?:\s+thực hiện)?|"
    r"(?:thời gian|thời hạn|tiến độ)(?:\s+(?:thực hiện|hoàn thành|báo cáo))?)\s*:\s*(?P<value>.+)$",
    re.I,
)


@dataclass
class _Pending:
    text: str
    start: int
    end: int
    section: str | None
    task: int | None


@dataclass
class Block:
    start: int
    end: int
    text: str  # same length as source[start:end], newlines turned into spaces


def split_blocks(clean: str) -> list[Block]:
    """Paragraphs: non-empty lines, joined when a line break falls inside a sentence."""
    blocks: list[Block] = []
    for m in re.finditer(r"[^\n]+", clean):
        line = m.group(0)
        stripped = line.strip()
        if not stripped:
            continue
        start = m.start() + (len(line) - len(line.lstrip()))
        end = m.start() + len(line.rstrip())
        if blocks and _continues(blocks[-1].text, stripped):
            prev = blocks[-1]
            blocks[-1] = Block(prev.start, end, clean[prev.start : end].replace("\n", " "))
        else:
            blocks.append(Block(start, end, clean[start:end]))
    return blocks


def _continues(previous: str, line: str) -> bool:
    if "|" in line and line.count("|") >= 2:
        return False
    if (
        previous.rstrip().endswith((".", ":", ";", "!", "?", "…", "”", '"'))
        or "|" in previous[-3:]
        or previous.isupper()
    ):
        return False
    first = line[:1]
    if _LETTER.match(line) or _BULLET.match(line):
        return False
    return (
        first.islower()
        or (first.isdigit() and not _ARABIC.match(line) and not _SUB.match(line))
        or first in ",;)"
    )


def _is_roman(num: str) -> bool:
    return bool(re.fullmatch(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})", num)) and num != ""


class Reader:
    def __init__(self, text: str, name: str = ""):
        self.source = nfc(text or "")
        self.clean = clean_for_parsing(self.source)
        self.plan = ExtractedPlan(source_text=self.source, source_name=name)
        self.blocks = split_blocks(self.clean)

    # -- driver -------------------------------------------------------------------------------------
    def read(self) -> ExtractedPlan:
        body_from, body_to = self._metadata()
        self._structure(body_from, body_to)
        self.plan.targets = read_targets(self.clean, self._target_blocks(), self._section_at)
        begin = self.blocks[body_from].start if body_from < len(self.blocks) else len(self.clean)
        finish = self.blocks[body_to - 1].end if 0 < body_to <= len(self.blocks) else begin
        self.plan.citations = read_citations(self.clean, begin, max(begin, finish))
        by_start = sorted(range(len(self.plan.tasks)), key=lambda i: self.plan.tasks[i].start)
        starts = [self.plan.tasks[i].start for i in by_start]
        for index, citation in enumerate(self.plan.citations):
            # the innermost task whose span holds the citation (spans of sub-items sit inside their parent's)
            position = bisect.bisect_right(starts, citation.start) - 1
            while position >= 0:
                task = self.plan.tasks[by_start[position]]
                if task.start <= citation.start < task.end:
                    task.citations.append(index)
                    break
                if starts[position] < citation.start - 20000:
                    break
                position -= 1
        for task in self.plan.tasks:
            for n in task.names:
                n.canonical = bodies.canonical(n.text)
                n.is_group = bodies.is_group(n.text)
        return self.plan

    # -- metadata -----------------------------------------------------------------------------------
    def _metadata(self) -> tuple[int, int]:
        blocks, plan = self.blocks, self.plan
        body_to = len(blocks)
        for i, block in enumerate(blocks):
            if i > 3 and _END_OF_BODY.match(block.text.strip()):
                body_to = i
                break
        type_at = None
        for i, block in enumerate(blocks[: min(20, body_to)]):
            text = block.text.strip()
            for doc_type in DOC_TYPES:
                if text == doc_type or (text.startswith(doc_type) and text.isupper() and len(text) < 80):
                    type_at, plan.doc_type = i, doc_type
                    break
            if type_at is not None:
                break
        header = blocks[:type_at] if type_at is not None else blocks[:6]
        for block in header:
            text = block.text.strip()
            if m := re.search(r"\bSố\s*:?\s*(\d+[-/][^\s,]+)", text):
                plan.symbol = m.group(1).strip(".")
            if m := re.search(
                r"^(?P<place>[^\d,]{2,40}),\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", text
            ):
                plan.place = m.group("place").strip()
                plan.issued_on = _date(int(m.group(4)), int(m.group(3)), int(m.group(2)))
        issuer_lines = [
            b.text.strip()
            for b in header
            if b.text.strip().isupper()
            and not re.search(r"CỘNG SẢN VIỆT NAM|CỘNG HÒA|CỘNG HOÀ|ĐỘC LẬP|SỐ\s*:", b.text)
        ]
        if issuer_lines:
            name = issuer_lines[-1]
            # "ỦY BAN NHÂN DÂN" / "TỈNH BÌNH PHƯỚC": the second line is the territory of the first.
            is_place = re.match(r"(TỈNH|HUYỆN|THÀNH PHỐ|THỊ XÃ|QUẬN|XÃ|PHƯỜNG|THỊ TRẤN)\b", name)
            if len(issuer_lines) > 1 and is_place and not re.search(r"ỦY|UỶ|BAN\b|HỘI|ĐOÀN|SỞ", name):
                name = f"{issuer_lines[-2]} {name}"
            plan.issuer_name = _display_case(name)
        body_from = 0
        if type_at is not None:
            title_parts, j = [], type_at + 1
            while j < body_to and len(title_parts) < 4:
                text = blocks[j].text.strip()
                if _ROMAN.match(text) or _ARABIC.match(text) or text.endswith(":") or len(text) > 260:
                    break
                if title_parts and not (text[:1].islower() or text.isupper() or len(text) < 120):
                    break
                title_parts.append(text)
                j += 1
                if text.endswith("."):
                    break
            title = " ".join(" ".join(title_parts).split())
            # It continues the type's line ("KẾ HOẠCH / thực hiện …"); shown alone, it starts a sentence.
            plan.title = title[:1].upper() + title[1:]
            body_from = j
        title_fold = plan.title
        if m := re.search(r"(?:nhiệm kỳ|giai đoạn|năm)\s+(\d{4})\s*[-–]\s*(\d{4})", title_fold, re.I):
            plan.term_start, plan.term_end = int(m.group(1)), int(m.group(2))
        elif m := re.search(r"\bnăm\s+(\d{4})\b", title_fold, re.I):
            plan.term_start = plan.term_end = int(m.group(1))
        else:
            intro = " ".join(b.text for b in blocks[body_from : body_from + 3])
            if m := re.search(r"(?:nhiệm kỳ|giai đoạn)\s+(\d{4})\s*[-–]\s*(\d{4})", intro, re.I):
                plan.term_start, plan.term_end = int(m.group(1)), int(m.group(2))
        if m := re.match(
            r"(?:thực hiện|triển khai)\s+(.+?)(?:,\s*nhiệm kỳ.*|\s+về\s+.*)?$", plan.title, re.I
        ):
            plan.implements = m.group(1).strip(" ,")
        self._signature(body_to)
        return body_from, body_to

    def _signature(self, body_to: int) -> None:
        plan, blocks = self.plan, self.blocks
        kind = None
        for i in range(body_to, len(blocks)):
            text = blocks[i].text.strip()
            low = fold(text)
            if low.startswith("noi nhan"):
                kind = "recipient"
                continue
            if low.startswith("dong kinh gui"):
                kind = "cc"
                continue
            if low.startswith("kinh gui"):
                kind = "addressee"
                continue
            if _SIGN.match(text):
                capacity = [text]
                if i + 1 < len(blocks) and blocks[i + 1].text.strip().isupper():
                    capacity.append(blocks[i + 1].text.strip())
                plan.signer_capacity = " / ".join(capacity)
                for later in blocks[i + len(capacity) :]:
                    candidate = later.text.strip()
                    words = candidate.split()
                    if (
                        2 <= len(words) <= 6
                        and all(w[:1].isupper() for w in words)
                        and not candidate.isupper()
                    ):
                        plan.signer_name = candidate
                kind = None
                continue
            if kind and (m := _BULLET.match(text)):
                name = text[m.end() :].strip(" ,.;")
                if name:
                    plan.recipients.append({"name": name, "kind": kind})
        if not plan.issuer_name and plan.signer_capacity:
            plan.issuer_name = self._issuer_from_signature(plan.signer_capacity)

    def _issuer_from_signature(self, capacity: str) -> str:
        first = capacity.split(" / ")[0]
        body = re.sub(r"^(?:T/M|TM\.?|T\.M\.|K/T|KT\.?|T/L|TL\.?|TUQ\.?|Q\.)\s+", "", first).strip()
        display = _display_case(body)
        folded = fold(body)
        if (
            folded.endswith(("tinh uy", "huyen uy", "thanh uy", "dang uy"))
            or " tinh" in folded
            or " huyen" in folded
        ):
            return display
        source = fold(self.source)
        counts = {
            level: source.count(fold(level)) for level in ("Tỉnh ủy", "Huyện ủy", "Thành ủy", "Đảng ủy")
        }
        if folded.startswith(("ban thuong vu", "ban chap hanh")) and max(counts.values()) > 0:
            return f"{display} {max(counts, key=counts.get)}"
        if folded.startswith(("uy ban nhan dan", "hoi dong nhan dan")):
            low = source
            level = "tỉnh" if low.count(" tinh") >= low.count(" huyen") else "huyện"
            return f"{display} {level}"
        return display

    # -- sections and tasks -------------------------------------------------------------------------
    def _structure(self, body_from: int, body_to: int) -> None:
        plan = self.plan
        has_roman = any(
            _ROMAN.match(b.text.strip()) and _is_roman(_ROMAN.match(b.text.strip()).group("num"))
            for b in self.blocks[body_from:body_to]
        )
        current: dict[int, SectionRec | None] = {1: None, 2: None, 3: None, 4: None}
        self._eligible: dict[str | None, bool] = {None: not has_roman}
        self._block_section: list[tuple[int, str | None]] = []
        parent_task: int | None = None  # task whose text ends with ":" and owns following "+" items
        parent_bullet = sub_bullet = ""
        labelled: _Pending | None = None  # the last content block, for "- Cơ quan chủ trì: …" lines after it
        last_task_block = -10
        table_rows: list[int] = []
        i = body_from
        while i < body_to:
            block = self.blocks[i]
            raw = block.text
            text = raw.strip()
            offset = block.start + (len(raw) - len(raw.lstrip()))
            section, heading_len = self._heading(text, current, has_roman)
            if section is not None:
                plan.sections.append(section)
                parent_task = None
            sec = self._current_number(current)
            self._block_section.append((block.start, sec))
            if "|" in text and text.count("|") >= 2:
                table_rows = [i]
                j = i + 1
                while j < body_to and self.blocks[j].text.count("|") >= 2:
                    table_rows.append(j)
                    j += 1
                if self._eligible.get(self._top(sec), True) or True:
                    self._tasks_from_table([self.blocks[k] for k in table_rows], sec, current)
                i = j
                continue
            if not self._eligible.get(self._top(sec), not has_roman):
                i += 1
                continue
            content_from = heading_len
            bullet = ""
            if not heading_len and (m := _BULLET.match(text)):
                bullet = m.group("mark")
                content_from = m.end()
            content_start = offset + content_from
            content = self.clean[content_start : block.end].replace("\n", " ")
            label = _LABEL.match(content.strip())
            if label and labelled is not None:
                self._apply_label(labelled, label, content_start, block.end)
                last_task_block = i
                i += 1
                continue
            short_heading = heading_len and len(content.split()) <= 12 and not content.rstrip().endswith(".")
            made = [] if short_heading else self._tasks_from_block(content, content_start, sec)
            labelled = _Pending(content.strip(), content_start, block.end, sec, made[-1] if made else None)
            if made:
                last_index = len(plan.tasks) - 1
                if (
                    parent_task is not None
                    and bullet
                    and bullet != parent_bullet
                    and bullet == (sub_bullet or bullet)
                ):
                    sub_bullet = bullet
                    for k in range(len(plan.tasks) - len(made), len(plan.tasks)):
                        plan.tasks[k].parent = parent_task
                else:
                    parent_task = None
                if content.rstrip().endswith(":"):
                    parent_task, parent_bullet, sub_bullet = last_index, bullet, ""
                last_task_block = i
            elif (
                parent_task is not None
                and bullet
                and bullet != parent_bullet
                and bullet == (sub_bullet or bullet)
            ):
                sub_bullet = bullet
                self._subitem(parent_task, content, content_start, block.end, sec)
                last_task_block = i
            elif last_task_block == i - 1 and plan.tasks and self._deadline_only(content):
                task = plan.tasks[-1]
                task.end = block.end
                task.text = self.clean[task.start : task.end].replace("\n", " ")
                task.deadline = read_deadline(task.text)
                last_task_block = i
            else:
                parent_task = None
            i += 1
        self._propagate_deadlines()

    def _apply_label(self, pending: _Pending, label: re.Match, start: int, end: int) -> None:
        """'Cơ quan chủ trì: X', 'Cơ quan phối hợp: Y', 'Thời gian thực hiện: Quý II/2022' under a work item."""
        from .tables import split_cell_names

        if pending.task is None:
            text = " ".join(pending.text.split())
            self.plan.tasks.append(
                TaskRec(text=text, section=pending.section, start=pending.start, end=pending.end)
            )
            pending.task = len(self.plan.tasks) - 1
        task = self.plan.tasks[pending.task]
        task.end = max(task.end, end)
        value = label.group("value").strip(" .;")
        value_start = (
            start + label.start("value") + (len(label.group("value")) - len(label.group("value").lstrip()))
        )
        kind = fold(label.group("kind"))
        if "thoi" in kind or "tien do" in kind or "han" in kind:
            task.deadline = read_cell_deadline(value)
            return
        role = "coordinator" if "phoi hop" in kind else "lead"
        names = split_cell_names(value, value_start)
        known = {name_key(n.text) for n in task.names}
        if role == "lead":
            leads = [n for n in task.names if n.role in ("lead", "co_lead")] + [
                Name(text=f.text, role="lead", start=f.start, end=f.end)
                for f in names
                if name_key(f.text) not in known
            ]
            for n in leads:
                n.role = "lead" if len(leads) == 1 else "co_lead"
            task.names = leads + [n for n in task.names if n.role not in ("lead", "co_lead")]
        else:
            task.names += [
                Name(text=f.text, role=role, start=f.start, end=f.end)
                for f in names
                if name_key(f.text) not in known
            ]

    def _heading(self, text: str, current: dict, has_roman: bool) -> tuple[SectionRec | None, int]:
        level, number, m = None, None, None
        if (m := _ROMAN.match(text)) and _is_roman(m.group("num")):
            level, number = 1, m.group("num")
        elif m := _SUB.match(text):
            parts = m.group("num").split(".")
            level = 3 if has_roman else 2
            parent = current.get(level - 1)
            base = (
                parent.number.rsplit(".", 1)[0] if parent and has_roman and parent.level == level - 1 else ""
            )
            if has_roman and current.get(1):
                number = f"{current[1].number}.{'.'.join(parts)}"
            else:
                number = ".".join(parts)
            del base
        elif m := _ARABIC.match(text):
            level = 2 if has_roman else 1
            top = current.get(1) if has_roman else None
            number = f"{top.number}.{m.group('num')}" if top else m.group("num")
        elif (m := _LETTER.match(text)) and any(current.values()):
            # a), b), c) are siblings under the deepest numbered section
            numbered = [s for s in current.values() if s and not re.search(r"\.[a-zđ]$", s.number)]
            deepest = max(numbered or [s for s in current.values() if s], key=lambda s: s.level)
            level = deepest.level + 1
            number = f"{deepest.number}.{m.group('num')}"
        if level is None or level > 4:
            return None, 0
        title = text[m.end() :].strip()
        title = re.split(r"(?<=[.:])\s", title, maxsplit=1)[0].strip(" .:")
        if len(title) > 200:
            title = title[:200].rsplit(" ", 1)[0] + " …"
        parent = None
        for lv in range(level - 1, 0, -1):
            if current.get(lv):
                parent = current[lv].number
                break
        block_start = 0
        section = SectionRec(
            number=number,
            title=title,
            level=level,
            start=block_start,
            end=block_start,
            parent=parent,
            order=len(self.plan.sections),
        )
        current[level] = section
        for lv in range(level + 1, 5):
            current[lv] = None
        top = number.split(".")[0]
        if level == 1 or top not in self._eligible:
            folded = fold(title)
            self._eligible[top] = not any(p in folded for p in NON_TASK_SECTIONS) or "nhiem vu" in folded
            self._eligible.setdefault("__targets__", False)
            if any(p in folded for p in TARGET_SECTIONS):
                self._target_sections.add(top)
        elif any(p in fold(title) for p in ("chi tieu",)):
            self._target_sections.add(number)
        return section, m.end()

    _target_sections: set = set()

    def _current_number(self, current: dict) -> str | None:
        deepest = [s for s in current.values() if s]
        return max(deepest, key=lambda s: s.level).number if deepest else None

    @staticmethod
    def _top(number: str | None) -> str | None:
        return number.split(".")[0] if number else None

    def _section_at(self, offset: int) -> str | None:
        if not getattr(self, "_block_section", None):
            return None
        if getattr(self, "_section_starts", None) is None or len(self._section_starts) != len(
            self._block_section
        ):
            self._section_starts = [start for start, _ in self._block_section]
        index = bisect.bisect_right(self._section_starts, offset) - 1
        return self._block_section[index][1] if index >= 0 else None

    def _target_blocks(self) -> list[tuple[int, int, str | None]]:
        out = []
        for block in self.blocks:
            sec = self._section_at(block.start)
            if sec and (
                self._top(sec) in self._target_sections
                or sec in self._target_sections
                or any(sec.startswith(t + ".") for t in self._target_sections)
            ):
                out.append((block.start, block.end, sec))
        return out

    @staticmethod
    def _deadline_only(content: str) -> bool:
        text = content.strip(" .;")
        return 0 < len(text) < 90 and parse_when(text) is not None and bool(deadline_sentences(content))

    # -- tasks in one block ---------------------------------------------------------------------------
    def _segment_starts(self, content: str) -> list[tuple[int, int, str]]:
        """(segment start, names start, kind) for each sentence that assigns work."""
        starts = (
            [0]
            + [m.end() for m in _SENTENCE.finditer(content)]
            + [m.end() for m in _MID_GIAO.finditer(content)]
        )
        found, names_seen = [], set()
        for pos in sorted(set(starts)):
            hit = self._assignment_at(content, pos)
            if hit and hit[0] not in names_seen:  # "Trên cơ sở …, giao X": one start, at the sentence
                names_seen.add(hit[0])
                found.append((pos, *hit))
        return found

    def _assignment_at(self, content: str, pos: int) -> tuple[int, str] | None:
        rest = content[pos:]
        opener = _OPENER.match(rest)
        at = pos + (opener.end() if opener else 0)
        verb = _ASSIGN_VERB.match(content[at:])
        if verb:
            word = verb.group("verb").lower()
            names_at = at + verb.end()
            names, _, _ = bodies.parse_names(content, names_at)
            if names:
                return names_at, ("request" if word in ("đề nghị", "yêu cầu") else "giao")
            return None
        names, _, stop = bodies.parse_names(content, at)
        if names and stop == "verb":
            return at, "subject"
        return None

    def _tasks_from_block(self, content: str, base: int, section: str | None) -> list[int]:
        starts = self._segment_starts(content)
        made: list[int] = []
        for k, (seg_start, names_at, kind) in enumerate(starts):
            seg_end = starts[k + 1][0] if k + 1 < len(starts) else len(content)
            segment_text = content[seg_start:seg_end]
            pieces = self._split_by_deadlines(segment_text)
            names = self._roles(content, names_at, seg_start, seg_end, base)
            if not names:
                continue
            for piece_start, piece_end in pieces:
                start = base + seg_start + piece_start
                end = base + seg_start + piece_end
                text = self.clean[start:end].replace("\n", " ").strip()
                # keep offsets on the trimmed text
                lead_ws = len(self.clean[start:end].replace("\n", " ")) - len(
                    self.clean[start:end].replace("\n", " ").lstrip()
                )
                start += lead_ws
                end = start + len(text)
                task = TaskRec(
                    text=self.source[start:end].replace("\n", " ").replace("*", "").strip() or text,
                    section=section,
                    start=start,
                    end=end,
                    names=[Name(**{**n.__dict__}) for n in names],
                    deadline=read_deadline(text),
                    is_request=kind == "request",
                )
                task.text = " ".join(task.text.split())
                self.plan.tasks.append(task)
                made.append(len(self.plan.tasks) - 1)
        return made

    def _split_by_deadlines(self, segment: str) -> list[tuple[int, int]]:
        """A deadline sentence closes a task; later sentences with their own deadline form another task."""
        sentences = deadline_sentences(segment)
        if len(sentences) < 2:
            return [(0, len(segment))]
        pieces, begin = [], 0
        for idx, (_s_start, s_end, _phrase) in enumerate(sentences[:-1]):
            cut = s_end
            while cut < len(segment) and segment[cut] in " .;":
                cut += 1
            tail_words = len(segment[cut : sentences[idx + 1][0]].split())
            if tail_words >= 5 and parse_when(_phrase) != parse_when(sentences[idx + 1][2]):
                pieces.append((begin, cut))
                begin = cut
        pieces.append((begin, len(segment)))
        return pieces

    def _roles(self, content: str, names_at: int, seg_start: int, seg_end: int, base: int) -> list[Name]:
        subjects, end, _stop = bodies.parse_names(content, names_at)
        consumed = [(names_at, end)]
        subjects = [s for s in subjects if s.end <= seg_end]
        executors: list = []
        coordinators: list = []

        def chain(pos: int) -> None:
            while True:
                m = _DIRECT.match(content, pos) if pos < seg_end else None
                if not m:
                    return
                found, stop_end, _ = bodies.parse_names(content, m.end())
                found = [f for f in found if f.end <= seg_end]
                if not found:
                    return
                executors.extend(found)
                consumed.append((m.end(), stop_end))
                pos = stop_end

        chain(end)
        for m in _COORD.finditer(content, seg_start, seg_end):
            if any(a <= m.start() < b for a, b in consumed):
                continue
            found, stop_end, _ = bodies.parse_names(content, m.end())
            found = [f for f in found if f.end <= seg_end]
            if found:
                coordinators.extend(found)
                consumed.append((m.end(), stop_end))
                chain(stop_end)
        extra = self._extra_subjects(content, seg_start, seg_end, consumed)
        names: list[Name] = []
        leads = subjects + extra
        role = "lead" if len(leads) == 1 else "co_lead"
        seen: set[str] = set()
        for group, group_role in ((leads, role), (coordinators, "coordinator"), (executors, "executor")):
            for found in group:
                key = name_key(found.text)
                if not key or key in seen:
                    continue
                seen.add(key)
                names.append(
                    Name(
                        text=" ".join(found.text.split()),
                        role=group_role,
                        start=base + found.start,
                        end=base + found.end,
                    )
                )
        return names

    def _extra_subjects(self, content: str, seg_start: int, seg_end: int, consumed: list) -> list:
        first_stop = content.find(". ", seg_start, seg_end)
        limit = first_stop if first_stop != -1 else seg_end
        extra = []
        for m in re.finditer(r"[,;]\s+", content[:limit]):
            pos = m.end()
            if pos < seg_start or any(a <= pos < b for a, b in consumed):
                continue
            found, stop_end, stop = bodies.parse_names(content, pos)
            if len(found) != 1 or stop != "verb" or bodies.is_group(found[0].text):
                continue
            after = content[stop_end : stop_end + 20].strip().lower()
            if after.startswith(_EXTRA_SUBJECT_VERBS):
                extra.extend(found)
                consumed.append((pos, stop_end))
        return extra

    def _subitem(self, parent: int, content: str, base: int, end: int, section: str | None) -> None:
        owner = self.plan.tasks[parent]
        text = content.strip()
        start = base + (len(content) - len(content.lstrip()))
        task = TaskRec(
            text=" ".join(self.source[start:end].replace("*", "").split()),
            section=section,
            start=start,
            end=end,
            names=[Name(**{**n.__dict__}) for n in owner.names],
            deadline=read_deadline(text),
            parent=parent,
            is_request=owner.is_request,
        )
        owner.end = max(owner.end, end)
        self.plan.tasks.append(task)

    def _propagate_deadlines(self) -> None:
        """A deadline written after the last sub-item applies to its siblings and to the assignment."""
        children: dict[int, list[int]] = {}
        for index, task in enumerate(self.plan.tasks):
            if task.parent is not None:
                children.setdefault(task.parent, []).append(index)
        for parent, kids in children.items():
            explicit = [k for k in kids if self.plan.tasks[k].deadline.text]
            owner = self.plan.tasks[parent]
            if not explicit:
                continue
            source = self.plan.tasks[explicit[-1]].deadline
            for k in kids:
                if not self.plan.tasks[k].deadline.text:
                    self.plan.tasks[k].deadline = Deadline(**source.__dict__)
            if not owner.deadline.text:
                owner.deadline = Deadline(**source.__dict__)

    # -- tables -------------------------------------------------------------------------------------
    def _tasks_from_table(self, rows: list[Block], section: str | None, current: dict) -> None:
        for row in read_table_rows(self.clean, rows):
            if row.heading:
                number = (
                    f"{section.split('.')[0]}.{row.number}" if section and row.number else (row.number or "")
                )
                sec = SectionRec(
                    number=number or f"T{len(self.plan.sections)}",
                    title=row.content,
                    level=2,
                    start=row.start,
                    end=row.end,
                    parent=section.split(".")[0] if section else None,
                    order=len(self.plan.sections),
                )
                self.plan.sections.append(sec)
                section = sec.number
                continue
            names: list[Name] = []
            leads = row.leads
            for found in leads:
                names.append(
                    Name(
                        text=found.text,
                        role="lead" if len(leads) == 1 else "co_lead",
                        start=found.start,
                        end=found.end,
                    )
                )
            for found in row.coordinators:
                if name_key(found.text) not in {name_key(n.text) for n in names}:
                    names.append(Name(text=found.text, role="coordinator", start=found.start, end=found.end))
            if not names or not row.content:
                continue
            deadline = read_cell_deadline(row.when) if row.when else read_deadline(row.content)
            self.plan.tasks.append(
                TaskRec(
                    text=" ".join(row.content.split()),
                    section=section,
                    start=row.start,
                    end=row.end,
                    names=names,
                    deadline=deadline,
                    from_table=True,
                )
            )


def _date(year: int, month: int, day: int):
    from datetime import date

    try:
        return date(year, month, day)
    except ValueError:
        return None


_DISPLAY = {
    "ban thuong vu": "Ban Thường vụ",
    "ban chap hanh": "Ban Chấp hành",
    "uy ban nhan dan": "Ủy ban nhân dân",
    "hoi dong nhan dan": "Hội đồng nhân dân",
    "ban dan van": "Ban Dân vận",
    "tinh uy": "Tỉnh ủy",
    "huyen uy": "Huyện ủy",
    "thanh uy": "Thành ủy",
    "dang uy": "Đảng ủy",
    "ban can su dang": "Ban Cán sự đảng",
    "dang doan": "Đảng đoàn",
    "ban thuong truc": "Ban Thường trực",
}


def _display_case(upper: str) -> str:
    """'BAN THƯỜNG VỤ' → 'Ban Thường vụ'; 'TỈNH ỦY ĐỒNG NAI' → 'Tỉnh ủy Đồng Nai'."""
    words = upper.split()
    out, i = [], 0
    while i < len(words):
        for n in (4, 3, 2):
            chunk = " ".join(words[i : i + n])
            if fold(chunk) in _DISPLAY:
                out.append(_DISPLAY[fold(chunk)])
                i += n
                break
        else:
            word = words[i]
            out.append(word[:1] + word[1:].lower() if i == 0 or word.isupper() else word)
            i += 1
    text = " ".join(out)
    return re.sub(
        r"(?<=\s)(Tỉnh|Huyện|Xã|Phường)\b(?= [A-ZĐÀ-Ỹ])", lambda m: m.group(1).lower(), text, count=0
    )


def read_plan(text: str, name: str = "") -> ExtractedPlan:
    """Read a plan's text. The cyclic garbage collector is paused meanwhile: the reader makes many small
    objects and no cycles, and full collections would otherwise make long documents superlinear."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        reader = Reader(text, name)
        reader._target_sections = set()
        return reader.read()
    finally:
        if enabled:
            gc.enable()
