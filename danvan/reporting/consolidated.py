"""The consolidated report (báo cáo tổng hợp): assembled from accepted reports and tracked data.

The document's text is Vietnamese whatever the reader's interface language: it is an official
Party document whose wording belongs to its format (domain.md §4.2), so its phrases are written
here and not in the translation catalog.

A draft is regenerated as often as needed (its files are replaced); issuing freezes the files of
that version for good, and a correction starts a new version.
"""

from __future__ import annotations

import io
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import partydoc, services, sources
from .choices import ConsolidatedStatus, Outcome, ReportStatus
from .models import BodyReport, ConsolidatedReport, ReportingPeriod
from .partydoc import Heading, Paragraph, PartyDocument, Table

OUTCOME_VI = {
    Outcome.DONE_ON_TIME: "Hoàn thành đúng hạn",
    Outcome.DONE_LATE: "Hoàn thành trễ hạn",
    Outcome.OVERDUE: "Quá hạn",
    Outcome.IN_PROGRESS: "Đang thực hiện",
    Outcome.NOT_STARTED: "Chưa triển khai",
}
OUTCOME_ORDER = [
    Outcome.DONE_ON_TIME,
    Outcome.DONE_LATE,
    Outcome.OVERDUE,
    Outcome.IN_PROGRESS,
    Outcome.NOT_STARTED,
]
ROMAN = ["I", "II", "III", "IV", "V", "VI"]
DEFAULT_RECIPIENTS = [
    "Thường trực Tỉnh ủy (b/c),",
    "Ban Thường vụ Tỉnh ủy (b/c),",
    "Ban Dân vận Trung ương (b/c),",
    "Văn phòng Tỉnh ủy,",
    "Lưu Ban Dân vận.",
]
PLACEHOLDER_DIRECTION = "(Phần này do chuyên viên Ban Dân vận soạn thảo.)"
ANNEX_NOTE = (
    "(Kết quả thực hiện từng nhiệm vụ tại Phụ lục 1; báo cáo của từng cơ quan, đơn vị (kết quả, hạn chế, "
    "khó khăn, kiến nghị) tại Phụ lục 2 kèm theo.)"
)
LETTERS = "abcdefghiklmnopqrstuvxy"


