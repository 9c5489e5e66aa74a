"""The figures of the list pages count what the user may see, by the same rule as the API.

A programme is seen by the supervising organization's sub-tree and by each body a recommendation is
addressed to; its counts cover only the recommendations the user may see. A course's and a model's
participants, awards and replications are seen with the course or the model, so every one counts,
and a join (of the scope filter or of another count) never narrows nor multiplies them.
"""

import re
from datetime import date, timedelta
from html import unescape

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from danvan.movement.services import exemplary, supervision
from danvan.movement.services.figures import supervision_figures

from .test_api import course_attended_by, get

pytestmark = pytest.mark.django_db


def row_cells(client, user, url: str, name: str) -> list[str]:
    """The text of the cells of the one table row of `url` that names `name`, as `user` sees it."""
    client.force_login(user)
    body = client.get(url).content.decode()
    client.logout()
    rows = [row for row in re.findall(r"<tr>(.*?)</tr>", body, re.S) if name in row]
    assert len(rows) == 1, f"{user.username}: {len(rows)} rows name {name!r} on {url}"
    cells = re.findall(r"<td>(.*?)</td>", rows[0], re.S)
    return [" ".join(unescape(re.sub(r"<[^>]+>", " ", cell)).split()) for cell in cells]


def api_row(user, url: str, pk: int) -> dict:
    return next(row for row in get(APIClient(), user, url).json()["results"] if row["id"] == pk)


# --- supervision ----------------------------------------------------------------------------------------


@pytest.fixture
def programme(accounts, org_tree, front, front_officer):
    """The Front's programme: one overdue recommendation to UBND, two to Ban Tổ chức (one resolved)."""
    programme = supervision.create_programme(
        actor=front_officer,
        year=2025,
        subject="Giám sát bảo hiểm y tế",
        organization=front,
        supervised_units=[org_tree["people"], org_tree["organisation"]],
    )

    def recommend(unit: str, days: int):
        return supervision.add_recommendation(
            programme,
            actor=front_officer,
            text=f"Kiến nghị {unit} {days}",
            addressed_to=org_tree[unit],
            due_date=date.today() + timedelta(days=days),
        )

    recommend("people", -1)
    resolved = recommend("organisation", -5)
    recommend("organisation", 30)
    supervision.answer_recommendation(resolved, actor=accounts["other_officer"], answer="Đã rà soát xong.")
    supervision.resolve_recommendation(resolved, actor=front_officer)
    return programme


def test_supervision_list_counts_only_the_recommendations_the_user_may_see(
    client, accounts, front_officer, programme
):
    url = reverse("movement:supervision_list")
    shown = {}
    for user in (accounts["coordinator"], front_officer, accounts["officer"], accounts["other_officer"]):
        cells = row_cells(client, user, url, programme.subject)
        shown[user.username] = cells[-3:]  # recommendations, resolved, overdue
        api = api_row(user, "supervision-programmes/", programme.pk)
        assert cells[-3:] == [str(api[key]) for key in ("n_recommendations", "n_resolved", "n_overdue")]
    assert shown == {
        "coordinator": ["3", "1", "1"],
        "front": ["3", "1", "1"],
        "officer": ["1", "0", "1"],  # UBND sees the programme through its one recommendation only
        "other_officer": ["2", "1", "0"],
    }


def test_dashboard_table_per_organization_counts_only_the_recommendations_the_user_may_see(
    accounts, front, programme
):
    tables = {
        user: supervision_figures(2025, user=accounts[user])["table"]["rows"]
        for user in ("coordinator", "officer", "other_officer")
    }
    assert tables == {
        "coordinator": [[front.name, 1, 3, 1]],
        "officer": [[front.name, 1, 1, 0]],
        "other_officer": [[front.name, 1, 2, 1]],
    }
    assert supervision_figures(2025)["table"]["rows"] == [[front.name, 1, 3, 1]]  # the yearly report


# --- training -------------------------------------------------------------------------------------------


@pytest.fixture
def course(accounts, org_tree):
    """A course of Ban Dân vận attended by UBND (40, 38 completed) and Ban Tổ chức (10, 9)."""
    figures = [(org_tree["people"], 40, 38), (org_tree["organisation"], 10, 9)]
    return course_attended_by(accounts["coordinator"], org_tree["board"], figures)


def test_course_list_totals_every_participant_as_the_course_page_and_the_api(client, accounts, course):
    """UBND sees the course only because its cadres attended; the scope filter's join on the
    participations must not cut the totals down to UBND's own 40."""
    url = reverse("movement:course_list")
    for user in (accounts["coordinator"], accounts["officer"], accounts["other_officer"]):
        cells = row_cells(client, user, url, course.topic)
        api = api_row(user, "training-courses/", course.pk)
        assert (cells[-2:], [str(api["attended"]), str(api["completed"])]) == (["50", "47"], ["50", "47"])


# --- exemplary models -----------------------------------------------------------------------------------


def test_model_list_counts_awards_and_copies_apart(client, accounts, org_tree):
    """Two awards and one replication of 4: the awards' join must not double the copies (not 8)."""
    officer = accounts["officer"]
    model = exemplary.create_model(
        actor=officer,
        name="Dân vận khéo trong giải phóng mặt bằng",
        field="economy",
        level="province",
        year=2025,
        unit=org_tree["people"],
        description="Vận động 120 hộ bàn giao mặt bằng.",
    )
    for number in ("12/QĐ-UBND", "34/QĐ-UBND"):
        exemplary.add_award(
            model,
            actor=officer,
            form="certificate_of_merit",
            deciding_body="UBND tỉnh",
            decision_number=number,
            decision_date=date(2025, 9, 2),
        )
    exemplary.add_replication(model, actor=officer, year=2025, count=4, place_name="Xã Phú Lý")
    exemplary.set_published(model, actor=accounts["coordinator"], published=True)
    url = reverse("movement:model_list")
    for user in (accounts["coordinator"], officer, accounts["other_officer"]):
        cells = row_cells(client, user, url, model.name)
        api = api_row(user, "exemplary-models/", model.pk)
        assert (cells[6:8], [str(api["n_awards"]), str(api["n_copies"])]) == (["2", "4"], ["2", "4"])
    public = client.get(reverse("portal:models")).content.decode()
    assert f"<td>{model.unit.name}</td><td>2</td><td>4</td>" in public
