from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from danvan.movement.models import OpinionNote
from danvan.movement.services import opinion as services
from danvan.plans.models import Plan
from danvan.tracking.models import Occurrence

pytestmark = pytest.mark.django_db


def _soon() -> date:
    """A deadline the Board may still set: the opinion tests run on today's date."""
    return timezone.localdate() + timedelta(days=30)


def _note(actor, unit, **extra):
    values = dict(
        unit=unit,
        noted_on=date(2025, 5, 12),
        topic="land",
        concern=3,
        summary="Người dân lo lắng về giá bồi thường khi giải phóng mặt bằng đường vành đai.",
        sources="Họp tổ dân phố",
    )
    values.update(extra)
    return services.create_note(actor=actor, **values)


def test_needs_action_creates_a_tracked_task(accounts, org_tree):
    note = _note(accounts["officer"], org_tree["interior"])
    with pytest.raises(PermissionDenied):
        services.flag_needs_action(note, actor=accounts["officer"], unit=org_tree["people"], due_date=_soon())
    with pytest.raises(ValidationError) as error:
        services.flag_needs_action(
            note, actor=accounts["coordinator"], unit=org_tree["people"], due_date=_soon()
        )
    assert error.value.messages == [
        "Chưa có kế hoạch đang thực hiện để thêm nhiệm vụ. Hãy đưa kế hoạch vào thực hiện trước."
    ]
    plan = Plan.objects.create(
        title="Kế hoạch công tác dân vận", status="active", term_start=2021, term_end=2030
    )
    task = services.flag_needs_action(
        note, actor=accounts["coordinator"], unit=org_tree["people"], due_date=_soon()
    )
    note.refresh_from_db()
    assert (note.needs_action, note.task) == (True, task)
    assert (task.plan, task.recurrence, task.due_date) == (plan, "once", _soon())
    assert [(a.unit, a.role) for a in task.assignments.all()] == [(org_tree["people"], "lead")]
    occ = Occurrence.objects.get(task=task)
    assert (occ.due_date, occ.lead_unit) == (_soon(), org_tree["people"])
    with pytest.raises(ValidationError):
        services.flag_needs_action(
            note, actor=accounts["coordinator"], unit=org_tree["people"], due_date=_soon()
        )


def test_search_and_trend(client, accounts, org_tree):
    _note(accounts["officer"], org_tree["interior"])
    _note(accounts["officer"], org_tree["interior"], noted_on=date(2025, 8, 1), concern=1)
    _note(
        accounts["coordinator"],
        org_tree["board"],
        topic="living",
        noted_on=date(2025, 8, 2),
        concern=2,
        summary="Giá phân bón tăng.",
    )
    qs = OpinionNote.objects.visible_to(accounts["coordinator"])
    assert qs.search("giai phong MAT BANG").count() == 2
    assert OpinionNote.objects.visible_to(accounts["other_officer"]).count() == 0
    trend = services.trend(qs)
    assert trend["periods"] == ["2025-Q2", "2025-Q3"]
    assert trend["rows"][0] == {
        "label": "Đất đai, giải phóng mặt bằng",
        "counts": [1, 1],
        "high": [1, 0],
        "total": 2,
    }
    client.force_login(accounts["leader"])
    html = client.get(reverse("movement:opinion_list") + "?q=phan+bon").content.decode()
    assert "Giá phân bón tăng." in html and "vành đai" not in html


def test_the_notes_task_is_named_and_linked_only_for_who_may_see_it(client, accounts, org_tree):
    from danvan.orgs.choices import Role
    from danvan.orgs.tests.factories import UserFactory

    note = _note(accounts["officer"], org_tree["interior"])
    Plan.objects.create(title="Kế hoạch công tác dân vận", status="active", term_start=2021, term_end=2030)
    task = services.flag_needs_action(
        note, actor=accounts["coordinator"], unit=org_tree["people"], due_date=_soon()
    )
    link = f'href="{task.get_absolute_url()}"'
    # Sở Nội vụ recorded the note; the task is UBND tỉnh's, above it: the fact, not the task.
    client.force_login(UserFactory(username="snv", role=Role.AGENCY_OFFICER, org_unit=org_tree["interior"]))
    for url in (note.get_absolute_url(), reverse("movement:opinion_list")):
        html = client.get(url).content.decode()
        assert "Đã giao nhiệm vụ" in html and link not in html and str(task) not in html
    client.force_login(accounts["officer"])
    assert f"{link}>{task}</a>" in client.get(note.get_absolute_url()).content.decode()


def test_trend_links_replace_the_trend_and_keep_the_filters(client, accounts, org_tree):
    client.force_login(accounts["coordinator"])
    url = reverse("movement:opinion_list")
    html = client.get(url).content.decode()
    assert 'href="?trend=topic"' in html and 'href="?trend=area"' in html
    html = client.get(url + "?q=dat&trend=topic&page=1").content.decode()
    assert 'href="?q=dat&amp;trend=area&amp;page=1"' in html and "trend=topic&amp;trend" not in html


def test_act_by_before_today_is_refused_on_its_field(client, accounts, org_tree):
    note = _note(accounts["officer"], org_tree["interior"])
    Plan.objects.create(title="Kế hoạch công tác dân vận", status="active", term_start=2021, term_end=2030)
    client.force_login(accounts["coordinator"])
    url = reverse("movement:opinion_act", args=[note.pk])
    response = client.post(url, {"unit": org_tree["people"].pk, "due_date": "2001-01-01"})
    assert response.status_code == 200
    assert response.context["act_form"].errors == {"due_date": ["Thời hạn không được trước ngày hôm nay."]}
    html = response.content.decode()
    assert 'value="2001-01-01"' in html and "<p>Thời hạn không được trước ngày hôm nay.</p>" in html
    note.refresh_from_db()
    assert note.task is None
    response = client.post(url, {"unit": org_tree["people"].pk, "due_date": timezone.localdate().isoformat()})
    note.refresh_from_db()
    assert response.status_code == 302 and note.task.due_date == timezone.localdate()