def _fmt(day) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def _place_of(unit) -> str:
    """'Tỉnh Đồng Nai' → 'Đồng Nai': the place line names the locality without its level."""
    name = unit.name if unit else ""
    for prefix in ("Tỉnh ", "Thành phố ", "Huyện ", "Xã ", "Phường "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def defaults_for(period: ReportingPeriod, actor=None) -> dict:
    """Header and signature of a new draft: the Board (the actor's unit) under its Party committee."""
    from danvan.orgs.choices import OrgKind

    board = getattr(actor, "org_unit", None)
    # The parent named in the header is the Party committee above the Board, not a grouping node.
    committees = [u for u in board.ancestors() if u.kind == OrgKind.PARTY_COMMITTEE] if board else []
    parent = committees[-1] if committees else (board.parent if board and board.parent_id else None)
    territory = (parent.territory if parent and parent.territory_id else None) or (
        board.territory if board and board.territory_id else None
    )
    plan = period.plan
    plan_ref = f"Kế hoạch số {plan.symbol}" if plan.symbol else "Kế hoạch"
    if plan.issued_on:
        plan_ref += f" ngày {_fmt(plan.issued_on)}"
    issuer_short = (board.short_name or board.name) if board else "Ban Dân vận"
    term = (
        f"{plan.term_start}-{plan.term_end}"
        if plan.term_start and plan.term_end
        else f"{period.year - period.year % 5}-{period.year - period.year % 5 + 5}"
    )
    year_text = f"năm {period.year}" if period.kind == "annual" else period.label
    return {
        "parent_issuer": parent.name if parent else "",
        "issuer": issuer_short,
        "symbol": "BC/BDVTU",
        "term": term,
        "place": _place_of(territory) or plan.place or "",
        "summary": f"kết quả thực hiện {plan_ref} {year_text}",
        "introduction": (
            f"Thực hiện {plan_ref} của {plan.issuer_name or 'Ban Chấp hành Đảng bộ tỉnh'} "
            f"{plan.title[:1].lower() + plan.title[1:] if plan.title else ''}, "
            f"{issuer_short} báo cáo kết quả thực hiện {year_text} như sau:"
        ).replace("  ", " "),
        "recipients": "\n".join(DEFAULT_RECIPIENTS),
        "authority": "K/T TRƯỞNG BAN",
        "signer_title": "PHÓ TRƯỞNG BAN",
        "signer_name": "",
    }


@transaction.atomic
def start_consolidated(period: ReportingPeriod, *, actor, now=None) -> ConsolidatedReport:
    """The period's draft: the existing one, or a new version (defaults, or the last issue's header)."""
    draft = period.consolidated_reports.filter(status=ConsolidatedStatus.DRAFT).first()
    if draft is not None:
        return draft
    last = period.consolidated_reports.order_by("-version").first()
    values = defaults_for(period, actor)
    if last is not None:
        values = {name: getattr(last, name) for name in values} | {
            "assessment": last.assessment,
            "next_direction": last.next_direction,
        }
    report = ConsolidatedReport(
        period=period, version=(last.version + 1) if last else 1, created_by=actor, **values
    )
    report._history_user = actor
    report.save()
    return report


EDITABLE = (
    "parent_issuer",
    "issuer",
    "number",
    "symbol",
    "term",
    "place",
    "issued_on",
    "summary",
    "introduction",
    "assessment",
    "next_direction",
    "recipients",
    "authority",
    "signer_title",
    "signer_name",
)


@transaction.atomic
def update_consolidated(report: ConsolidatedReport, *, data: dict, actor) -> ConsolidatedReport:
    """Edit the draft's header, free text and signature; an issued version never changes."""
    if not report.is_draft:
        raise ValidationError(_("An issued report cannot be changed. Start a new version to correct it."))
    for name in EDITABLE:
        if name in data:
            setattr(report, name, data[name])
    report.number = normalize_number(report.number)
    report.symbol, report.term = report.symbol.strip(), report.term.strip()
    report._history_user = actor
    report.full_clean()
    check_number_free(report)
    report.save()
    return report


def normalize_number(number: str) -> str:
    """'05' and '5' are the same number: stored without leading zeros (the header pads it to 05)."""
    number = (number or "").strip()
    return str(int(number)) if number.isdigit() else number


def number_taken(report: ConsolidatedReport) -> ConsolidatedReport | None:
    """The issued report that already holds this report's number in its series, if any.

    Party numbering (domain.md §4.2, HD 36-HD/VPTW) runs from 01 for each document type of each
    issuer over a term of the Party committee: the series is the symbol ("BC/BDVTU": type BC,
    issuer BDVTU; compared without case) and the term, across every plan and period.
    """
    if not report.number or not report.term:
        return None
    return (
        ConsolidatedReport.objects.issued()
        .filter(symbol__iexact=report.symbol, term=report.term, number=report.number)
        .exclude(pk=report.pk)
        .select_related("period")
        .first()
    )


def next_free_number(report: ConsolidatedReport) -> int:
    numbers = (
        ConsolidatedReport.objects.issued()
        .filter(symbol__iexact=report.symbol, term=report.term)
        .values_list("number", flat=True)
    )
    return max((int(n) for n in numbers if n.isdigit()), default=0) + 1


def check_number_free(report: ConsolidatedReport) -> None:
    """Refuse a number that an issued report of the same series already holds, naming it."""
    holder = number_taken(report)
    if holder is None:
        return
    raise ValidationError(
        _(
            "Number %(number)s-%(symbol)s is already used in the %(term)s term of the Party committee "
            "by “%(summary)s” (issued on %(date)s). Party documents are numbered in one series per "
            "document type and issuer for the whole term: enter another number (the next free one "
            "is %(next)s)."
        )
        % {
            "number": f"{int(report.number):02d}" if report.number.isdigit() else report.number,
            "symbol": report.symbol,
            "term": report.term,
            "summary": holder.summary,
            "date": _fmt(holder.issued_on),
            "next": f"{next_free_number(report):02d}",
        },
        code="number_taken",
    )


# ----------------------------------------------------------------------------------------- data


@dataclass
class OverdueTask:
    """One task with its overdue occurrences of the period (a quarterly task can miss several dates)."""

    text: str
    leads: str
    due_dates: list


@dataclass
class Gathered:
    rows: list[sources.OccurrenceRow]
    sections: list[tuple[str, dict[str, int]]]
    totals: dict[str, int]
    overdue: list[sources.OccurrenceRow]
    indicators: list[sources.IndicatorRow]
    completeness: services.Completeness
    accepted: list[BodyReport]

    @property
    def overdue_by_section(self) -> list[tuple[str, int, list[OverdueTask]]]:
        """The overdue occurrences grouped by plan section, then by task: (section, occurrences, tasks)."""
        groups: OrderedDict[str, OrderedDict[int, OverdueTask]] = OrderedDict(
            (label, OrderedDict()) for label, _counts in self.sections
        )
        counts: dict[str, int] = {}
        for row in sorted(self.overdue, key=lambda r: (r.order, r.task_id, r.due_on or date.max)):
            label = row.section_label or OTHER_SECTION
            counts[label] = counts.get(label, 0) + 1
            task = groups.setdefault(label, OrderedDict()).get(row.task_id)
            if task is None:
                task = groups[label][row.task_id] = OverdueTask(row.task_text, "; ".join(row.lead_names), [])
            task.due_dates.append(row.due_on)
        return [(label, counts[label], list(tasks.values())) for label, tasks in groups.items() if tasks]


OTHER_SECTION = "Nhiệm vụ khác"


def gather(period: ReportingPeriod) -> Gathered:
    """Everything the report counts, read once: occurrences, indicators, completeness, accepted reports."""
    rows = sources.occurrences_in(period)
    sections: OrderedDict[str, dict[str, int]] = OrderedDict()
    for row in sorted(rows, key=lambda r: (r.order, r.task_id)):
        label = row.section_label or OTHER_SECTION
        counts = sections.setdefault(label, {code: 0 for code in Outcome.values})
        counts[row.outcome] += 1
    totals = sources.outcome_counts(rows)
    overdue = sorted(
        (r for r in rows if r.outcome == Outcome.OVERDUE),
        key=lambda r: (r.due_on or period.ends_on, r.order, r.task_id),
    )
    accepted = list(
        BodyReport.objects.filter(period=period, status=ReportStatus.ACCEPTED)
        .select_related("unit")
        .order_by("unit__path")
    )
    return Gathered(
        rows=rows,
        sections=list(sections.items()),
        totals=totals,
        overdue=overdue,
        indicators=sources.indicator_rows(period),
        completeness=services.completeness(period),
        accepted=accepted,
    )


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}".replace(".", ",") + "%" if whole else "0%"


