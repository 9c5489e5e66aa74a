from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from danvan.core.models import AuditEntry
from danvan.core.testing import assert_access
from danvan.movement.models import PersonalDataAccess
from danvan.movement.services import ethnic_religious as services
from danvan.movement.services.figures import yearly_figures

pytestmark = pytest.mark.django_db

PHONE = "0912 345 678"


@pytest.fixture
def person(accounts, org_tree):
    return services.create_person(
        actor=accounts["officer"],
        full_name="Điểu K'Lanh",
        ethnicity="Chơro",
        area=org_tree["province"],
        role="village_elder",
        recognized_year=2023,
        responsible_unit=org_tree["interior"],
        personal={"phone": PHONE, "address": "Ấp 3, xã Phú Lý", "birth_year": 1956},
    )


def test_who_may_see_personal_data(accounts, person):
    # coordinators and the responsible unit's sub-tree (UBND's officer is above Sở Nội vụ); nobody else
    for who in ("coordinator", "officer"):
        assert services.reveal_personal_data(person, actor=accounts[who])["phone"] == PHONE
    for who in ("leader", "admin", "other_officer", "reception"):
        with pytest.raises(PermissionDenied):
            services.reveal_personal_data(person, actor=accounts[who])
    log = PersonalDataAccess.objects.for_object(person).order_by("at", "id")
    assert [(a.actor_label, a.action) for a in log] == [
        ("officer", "change"),
        ("coordinator", "view"),
        ("officer", "view"),
    ]
    assert log[1].fields == ["birth_year", "address", "phone", "personal_notes"]


def test_personal_data_never_reaches_the_audit_trail_or_exports(accounts, person):
    changes = str([e.changes for e in AuditEntry.objects.for_object(person)])
    assert "Điểu K'Lanh" in changes and PHONE not in changes and "Ấp 3" not in changes
    assert PHONE not in str(yearly_figures(2025))


def test_pages_show_personal_data_only_on_a_logged_request(client, accounts, person):
    url = reverse("movement:person", args=[person.pk])
    assert_access(
        client,
        url,
        allowed=[accounts["coordinator"], accounts["leader"], accounts["officer"]],
        out_of_scope=[accounts["other_officer"]],
        forbidden=[accounts["reception"]],
    )
    client.force_login(accounts["leader"])
    page = client.get(url).content.decode()
    assert PHONE not in page and "Chỉ chuyên viên Ban Dân vận và đơn vị theo dõi được xem" in page
    assert client.post(url).status_code == 403
    client.force_login(accounts["coordinator"])
    assert PHONE not in client.get(url).content.decode()
    assert not PersonalDataAccess.objects.filter(actor=accounts["coordinator"]).exists()
    response = client.post(url)
    assert PHONE in response.content.decode() and response["Cache-Control"] == "no-store"
    assert PersonalDataAccess.objects.filter(actor=accounts["coordinator"], action="view").count() == 1
    assert PHONE not in client.get(reverse("movement:person_list")).content.decode()


def test_contact_form_logs_the_view_and_the_change(client, accounts, person):
    url = reverse("movement:person_contacts", args=[person.pk])
    client.force_login(accounts["leader"])
    assert client.get(url).status_code == 403
    client.force_login(accounts["officer"])
    assert PHONE in client.get(url).content.decode()
    client.post(url, {"phone": "0988 000 111", "address": "Ấp 3", "birth_year": "1956", "personal_notes": ""})
    person.refresh_from_db()
    assert person.phone == "0988 000 111"
    actions = list(
        PersonalDataAccess.objects.for_object(person)
        .filter(actor=accounts["officer"])
        .order_by("at", "id")
        .values_list("action", "fields")
    )
    assert actions[-2:] == [
        ("view", ["birth_year", "address", "phone", "personal_notes"]),
        ("change", ["address", "phone"]),
    ]


def test_complex_case_follow_up_to_resolution(accounts, org_tree):
    case = services.create_case(
        actor=accounts["officer"],
        title="Tranh chấp đất rẫy ấp 4",
        kind="land_dispute",
        area=org_tree["province"],
        responsible_unit=org_tree["people"],
        opened_on=date(2024, 3, 1),
        description="Hai hộ tranh chấp 2 ha đất rẫy.",
        people_involved="Ông A, bà B",
    )
    services.add_follow_up(case, actor=accounts["officer"], text="Tổ chức đối thoại.", on=date(2024, 4, 1))
    assert case.status == "in_progress"
    services.add_follow_up(
        case, actor=accounts["officer"], text="Hòa giải thành.", on=date(2024, 6, 1), resolved=True
    )
    case.refresh_from_db()
    assert (case.status, case.resolved_on, case.resolution) == (
        "resolved",
        date(2024, 6, 1),
        "Hòa giải thành.",
    )
    with pytest.raises(PermissionDenied):
        services.reveal_personal_data(case, actor=accounts["leader"])
    section = {s["key"]: s for s in yearly_figures(2024)}["ethnic_religious"]
    rows = {r["label"]: r["value"] for r in section["rows"]}
    assert rows["Vụ việc phức tạp phát sinh trong năm"] == 1
    assert rows["Vụ việc phức tạp giải quyết trong năm"] == 1
    assert "Ông A" not in str(section)
