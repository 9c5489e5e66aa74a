"""The movement panels of the leaders' dashboard: their figures on known data and a pinned query count."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from danvan.movement.models import ComplexCase, OpinionNote, SocialCriticism
from danvan.movement.services import ethnic_religious, membership, opinion, supervision, training
from danvan.movement.services.figures import dashboard_panels

pytestmark = pytest.mark.django_db

TODAY = date(2025, 12, 31)
# One query per figure group: supervision 4 (recommendations, social criticism, programmes and
# recommendations by organization), membership 4, training 2, ethnic/religious 4, opinion 1, overdue list 1.
PANEL_QUERIES = 16
# The tracking dashboard with no tracked work: its own queries plus the movement panels.
DASHBOARD_QUERIES = 23
FRONT = "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Đồng Nai"


def _programme(c, year, organization, supervised):
    return supervision.create_programme(
        actor=c,
        year=year,
        subject=f"Giám sát {year} {organization.key}",
        organization=organization,
        supervised_units=[supervised],
    )


def _recommendations(c, org_tree, front):
    """2025: four for the Front (one overdue, one due after the year, one answered, one resolved), one
    overdue in Ban Dân vận's programme; 2024: one overdue, outside the year."""
    people, organisation = org_tree["people"], org_tree["organisation"]
    front_2025 = _programme(c, 2025, front, people)
    board_2025 = _programme(c, 2025, org_tree["board"], organisation)
    front_2024 = _programme(c, 2024, front, people)
    plan = [
        (front_2025, people, date(2025, 3, 1)),
        (front_2025, people, date(2026, 1, 15)),
        (front_2025, people, date(2025, 4, 1)),
        (front_2025, people, date(2025, 5, 1)),
        (board_2025, organisation, date(2025, 6, 1)),
        (front_2024, people, date(2024, 6, 1)),
    ]
    recs = [
        supervision.add_recommendation(prog, actor=c, text=f"Kiến nghị {i}", addressed_to=unit, due_date=due)
        for i, (prog, unit, due) in enumerate(plan)
    ]
    now = timezone.make_aware(datetime(2025, 4, 20, 9))
    supervision.answer_recommendation(recs[2], actor=c, answer="Đã khắc phục.", now=now)
    supervision.answer_recommendation(recs[3], actor=c, answer="Đã khắc phục.", now=now)
    supervision.resolve_recommendation(recs[3], actor=c, note="Đạt.", now=now)
    return recs


def _criticisms(c, front):
    """2025: taken up, partly, not taken up, pending; 2024: taken up."""
    uptakes = [
        (2025, "taken_up"),
        (2025, "partly"),
        (2025, "not_taken_up"),
        (2025, "pending"),
        (2024, "taken_up"),
    ]
    for i, (year, uptake) in enumerate(uptakes):
        crit = supervision.create_criticism(
            actor=c, year=year, draft_title=f"Dự thảo {i}", organization=front, comments_due=date(year, 4, 1)
        )
        SocialCriticism.objects.filter(pk=crit.pk).update(uptake=uptake)


def _training(c, org_tree):
    courses = [
        (date(2025, 5, 5), org_tree["board"], [("grassroots_cadre", 40, 38), ("front_cadre", 10, 9)]),
        (date(2025, 9, 1), org_tree["people"], [("mass_org_cadre", 20, 15), ("other", 7, 7)]),
        (date(2024, 5, 5), org_tree["board"], [("grassroots_cadre", 100, 100)]),
    ]
    for i, (starts_on, organizer, parts) in enumerate(courses):
        course = training.create_course(
            actor=c,
            topic=f"Khóa {i}",
            level="province",
            organizer=organizer,
            starts_on=starts_on,
            ends_on=starts_on,
            place="Biên Hòa",
        )
        for role, attended, completed in parts:
            training.record_participation(
                course, actor=c, unit=organizer, role=role, attended=attended, completed=completed
            )


def _ethnic_religious(c, org_tree):
    board, province, people = org_tree["board"], org_tree["province"], org_tree["people"]
    for i, (year, active, unit) in enumerate(
        [(2024, True, board), (2025, True, people), (2026, True, board), (2020, False, board)]
    ):
        ethnic_religious.create_person(
            actor=c,
            full_name=f"Người uy tín {i}",
            ethnicity="Stiêng",
            area=province,
            role="village_elder",
            recognized_year=year,
            active=active,
            responsible_unit=unit,
        )
    for i, kind in enumerate(["place_of_worship", "place_of_worship", "organization"]):
        ethnic_religious.create_religious_body(
            actor=c,
            kind=kind,
            name=f"Cơ sở {i}",
            religion="buddhism",
            area=province,
            responsible_unit=board if i else people,
        )
    # opened on, resolved on (None: still open)
    cases = [
        (date(2025, 2, 1), None),
        (date(2024, 3, 1), date(2025, 3, 1)),
        (date(2024, 8, 1), None),
        (date(2025, 4, 1), date(2025, 7, 1)),
        (date(2026, 1, 5), None),
    ]
    for i, (opened_on, resolved_on) in enumerate(cases):
        case = ethnic_religious.create_case(
            actor=c,
            title=f"Vụ việc {i}",
            kind="land_dispute",
            area=province,
            responsible_unit=people if i == 0 else board,
            opened_on=opened_on,
            description="Tranh chấp.",
        )
        if resolved_on:
            ComplexCase.objects.filter(pk=case.pk).update(status="resolved", resolved_on=resolved_on)
        elif i == 2:
            ComplexCase.objects.filter(pk=case.pk).update(status="in_progress")
    ethnic_religious.save_festival(
        None,
        actor=c,
        year=2025,
        title="Ngày hội văn hóa các dân tộc",
        organizer=board,
        held_on=date(2025, 11, 20),
        place="Tân Phú",
        ethnic_groups=12,
        delegations=9,
        participants=600,
    )


