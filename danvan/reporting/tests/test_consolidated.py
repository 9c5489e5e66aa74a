"""The consolidated report: DOCX structure and numbers equal the database, PDF pages, XLSX annex,
draft editing and regeneration, issued versions kept, the command."""

import io
import re
from collections import Counter
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from docx import Document
from docx.shared import Pt
from openpyxl import load_workbook

from danvan.reporting import consolidated, services
from danvan.reporting.choices import ConsolidatedStatus

from .conftest import at
from .test_partydoc import assert_pages_have_ink

pytestmark = pytest.mark.django_db


@pytest.fixture
def filled(tracked, period, org_tree, districts, accounts):
    """Two accepted reports, one submitted (not counted in the text), one exempt, one missing."""
    coordinator = accounts["coordinator"]
    for unit, when, texts in (
        (
            org_tree["people"],
            at(2024, 12, 10),
            {
                "results": "Tổ chức 30 cuộc đối thoại.",
                "difficulties": "Thiếu kinh phí",
                "recommendations": "Bổ sung biên chế",
            },
        ),
        (districts["bh"]["committee"], at(2024, 12, 20), {"results": "Xây dựng 12 mô hình Dân vận khéo."}),
    ):
        report = services.ensure_report(period, unit)
        services.save_report(report, data=texts, actor=coordinator, now=when)
        services.submit_report(report, actor=coordinator, now=when)
        services.accept_report(report, actor=coordinator, now=when)
    pending = services.ensure_report(period, org_tree["board"])
    services.save_report(pending, data={"results": "Chưa duyệt"}, actor=coordinator, now=at(2024, 12, 12))
    services.submit_report(pending, actor=coordinator, now=at(2024, 12, 12))
    services.exempt_body(period, org_tree["organisation"], actor=coordinator, reason="Sáp nhập")
    return period


def db_outcomes(period) -> Counter:
    """The outcomes straight from tracking's table, as the report must count them."""
    from django.db.models import Q

    from danvan.tracking.models import Occurrence

    occs = (
        Occurrence.objects.filter(plan=period.plan)
        .filter(
            Q(due_date__range=(period.starts_on, period.ends_on))
            | Q(due_date__isnull=True, period_start__lte=period.ends_on, period_end__gte=period.starts_on)
        )
        .with_outcome(period.cutoff_on)
    )
    return Counter(occs.values_list("computed_outcome", flat=True))


