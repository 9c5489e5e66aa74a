# ruff: noqa: E501  (real-style plan sentences are kept on one line)
import io

import pytest
from django.urls import reverse

from danvan.plans import services
from danvan.plans.models import Plan, PlanImport, Task

from .factories import SAMPLE, build_registry_units

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(org_tree):
    build_registry_units(org_tree)
    extracted = services.match_bodies(services.read_document(SAMPLE.encode("utf-8"), "sample.txt"))
    return services.save_extracted_plan(extracted, actor=None)


def upload(name: str, data: bytes):
    handle = io.BytesIO(data)
    handle.name = name
    return handle


def test_import_review_pages_are_for_coordinators_only(client, accounts, plan):
    task = plan.tasks.first()
    for name in ("leader", "officer", "admin"):
        client.force_login(accounts[name])
        assert client.get(reverse("plans:import")).status_code == 403
        assert client.get(reverse("plans:review", args=[plan.pk])).status_code == 403
        assert client.post(reverse("plans:task_review", args=[task.pk]), {}).status_code == 403
    client.logout()
    assert client.get(reverse("plans:import")).status_code == 302  # to the login page


def test_plan_pages_follow_visible_to(client, accounts, plan, django_assert_max_num_queries):
    client.force_login(accounts["officer"])  # UBND tỉnh: one task (Sở Nội vụ executes it)
    response = client.get(reverse("plans:plan", args=[plan.pk]))
    assert response.status_code == 200
    assert [t.pk for g in response.context["groups"] for t in g["tasks"]] == [plan.tasks.get(order=1).pk]
    hidden = plan.tasks.get(order=2)
    assert client.get(reverse("plans:task", args=[hidden.pk])).status_code == 404
    client.force_login(accounts["reception"])  # Sở Nội vụ
    (listed,) = client.get(reverse("plans:plan_list")).context["plans"]
    assert (listed, listed.task_count) == (plan, 1)  # the one task it sees, not the plan's three
    client.force_login(accounts["leader"])
    with django_assert_max_num_queries(25):
        response = client.get(reverse("plans:plan", args=[plan.pk]))
    assert len([t for g in response.context["groups"] for t in g["tasks"]]) == 3
    body = response.content.decode()
    assert "Giao Ban Dân vận Tỉnh ủy chủ trì" in body
    assert "<h1>Kế hoạch thực hiện công tác dân vận, giai đoạn 2021-2025</h1>" in body
    # "I. NHIỆM VỤ" holds its tasks in "1."; "II. TỔ CHỨC THỰC HIỆN" has none, and says so
    assert body.count("Mục này không giao nhiệm vụ.") == 1
    assert body.index("II. TỔ CHỨC THỰC HIỆN") < body.index("Mục này không giao nhiệm vụ.")


def test_upload_reads_in_a_job_and_opens_the_review(client, accounts, org_tree):
    build_registry_units(org_tree)
    client.force_login(accounts["coordinator"])
    response = client.post(reverse("plans:import"), {"document": upload("ke-hoach.txt", SAMPLE.encode())})
    job = PlanImport.objects.get()
    assert response.url == reverse("plans:import_status", args=[job.pk])
    assert (job.state, job.progress) == ("read", 100)
    response = client.get(response.url)
    assert response.url == reverse("plans:review", args=[job.plan_id])
    page = client.get(response.url).content.decode()
    assert 'id="plan-source"' in page and 'data-start="' in page and "Ban Thường vụ Tỉnh đoàn" in page
    # The same document again: the page offers to update, nothing is duplicated.
    again = client.post(reverse("plans:import"), {"document": upload("ke-hoach.txt", SAMPLE.encode())})
    assert again.status_code == 200 and again.context["existing"].pk == job.plan_id
    assert "Cập nhật kế hoạch đã có" in again.content.decode()
    client.post(
        reverse("plans:import"),
        {"document": upload("ke-hoach.txt", SAMPLE.encode()), "update_plan": job.plan_id},
    )
    assert Plan.objects.count() == 1 and Task.objects.count() == 3


def test_bad_upload_shows_a_vietnamese_error_and_saves_nothing(client, accounts):
    client.force_login(accounts["coordinator"])
    response = client.post(reverse("plans:import"), {"document": upload("quet.pdf", b"%PDF-1.4 broken")})
    assert response.status_code == 200
    assert response.context["form"].errors["document"] == [
        "Không đọc được tệp “quet.pdf” (tệp bị hỏng hoặc có mật khẩu). Hãy lưu lại thành .docx, .pdf hoặc .txt "
        "rồi tải lên lại."
    ]
    response = client.post(reverse("plans:import"), {"document": upload("bang.xlsx", b"PK\x03\x04")})
    assert "Tệp “bang.xlsx” không đúng định dạng" in response.context["form"].errors["document"][0]
    assert (Plan.objects.count(), PlanImport.objects.count()) == (0, 0)


