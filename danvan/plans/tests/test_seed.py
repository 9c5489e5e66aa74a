"""The seed plan read as .txt, .docx and .pdf, measured against the hand-annotated gold."""

import io
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from danvan.plans.extract import ReadError, assignment_rows, citation_rows, read_bytes, read_plan
from danvan.plans.extract.evaluate import evaluate, evaluate_citations

from .conftest import FIXTURES

FONTS = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
]


def gold(name: str) -> list:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed_plan(seed_text):
    return read_plan(seed_text, "seed.txt")


def test_eval_floors_on_the_seed(seed_plan):
    figures = evaluate(gold("seed_gold.json"), assignment_rows(seed_plan))
    assert figures["lead"]["f1"] >= 0.97
    assert figures["co_leads_coordinators"]["f1"] >= 0.93
    assert figures["recurrence_accuracy"] >= 0.97
    assert figures["due_accuracy"] >= 0.97
    assert figures["assignments"]["recall"] >= 0.95


def test_cited_documents_floor_on_the_seed(seed_plan):
    figures = evaluate_citations(gold("seed_citations_gold.json"), citation_rows(seed_plan))
    assert figures["documents"]["f1"] >= 0.95
    assert figures["date_accuracy"] >= 0.95


def test_seed_metadata_sections_and_targets(seed_plan):
    assert (seed_plan.doc_type, seed_plan.term_start, seed_plan.term_end) == ("KẾ HOẠCH", 2020, 2025)
    assert seed_plan.title.startswith("Thực hiện Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XI")
    assert (seed_plan.issuer_name, seed_plan.signer_capacity) == (
        "Ban Thường vụ Tỉnh ủy",
        "T/M BAN THƯỜNG VỤ / PHÓ BÍ THƯ",
    )
    assert seed_plan.recipients[-1] == {"name": "Ban Dân vận Trung ương (A+B)", "kind": "cc"}
    assert [s.number for s in seed_plan.sections if s.number.startswith("III.5")] == [
        "III.5",
        "III.5.1",
        "III.5.2",
    ]
    assert [(t.comparator, t.value, t.unit, t.period) for t in seed_plan.targets] == [
        (">", "80", "%", "annual")
    ] * 2
    assert seed_plan.targets[0].subject == "cơ quan, đơn vị thực hiện đạt tiêu chí Dân vận khéo"


def test_spans_point_into_the_source(seed_plan, seed_text):
    parents = {t.parent for t in seed_plan.tasks}
    for index, task in enumerate(seed_plan.tasks):
        written = " ".join(seed_text[task.start : task.end].replace("*", "").split())
        if index in parents:  # an assignment's span covers its "+" sub-items
            assert written.startswith(task.text)
        else:
            assert written == task.text


def _key(rows):
    return [
        (r["section"], r["lead"], tuple(r["co_leads"]), tuple(r["coordinators"]), r["recurrence"], r["due"])
        for r in rows
    ]


def _docx_from(text: str, with_table: bool) -> bytes:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for paragraph in text.split("\n"):
        if paragraph.strip():
            document.add_paragraph(paragraph.replace("*", ""))
    if with_table:
        document.add_paragraph("V- NHIỆM VỤ CỤ THỂ NĂM 2022")
        table = document.add_table(rows=3, cols=5)
        rows = [
            ("STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"),
            (
                "1",
                "Sơ kết việc thực hiện quy chế dân chủ",
                "Ban Dân vận Tỉnh ủy",
                "UBND tỉnh, Sở Nội vụ",
                "Quý II/2022",
            ),
            ("2", "Tập huấn cán bộ dân vận", "Trường Chính trị tỉnh", "Ban Dân vận Tỉnh ủy", "Hàng năm"),
        ]
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                table.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_docx_gives_the_same_assignments_as_txt(seed_text, seed_plan):
    body, tail = seed_text.split("Nơi nhận:", 1)
    text = read_bytes(_docx_from(body, with_table=True), "seed.docx")
    plan = read_plan(text, "seed.docx")
    rows = assignment_rows(plan)
    table_rows = [r for r in rows if r["notes"] == "table row"]
    assert _key([r for r in rows if r not in table_rows]) == _key(assignment_rows(seed_plan))
    assert [(r["section"], r["lead"], r["coordinators"], r["recurrence"], r["due"]) for r in table_rows] == [
        ("V", "Ban Dân vận Tỉnh ủy", ["UBND tỉnh", "Sở Nội vụ"], "once", "2022-06-30"),
        ("V", "Trường Chính trị tỉnh", ["Ban Dân vận Tỉnh ủy"], "annual", None),
    ]