def table_rows(table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


def test_docx_header_title_and_numbers_equal_the_database(filled, accounts):
    report = consolidated.start_consolidated(filled, actor=accounts["coordinator"])
    document = Document(io.BytesIO(consolidated.render(report, formats=("docx",))["docx"]))
    header, sections, indicators_or_overdue, *rest = document.tables
    left, right = header.rows[0].cells
    assert [p.text for p in left.paragraphs] == ["TỈNH ỦY ĐỒNG NAI", "BAN DÂN VẬN", "*", "Số       -BC/BDVTU"]
    assert right.paragraphs[0].text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    texts = [p.text for p in document.paragraphs]
    assert texts[:3] == [
        "DỰ THẢO",
        "BÁO CÁO",
        "kết quả thực hiện Kế hoạch số 31-KH/TU ngày 01/03/2021 năm 2024",
    ]
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            assert run.font.name == "Times New Roman" and run.font.size == Pt(14)
    counts = db_outcomes(filled)
    assert sum(counts.values()) == 3
    rows = table_rows(sections)
    assert rows[0][:3] == ["STT", "Mục của kế hoạch", "Số nhiệm vụ"]
    order = ["done_on_time", "done_late", "overdue", "in_progress", "not_started"]
    assert rows[-1] == ["", "Tổng cộng", str(sum(counts.values())), *[str(counts[o]) for o in order]]
    assert rows[1:-1] == [
        ["1", "1. Công tác tuyên truyền", "1", "0", "0", "0", "0", "1"],
        ["2", "2. Dân vận chính quyền", "2", "1", "0", "1", "0", "0"],
    ]
    # the overdue tasks, grouped by plan section with their count, one paragraph each
    start = texts.index(
        "Các nhiệm vụ quá hạn chưa hoàn thành (1 lượt của 1 nhiệm vụ), theo mục của kế hoạch:"
    )
    assert texts[start + 1 : start + 3] == [
        "a) 2. Dân vận chính quyền: 1 lượt quá hạn",
        "1. Sơ kết Quy chế dân vận (chủ trì: Ban Dân vận Tỉnh ủy; thời hạn: 30/06/2024).",
    ]
    assert counts["overdue"] == 1
    completeness = next(t for t in document.tables if t.rows[0].cells[1].text == "Địa bàn")
    result = services.completeness(filled)
    assert table_rows(completeness)[-1] == [
        "",
        "Tổng cộng",
        str(result.total.expected),
        str(result.total.received),
        str(result.total.on_time),
        "75,0%",
    ]
    assert (result.total.expected, result.total.received, result.total.on_time) == (4, 3, 2)
    body = "\n".join(texts)
    # each body's own text is in annex 2 (see the XLSX test); the body of the report groups the points
    assert "Tổ chức 30 cuộc đối thoại." not in body and "Chưa duyệt" not in body
    shortcomings = texts.index("II. HẠN CHẾ, KHÓ KHĂN, VƯỚNG MẮC")
    assert texts[shortcomings + 1 : texts.index("IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025")] == [
        "3. Khó khăn, vướng mắc",
        "- Thiếu kinh phí (Ủy ban nhân dân tỉnh Đồng Nai).",
        "III. KIẾN NGHỊ, ĐỀ XUẤT",
        "- Bổ sung biên chế (Ủy ban nhân dân tỉnh Đồng Nai).",
    ]
    assert "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025" in texts
    assert consolidated.PLACEHOLDER_DIRECTION in texts


def test_pdf_pages_render_and_xlsx_annex_lists_every_task(filled, accounts, tmp_path):
    report = consolidated.start_consolidated(filled, actor=accounts["coordinator"])
    files = consolidated.render(report)
    assert_pages_have_ink(files["pdf"], tmp_path)
    sheet = load_workbook(io.BytesIO(files["xlsx"])).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[2][:7] == (
        "STT",
        "Mục",
        "Nhiệm vụ",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
        "Thời hạn",
        "Kết quả",
    )
    data = rows[3:]
    assert len(data) == sum(db_outcomes(filled).values())
    assert sorted(r[6] for r in data) == ["Chưa triển khai", "Hoàn thành đúng hạn", "Quá hạn"]
    dialogue = next(r for r in data if r[2].startswith("Đối thoại"))
    assert dialogue[3:5] == ("Ủy ban nhân dân tỉnh Đồng Nai", "Ban Tổ chức Tỉnh ủy")
    # annex 2: every accepted report's own text, in unit order; the submitted one is not there
    book = load_workbook(io.BytesIO(files["xlsx"]))
    assert book.sheetnames == ["Phụ lục 1 - Nhiệm vụ", "Phụ lục 2 - Báo cáo"]
    reports = list(book["Phụ lục 2 - Báo cáo"].iter_rows(values_only=True))
    assert reports[0][0].startswith("PHỤ LỤC 2: BÁO CÁO CỦA CÁC CƠ QUAN, ĐƠN VỊ")
    assert reports[2][:7] == (
        "STT",
        "Cơ quan, đơn vị",
        "Kết quả",
        "Hạn chế",
        "Nguyên nhân",
        "Khó khăn, vướng mắc",
        "Kiến nghị, đề xuất",
    )
    assert [r[:3] for r in reports[3:]] == [
        (1, "Thành ủy Biên Hòa", "Xây dựng 12 mô hình Dân vận khéo."),
        (2, "Ủy ban nhân dân tỉnh Đồng Nai", "Tổ chức 30 cuộc đối thoại."),
    ]
    assert reports[4][5:7] == ("Thiếu kinh phí", "Bổ sung biên chế")
    assert reports[4][8].date().isoformat() == "2024-12-10"


def test_points_raised_by_many_bodies_are_stated_once_with_their_count():
    from danvan.orgs.models import OrgUnit
    from danvan.reporting.models import BodyReport

    def report(name, difficulties):
        return BodyReport(unit=OrgUnit(name=name), difficulties=difficulties)

    reports = [report(f"Xã {i}", "- Thiếu kinh phí.\n- Thiếu cán bộ") for i in range(1, 8)]
    reports.append(report("Phường A", "thiếu  kinh phí"))
    reports.append(report("Phường B", "Thiếu cán bộ;\n\nĐịa bàn rộng"))
    texts = [p.text for p in consolidated._grouped_points(reports, "difficulties")]
    assert texts == [
        "- Thiếu kinh phí (8 cơ quan, đơn vị: Xã 1, Xã 2, Xã 3, Xã 4, Xã 5 và 3 cơ quan, đơn vị khác).",
        "- Thiếu cán bộ (8 cơ quan, đơn vị: Xã 1, Xã 2, Xã 3, Xã 4, Xã 5 và 3 cơ quan, đơn vị khác).",
        "- Địa bàn rộng (Phường B).",
    ]
    two = [report("Xã 1", "Thiếu kinh phí"), report("Xã 2", "Thiếu kinh phí.")]
    assert [p.text for p in consolidated._grouped_points(two, "difficulties")] == [
        "- Thiếu kinh phí (2 cơ quan, đơn vị: Xã 1, Xã 2)."
    ]
    assert consolidated._grouped_points(two, "recommendations") == []


def test_draft_edited_regenerated_then_issued_and_kept(filled, accounts):
    coordinator = accounts["coordinator"]
    report = consolidated.start_consolidated(filled, actor=coordinator)
    consolidated.generate(report)
    consolidated.update_consolidated(
        report, data={"next_direction": "Tiếp tục đẩy mạnh Dân vận khéo năm 2025."}, actor=coordinator
    )
    consolidated.generate(report)
    document = Document(report.docx.open("rb"))
    assert "Tiếp tục đẩy mạnh Dân vận khéo năm 2025." in [p.text for p in document.paragraphs]
    with pytest.raises(ValidationError, match="số văn bản"):
        consolidated.issue(report, actor=coordinator)
    consolidated.update_consolidated(
        report, data={"number": "125", "signer_name": "Nguyễn Văn A"}, actor=coordinator
    )
    consolidated.issue(report, actor=coordinator, now=at(2024, 12, 28))
    assert report.status == ConsolidatedStatus.ISSUED and report.issued_on.isoformat() == "2024-12-28"
    issued = Document(report.docx.open("rb"))
    assert "DỰ THẢO" not in [p.text for p in issued.paragraphs]
    assert issued.tables[0].rows[0].cells[0].paragraphs[-1].text == "Số 125-BC/BDVTU"
    assert re.search("ngày 28 tháng 12 năm 2024", issued.tables[0].rows[0].cells[1].text)
    with pytest.raises(ValidationError, match="đã ban hành"):
        consolidated.update_consolidated(report, data={"number": "126"}, actor=coordinator)
    with pytest.raises(ValidationError):
        consolidated.generate(report)
    second = consolidated.start_consolidated(filled, actor=coordinator)
    # a correction is a new draft with a new number; the issued files stay as they were
    assert (second.version, second.is_draft, second.number, second.signer_name) == (
        2,
        True,
        "",
        "Nguyễn Văn A",
    )
    kept = filled.consolidated_reports.issued().get()
    assert kept.docx.name == report.docx.name and kept.docx.storage.exists(kept.docx.name)


def test_command_writes_docx_pdf_and_xlsx(filled, tmp_path):
    out = tmp_path / "bc.docx"
    stdout = io.StringIO()
    call_command("consolidated_report", "--period", "2024", "--out", str(out), stdout=stdout)
    assert Document(str(out)).paragraphs[1].text == "BÁO CÁO"
    assert stdout.getvalue().strip().endswith(f"to {out}.")
    call_command("consolidated_report", "--period", "2024", "--out", str(tmp_path / "bc.xlsx"), stdout=stdout)
    assert load_workbook(tmp_path / "bc.xlsx").active["A1"].value.startswith("PHỤ LỤC")
    with pytest.raises(CommandError, match="No annual reporting period for 2019"):
        call_command("consolidated_report", "--period", "2019", "--out", str(out))
    with pytest.raises(CommandError, match="use .docx, .pdf or .xlsx"):
        call_command("consolidated_report", "--period", "2024", "--out", str(tmp_path / "bc.txt"))


def test_movement_figures_of_the_year_appear_as_section_five(filled, accounts, org_tree):
    from danvan.movement.services import supervision
    from danvan.orgs import services as orgs
    from danvan.orgs.choices import OrgKind, Role
    from danvan.orgs.tests.factories import UserFactory

    front = orgs.create_unit(key="t-mttq", kind=OrgKind.FATHERLAND_FRONT, name="Ủy ban MTTQ tỉnh")
    officer = UserFactory(username="front", role=Role.AGENCY_OFFICER, org_unit=front)
    programme = supervision.create_programme(
        actor=officer, year=filled.year, subject="Giám sát bảo hiểm y tế", organization=front, scope="Cấp thẻ"
    )
    supervision.add_recommendation(
        programme,
        actor=officer,
        text="Cấp đủ thẻ",
        addressed_to=org_tree["people"],
        due_date=date(filled.year, 9, 30),
    )
    report = consolidated.start_consolidated(filled, actor=accounts["coordinator"])
    document = Document(io.BytesIO(consolidated.render(report, formats=("docx",))["docx"]))
    texts = [p.text for p in document.paragraphs]
    assert "5. Kết quả các mặt công tác khác của kế hoạch" in texts
    assert "a) Giám sát và phản biện xã hội" in texts
    rows = [row for table in document.tables for row in table_rows(table)]
    assert ["Chương trình giám sát", "1"] in rows
    assert ["Số kiến nghị sau giám sát", "1"] in rows