@pytest.mark.parametrize("update_plan", ["abc", "999999"])
def test_a_tampered_plan_to_update_is_refused_with_a_message(client, accounts, update_plan):
    client.force_login(accounts["coordinator"])
    response = client.post(
        reverse("plans:import"),
        {"document": upload("ke-hoach.txt", SAMPLE.encode()), "update_plan": update_plan},
    )
    assert response.status_code == 200
    refused = "Kế hoạch cần cập nhật không còn hoặc không thuộc quyền sửa của bạn. Hãy nhập lại tệp."
    assert f'<div class="errorlist" role="alert"><p>{refused}</p></div>' in response.content.decode()
    assert (Plan.objects.count(), PlanImport.objects.count()) == (0, 0)


def test_task_review_corrects_the_lead(client, accounts, plan, org_tree):
    client.force_login(accounts["coordinator"])
    task = plan.tasks.get(order=2)
    (youth,) = task.assignments.all()
    url = reverse("plans:task_review", args=[task.pk])
    assert client.get(url).status_code == 200
    data = {
        "section": task.section_id or "",
        "recurrence": "ongoing",
        "due_date": "",
        "deadline_text": "",
        "a-TOTAL_FORMS": "2",
        "a-INITIAL_FORMS": "1",
        "a-MIN_NUM_FORMS": "0",
        "a-MAX_NUM_FORMS": "1000",
        "a-0-id": youth.pk,
        "a-0-unit": org_tree["organisation"].pk,
        "a-0-name_as_written": youth.name_as_written,
        "a-0-role": "lead",
        "a-1-id": "",
        "a-1-unit": "",
        "a-1-name_as_written": "",
        "a-1-role": "coordinator",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    youth.refresh_from_db()
    assert (youth.unit, youth.role) == (org_tree["organisation"], "lead")
    data["a-0-role"] = "coordinator"
    response = client.post(url, data)
    assert "Nhiệm vụ cần có cơ quan chủ trì" in response.content.decode()


def test_activate_and_api(client, accounts, plan):
    client.force_login(accounts["coordinator"])
    client.post(reverse("plans:activate", args=[plan.pk]))
    plan.refresh_from_db()
    assert plan.status == "active"
    client.force_login(accounts["officer"])
    tasks = client.get("/api/plans/tasks/").json()
    rows = tasks["results"] if isinstance(tasks, dict) else tasks
    assert [r["summary"] for r in rows] == [plan.tasks.get(order=1).summary]
    assert rows[0]["assignments"][0]["role"] == "lead"
    plans = client.get("/api/plans/plans/").json()
    assert [p["id"] for p in (plans["results"] if isinstance(plans, dict) else plans)] == [plan.pk]
    client.force_login(accounts["other_officer"])
    assert client.get(f"/api/plans/tasks/{plan.tasks.get(order=1).pk}/").status_code == 404


def test_documents_pages(client, accounts, plan):
    client.force_login(accounts["officer"])
    response = client.get(reverse("documents:document_list"))
    (document,) = response.context["documents"]
    assert document.symbol == "120-KL/TW"
    detail = client.get(document.get_absolute_url())
    assert (
        detail.status_code == 200 and list(detail.context["citations"]) == []
    )  # cited by a task outside the scope


def test_a_document_lists_and_counts_only_the_citations_the_user_may_see(client, accounts, plan):
    from danvan.documents.models import Document
    from danvan.orgs import services as orgs
    from danvan.orgs.choices import OrgKind, Role
    from danvan.orgs.tests.factories import UserFactory
    from danvan.plans.models import Citation

    document = Document.objects.get(symbol="120-KL/TW")
    (cited_by_task,) = Citation.objects.filter(document=document)  # the task of Ban Dân vận and Ban Tổ chức
    Citation.objects.create(
        plan=plan, document=document, text_as_written="Kết luận số 120-KL/TW của Bộ Chính trị"
    )
    front = orgs.create_unit(key="t-mttq", kind=OrgKind.FATHERLAND_FRONT, name="Ủy ban MTTQ Việt Nam tỉnh")
    outsider = UserFactory(
        username="outsider", role=Role.AGENCY_OFFICER, org_unit=front
    )  # no task in the plan

    def seen_by(user):
        client.force_login(user)
        (listed,) = client.get(reverse("documents:document_list")).context["documents"]
        detail = client.get(document.get_absolute_url())
        return listed.citation_count, [c.get_absolute_url() for c in detail.context["citations"]], detail

    count, links, detail = seen_by(outsider)
    assert (count, links) == (0, [])
    assert (
        plan.title not in detail.content.decode()
        and reverse("plans:plan", args=[plan.pk]) not in detail.content.decode()
    )
    assert seen_by(accounts["officer"])[:2] == (1, [reverse("plans:plan", args=[plan.pk])])  # not the task
    count, links, _ = seen_by(accounts["coordinator"])
    assert (count, sorted(links)) == (
        2,
        sorted([reverse("plans:plan", args=[plan.pk]), cited_by_task.get_absolute_url()]),
    )