def _font() -> str | None:
    return next((f for f in FONTS if os.path.exists(f)), None)


def test_pdf_gives_the_same_assignments_as_txt(seed_text, seed_plan):
    font = _font()
    if font is None:
        if os.environ.get("CI"):
            pytest.fail("A TTF font with Vietnamese glyphs (DejaVu or Liberation) is required under CI")
        pytest.skip("No TTF font with Vietnamese glyphs found: PDF test skipped")
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("body", fname=font)
    pdf.set_font("body", size=11)
    pdf.add_page()
    for paragraph in seed_text.split("\n"):
        if paragraph.strip():
            pdf.multi_cell(0, 6, paragraph.replace("*", "").strip(), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
    text = read_bytes(bytes(pdf.output()), "seed.pdf")
    assert _key(assignment_rows(read_plan(text, "seed.pdf"))) == _key(assignment_rows(seed_plan))


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (b"", "empty.txt", "empty"),
        (b"   \n\n", "blank.md", "empty"),
        (b"PK\x03\x04 not really a docx", "broken.docx", "unreadable"),
        (b"%PDF-1.4 garbage", "broken.pdf", "unreadable"),
        (b"\x89PNG\r\n", "picture.png", "wrong_type"),
        (b"%PDF-1.4\n...", "renamed.txt", "wrong_type"),
    ],
)
def test_bad_files_raise_a_named_error(data, name, code):
    with pytest.raises(ReadError) as error:
        read_bytes(data, name)
    assert (error.value.code, error.value.name) == (code, name)


def test_scanned_pdf_without_text_layer():
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 100, style="F")  # an image-like page with no text
    with pytest.raises(ReadError) as error:
        read_bytes(bytes(pdf.output()), "scan.pdf")
    assert error.value.code == "scanned"


LINES = st.sampled_from(
    [
        "KẾ HOẠCH",
        "I- MỤC ĐÍCH, YÊU CẦU:",
        "III- NHIỆM VỤ VÀ GIẢI PHÁP",
        "1- Công tác dân vận",
        "5.1- Dân tộc:",
        "- Các cấp ủy đảng tăng cường lãnh đạo.",
        "+ Chỉ đạo chính quyền các cấp.",
        "Giao Ban Dân vận Tỉnh ủy chủ trì,",
        "phối hợp với Đảng đoàn Mặt trận Tổ quốc, các đoàn thể",
        "Thực hiện hàng năm.",
        "Hoàn thành trong quý II/2021.",
        "| STT | Nội dung | Cơ quan chủ trì |",
        "| 1 | x | Ban |",
        "Nơi nhận:",
        "T/M BAN THƯỜNG VỤ",
        "a) ",
        "(",
        ")",
        "Nghị quyết số 25-NQ/TW ngày 31/2/2013 của",
        "quý V/2021",
        "ngày 99/99/9999",
        "",
        " ",
        "Đề nghị",
        "giao",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(LINES, st.text(max_size=40)), max_size=40))
def test_generated_documents_never_crash(lines):
    plan = read_plan("\n".join(lines))
    assignment_rows(plan)
    citation_rows(plan)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_mutated_seed_never_crashes(seed_text, data):
    cut = data.draw(st.integers(0, len(seed_text)))
    width = data.draw(st.integers(0, 400))
    insert = data.draw(st.text(max_size=30))
    mutated = seed_text[:cut] + insert + seed_text[cut + width :]
    plan = read_plan(mutated)
    for task in plan.tasks:
        assert 0 <= task.start <= task.end <= len(plan.source_text)


def test_fixture_files_are_in_the_gold_schema():
    for row in gold("seed_gold.json"):
        assert {
            "lead",
            "lead_canonical",
            "co_leads",
            "coordinators",
            "task",
            "deadline_text",
            "recurrence",
            "due",
            "section",
            "notes",
        } <= set(row)
        assert row["recurrence"] in {"annual", "quarterly", "monthly", "once", "ongoing"}
        assert (row["due"] is None) or row["recurrence"] == "once"
    assert Path(FIXTURES / "seed_citations_gold.json").exists()