# A point raised by many bodies names the first few; the annex lists every body's own text.
NAMED_BODIES = 5


def _points(text: str) -> list[str]:
    """A report field as separate points: one a line, without list marks."""
    points = []
    for line in text.splitlines():
        line = line.strip().lstrip("-+•*").strip()
        if line:
            points.append(line)
    return points


def _key(point: str) -> str:
    return " ".join(point.casefold().split()).rstrip(".;: ")


def _grouped_points(reports: list[BodyReport], name: str) -> list[Paragraph]:
    """Each distinct point of field `name` once, with how many bodies raised it and which.

    Bodies often write the same difficulty or recommendation in the same words; the Board's report
    states it once, most frequent first, naming the bodies (the first NAMED_BODIES when more).
    """
    groups: OrderedDict[str, tuple[str, list[str]]] = OrderedDict()
    for report in reports:
        for point in _points(getattr(report, name)):
            text, bodies = groups.setdefault(_key(point), (point, []))
            if report.unit.name not in bodies:
                bodies.append(report.unit.name)
    ordered = sorted(groups.values(), key=lambda item: -len(item[1]))
    paragraphs = []
    for text, bodies in ordered:
        text = text.rstrip(" .;")
        if len(bodies) == 1:
            source = bodies[0]
        elif len(bodies) <= NAMED_BODIES:
            source = f"{len(bodies)} cơ quan, đơn vị: {', '.join(bodies)}"
        else:
            rest = len(bodies) - NAMED_BODIES
            source = (
                f"{len(bodies)} cơ quan, đơn vị: {', '.join(bodies[:NAMED_BODIES])} "
                f"và {rest} cơ quan, đơn vị khác"
            )
        paragraphs.append(Paragraph(f"- {text} ({source})."))
    return paragraphs