def _opinion(c, org_tree):
    # noted on, topic, concern, needs action
    notes = [
        (date(2025, 6, 1), "living", 3, True),
        (date(2025, 7, 1), "living", 1, False),
        (date(2025, 8, 1), "security", 3, False),
        (date(2024, 8, 1), "land", 3, True),
    ]
    for i, (noted_on, topic, concern, needs_action) in enumerate(notes):
        note = opinion.create_note(
            actor=c,
            unit=org_tree["people"] if i == 1 else org_tree["board"],
            noted_on=noted_on,
            topic=topic,
            concern=concern,
            summary=f"Ý kiến {i}.",
        )
        OpinionNote.objects.filter(pk=note.pk).update(needs_action=needs_action)


def _membership(c, org_tree):
    """A 2025 survey of UBND and Sở Nội vụ; only Sở Nội vụ has returned its figures."""
    survey = membership.create_survey(
        actor=c,
        year=2025,
        title="Khảo sát đoàn viên, hội viên 2025",
        deadline=date(2025, 9, 30),
        target_percent=Decimal("60"),
        units=[org_tree["people"], org_tree["interior"]],
    )
    figures = {
        "population_of_age": 500,
        "people_reached": 320,
        "counts": {"womens_union": 200, "veterans": 150},
    }
    membership.save_return(survey, actor=c, unit=org_tree["interior"], **figures)


@pytest.fixture
def work(accounts, org_tree, front):
    c = accounts["coordinator"]
    recs = _recommendations(c, org_tree, front)
    _criticisms(c, front)
    _membership(c, org_tree)
    _training(c, org_tree)
    _ethnic_religious(c, org_tree)
    _opinion(c, org_tree)
    return recs


def _values(panels) -> dict:
    return {p["key"]: [r["value"] for r in p["rows"]] for p in panels}


def _tables(panels) -> dict:
    return {p["key"]: p["table"]["rows"] for p in panels if p["table"]}


def test_panel_figures_for_the_board(accounts, work):
    panels = dashboard_panels(accounts["coordinator"], 2025, today=TODAY)
    values = _values(panels)
    # programmes, made, answered, resolved, overdue, drafts commented on, taken up (fully or partly)
    assert values["supervision"] == [2, 5, 2, 1, 2, 4, 2]
    # courses, participants, completed, Front/mass-organization/grassroots cadres trained
    assert values["training"] == [2, 77, 69, 62]
    # persons (active, recognized by 2025), organizations, places, cases arising/resolved/still open, festival
    assert values["ethnic_religious"][:6] == [2, 1, 2, 2, 2, 2]
    # notes, of high concern, needing action
    assert values["opinion"] == [3, 2, 1]
    assert values["membership"][1:5] == ["1/2", 500, 320, 350]
    tables = _tables(panels)
    assert sorted(tables["supervision"]) == [["Ban Dân vận Tỉnh ủy", 1, 1, 0], [FRONT, 1, 4, 1]]
    assert [row[1:] for row in tables["training"]] == [[10, 9], [20, 15], [40, 38], [0, 0], [7, 7]]
    assert [row[1:] for row in tables["opinion"]] == [[2, 1], [1, 1]]
    assert [i["text"] for i in panels[0]["items"]] == ["Kiến nghị 5", "Kiến nghị 0", "Kiến nghị 4"]
    assert panels[0]["overdue_count"] == 3


def test_panel_figures_follow_the_officers_scope(accounts, work):
    """UBND's officer sees the recommendations addressed to UBND and the records of UBND's sub-tree."""
    values = _values(dashboard_panels(accounts["officer"], 2025, today=TODAY))
    assert values["supervision"] == [1, 4, 2, 1, 1, 0, 0]
    assert values["training"] == [1, 27, 22, 15]
    assert values["ethnic_religious"][:6] == [1, 0, 1, 1, 0, 1]
    assert values["opinion"] == [1, 0, 0]


def test_panel_figures_of_another_year(accounts, work):
    values = _values(dashboard_panels(accounts["coordinator"], 2024, today=TODAY))
    assert values["supervision"] == [1, 1, 0, 0, 1, 1, 1]
    assert values["training"] == [1, 100, 100, 100]
    assert values["ethnic_religious"][:6] == [1, 1, 2, 2, 0, 1]
    assert values["opinion"] == [1, 1, 1]


def test_panels_cost_a_fixed_number_of_queries(accounts, work, django_assert_num_queries):
    for user in (accounts["coordinator"], accounts["officer"]):
        with django_assert_num_queries(PANEL_QUERIES):
            dashboard_panels(user, 2025, today=TODAY)


def test_dashboard_query_count(client, accounts, work):
    client.force_login(accounts["coordinator"])
    client.get("/tracking/dashboard/")
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/tracking/dashboard/")
    assert response.status_code == 200
    assert len(captured) == DASHBOARD_QUERIES
    supervision_panel = response.context["movement_panels"][0]
    assert supervision_panel["key"] == "supervision" and supervision_panel["overdue_count"] > 0
