# ruff: noqa: E501  (real-style plan sentences are kept on one line)
"""One test per reading rule, with sentences written the way plans of the genre write them."""

from datetime import date

import pytest

from danvan.plans.extract import read_plan
from danvan.plans.extract.bodies import is_group, parse_names
from danvan.plans.extract.citations import read_citations
from danvan.plans.extract.deadlines import read_cell_deadline, read_deadline
from danvan.plans.extract.evaluate import names_equal
from danvan.plans.extract.text import name_key


def roles(task) -> dict:
    out: dict = {}
    for n in task.names:
        out.setdefault(n.role, []).append(n.text)
    return out


def plan_of(body: str, header: str = "KẾ HOẠCH\nThực hiện công tác dân vận năm 2024\n\n") -> object:
    return read_plan(
        header + "I. MỤC ĐÍCH, YÊU CẦU\n\nNâng cao nhận thức.\n\nII. NHIỆM VỤ, GIẢI PHÁP\n\n" + body
    )


# -- assignments ------------------------------------------------------------------------------------


def test_giao_lead_and_coordinators():
    plan = plan_of(
        "Giao Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp, Thanh tra tỉnh và các cơ quan liên quan "
        "xây dựng quy chế phối hợp. Hoàn thành trước ngày 30/6/2024."
    )
    (task,) = plan.tasks
    assert roles(task) == {
        "lead": ["Sở Nội vụ"],
        "coordinator": ["Sở Tư pháp", "Thanh tra tỉnh", "các cơ quan liên quan"],
    }
    assert (task.deadline.recurrence, task.deadline.due) == ("once", date(2024, 6, 30))


def test_body_as_subject():
    plan = plan_of(
        "- Ủy ban Mặt trận Tổ quốc Việt Nam huyện chủ động giám sát việc thực hiện quy chế dân chủ ở cơ sở."
    )
    (task,) = plan.tasks
    assert roles(task) == {"lead": ["Ủy ban Mặt trận Tổ quốc Việt Nam huyện"]}
    assert task.deadline.recurrence == "ongoing"


def test_joint_assignment_without_lead_gives_co_leads():
    plan = plan_of(
        "Hội Nông dân tỉnh, Hội Cựu chiến binh tỉnh và Liên đoàn Lao động tỉnh tổ chức tuyên truyền "
        "trong hội viên, đoàn viên. Thực hiện hàng năm."
    )
    (task,) = plan.tasks
    assert roles(task) == {
        "co_lead": ["Hội Nông dân tỉnh", "Hội Cựu chiến binh tỉnh", "Liên đoàn Lao động tỉnh"]
    }
    assert task.deadline.recurrence == "annual"


def test_chain_records_directed_bodies_as_executors():
    plan = plan_of(
        "Giao Đảng ủy Ủy ban nhân dân thành phố chỉ đạo Ủy ban nhân dân thành phố chỉ đạo Phòng Văn hóa "
        "và Thông tin, Công an thành phố triển khai thực hiện."
    )
    (task,) = plan.tasks
    assert roles(task) == {
        "lead": ["Đảng ủy Ủy ban nhân dân thành phố"],
        "executor": ["Ủy ban nhân dân thành phố", "Phòng Văn hóa và Thông tin", "Công an thành phố"],
    }


def test_request_to_body_the_issuer_cannot_command():
    plan = plan_of(
        "Đề nghị Ủy ban MTTQ tỉnh phối hợp với các tổ chức chính trị - xã hội tỉnh giám sát việc "
        "thực hiện chính sách an sinh xã hội. Thời gian thực hiện: Quý III/2024."
    )
    (task,) = plan.tasks
    assert task.is_request
    assert roles(task) == {
        "lead": ["Ủy ban MTTQ tỉnh"],
        "coordinator": ["các tổ chức chính trị - xã hội tỉnh"],
    }
    assert task.deadline.due == date(2024, 9, 30)


def test_sub_items_inherit_the_assignment_and_its_closing_deadline():
    plan = plan_of(
        "Giao Ban Cán sự đảng UBND huyện chỉ đạo UBND huyện:\n\n+ Rà soát thủ tục hành chính.\n\n"
        "+ Tổ chức đối thoại với nhân dân. Thực hiện hàng năm.\n\n- Tiếp tục nâng cao chất lượng."
    )
    parent, first, second = plan.tasks
    assert (first.parent, second.parent) == (0, 0)
    assert roles(first) == {"lead": ["Ban Cán sự đảng UBND huyện"], "executor": ["UBND huyện"]}
    assert [t.deadline.recurrence for t in plan.tasks] == ["annual", "annual", "annual"]