def _grouped_section(reports: list[BodyReport], fields: list[tuple[str, str]]) -> list:
    """Headed groups of points (one per field that any body filled), or a line saying there is none."""
    blocks: list = []
    numbered = len(fields) > 1
    for index, (name, label) in enumerate(fields, 1):
        points = _grouped_points(reports, name)
        if not points:
            continue
        if numbered:
            blocks.append(Heading(f"{index}. {label}", level=2))
        blocks += points
    return blocks or [Paragraph("Không có cơ quan, đơn vị nào nêu nội dung này.", italic=True)]


def _overdue_detail(item: OverdueTask) -> str:
    dates = ", ".join(_fmt(d) for d in item.due_dates if d) or "không ghi thời hạn"
    return f"chủ trì: {item.leads}; thời hạn: {dates}" if item.leads else f"thời hạn: {dates}"


def _indicator_note(rows: list[sources.IndicatorRow]) -> str:
    """Where the values come from: the criteria version and when they were computed."""
    sources_ = [r.source for r in rows if r.source is not None]
    if not sources_:
        return ""
    parts = []
    for name, version in dict.fromkeys((s.criteria_name, s.criteria_version) for s in sources_):
        if name:
            parts.append(f"{name} (phiên bản {version})" if version else name)
    latest = max(timezone.localtime(s.computed_at) for s in sources_)
    text = (
        "(Kết quả chỉ tiêu do hệ thống tính từ kết quả đánh giá, "
        f"cập nhật lúc {latest:%H:%M} ngày {_fmt(latest)}"
    )
    return text + (f"; bộ tiêu chí: {'; '.join(parts)}.)" if parts else ".)")


def _movement_blocks(year: int) -> list:
    """Section I.5: figures of the plan's other work (supervision, membership, training, …)."""
    sections = sources.movement_figures(year)
    if not sections:
        return []
    blocks: list = [Heading("5. Kết quả các mặt công tác khác của kế hoạch", level=2)]
    for index, section in enumerate(sections):
        letter = LETTERS[index] if index < len(LETTERS) else str(index + 1)
        blocks.append(Heading(f"{letter}) {section['title']}", level=3))
        blocks.append(
            Table(
                columns=["Nội dung", "Số liệu"],
                rows=[[row["label"], row["value"]] for row in section["rows"]],
                widths_mm=[120, 40],
                numeric={1},
            )
        )
        table = section.get("table")
        if table and table["rows"]:
            blocks.append(Table(columns=list(table["columns"]), rows=[list(r) for r in table["rows"]]))
    return blocks


