"""Every page of the new areas renders with data, and the yearly figures have their sections."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from danvan.core.models import AuditEntry
from danvan.movement.services import ethnic_religious, membership, opinion, supervision, training
from danvan.movement.services.figures import dashboard_panels, yearly_figures

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(accounts, org_tree, front, front_officer):
    c = accounts["coordinator"]
    prog = supervision.create_programme(
        actor=c,
        year=2025,
        subject="Giám sát cải cách hành chính",
        organization=front,
        supervised_units=[org_tree["people"]],
    )
    rec = supervision.add_recommendation(
        prog,
        actor=c,
        text="Rút ngắn thời gian giải quyết hồ sơ",
        addressed_to=org_tree["people"],
        due_date=date(2025, 3, 1),
    )
    crit = supervision.create_criticism(
        actor=c, year=2025, draft_title="Dự thảo quy hoạch", organization=front, comments_due=date(2025, 4, 1)
    )
    survey = membership.create_survey(
        actor=c,
        year=2025,
        title="Khảo sát 2025",
        deadline=date(2025, 9, 30),
        target_percent=Decimal("75"),
        units=[org_tree["people"]],
    )
    ret = membership.save_return(
        survey,
        actor=c,
        unit=org_tree["people"],
        population_of_age=1000,
        people_reached=700,
        counts={"youth_union": 400, "farmers": 500},
    )
    course = training.create_course(
        actor=c,
        topic="Kỹ năng dân vận",
        level="province",
        organizer=org_tree["board"],
        starts_on=date(2025, 5, 5),
        ends_on=date(2025, 5, 7),
        place="Biên Hòa",
    )
    training.record_participation(
        course, actor=c, unit=org_tree["people"], role="grassroots_cadre", attended=40, completed=38
    )
    person = ethnic_religious.create_person(
        actor=c,
        full_name="Điểu Lứa",
        ethnicity="Stiêng",
        area=org_tree["province"],
        role="village_elder",
        recognized_year=2024,
        responsible_unit=org_tree["board"],
    )
    body = ethnic_religious.create_religious_body(
        actor=c,
        kind="place_of_worship",
        name="Chùa Bửu Phong",
        religion="buddhism",
        area=org_tree["province"],
        responsible_unit=org_tree["board"],
    )
    case = ethnic_religious.create_case(
        actor=c,
        title="Tranh chấp đất chùa",
        kind="land_dispute",
        area=org_tree["province"],
        responsible_unit=org_tree["board"],
        opened_on=date(2025, 2, 1),
        description="Tranh chấp ranh giới.",
    )
    fest = ethnic_religious.save_festival(
        None,
        actor=c,
        year=2025,
        title="Ngày hội văn hóa các dân tộc",
        organizer=org_tree["board"],
        held_on=date(2025, 11, 20),
        place="Tân Phú",
        ethnic_groups=12,
        delegations=9,
        participants=600,
    )
    note = opinion.create_note(
        actor=c,
        unit=org_tree["board"],
        noted_on=date(2025, 6, 1),
        topic="living",
        concern=2,
        summary="Giá điện tăng.",
    )
    return locals()


def test_every_page_renders(client, accounts, records):
    r = records
    urls = [reverse("movement:index"), reverse("movement:index") + "?year=2025"]
    for name in (
        "supervision_list",
        "supervision_new",
        "recommendation_list",
        "criticism_list",
        "criticism_new",
        "survey_list",
        "survey_new",
        "course_list",
        "course_new",
        "ethnic_index",
        "person_list",
        "person_new",
        "religious_body_list",
        "religious_body_new",
        "case_list",
        "case_new",
        "festival_list",
        "festival_new",
        "opinion_list",
        "opinion_new",
    ):
        urls.append(reverse(f"movement:{name}"))
    for name, obj in (
        ("supervision", r["prog"]),
        ("supervision_edit", r["prog"]),
        ("recommendation", r["rec"]),
        ("criticism", r["crit"]),
        ("criticism_edit", r["crit"]),
        ("survey", r["survey"]),
        ("survey_edit", r["survey"]),
        ("survey_return_new", r["survey"]),
        ("survey_return", r["ret"]),
        ("course", r["course"]),
        ("course_edit", r["course"]),
        ("person", r["person"]),
        ("person_edit", r["person"]),
        ("person_contacts", r["person"]),
        ("religious_body", r["body"]),
        ("religious_body_edit", r["body"]),
        ("case", r["case"]),
        ("case_edit", r["case"]),
        ("festival", r["fest"]),
        ("festival_edit", r["fest"]),
        ("opinion", r["note"]),
        ("opinion_edit", r["note"]),
    ):
        urls.append(reverse(f"movement:{name}", args=[obj.pk]))
    client.force_login(accounts["coordinator"])
    failures = [(u, s) for u in urls if (s := client.get(u).status_code) != 200]
    assert failures == []


def test_lists_keep_their_query_count(client, accounts, records, django_assert_max_num_queries):
    client.force_login(accounts["leader"])
    for name in (
        "supervision_list",
        "recommendation_list",
        "course_list",
        "person_list",
        "case_list",
        "opinion_list",
        "survey_list",
    ):
        with django_assert_max_num_queries(14):
            assert client.get(reverse(f"movement:{name}")).status_code == 200


def test_yearly_figures_and_dashboard_panels(accounts, records):
    sections = yearly_figures(2025, today=date(2025, 12, 31))
    assert [s["key"] for s in sections] == [
        "supervision",
        "membership",
        "training",
        "ethnic_religious",
        "opinion",
    ]
    assert [s["title"] for s in sections] == [
        "Giám sát và phản biện xã hội",
        "Đoàn viên, hội viên các đoàn thể",
        "Tập huấn, bồi dưỡng cán bộ",
        "Công tác dân tộc, tôn giáo",
        "Tình hình tư tưởng, dư luận",
    ]
    rows = {s["key"]: {r["label"]: r["value"] for r in s["rows"]} for s in sections}
    assert rows["supervision"]["Kiến nghị quá hạn chưa được trả lời"] == 1
    assert rows["membership"]["Số người được tập hợp (mỗi người tính một lần)"] == 700
    assert rows["membership"]["Số lượt đoàn viên, hội viên (mỗi tổ chức tính một lần)"] == 900
    assert rows["membership"]["Tỷ lệ tập hợp vào tổ chức"] == "70,0%"
    assert rows["membership"]["Đạt chỉ tiêu"] == "Không"
    assert rows["training"]["Cán bộ Mặt trận, đoàn thể và cơ sở được tập huấn"] == 38
    panels = dashboard_panels(accounts["other_officer"], 2025, today=date(2025, 12, 31))
    assert panels[0]["items"] == [] and panels[0]["overdue_count"] == 0  # Ban Tổ chức sees none of it
    panels = dashboard_panels(accounts["leader"], 2025, today=date(2025, 12, 31))
    assert [i["text"] for i in panels[0]["items"]] == ["Rút ngắn thời gian giải quyết hồ sơ"]


def test_the_board_closes_a_survey_from_its_page(client, accounts, records):
    survey = records["survey"]
    page, close = (reverse(f"movement:{n}", args=[survey.pk]) for n in ("survey", "survey_close"))
    client.force_login(accounts["officer"])
    body = client.get(page).content.decode()
    assert "Gửi số liệu của đơn vị" in body and close not in body
    assert client.post(close).status_code == 403
    client.force_login(accounts["coordinator"])
    assert f'action="{close}"' in client.get(page).content.decode()
    response = client.post(close, follow=True)
    body = response.content.decode()
    assert response.redirect_chain == [(page, 302)]
    assert "Đã khóa sổ đợt khảo sát: số liệu là số liệu chính thức." in body
    survey.refresh_from_db()
    closed_on = timezone.localtime(survey.closed_at)
    assert f"Đã khóa sổ ngày {closed_on:%d/%m/%Y}: số liệu là số liệu chính thức." in body
    assert close not in body and "Gửi số liệu của đơn vị" not in body
    closing = AuditEntry.objects.for_object(survey).order_by("at", "id").last()
    assert (closing.actor, [c["field"] for c in closing.changes]) == (accounts["coordinator"], ["closed_at"])
    # The return form is no longer offered, and a late attempt is told why.
    client.force_login(accounts["officer"])
    response = client.get(reverse("movement:survey_return_new", args=[survey.pk]), follow=True)
    assert response.redirect_chain == [(page, 302)]
    assert "Đợt khảo sát đã khóa sổ: không thể gửi hoặc sửa số liệu nữa." in response.content.decode()
    assert (
        '<span class="badge badge-green">Đã khóa sổ</span>'
        in client.get(reverse("movement:survey_list")).content.decode()
    )