def test_two_deadlines_in_one_paragraph_make_two_tasks_for_the_same_lead():
    plan = plan_of(
        "Giao Ban Tuyên giáo Huyện ủy theo dõi việc thực hiện Chỉ thị số 05-CT/TW. Thời gian sơ kết vào "
        "quý IV/2023. Đồng thời, hướng dẫn các chi bộ đăng ký nội dung học tập và làm theo. Thực hiện hàng năm."
    )
    first, second = plan.tasks
    assert (first.deadline.due, second.deadline.recurrence) == (date(2023, 12, 31), "annual")
    assert roles(second) == {"lead": ["Ban Tuyên giáo Huyện ủy"]}


def test_purpose_and_target_sections_hold_no_tasks_but_targets_are_read():
    plan = read_plan(
        "KẾ HOẠCH\nVề công tác dân vận năm 2023\n\nI. MỤC TIÊU, CHỈ TIÊU\n\nCác cấp ủy phải nâng cao "
        "nhận thức. Phấn đấu 100% xã đạt tiêu chí; từ 90% hộ gia đình trở lên đạt danh hiệu văn hóa.\n\n"
        "II. NHIỆM VỤ\n\nHuyện đoàn chủ trì tổ chức ra quân tình nguyện."
    )
    assert [roles(t) for t in plan.tasks] == [{"lead": ["Huyện đoàn"]}]
    assert [(t.comparator, t.value, t.unit) for t in plan.targets] == [("=", "100", "%"), (">=", "90", "%")]


def test_target_with_comparator_and_annual_period():
    plan = read_plan(
        "KẾ HOẠCH\n\nII- MỤC TIÊU, CHỈ TIÊU:\n\nHàng năm, có trên 75% khu dân cư đạt chuẩn văn hóa."
    )
    (target,) = plan.targets
    assert (target.comparator, target.value, target.period, target.subject) == (
        ">",
        "75",
        "annual",
        "khu dân cư đạt chuẩn văn hóa",
    )


def test_section_tree_numbers():
    plan = read_plan(
        "KẾ HOẠCH\n\nI. NHIỆM VỤ\n\n1. Công tác tuyên truyền\n\n1.1. Báo chí\n\na) Báo in\n\n"
        "II. TỔ CHỨC THỰC HIỆN\n\n1. Văn phòng Huyện ủy theo dõi, tổng hợp."
    )
    assert [s.number for s in plan.sections] == ["I", "I.1", "I.1.1", "I.1.1.a", "II", "II.1"]
    assert [t.section for t in plan.tasks] == ["II.1"]


def test_markdown_task_table():
    plan = read_plan(
        "KẾ HOẠCH\n\nIII. NHIỆM VỤ CỤ THỂ\n\n"
        "| STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |\n"
        "|---|---|---|---|---|\n"
        "| 1 | Tổ chức hội nghị quán triệt | Ban Dân vận Huyện ủy | Văn phòng Huyện ủy, UBND huyện | Quý I/2022 |\n"
        "| 2 | Kiểm tra việc thực hiện quy chế dân chủ | Ban Chỉ đạo QCDC huyện | Các xã, thị trấn | Hàng năm |\n"
    )
    first, second = plan.tasks
    assert roles(first) == {
        "lead": ["Ban Dân vận Huyện ủy"],
        "coordinator": ["Văn phòng Huyện ủy", "UBND huyện"],
    }
    assert (first.deadline.due, second.deadline.recurrence) == (date(2022, 3, 31), "annual")
    assert first.from_table


def test_metadata_header_signature_and_recipients():
    plan = read_plan(
        "ĐẢNG BỘ TỈNH BÌNH DƯƠNG\nHUYỆN ỦY DẦU TIẾNG\nSố: 45-KH/HU\nDầu Tiếng, ngày 15 tháng 3 năm 2022\n\n"
        "KẾ HOẠCH\nthực hiện Chỉ thị số 16-CT/TU, giai đoạn 2022-2025\n\nI. NHIỆM VỤ\n\n"
        "Ban Dân vận Huyện ủy tham mưu sơ kết.\n\nNơi nhận:\n- Ban Thường vụ Tỉnh ủy,\n- Lưu VPHU.\n\n"
        "T/M BAN THƯỜNG VỤ\nBÍ THƯ\n\nNguyễn Văn An"
    )
    assert (plan.doc_type, plan.symbol, plan.issued_on, plan.place) == (
        "KẾ HOẠCH",
        "45-KH/HU",
        date(2022, 3, 15),
        "Dầu Tiếng",
    )
    assert (plan.term_start, plan.term_end, plan.issuer_name) == (2022, 2025, "Huyện ủy Dầu Tiếng")
    assert (plan.signer_capacity, plan.signer_name) == ("T/M BAN THƯỜNG VỤ / BÍ THƯ", "Nguyễn Văn An")
    assert plan.recipients == [
        {"name": "Ban Thường vụ Tỉnh ủy", "kind": "recipient"},
        {"name": "Lưu VPHU", "kind": "recipient"},
    ]


