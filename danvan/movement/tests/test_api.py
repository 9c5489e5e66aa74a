"""The movement REST API (/api/movement/): reads through visible_to (out of scope → 404, in no list or
count), the pages' permissions (403), personal data only through the logged personal-data actions, and
writes through the services with their Vietnamese messages."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from danvan.core.testing import assert_no_server_error
from danvan.movement.models import ComplexCase, PersonalDataAccess, PrestigiousPerson, Recommendation
from danvan.movement.services import ethnic_religious, membership, supervision, training

pytestmark = pytest.mark.django_db
API = "/api/movement/"
PHONE = "0912 345 678"
PERSON_FIELDS = {
    "id",
    "full_name",
    "ethnicity",
    "area",
    "area_name",
    "role",
    "recognized_year",
    "responsible_unit",
    "responsible_unit_name",
    "active",
    "can_see_personal_data",
    "url",
}
CASE_FIELDS = {
    "id",
    "title",
    "kind",
    "area",
    "area_name",
    "responsible_unit",
    "responsible_unit_name",
    "opened_on",
    "description",
    "status",
    "resolved_on",
    "resolution",
    "can_see_personal_data",
    "url",
}
CONTACT_FIELDS = {"birth_year", "address", "phone", "personal_notes"}


@pytest.fixture
def api():
    return APIClient()


def as_user(api, user):
    api.force_authenticate(user)
    return api


def get(api, user, url, **params):
    return as_user(api, user).get(API + url, params)


def post(api, user, url, data=None, **kwargs):
    return as_user(api, user).post(API + url, data or {}, format=kwargs.pop("format", "json"), **kwargs)


def patch(api, user, url, data):
    return as_user(api, user).patch(API + url, data, format="json")


def statuses(api, users, method, url, data=None) -> dict:
    """{username: status code} of the same request made by each user."""
    call = {"get": lambda u: get(api, u, url), "post": lambda u: post(api, u, url, data)}[method]
    return {u.username: call(u).status_code for u in users}


# --- ethnic and religious registers: personal data -----------------------------------------------------


@pytest.fixture
def person(accounts, org_tree):
    """Followed by Sở Nội vụ (under UBND, the officer's unit); not in Ban Tổ chức's scope."""
    return ethnic_religious.create_person(
        actor=accounts["officer"],
        full_name="Điểu K'Lanh",
        ethnicity="Chơro",
        area=org_tree["province"],
        role="village_elder",
        recognized_year=2023,
        responsible_unit=org_tree["interior"],
        personal={"phone": PHONE, "address": "Ấp 3, xã Phú Lý", "birth_year": 1956},
    )


def test_person_fields_per_role_never_include_contacts(api, accounts, person):
    expected = {"coordinator": True, "officer": True, "leader": False, "admin": False}
    for who, can_see in expected.items():
        listing = get(api, accounts[who], "prestigious-persons/")
        detail = get(api, accounts[who], f"prestigious-persons/{person.pk}/")
        assert (listing.status_code, detail.status_code) == (200, 200), who
        assert listing.json()["count"] == 1
        for row in (listing.json()["results"][0], detail.json()):
            assert set(row) == PERSON_FIELDS, who
            assert row["can_see_personal_data"] is can_see, who
        assert PHONE not in listing.content.decode() + detail.content.decode()
    # Ban Tổ chức's officer: in no list, no count, no detail; reception officers may not use the register
    assert get(api, accounts["other_officer"], "prestigious-persons/").json() == {
        "count": 0,
        "next": None,
        "previous": None,
        "results": [],
    }
    assert get(api, accounts["other_officer"], f"prestigious-persons/{person.pk}/").status_code == 404
    assert get(api, accounts["reception"], "prestigious-persons/").status_code == 403
    assert get(api, accounts["reception"], f"prestigious-persons/{person.pk}/").status_code == 403
    assert APIClient().get(API + "prestigious-persons/").status_code == 403
    assert not PersonalDataAccess.objects.filter(action="view").exists()  # reading the register logs nothing


def test_contacts_only_through_the_logged_action(api, accounts, person):
    url = f"prestigious-persons/{person.pk}/personal-data/"
    assert statuses(api, [accounts[w] for w in ("leader", "admin", "reception")], "post", url) == {
        "leader": 403,
        "admin": 403,
        "reception": 403,
    }
    assert post(api, accounts["other_officer"], url).status_code == 404
    assert not PersonalDataAccess.objects.filter(action="view").exists()
    for who in ("coordinator", "officer"):
        response = post(api, accounts[who], url)
        assert response.status_code == 200
        assert response.json() == {
            "birth_year": 1956,
            "address": "Ấp 3, xã Phú Lý",
            "phone": PHONE,
            "personal_notes": "",
        }
        assert set(response.json()) == CONTACT_FIELDS
        assert response["Cache-Control"] == "no-store"
    views = PersonalDataAccess.objects.for_object(person).filter(action="view").order_by("at", "id")
    assert [(a.actor_label, a.fields) for a in views] == [
        ("coordinator", ["birth_year", "address", "phone", "personal_notes"]),
        ("officer", ["birth_year", "address", "phone", "personal_notes"]),
    ]
    # the access log: for those who may see the contacts only
    log = get(api, accounts["coordinator"], f"prestigious-persons/{person.pk}/personal-data/log/")
    assert [(row["actor_label"], row["action"]) for row in log.json()] == [
        ("officer", "view"),
        ("coordinator", "view"),
        ("officer", "change"),
    ]
    assert (
        get(api, accounts["leader"], f"prestigious-persons/{person.pk}/personal-data/log/").status_code == 403
    )


def test_changing_contacts_is_logged_and_not_echoed(api, accounts, person):
    url = f"prestigious-persons/{person.pk}/personal-data/"
    assert patch(api, accounts["leader"], url, {"phone": "0988 000 111"}).status_code == 403
    response = patch(api, accounts["officer"], url, {"phone": "0988 000 111"})
    assert response.status_code == 200
    assert set(response.json()) == PERSON_FIELDS and "0988" not in response.content.decode()
    person.refresh_from_db()
    assert person.phone == "0988 000 111"
    last = PersonalDataAccess.objects.for_object(person).order_by("-at", "-id").first()
    assert (last.actor_label, last.action, last.fields) == ("officer", "change", ["phone"])
    # an ordinary edit of the register cannot touch the contacts
    patch(api, accounts["officer"], f"prestigious-persons/{person.pk}/", {"phone": "1", "ethnicity": "Mạ"})
    person.refresh_from_db()
    assert (person.phone, person.ethnicity) == ("0988 000 111", "Mạ")


def test_register_writes_follow_the_rules(api, accounts, org_tree, person):
    body = {
        "full_name": "K'Bròn",
        "ethnicity": "Mạ",
        "area": org_tree["province"].pk,
        "role": "clan_head",
        "recognized_year": 2024,
        "responsible_unit": org_tree["organisation"].pk,
    }
    response = post(api, accounts["officer"], "prestigious-persons/", body)
    assert (response.status_code, response.json()) == (
        400,
        {"responsible_unit": ["Chỉ được ghi nhận cho đơn vị mình hoặc đơn vị trực thuộc."]},
    )
    assert post(api, accounts["leader"], "prestigious-persons/", body).status_code == 403
    response = post(api, accounts["other_officer"], "prestigious-persons/", body)
    assert response.status_code == 201 and set(response.json()) == PERSON_FIELDS
    assert response.json()["can_see_personal_data"] is True
    saved = PrestigiousPerson.objects.get(pk=response.json()["id"])
    assert (saved.full_name, saved.responsible_unit, saved.phone) == ("K'Bròn", org_tree["organisation"], "")
    # change: only the responsible unit's sub-tree (and the Board)
    url = f"prestigious-persons/{person.pk}/"
    assert patch(api, accounts["leader"], url, {"active": False}).status_code == 403
    assert patch(api, accounts["other_officer"], url, {"active": False}).status_code == 404
    assert patch(api, accounts["officer"], url, {"active": False}).json()["active"] is False


@pytest.fixture
def case(api, accounts, org_tree):
    response = post(
        api,
        accounts["officer"],
        "complex-cases/",
        {
            "title": "Tranh chấp đất rẫy ấp 4",
            "kind": "land_dispute",
            "area": org_tree["province"].pk,
            "responsible_unit": org_tree["people"].pk,
            "opened_on": "2024-03-01",
            "description": "Hai hộ tranh chấp 2 ha đất rẫy.",
            "people_involved": "Ông A, bà B",
        },
    )
    assert response.status_code == 201, response.content
    assert set(response.json()) == CASE_FIELDS | {"follow_ups"} and "Ông A" not in response.content.decode()
    return ComplexCase.objects.get(pk=response.json()["id"])


def test_people_involved_in_a_case(api, accounts, case):
    assert case.people_involved == "Ông A, bà B"
    assert [a.action for a in PersonalDataAccess.objects.for_object(case)] == ["change"]
    for who in ("coordinator", "leader", "officer", "admin"):
        response = get(api, accounts[who], f"complex-cases/{case.pk}/")
        assert set(response.json()) == CASE_FIELDS | {"follow_ups"}
        assert "Ông A" not in response.content.decode()
        listing = get(api, accounts[who], "complex-cases/")
        assert [set(r) for r in listing.json()["results"]] == [CASE_FIELDS]
    url = f"complex-cases/{case.pk}/personal-data/"
    assert post(api, accounts["leader"], url).status_code == 403
    assert post(api, accounts["other_officer"], url).status_code == 404
    assert post(api, accounts["coordinator"], url).json() == {"people_involved": "Ông A, bà B"}


def test_case_follow_ups_to_resolution(api, accounts, case):
    url = f"complex-cases/{case.pk}/follow-ups/"
    assert post(api, accounts["leader"], url, {"text": "x"}).status_code == 403
    assert post(api, accounts["other_officer"], url, {"text": "x"}).status_code == 404
    assert post(api, accounts["officer"], url, {"text": " "}).json() == {
        "text": ["Hãy ghi nội dung đã thực hiện."]
    }
    step = post(api, accounts["officer"], url, {"text": "Tổ chức đối thoại.", "on": "2024-04-01"})
    assert step.json()["status"] == "in_progress"
    done = post(
        api, accounts["officer"], url, {"text": "Hòa giải thành.", "on": "2024-06-01", "resolved": True}
    )
    assert (done.json()["status"], done.json()["resolved_on"], done.json()["resolution"]) == (
        "resolved",
        "2024-06-01",
        "Hòa giải thành.",
    )
    assert [(f["on"], f["text"], f["author"]) for f in done.json()["follow_ups"]] == [
        ("2024-04-01", "Tổ chức đối thoại.", "officer"),
        ("2024-06-01", "Hòa giải thành.", "officer"),
    ]
    again = post(api, accounts["officer"], url, {"text": "Thêm"})
    assert (again.status_code, again.json()) == (400, {"detail": ["Vụ việc này đã được giải quyết."]})
    assert get(api, accounts["officer"], "complex-cases/", status="resolved", year=2024).json()["count"] == 1
    assert get(api, accounts["officer"], "complex-cases/", status="open").json()["count"] == 0


def test_religious_bodies_and_festivals(api, accounts, org_tree):
    response = post(
        api,
        accounts["officer"],
        "religious-bodies/",
        {
            "kind": "place_of_worship",
            "name": "Chùa Bửu Phong",
            "religion": "buddhism",
            "area": org_tree["province"].pk,
            "responsible_unit": org_tree["interior"].pk,
        },
    )
    assert response.status_code == 201 and response.json()["responsible_unit_name"] == "Sở Nội vụ"
    assert get(api, accounts["officer"], "religious-bodies/", kind="place_of_worship").json()["count"] == 1
    assert get(api, accounts["officer"], "religious-bodies/", kind="organization").json()["count"] == 0
    assert get(api, accounts["other_officer"], "religious-bodies/").json()["count"] == 0
    festival = {
        "year": 2025,
        "title": "Ngày hội văn hóa các dân tộc",
        "organizer": org_tree["people"].pk,
        "held_on": "2025-11-20",
        "place": "Tân Phú",
        "participants": 600,
    }
    created = post(api, accounts["officer"], "festivals/", festival)
    assert created.status_code == 201 and created.json()["participants"] == 600
    twice = post(api, accounts["officer"], "festivals/", festival)
    assert (twice.status_code, twice.json()) == (
        400,
        {"detail": ["Đơn vị này đã ghi nhận ngày hội của năm này."]},
    )
    fid = created.json()["id"]
    # a public event: every member of staff who works on the registers sees it; only the organizer edits it
    assert get(api, accounts["other_officer"], "festivals/").json()["count"] == 1
    assert patch(api, accounts["other_officer"], f"festivals/{fid}/", {"participants": 1}).status_code == 403
    assert (
        patch(api, accounts["officer"], f"festivals/{fid}/", {"participants": 650}).json()["participants"]
        == 650
    )


# --- supervision and recommendations -------------------------------------------------------------------


@pytest.fixture
def supervised(accounts, org_tree, front, front_officer):
    """A programme of the Front with one recommendation to UBND (overdue) and one to Ban Tổ chức."""
    programme = supervision.create_programme(
        actor=front_officer,
        year=2025,
        subject="Giám sát thực hiện chính sách bảo hiểm y tế",
        organization=front,
        findings="Còn 300 hộ cận nghèo chưa có thẻ.",
        supervised_units=[org_tree["people"]],
    )
    late = supervision.add_recommendation(
        programme,
        actor=front_officer,
        text="Cấp đủ thẻ bảo hiểm y tế cho hộ cận nghèo",
        addressed_to=org_tree["people"],
        due_date=date.today() - timedelta(days=1),
    )
    other = supervision.add_recommendation(
        programme,
        actor=front_officer,
        text="Rà soát cán bộ phụ trách",
        addressed_to=org_tree["organisation"],
        due_date=date.today() + timedelta(days=30),
    )
    return {"programme": programme, "late": late, "other": other}


def test_programme_counts_only_what_the_caller_may_see(api, accounts, front_officer, supervised):
    programme, late, other = supervised["programme"], supervised["late"], supervised["other"]
    seen = {}
    for user in (accounts["coordinator"], accounts["officer"], accounts["other_officer"], front_officer):
        row = get(api, user, "supervision-programmes/").json()["results"][0]
        detail = get(api, user, f"supervision-programmes/{programme.pk}/").json()
        seen[user.username] = (
            row["n_recommendations"],
            row["n_overdue"],
            [r["id"] for r in detail["recommendations"]],
        )
        assert detail["findings"] == "Còn 300 hộ cận nghèo chưa có thẻ."
    assert seen == {
        "coordinator": (2, 1, [late.pk, other.pk]),
        "officer": (1, 1, [late.pk]),
        "other_officer": (1, 0, [other.pk]),
        "front": (2, 1, [late.pk, other.pk]),
    }
    assert get(api, accounts["reception"], "supervision-programmes/").status_code == 403
    assert get(api, accounts["officer"], f"recommendations/{other.pk}/").status_code == 404
    assert get(api, accounts["officer"], "recommendations/").json()["count"] == 1


def test_recommendation_filters(api, accounts, org_tree, supervised):
    late, other = supervised["late"], supervised["other"]

    def ids(**params):
        return [r["id"] for r in get(api, accounts["leader"], "recommendations/", **params).json()["results"]]

    assert ids() == [late.pk, other.pk]
    assert ids(overdue="true") == [late.pk]
    assert ids(overdue="false") == [other.pk]
    assert ids(addressed_to=org_tree["organisation"].pk) == [other.pk]
    assert ids(status="answered") == []
    assert ids(status="open", year=2025) == [late.pk, other.pk]
    row = get(api, accounts["leader"], f"recommendations/{late.pk}/").json()
    assert (row["overdue"], row["status"], row["addressed_to_name"]) == (
        True,
        "open",
        "Ủy ban nhân dân tỉnh Đồng Nai",
    )


def test_answer_and_resolution_through_the_service(api, accounts, front_officer, supervised):
    late = supervised["late"]
    answer, resolve = f"recommendations/{late.pk}/answer/", f"recommendations/{late.pk}/resolve/"
    assert post(api, accounts["other_officer"], answer, {"answer": "x"}).status_code == 404
    assert post(api, accounts["leader"], answer, {"answer": "x"}).status_code == 403
    assert (
        post(api, front_officer, answer, {"answer": "x"}).status_code == 403
    )  # the supervisor does not answer
    assert post(api, accounts["officer"], answer, {"answer": "  "}).json() == {
        "answer": ["Hãy nhập nội dung trả lời kiến nghị."]
    }
    assert post(api, front_officer, resolve).json() == {
        "detail": ["Chỉ kiến nghị đã được trả lời mới có thể đánh dấu là đã giải quyết."]
    }
    pdf = SimpleUploadedFile("tra-loi.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    response = post(
        api, accounts["officer"], answer, {"answer": "Đã cấp 1.200 thẻ.", "evidence": pdf}, format="multipart"
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["answered_on"], body["answered_by"], body["overdue"]) == (
        "answered",
        date.today().isoformat(),
        "officer",
        False,
    )
    assert body["evidence_name"].startswith("tra-loi") and body["evidence_name"].endswith(".pdf")
    download = get(api, front_officer, f"recommendations/{late.pk}/evidence/")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    assert get(api, accounts["other_officer"], f"recommendations/{late.pk}/evidence/").status_code == 404
    assert post(api, accounts["officer"], resolve).status_code == 403  # the addressed body cannot close it
    reopened = post(
        api,
        front_officer,
        f"recommendations/{late.pk}/reopen/",
        {"note": "Còn thiếu 300 thẻ.", "due_date": "2030-12-15"},
    )
    assert (reopened.json()["status"], reopened.json()["due_date"]) == ("open", "2030-12-15")
    post(api, accounts["officer"], answer, {"answer": "Đã cấp đủ."})
    resolved = post(api, front_officer, resolve, {"note": "Đạt yêu cầu."})
    assert (resolved.json()["status"], resolved.json()["resolution_note"]) == ("resolved", "Đạt yêu cầu.")
    assert Recommendation.objects.get(pk=late.pk).resolved_on == date.today()


def test_programme_writes(api, accounts, org_tree, front, front_officer, supervised):
    body = {"year": 2025, "subject": "Giám sát cải cách hành chính", "organization": front.pk}
    assert post(api, accounts["leader"], "supervision-programmes/", body).status_code == 403
    assert post(api, accounts["officer"], "supervision-programmes/", body).json() == {
        "organization": ["Chỉ được ghi nhận cho đơn vị mình hoặc đơn vị trực thuộc."]
    }
    created = post(
        api, front_officer, "supervision-programmes/", {**body, "supervised_units": [org_tree["people"].pk]}
    )
    assert created.status_code == 201
    assert (created.json()["supervised_units"], created.json()["recommendations"]) == (
        [org_tree["people"].pk],
        [],
    )
    pid = created.json()["id"]
    bad = patch(
        api,
        front_officer,
        f"supervision-programmes/{pid}/",
        {"starts_on": "2025-06-01", "ends_on": "2025-05-01"},
    )
    assert bad.json() == {"detail": ["Ngày kết thúc giám sát không được trước ngày bắt đầu."]}
    # officer of UBND sees the first programme (a recommendation is addressed to it) but may not add to it
    rec_url = f"supervision-programmes/{supervised['programme'].pk}/recommendations/"
    rec_body = {
        "text": "Công khai danh sách",
        "addressed_to": org_tree["interior"].pk,
        "due_date": "2025-12-31",
    }
    assert post(api, accounts["officer"], rec_url, rec_body).status_code == 403
    assert (
        post(api, accounts["officer"], f"supervision-programmes/{pid}/recommendations/", rec_body).status_code
        == 404
    )
    added = post(api, front_officer, rec_url, rec_body)
    assert (added.status_code, added.json()["addressed_to_name"], added.json()["status"]) == (
        201,
        "Sở Nội vụ",
        "open",
    )


def test_social_criticism(api, accounts, org_tree, front, front_officer):
    body = {
        "year": 2025,
        "draft_title": "Dự thảo Nghị quyết về hỗ trợ hộ nghèo",
        "organization": front.pk,
        "requesting_body": org_tree["people"].pk,
        "comments_due": "2025-05-10",
    }
    created = post(api, front_officer, "social-criticisms/", body)
    assert (
        created.status_code == 201
        and created.json()["requesting_body_unit_name"] == "Ủy ban nhân dân tỉnh Đồng Nai"
    )
    url = f"social-criticisms/{created.json()['id']}/"
    assert get(api, accounts["officer"], url).status_code == 200  # the requesting body sees it
    assert patch(api, accounts["officer"], url, {"uptake": "taken_up"}).status_code == 403
    assert get(api, accounts["other_officer"], url).status_code == 404
    assert patch(api, front_officer, url, {"uptake": "taken_up"}).json()["uptake"] == "taken_up"
    assert get(api, accounts["leader"], "social-criticisms/", uptake="taken_up").json()["count"] == 1


# --- membership survey ---------------------------------------------------------------------------------


@pytest.fixture
def survey(api, accounts, org_tree):
    body = {
        "year": 2025,
        "title": "Khảo sát 2025",
        "deadline": "2025-10-31",
        "target_percent": "75",
        "units": [org_tree["people"].pk, org_tree["organisation"].pk],
    }
    assert post(api, accounts["officer"], "membership-surveys/", body).status_code == 403
    response = post(api, accounts["coordinator"], "membership-surveys/", body)
    assert response.status_code == 201, response.content
    return response.json()["id"]


def test_returns_and_the_summary_per_scope(api, accounts, org_tree, survey):
    returns = f"membership-surveys/{survey}/returns/"
    figures = {
        "unit": org_tree["people"].pk,
        "population_of_age": 1000,
        "people_reached": 700,
        "counts": {"youth_union": 400, "farmers": 500},
    }
    wrong = post(api, accounts["other_officer"], returns, figures)
    assert wrong.json() == {"unit": ["Chỉ được ghi nhận cho đơn vị mình hoặc đơn vị trực thuộc."]}
    too_many = post(api, accounts["officer"], returns, {**figures, "people_reached": 950})
    assert too_many.json() == {
        "people_reached": [
            "Số người được tập hợp (950) không được lớn hơn tổng số đoàn viên, hội viên (900): "
            "mỗi người được tập hợp là thành viên của ít nhất một tổ chức."
        ]
    }
    ret = post(api, accounts["officer"], returns, figures)
    assert ret.status_code == 200
    body = ret.json()
    assert (body["people_reached"], body["memberships"], body["reached_share"], body["submitted_by"]) == (
        700,
        900,
        "70.0",
        "officer",
    )
    assert body["counts"] == {
        "front_member": 0,
        "youth_union": 400,
        "womens_union": 0,
        "farmers": 500,
        "veterans": 0,
        "trade_union": 0,
        "other": 0,
    }

    def summary(who):
        data = get(api, accounts[who], f"membership-surveys/{survey}/").json()["summary"]
        return (
            data["expected"],
            data["submitted"],
            data["people_reached"],
            data["memberships"],
            data["reached_share"],
            data["target_met"],
            [(r["unit_name"], r["people_reached"]) for r in data["rows"]],
        )

    assert summary("coordinator") == (
        2,
        1,
        700,
        900,
        "70.0",
        False,
        [("Ban Tổ chức Tỉnh ủy", None), ("Ủy ban nhân dân tỉnh Đồng Nai", 700)],
    )
    assert summary("officer") == (1, 1, 700, 900, "70.0", False, [("Ủy ban nhân dân tỉnh Đồng Nai", 700)])
    assert summary("other_officer") == (1, 0, 0, 0, None, None, [("Ban Tổ chức Tỉnh ủy", None)])
    assert get(api, accounts["other_officer"], "survey-returns/").json()["count"] == 0
    assert get(api, accounts["other_officer"], f"survey-returns/{body['id']}/").status_code == 404
    assert (
        get(api, accounts["leader"], "survey-returns/", survey=survey, submitted="true").json()["count"] == 1
    )
    assert get(api, accounts["reception"], f"membership-surveys/{survey}/").status_code == 403


def test_member_list_upload_counts_each_person_once(api, accounts, org_tree, survey):
    csv_file = SimpleUploadedFile(
        "ds.csv",
        (
            "Họ tên,Ngày sinh,Tổ chức,Mã\n"
            "Nguyễn Văn An,01/05/1990,youth_union,DV001\n"
            "nguyen van an,01/05/1990,Hội Nông dân,HV9\n"
            "Trần Thị Bình,02/03/1985,womens_union,\n"
            "Trần Thị Bình,02/03/1985,womens_union,\n"
        ).encode(),
        content_type="text/csv",
    )
    response = post(
        api,
        accounts["officer"],
        f"membership-surveys/{survey}/member-list/",
        {"unit": org_tree["interior"].pk, "population_of_age": 10, "file": csv_file},
        format="multipart",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["people_reached"], body["memberships"], body["from_member_list"], body["reached_share"]) == (
        2,
        3,
        True,
        "20.0",
    )
    bad = SimpleUploadedFile("ds.csv", "Nguyễn Văn An,1990-05-01,youth_union\n".encode())
    response = post(
        api,
        accounts["officer"],
        f"membership-surveys/{survey}/member-list/",
        {"unit": org_tree["interior"].pk, "population_of_age": 10, "file": bad},
        format="multipart",
    )
    assert response.json() == {
        "detail": ["Dòng 1: hãy ghi ngày sinh theo dạng dd/mm/yyyy (đang là “1990-05-01”)."]
    }


def test_summary_matches_the_membership_service(api, accounts, org_tree, survey):
    membership.save_return(
        membership.MembershipSurvey.objects.get(pk=survey),
        actor=accounts["coordinator"],
        unit=org_tree["organisation"],
        population_of_age=400,
        people_reached=300,
        counts={"veterans": 300},
    )
    service = membership.summarize(membership.MembershipSurvey.objects.get(pk=survey), accounts["leader"])
    data = get(api, accounts["leader"], f"membership-surveys/{survey}/").json()["summary"]
    assert (data["completeness"], data["reached_share"], data["target_met"], data["target_percent"]) == (
        str(service.completeness),
        str(service.reached_share),
        True,
        "75.00",
    )
    assert (data["completeness"], data["by_org"]["veterans"]) == ("50.0", 300)
    assert service.reached_share == Decimal("75.0")


# --- training ------------------------------------------------------------------------------------------


def course_attended_by(actor, organizer, figures: list[tuple]):
    """A course of Kỹ năng dân vận in May 2025 with grassroots cadres: (unit, attended, completed)."""
    course = training.create_course(
        actor=actor,
        topic="Kỹ năng dân vận",
        level="province",
        organizer=organizer,
        starts_on=date(2025, 5, 5),
        ends_on=date(2025, 5, 7),
    )
    for unit, attended, completed in figures:
        training.record_participation(
            course, actor=actor, unit=unit, role="grassroots_cadre", attended=attended, completed=completed
        )
    return course


def test_courses_with_participant_counts(api, accounts, org_tree):
    figures = [(org_tree["people"], 40, 38), (org_tree["interior"], 10, 9)]
    course = course_attended_by(accounts["coordinator"], org_tree["board"], figures)
    row = get(api, accounts["officer"], "training-courses/").json()["results"]
    assert [(r["topic"], r["attended"], r["completed"], r["year"]) for r in row] == [
        ("Kỹ năng dân vận", 50, 47, 2025)
    ]
    assert get(api, accounts["other_officer"], "training-courses/").json()["count"] == 0
    assert get(api, accounts["leader"], "training-courses/", year=2024).json()["count"] == 0
    url = f"training-courses/{course.pk}/participations/"
    assert (
        post(
            api,
            accounts["officer"],
            url,
            {"unit": org_tree["people"].pk, "role": "other", "attended": 1, "completed": 1},
        ).status_code
        == 403
    )
    too_many = post(
        api,
        accounts["coordinator"],
        url,
        {"unit": org_tree["people"].pk, "role": "other", "attended": 3, "completed": 5},
    )
    assert too_many.json() == {
        "completed": ["Số người hoàn thành không được lớn hơn số người tham dự (5 > 3)."]
    }
    done = post(
        api,
        accounts["coordinator"],
        url,
        {"unit": org_tree["people"].pk, "role": "other", "attended": 3, "completed": 2},
    )
    assert (done.json()["attended"], done.json()["completed"], len(done.json()["participations"])) == (
        53,
        49,
        3,
    )


# --- public opinion ------------------------------------------------------------------------------------


def test_opinion_notes(api, accounts, org_tree):
    body = {
        "unit": org_tree["interior"].pk,
        "noted_on": "2025-05-12",
        "topic": "land",
        "concern": 3,
        "summary": "Người dân lo lắng về giá bồi thường khi giải phóng mặt bằng.",
    }
    created = post(api, accounts["officer"], "opinion-notes/", body)
    assert created.status_code == 201 and (created.json()["needs_action"], created.json()["task"]) == (
        False,
        None,
    )
    assert get(api, accounts["officer"], "opinion-notes/", q="boi thuong").json()["count"] == 1
    assert get(api, accounts["officer"], "opinion-notes/", topic="living").json()["count"] == 0
    assert get(api, accounts["other_officer"], "opinion-notes/").json()["count"] == 0
    trend = get(api, accounts["leader"], "opinion-notes/trend/").json()
    assert trend == {
        "periods": ["2025-Q2"],
        "rows": [{"label": "Đất đai, giải phóng mặt bằng", "counts": [1], "high": [1], "total": 1}],
    }
    act = f"opinion-notes/{created.json()['id']}/act/"
    act_body = {"unit": org_tree["people"].pk, "due_date": "2025-06-30"}
    assert post(api, accounts["officer"], act, act_body).status_code == 403
    assert post(api, accounts["coordinator"], act, act_body).json() == {
        "detail": ["Chưa có kế hoạch đang thực hiện để thêm nhiệm vụ. Hãy đưa kế hoạch vào thực hiện trước."]
    }


# --- exemplary models ----------------------------------------------------------------------------------


def test_exemplary_models(api, accounts, org_tree):
    body = {
        "name": "Dân vận khéo trong giải phóng mặt bằng",
        "field": "economy",
        "level": "province",
        "year": 2025,
        "unit": org_tree["people"].pk,
        "description": "Vận động 120 hộ bàn giao mặt bằng.",
    }
    assert post(
        api, accounts["officer"], "exemplary-models/", {**body, "unit": org_tree["board"].pk}
    ).json() == {"unit": ["Chỉ được đăng ký mô hình của đơn vị mình hoặc đơn vị trực thuộc."]}
    created = post(api, accounts["officer"], "exemplary-models/", body)
    assert created.status_code == 201 and created.json()["published"] is False
    url = f"exemplary-models/{created.json()['id']}/"
    assert get(api, accounts["other_officer"], url).status_code == 404
    assert post(api, accounts["officer"], url + "publish/", {"published": True}).status_code == 403
    assert (
        post(api, accounts["coordinator"], url + "publish/", {"published": True}).json()["published"] is True
    )
    assert get(api, accounts["other_officer"], "exemplary-models/", published="true").json()["count"] == 1
    assert post(api, accounts["other_officer"], url + "awards/", {}).status_code == 403
    award = {
        "form": "certificate_of_merit",
        "deciding_body": "UBND tỉnh",
        "decision_number": "123/QĐ-UBND",
        "decision_date": "2025-09-02",
    }
    with_award = post(api, accounts["officer"], url + "awards/", award).json()
    assert (with_award["n_awards"], with_award["awards"][0]["decision_number"]) == (1, "123/QĐ-UBND")
    copies = post(
        api, accounts["officer"], url + "replications/", {"year": 2025, "count": 4, "place_name": "Xã Phú Lý"}
    )
    assert copies.json()["n_copies"] == 4
    text = SimpleUploadedFile("ghi-chu.txt", b"plain text")
    refused = post(api, accounts["officer"], url + "evidence/", {"file": text}, format="multipart")
    assert refused.json() == {"detail": ["Chỉ được đính kèm tệp PDF, ảnh (JPG, PNG), Word hoặc Excel."]}


# --- whole API -----------------------------------------------------------------------------------------


def test_lists_keep_their_query_count(api, accounts, supervised, person, django_assert_max_num_queries):
    for url in (
        "supervision-programmes/",
        "recommendations/",
        "prestigious-persons/",
        "training-courses/",
        "membership-surveys/",
        "exemplary-models/",
        "opinion-notes/",
    ):
        with django_assert_max_num_queries(8):
            assert get(api, accounts["coordinator"], url).status_code == 200


def test_no_server_error_on_any_operation(accounts, supervised, person):
    """Schemathesis over every movement operation, with generated input, as a coordinator."""
    from conftest import PASSWORD

    checked = assert_no_server_error(
        "^/api/movement/", username="coordinator", password=PASSWORD, max_examples=6
    )
    assert len(checked) == 74, checked


def test_the_board_closes_a_survey(api, accounts, org_tree, survey):
    close = f"membership-surveys/{survey}/close/"
    assert get(api, accounts["coordinator"], f"membership-surveys/{survey}/").json()["closed_at"] is None
    assert post(api, accounts["officer"], close).status_code == 403
    response = post(api, accounts["coordinator"], close)
    assert response.status_code == 200 and response.json()["id"] == survey
    closed_at = response.json()["closed_at"]
    assert closed_at == get(api, accounts["officer"], f"membership-surveys/{survey}/").json()["closed_at"]
    figures = {"unit": org_tree["people"].pk, "population_of_age": 10, "people_reached": 0, "counts": {}}
    late = post(api, accounts["officer"], f"membership-surveys/{survey}/returns/", figures)
    assert (late.status_code, late.json()) == (
        400,
        {"detail": ["Đợt khảo sát đã khóa sổ: không thể gửi hoặc sửa số liệu nữa."]},
    )
    again = post(api, accounts["coordinator"], close)
    assert (again.status_code, again.json()) == (400, {"detail": ["Đợt khảo sát này đã khóa sổ."]})
    # Not writable through the record itself.
    patch(api, accounts["coordinator"], f"membership-surveys/{survey}/", {"closed_at": None})
    assert get(api, accounts["coordinator"], f"membership-surveys/{survey}/").json()["closed_at"] == closed_at
