"""One test per permission rule of tracking/rules.py (accounts from conftest: UBND's officer leads)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from danvan.orgs.tests.factories import UserFactory
from danvan.tracking import rules as tracking_rules

pytestmark = pytest.mark.django_db


@pytest.fixture
def occ(annual_task):
    """2025 occurrence led by UBND tỉnh; Ban Tổ chức coordinates."""
    return annual_task.occurrences.get(year=2025)


def allowed(accounts, perm, obj=None):
    return {name for name, user in accounts.items() if user.has_perm(perm, obj)}


def test_view_inbox_needs_a_body(accounts):
    no_unit = UserFactory(username="no_unit", role="agency_officer", org_unit=None)
    assert allowed(accounts, "tracking.view_inbox") == set(accounts)
    assert not no_unit.has_perm("tracking.view_inbox")
    assert not AnonymousUser().has_perm("tracking.view_inbox")


def test_view_overview_is_for_the_board_leaders_and_administrators(accounts):
    assert allowed(accounts, "tracking.view_overview") == {"coordinator", "leader", "admin"}


def test_view_dashboard_is_for_the_board_leaders_and_administrators(accounts):
    assert allowed(accounts, "tracking.view_dashboard") == {"coordinator", "leader", "admin"}


def test_view_occurrence_follows_the_lead_and_assigned_bodies(accounts, occ):
    # UBND (lead) and Ban Tổ chức (coordinator) see it; Sở Nội vụ, under UBND, neither leads nor is assigned.
    assert allowed(accounts, "tracking.view_occurrence", occ) == {
        "coordinator",
        "leader",
        "admin",
        "officer",
        "other_officer",
    }
    assert not accounts["officer"].has_perm("tracking.view_occurrence", None)


def test_comment_occurrence_is_open_to_whoever_sees_it(accounts, occ):
    assert allowed(accounts, "tracking.comment_occurrence", occ) == allowed(
        accounts, "tracking.view_occurrence", occ
    )


def test_report_progress_board_or_an_agency_officer_who_sees_it(accounts, occ):
    # Leaders see everything but do not report; the reception officer is not an agency officer.
    assert allowed(accounts, "tracking.report_progress", occ) == {
        "coordinator",
        "admin",
        "officer",
        "other_officer",
    }


def test_send_reminder_is_for_the_board(accounts, occ):
    assert allowed(accounts, "tracking.send_reminder", occ) == {"coordinator", "admin"}


def test_export_occurrences_needs_a_login(accounts):
    assert allowed(accounts, "tracking.export_occurrences") == set(accounts)
    assert not AnonymousUser().has_perm("tracking.export_occurrences")


def test_manage_feeds_needs_a_login(accounts):
    assert allowed(accounts, "tracking.manage_feeds") == set(accounts)
    assert not AnonymousUser().has_perm("tracking.manage_feeds")


def test_leads_occurrence_predicate(accounts, occ, org_tree):
    assert tracking_rules.leads_occurrence(accounts["officer"], occ)
    assert not tracking_rules.leads_occurrence(accounts["other_officer"], occ)  # coordinates, does not lead
    assert tracking_rules.leads_occurrence(accounts["coordinator"], occ)  # the Board sees every path
    assert not tracking_rules.leads_occurrence(accounts["officer"], None)