# -- deadlines --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tổ chức hội nghị. Thực hiện hàng năm.", ("annual", None, False)),
        ("Báo cáo kết quả định kỳ hàng năm về Ban Thường vụ.", ("annual", None, False)),
        ("Rà soát quy chế. Hoàn thành trong quý II/2021.", ("once", date(2021, 6, 30), False)),
        ("Khảo sát. Thời gian hoàn thành trong quý III/2021.", ("once", date(2021, 9, 30), False)),
        ("Tổng kết. Thời gian tổng kết vào quý IV/2025.", ("once", date(2025, 12, 31), False)),
        ("Xây dựng đề án. Hoàn thành trong tháng 10/2022.", ("once", date(2022, 10, 31), False)),
        ("Ban hành hướng dẫn. Thời hạn: ngày 15/8/2023.", ("once", date(2023, 8, 15), False)),
        ("Sửa đổi quy chế. Thời gian thực hiện: năm 2024.", ("once", date(2024, 12, 31), False)),
        ("Nắm tình hình nhân dân. Thực hiện thường xuyên.", ("ongoing", None, False)),
        ("Triển khai hướng dẫn sau khi Nghị định của Chính phủ được ban hành.", ("once", None, True)),
        ("Tuyên truyền sâu rộng trong nhân dân.", ("ongoing", None, False)),
        ("Giao ban định kỳ hàng quý.", ("quarterly", None, False)),
        ("Tiếp tục thực hiện Kết luận 114-KL/TW ngày 14/7/2015 của Ban Bí thư.", ("ongoing", None, False)),
    ],
)
def test_deadline_rules(text, expected):
    deadline = read_deadline(text)
    assert (deadline.recurrence, deadline.due, deadline.needs_review) == expected


def test_table_cell_deadlines():
    assert read_cell_deadline("Quý IV/2022").due == date(2022, 12, 31)
    assert read_cell_deadline("Thường xuyên").recurrence == "ongoing"
    cell = read_cell_deadline("Sau khi có hướng dẫn của Trung ương")
    assert (cell.recurrence, cell.needs_review) == ("once", True)


# -- citations --------------------------------------------------------------------------------------


def test_party_and_state_citations():
    text = (
        "Thực hiện Nghị quyết số 25-NQ/TW ngày 03/6/2013 của Ban Chấp hành Trung ương Đảng (khóa XI) về "
        "“Tăng cường công tác dân vận”; Nghị định số 59/2023/NĐ-CP ngày 14/8/2023 của Chính phủ và "
        "Quyết định số 217, 218-QĐ/TW của Bộ Chính trị."
    )
    found = [(c.doc_type, c.symbol, c.issued_on, c.issuer) for c in read_citations(text)]
    assert found == [
        ("resolution", "25-NQ/TW", date(2013, 6, 3), "Ban Chấp hành Trung ương Đảng (khóa XI)"),
        ("decree", "59/2023/NĐ-CP", date(2023, 8, 14), "Chính phủ"),
        ("decision", "217-QĐ/TW", None, "Bộ Chính trị"),
        ("decision", "218-QĐ/TW", None, "Bộ Chính trị"),
    ]
    assert read_citations(text)[0].title == "Tăng cường công tác dân vận"


def test_citation_without_number_word_and_law_by_name():
    found = read_citations("theo Kết luận 114-KL/TW ngày 14/7/2015 và Luật Tiếp công dân.")
    assert [(c.doc_type, c.symbol, c.issuer, c.title) for c in found] == [
        ("conclusion", "114-KL/TW", "Trung ương", ""),
        ("law", "", "Quốc hội", "Tiếp công dân"),
    ]


# -- names ----------------------------------------------------------------------------------------------


def test_names_end_at_the_predicate_and_keep_embedded_verbs():
    names, _, stop = parse_names(
        "Ban Chỉ đạo thực hiện quy chế dân chủ ở cơ sở huyện, Sở Giáo dục và Đào tạo hướng dẫn các trường", 0
    )
    assert [n.text for n in names] == [
        "Ban Chỉ đạo thực hiện quy chế dân chủ ở cơ sở huyện",
        "Sở Giáo dục và Đào tạo",
    ]
    assert stop == "verb"