def build_document(report: ConsolidatedReport, data: Gathered | None = None) -> PartyDocument:
    """The consolidated report as a Party document (a draft carries the "DỰ THẢO" mark)."""
    period = report.period
    data = data or gather(period)
    total = len(data.rows)
    t = data.totals
    blocks: list = []
    if report.introduction.strip():
        blocks.append(Paragraph(report.introduction))
    blocks.append(
        Paragraph(
            f"(Số liệu tính từ ngày {_fmt(period.starts_on)} đến ngày {_fmt(period.cutoff_on)}.)", italic=True
        )
    )

    blocks.append(Heading("I. KẾT QUẢ THỰC HIỆN"))
    blocks.append(Heading("1. Tình hình thực hiện theo các mục của kế hoạch", level=2))
    blocks.append(
        Table(
            columns=["STT", "Mục của kế hoạch", "Số nhiệm vụ", *[OUTCOME_VI[o] for o in OUTCOME_ORDER]],
            rows=[
                [i, label, sum(c.values()), *[c[o] for o in OUTCOME_ORDER]]
                for i, (label, c) in enumerate(data.sections, 1)
            ],
            widths_mm=[10, 52, 18, 18, 18, 15, 18, 18],
            numeric={0, 2, 3, 4, 5, 6, 7},
            total=["", "Tổng cộng", total, *[t[o] for o in OUTCOME_ORDER]],
        )
    )
    blocks.append(Paragraph(ANNEX_NOTE, italic=True))

    blocks.append(Heading("2. Kết quả thực hiện các chỉ tiêu", level=2))
    if data.indicators:
        verdict = {True: "Đạt", False: "Chưa đạt", None: "Chưa có số liệu"}
        blocks.append(
            Table(
                columns=["STT", "Chỉ tiêu", "Mục tiêu", "Kết quả", "Đánh giá"],
                rows=[
                    [i, r.text, r.target, r.value, verdict[r.met]] for i, r in enumerate(data.indicators, 1)
                ],
                widths_mm=[10, 80, 25, 20, 25],
                numeric={0, 2, 3, 4},
            )
        )
        note = _indicator_note(data.indicators)
        if note:
            blocks.append(Paragraph(note, italic=True))
    else:
        blocks.append(Paragraph("Kế hoạch không có chỉ tiêu định lượng.", italic=True))

    blocks.append(Heading("3. Tiến độ thực hiện nhiệm vụ", level=2))
    done = t[Outcome.DONE_ON_TIME] + t[Outcome.DONE_LATE]
    blocks.append(
        Paragraph(
            f"Trong kỳ có {total} lượt nhiệm vụ phải thực hiện; đã hoàn thành {done} ({_pct(done, total)}), "
            f"trong đó đúng hạn {t[Outcome.DONE_ON_TIME]}, trễ hạn {t[Outcome.DONE_LATE]}; "
            f"quá hạn chưa hoàn thành {t[Outcome.OVERDUE]}; đang thực hiện {t[Outcome.IN_PROGRESS]}; "
            f"chưa triển khai {t[Outcome.NOT_STARTED]}."
        )
    )
    groups = data.overdue_by_section
    if groups:
        tasks = sum(len(g[2]) for g in groups)
        blocks.append(
            Paragraph(
                f"Các nhiệm vụ quá hạn chưa hoàn thành ({len(data.overdue)} lượt của {tasks} nhiệm vụ), "
                "theo mục của kế hoạch:"
            )
        )
        # Paragraphs, not a bordered table: the list can run to hundreds of tasks, and WeasyPrint lays
        # out a table cell by cell at about twice the cost of the same text as paragraphs.
        for index, (label, count, items) in enumerate(groups):
            letter = LETTERS[index] if index < len(LETTERS) else str(index + 1)
            blocks.append(Heading(f"{letter}) {label}: {count} lượt quá hạn", level=3))
            blocks += [
                Paragraph(f"{i}. {item.text} ({_overdue_detail(item)}).") for i, item in enumerate(items, 1)
            ]

    c = data.completeness
    blocks.append(Heading("4. Tình hình gửi báo cáo của các cơ quan, đơn vị", level=2))
    blocks.append(
        Paragraph(
            f"Có {c.total.expected} cơ quan, đơn vị phải báo cáo; đã nhận {c.total.received} báo cáo "
            f"({_pct(c.total.received, c.total.expected)}), trong đó đúng hạn {c.total.on_time} "
            f"({_pct(c.total.on_time, c.total.expected)}); {len(c.exempted)} đơn vị được miễn báo cáo; "
            f"{len(data.accepted)} báo cáo đã được chấp nhận và tổng hợp vào báo cáo này."
        )
    )
    blocks.append(
        Table(
            columns=["STT", "Địa bàn", "Phải báo cáo", "Đã báo cáo", "Đúng hạn", "Tỷ lệ đã báo cáo"],
            rows=[
                [
                    i,
                    tally.label if tally.district_id else "Cấp tỉnh",
                    tally.expected,
                    tally.received,
                    tally.on_time,
                    _pct(tally.received, tally.expected),
                ]
                for i, tally in enumerate(c.by_district, 1)
            ],
            widths_mm=[10, 60, 25, 25, 20, 25],
            numeric={0, 2, 3, 4, 5},
            total=[
                "",
                "Tổng cộng",
                c.total.expected,
                c.total.received,
                c.total.on_time,
                _pct(c.total.received, c.total.expected),
            ],
        )
    )
    if c.missing:
        blocks.append(
            Paragraph(
                "Các cơ quan, đơn vị chưa gửi báo cáo: "
                + ", ".join(line.unit.name for line in c.missing)
                + "."
            )
        )
    blocks += _movement_blocks(period.year)
    if report.assessment.strip():
        blocks.append(Heading("6. Đánh giá chung", level=2))
        blocks.append(Paragraph(report.assessment))

    blocks.append(Heading("II. HẠN CHẾ, KHÓ KHĂN, VƯỚNG MẮC"))
    blocks += _grouped_section(
        data.accepted,
        [("shortcomings", "Hạn chế"), ("causes", "Nguyên nhân"), ("difficulties", "Khó khăn, vướng mắc")],
    )
    blocks.append(Heading("III. KIẾN NGHỊ, ĐỀ XUẤT"))
    blocks += _grouped_section(data.accepted, [("recommendations", "Kiến nghị, đề xuất")])
    next_label = f"NĂM {period.year + 1}" if period.kind == "annual" else "KỲ TỚI"
    blocks.append(Heading(f"IV. PHƯƠNG HƯỚNG, NHIỆM VỤ {next_label}"))
    if report.next_direction.strip():
        blocks.append(Paragraph(report.next_direction))
    else:
        blocks.append(Paragraph(PLACEHOLDER_DIRECTION, italic=True))

    return PartyDocument(
        issuer=report.issuer,
        parent_issuer=report.parent_issuer,
        doc_type="BÁO CÁO",
        summary=report.summary,
        symbol=report.symbol,
        number=report.number,
        place=report.place,
        issued_on=report.issued_on,
        blocks=blocks,
        recipients=report.recipient_list(),
        authority=report.authority,
        signer_title=report.signer_title,
        signer_name=report.signer_name,
        draft=report.is_draft,
    )


