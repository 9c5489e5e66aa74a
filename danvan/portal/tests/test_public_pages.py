"""Public pages: published exemplary models and the progress of active plans (aggregates only)."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from danvan.movement import services as movement
from danvan.tracking.models import Occurrence
from danvan.tracking.tests.factories import PlanFactory, SectionFactory, TaskFactory

pytestmark = pytest.mark.django_db


def _model(accounts, org_tree, *, publish=True, **extra):
    values = dict(
        kind="model",
        name="Mô hình một cửa tại nhà",
        person_name="Nguyễn Văn Khéo",
        field="political_system",
        level="province",
        year=2023,
        unit=org_tree["interior"],
        description="Tiếp nhận hồ sơ tại nhà.",
        results="Giảm 40% thời gian.",
        proposed_by="Đoàn viên Trần Thị Đề Xuất",
    )
    values.update(extra)
    model = movement.create_model(actor=accounts["coordinator"], **values)
    if publish:
        movement.set_published(model, True, actor=accounts["coordinator"])
    return model


def test_models_list_shows_only_published_and_filters(
    client, accounts, org_tree, django_assert_max_num_queries
):
    shown = _model(accounts, org_tree)
    movement.add_award(
        shown,
        actor=accounts["coordinator"],
        form="certificate_of_merit",
        deciding_body="Ủy ban nhân dân tỉnh",
        decision_number="123/QĐ-UBND",
        decision_date=date(2023, 12, 20),
    )
    movement.add_replication(shown, actor=accounts["coordinator"], year=2024, count=3, place_name="Xã A")
    _model(accounts, org_tree, name="Mô hình chưa công bố", publish=False)
    _model(accounts, org_tree, name="Dân vận khéo trong kinh tế", field="economy", year=2024)
    with django_assert_max_num_queries(6):
        body = client.get(reverse("portal:models")).content.decode()
    assert "Mô hình một cửa tại nhà" in body and "Dân vận khéo trong kinh tế" in body
    assert "Mô hình chưa công bố" not in body
    assert "Nguyễn Văn Khéo" not in body and "Trần Thị Đề Xuất" not in body
    body = client.get(reverse("portal:models"), {"year": 2024}).content.decode()
    assert "Dân vận khéo trong kinh tế" in body and "Mô hình một cửa tại nhà" not in body
    body = client.get(reverse("portal:models"), {"field": "political_system"}).content.decode()
    assert "Mô hình một cửa tại nhà" in body and "Dân vận khéo trong kinh tế" not in body
    body = client.get(reverse("portal:models"), {"q": "mot cua"}).content.decode()
    assert "Mô hình một cửa tại nhà" in body and "Dân vận khéo trong kinh tế" not in body
    body = client.get(reverse("portal:models"), {"q": "không có từ này"}).content.decode()
    assert "Không có mô hình điển hình đã công bố nào phù hợp." in body


def test_models_pagination(client, accounts, org_tree, django_assert_max_num_queries):
    for i in range(25):
        _model(accounts, org_tree, name=f"Mô hình số {i:02d}")
    with django_assert_max_num_queries(6):
        response = client.get(reverse("portal:models"))
    assert len(response.context["models"]) == 20 and response.context["page_obj"].paginator.num_pages == 2
    assert len(client.get(reverse("portal:models"), {"page": 2}).context["models"]) == 5


def test_model_detail_and_unpublished_is_404(client, accounts, org_tree):
    model = _model(accounts, org_tree)
    movement.add_award(
        model,
        actor=accounts["coordinator"],
        form="certificate_of_merit",
        deciding_body="Ủy ban nhân dân tỉnh",
        decision_number="123/QĐ-UBND",
        decision_date=date(2023, 12, 20),
    )
    movement.add_replication(model, actor=accounts["coordinator"], year=2024, count=3, place_name="Xã A")
    movement.add_replication(model, actor=accounts["coordinator"], year=2024, count=2, place_name="Xã B")
    body = client.get(reverse("portal:model", args=[model.pk])).content.decode()
    for text in (
        "Mô hình một cửa tại nhà",
        "Tiếp nhận hồ sơ tại nhà.",
        "Giảm 40% thời gian.",
        "Ủy ban nhân dân tỉnh",
        "123/QĐ-UBND",
        "20/12/2023",
        org_tree["interior"].name,
    ):
        assert text in body
    assert response_count(body) == "5"
    assert "Nguyễn Văn Khéo" not in body
    hidden = _model(accounts, org_tree, name="Chưa công bố", publish=False)
    assert client.get(reverse("portal:model", args=[hidden.pk])).status_code == 404
    assert client.get(reverse("portal:model", args=[999999])).status_code == 404


def response_count(body: str) -> str:
    after = body.split("<dt>Nhân rộng</dt><dd>", 1)[1]
    return after.split("</dd>", 1)[0]


def _occ(plan, section, *, due, started=None, completed=None, unit=None):
    task = TaskFactory(plan=plan, section=section)
    Occurrence.objects.filter(task=task).delete()  # the periods tracking generated; we set our own
    return Occurrence.objects.create(
        task=task,
        plan=plan,
        section=section,
        kind="year",
        period_start=date(due.year, 1, 1),
        period_end=date(due.year, 12, 31),
        due_date=due,
        year=due.year,
        lead_unit=unit,
        started_on=started or completed,
        completed_on=completed,
        percent=100 if completed else 0,
    )


def test_progress_counts_per_plan_and_section(client, org_tree, django_assert_max_num_queries):
    today = timezone.localdate()
    plan = PlanFactory(status="active", title="Kế hoạch dân vận đang thực hiện")
    PlanFactory(status="draft", title="Kế hoạch nháp")
    s1 = SectionFactory(plan=plan, number="III.1", title="Nhiệm vụ cụ thể", order=1)
    s2 = SectionFactory(plan=plan, number="III.2", title="Giải pháp", order=2)
    past, future = today - timedelta(days=10), today + timedelta(days=10)
    unit = org_tree["interior"]
    _occ(plan, s1, due=past, completed=past - timedelta(days=1), unit=unit)  # on time
    _occ(plan, s1, due=past, completed=today, unit=unit)  # late
    _occ(plan, s1, due=past, unit=unit)  # overdue
    _occ(plan, s2, due=future, started=today, unit=unit)  # in progress
    _occ(plan, s2, due=future, unit=unit)  # not started
    with django_assert_max_num_queries(5):
        response = client.get(reverse("portal:progress"))
    body = response.content.decode()
    assert "Kế hoạch dân vận đang thực hiện" in body and "Kế hoạch nháp" not in body
    entry = response.context["entries"][0]
    assert entry["total"]["counts"] == {
        "done_on_time": 1,
        "done_late": 1,
        "overdue": 1,
        "in_progress": 1,
        "not_started": 1,
    }
    assert entry["total"]["rate"] == 67  # 2 done of 3 due
    assert [(r["name"], r["total"], r["rate"]) for r in entry["sections"]] == [
        ("III.1. Nhiệm vụ cụ thể", 3, 67),
        ("III.2. Giải pháp", 2, None),
    ]
    assert "67%" in body and "Cả kế hoạch" in body
    assert 'class="bar-done_on_time" style="width: 20.0%"' in body  # whole plan: 1 of 5
    assert 'class="bar-overdue" style="width: 33.3%"' in body  # section III.1: 1 of 3
    assert unit.name not in body  # no names of bodies or officers


def test_progress_empty_state(client):
    body = client.get(reverse("portal:progress")).content.decode()
    assert "Hiện không có kế hoạch nào đang thực hiện." in body


def test_index_links_to_new_pages(client):
    body = client.get(reverse("portal:index")).content.decode()
    assert reverse("portal:models") in body and reverse("portal:progress") in body
    assert "Tiến độ thực hiện kế hoạch" in body and "Mô hình điển hình" in body


def test_the_brand_leads_a_citizen_back_to_the_portal_not_to_the_staff_login(client):
    for name in ("portal:index", "portal:submit", "portal:statistics"):
        body = client.get(reverse(name)).content.decode()
        assert f'<a class="brand" href="{reverse("portal:index")}">' in body, name
    assert f'<a class="brand" href="{reverse("core:home")}">' in client.get(reverse("login")).content.decode()