def test_groups_and_name_normalization():
    assert (
        is_group("các sở, ban, ngành liên quan") and is_group("Các cấp ủy đảng") and not is_group("Sở Nội vụ")
    )
    assert name_key("BCS đảng UBND tinh") == name_key("Ban Cán sự đảng Ủy ban nhân dân tỉnh")
    assert names_equal("Ban Dân vận Tỉnh ủy-co quan Thường trực Ban Chỉ đạo", "Ban Dân vận Tỉnh ủy")
    assert not names_equal("Ban Tổ chức Tỉnh ủy", "Ban Dân vận Tỉnh ủy")


def test_people_committee_plan_with_letters_requests_tables_and_groups():
    """A People's Committee plan (written for the tests): header issuer, a), b) items, Đề nghị, a task table."""
    from .conftest import FIXTURES

    plan = read_plan((FIXTURES / "people_committee_plan.txt").read_text(encoding="utf-8"))
    assert (plan.issuer_name, plan.symbol, plan.term_start, plan.term_end) == (
        "Ủy ban nhân dân tỉnh Bình Phước",
        "215/KH-UBND",
        2023,
        2024,
    )
    assert [s.number for s in plan.sections if s.number.startswith("II.1")] == ["II.1", "II.1.a", "II.1.b"]
    rows = [(t.section, roles(t), t.deadline.recurrence, t.deadline.due) for t in plan.tasks]
    assert rows == [
        (
            "II.1.a",
            {"lead": ["Sở Thông tin và Truyền thông"], "coordinator": ["Sở Nội vụ", "Báo Bình Phước"]},
            "ongoing",
            None,
        ),
        (
            "II.1.b",
            {"co_lead": ["Các sở, ban, ngành", "UBND các huyện, thị xã, thành phố"]},
            "once",
            date(2023, 9, 30),
        ),
        ("II.2", {"lead": ["Sở Nội vụ"]}, "once", date(2023, 11, 30)),
        (
            "II.2",
            {"co_lead": ["Ủy ban MTTQ Việt Nam tỉnh", "các tổ chức chính trị - xã hội tỉnh"]},
            "ongoing",
            None,
        ),
        ("II.3", {"lead": ["Sở Nội vụ"], "coordinator": ["Ban Dân vận Tỉnh ủy"]}, "once", date(2023, 12, 31)),
        (
            "II.3",
            {"lead": ["UBND các huyện, thị xã, thành phố"], "coordinator": ["Các sở, ngành liên quan"]},
            "annual",
            None,
        ),
        ("III.1", {"lead": ["Sở Nội vụ"]}, "annual", None),
        (
            "III.2",
            {"co_lead": ["Thủ trưởng các sở, ban, ngành", "Chủ tịch UBND các huyện, thị xã, thành phố"]},
            "ongoing",
            None,
        ),
    ]
    assert plan.tasks[3].is_request
    assert [(c.symbol, c.issuer) for c in plan.citations] == [("04/2015/NĐ-CP", "Chính phủ")]


def test_labelled_work_items_in_markdown():
    """'- Cơ quan chủ trì: …', '- Cơ quan phối hợp: …', '- Thời gian thực hiện: …' lines under a work item."""
    from .conftest import FIXTURES

    plan = read_plan((FIXTURES / "labelled_plan.md").read_text(encoding="utf-8"))
    rows = [(t.section, t.text, roles(t), t.deadline.due) for t in plan.tasks]
    assert rows[:2] == [
        (
            "I.1",
            "Tổ chức hội nghị quán triệt Kết luận số 114-KL/TW của Ban Bí thư",
            {"lead": ["Ban Tuyên giáo Huyện ủy"], "coordinator": ["Văn phòng Huyện ủy", "UBND huyện"]},
            date(2022, 3, 31),
        ),
        (
            "I.2",
            "Khảo sát tình hình đoàn viên, hội viên",
            {"co_lead": ["Ủy ban MTTQ huyện", "các đoàn thể chính trị - xã hội huyện"]},
            date(2022, 9, 30),
        ),
    ]
    assert (plan.tasks[2].is_request, roles(plan.tasks[2])) == (
        True,
        {"lead": ["Ban Thường vụ Huyện đoàn"], "coordinator": ["Phòng Văn hóa - Thông tin huyện"]},
    )
    assert [(c.symbol, c.issuer) for c in plan.citations] == [("114-KL/TW", "Ban Bí thư")]