ANNEX_TASK_COLUMNS = [
    ("STT", 6),
    ("Mục", 40),
    ("Nhiệm vụ", 70),
    ("Cơ quan chủ trì", 35),
    ("Cơ quan phối hợp", 35),
    ("Thời hạn", 12),
    ("Kết quả", 20),
    ("Ngày hoàn thành", 14),
    ("Tiến độ (%)", 10),
]
ANNEX_REPORT_COLUMNS = [
    ("STT", 6),
    ("Cơ quan, đơn vị", 35),
    ("Kết quả", 60),
    ("Hạn chế", 40),
    ("Nguyên nhân", 40),
    ("Khó khăn, vướng mắc", 40),
    ("Kiến nghị, đề xuất", 40),
    ("Phương hướng kỳ tới", 40),
    ("Ngày gửi", 12),
]


def build_annex(
    period: ReportingPeriod, rows: list[sources.OccurrenceRow], accepted: list[BodyReport]
) -> bytes:
    """Phụ lục 1: every task of the period with its outcome; Phụ lục 2: every accepted report's text.

    openpyxl in write-only mode; the two cell styles are registered once as named styles, since
    giving each cell its own Font and Alignment objects costs more than writing the cell.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, NamedStyle
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for name, bold in (("danvan_head", True), ("danvan_text", False)):
        book.add_named_style(
            NamedStyle(name=name, font=Font(name="Times New Roman", size=12, bold=bold), alignment=wrap)
        )

    def sheet_with(title: str, heading: str, columns: list[tuple[str, int]]):
        sheet = book.create_sheet(title)
        for index, (_label, width) in enumerate(columns, 1):
            sheet.column_dimensions[get_column_letter(index)].width = width

        def line(values, style="danvan_text"):
            out = []
            for value in values:
                cell = WriteOnlyCell(sheet)
                cell.style = style  # first: a named style replaces the number format too
                cell.value = value
                if isinstance(value, date):
                    cell.number_format = "dd/mm/yyyy"
                out.append(cell)
            sheet.append(out)

        line([heading], "danvan_head")
        line([f"(Số liệu tính đến ngày {_fmt(period.cutoff_on)})"])
        line([label for label, _width in columns], "danvan_head")
        return line

    line = sheet_with(
        "Phụ lục 1 - Nhiệm vụ",
        f"PHỤ LỤC 1: KẾT QUẢ THỰC HIỆN NHIỆM VỤ - {period.label.upper()}",
        ANNEX_TASK_COLUMNS,
    )
    for index, row in enumerate(
        sorted(rows, key=lambda r: (r.order, r.task_id, r.due_on or period.ends_on)), 1
    ):
        line(
            [
                index,
                row.section_label,
                row.task_text,
                "; ".join(row.lead_names),
                "; ".join(row.coordinator_names),
                row.due_on,
                OUTCOME_VI.get(row.outcome, row.outcome),
                row.completed_on,
                row.progress_percent,
            ]
        )
    line = sheet_with(
        "Phụ lục 2 - Báo cáo",
        f"PHỤ LỤC 2: BÁO CÁO CỦA CÁC CƠ QUAN, ĐƠN VỊ - {period.label.upper()}",
        ANNEX_REPORT_COLUMNS,
    )
    for index, report in enumerate(accepted, 1):
        submitted = report.first_submitted_at
        line(
            [
                index,
                report.unit.name,
                report.results,
                report.shortcomings,
                report.causes,
                report.difficulties,
                report.recommendations,
                report.next_direction,
                timezone.localdate(submitted) if submitted else None,
            ]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _slug(report: ConsolidatedReport) -> str:
    return f"bao-cao-tong-hop-{report.period.year}-v{report.version}"


FORMATS = ("docx", "pdf", "xlsx")


def render(report: ConsolidatedReport, formats=FORMATS, data: Gathered | None = None) -> dict[str, bytes]:
    """The report's files in the asked formats, without saving them."""
    data = data or gather(report.period)
    out: dict[str, bytes] = {}
    document = build_document(report, data) if {"docx", "pdf"} & set(formats) else None
    if "docx" in formats:
        out["docx"] = partydoc.render_docx(document)
    if "pdf" in formats:
        out["pdf"] = partydoc.render_pdf(document)
    if "xlsx" in formats:
        out["xlsx"] = build_annex(report.period, data.rows, data.accepted)
    return out


