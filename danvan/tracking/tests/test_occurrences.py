"""Occurrence generation from plans, regeneration on schedule change, successor routing, roll-up."""

from datetime import date

import pytest

from danvan.orgs import services as org_services
from danvan.tracking import services
from danvan.tracking.choices import EntryKind, Outcome, PeriodKind
from danvan.tracking.models import Occurrence

from .factories import TaskFactory, assign

pytestmark = pytest.mark.django_db


def test_annual_task_gets_one_occurrence_per_year_of_the_seed_term(annual_task, org_tree):
    occs = list(annual_task.occurrences.order_by("period_start"))
    assert [(o.year, o.due_date, o.kind) for o in occs] == [
        (y, date(y, 12, 31), PeriodKind.YEAR) for y in range(2021, 2026)
    ]
    assert {o.lead_unit for o in occs} == {org_tree["people"]}
    assert occs[0].plan == annual_task.plan and occs[0].section == annual_task.section


@pytest.mark.parametrize(
    ("recurrence", "count", "kind"),
    [
        ("annual", 5, PeriodKind.YEAR),
        ("quarterly", 20, PeriodKind.QUARTER),
        ("monthly", 60, PeriodKind.MONTH),
        ("ongoing", 5, PeriodKind.REVIEW),
        ("once", 1, PeriodKind.ONCE),
    ],
)
def test_every_schedule_kind(plan, org_tree, recurrence, count, kind):
    task = TaskFactory(
        plan=plan, recurrence=recurrence, due_date=date(2021, 9, 30) if recurrence == "once" else None
    )
    assign(task, org_tree["people"])
    assert task.occurrences.count() == count
    assert set(task.occurrences.values_list("kind", flat=True)) == {kind}


def test_sync_twice_creates_nothing(annual_task):
    assert services.sync_occurrences(annual_task) == (0, 0)


def test_schedule_change_keeps_past_occurrences_and_regenerates_future_ones(plan, org_tree):
    plan.term_start, plan.term_end = 2023, 2027  # working years 2024…2027; today is 15/06/2025
    plan.save()
    task = TaskFactory(plan=plan, recurrence="annual")
    assign(task, org_tree["people"])
    current = task.occurrences.get(year=2025)
    services.add_progress(current, actor=_lead_officer(org_tree), percent=30, text="Đã triển khai")
    task.recurrence = "quarterly"
    task.save()
    kinds = list(task.occurrences.order_by("period_start").values_list("kind", "period_start"))
    # 2024 (past) and 2025 (current, with progress) kept; 2026/2027 annual replaced by their quarters
    assert kinds == [(PeriodKind.YEAR, date(2024, 1, 1)), (PeriodKind.YEAR, date(2025, 1, 1))] + [
        (PeriodKind.QUARTER, date(y, m, 1)) for y in (2026, 2027) for m in (1, 4, 7, 10)
    ]
    assert task.occurrences.get(year=2025).entries.count() == 1
    task.recurrence = "annual"
    task.save()
    assert task.occurrences.filter(kind=PeriodKind.QUARTER).count() == 0
    assert list(task.occurrences.values_list("year", flat=True)) == [2024, 2025, 2026, 2027]


def test_once_due_date_change_moves_the_open_occurrence(once_task):
    once_task.due_date = date(2026, 12, 20)
    once_task.save()
    assert list(once_task.occurrences.values_list("due_date", flat=True)) == [date(2026, 12, 20)]


def _lead_officer(org_tree):
    from danvan.orgs.tests.factories import UserFactory

    return UserFactory(org_unit=org_tree["people"], email="ubnd@example.vn")


def test_open_occurrences_follow_the_successor_of_a_merged_body(annual_task, org_tree):
    done = annual_task.occurrences.get(year=2021)
    officer = _lead_officer(org_tree)
    services.add_progress(done, actor=officer, percent=100, text="Hoàn thành")
    new = org_services.merge_units(
        [org_tree["people"]], on=date(2025, 7, 1), name="UBND tỉnh Đồng Nai (mới)", key="t-ubnd-moi"
    )
    moved = services.route_to_successors(today=date(2025, 7, 2))
    assert moved == 4
    assert set(Occurrence.objects.filter(task=annual_task).open().values_list("lead_unit", flat=True)) == {
        new.pk
    }
    done.refresh_from_db()
    assert done.lead_unit == org_tree["people"]  # finished work stays with the body that did it
    note = Occurrence.objects.get(task=annual_task, year=2022).entries.get(kind=EntryKind.SYSTEM)
    assert note.text == (
        "Cơ quan chủ trì chuyển từ “Ủy ban nhân dân tỉnh Đồng Nai” sang “UBND tỉnh Đồng Nai (mới)” "
        "(do thay đổi tổ chức)."
    )
    assert services.route_to_successors(today=date(2025, 7, 2)) == 0


def test_roll_up_is_the_weighted_average_of_sub_tasks(annual_task, org_tree, accounts):
    board = accounts["coordinator"]
    a = services.create_subtask(annual_task, actor=board, text="Huyện A", lead=org_tree["interior"], weight=3)
    b = services.create_subtask(
        annual_task, actor=board, text="Huyện B", lead=org_tree["organisation"], weight=1
    )
    assert a.occurrences.count() == 5
    occ_a, occ_b = a.occurrences.get(year=2024), b.occurrences.get(year=2024)
    services.add_progress(occ_a, actor=board, percent=100, now=_at(2024, 12, 20))
    parent = Occurrence.objects.get(task=annual_task, year=2024)
    assert (parent.percent, parent.completed_on) == (75, None)  # (3×100 + 1×0) / 4
    services.add_progress(occ_b, actor=board, percent=100, now=_at(2025, 1, 5))
    parent.refresh_from_db()
    assert (parent.percent, parent.completed_on) == (100, date(2025, 1, 5))
    assert parent.outcome_on(date(2025, 2, 1)) == Outcome.DONE_LATE


def test_delegation_creates_one_sub_task_per_body(annual_task, org_tree, accounts):
    subs = services.delegate_task(
        annual_task, actor=accounts["coordinator"], units=[org_tree["interior"], org_tree["organisation"]]
    )
    assert [s.lead_units() for s in subs] == [[org_tree["interior"]], [org_tree["organisation"]]]
    assert all(s.parent_id == annual_task.pk and s.recurrence == "annual" for s in subs)


def test_only_the_lead_body_or_board_breaks_a_task_down(annual_task, org_tree, accounts):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.create_subtask(
            annual_task, actor=accounts["other_officer"], text="x", lead=org_tree["interior"]
        )
    sub = services.create_subtask(
        annual_task, actor=accounts["officer"], text="Sở Nội vụ thực hiện", lead=org_tree["interior"]
    )
    assert sub.parent == annual_task


def _at(y, m, d):
    from datetime import datetime

    from django.utils import timezone

    return timezone.make_aware(datetime(y, m, d, 9, 0))