@transaction.atomic
def generate(report: ConsolidatedReport, *, now=None) -> ConsolidatedReport:
    """(Re)build a draft's DOCX, PDF and XLSX from the current data; an issued report keeps its files."""
    if not report.is_draft:
        raise ValidationError(_("An issued report cannot be changed. Start a new version to correct it."))
    _store(report, render(report))
    report.generated_at = now or timezone.now()
    report.save()
    return report


def _store(report: ConsolidatedReport, files: dict[str, bytes]) -> None:
    for fmt, content in files.items():
        field = getattr(report, fmt)
        if field:
            field.delete(save=False)
        field.save(f"{_slug(report)}.{fmt}", ContentFile(content), save=False)


@transaction.atomic
def issue(report: ConsolidatedReport, *, actor, now=None) -> ConsolidatedReport:
    """Ban hành: give the final files (without the draft mark) and freeze this version."""
    if not report.is_draft:
        raise ValidationError(_("This version has already been issued."))
    if not report.number.strip():
        raise ValidationError(_("Enter the document number before issuing the report."))
    if not report.signer_name.strip():
        raise ValidationError(_("Enter the signer's name before issuing the report."))
    if not report.term.strip():
        raise ValidationError(_("Enter the Party committee term (e.g. 2020-2025) before issuing the report."))
    report.number = normalize_number(report.number)
    check_number_free(report)
    moment = now or timezone.now()
    if report.issued_on is None:
        report.issued_on = timezone.localdate(moment)
    report.status = ConsolidatedStatus.ISSUED
    report.issued_at, report.issued_by = moment, actor
    _store(report, render(report))
    report.generated_at = moment
    report._history_user = actor
    report.save()
    return report
