"""Periods, who must report, the report workflow and its locks, completeness, decisions, reminders."""

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from danvan.reporting import services
from danvan.reporting.choices import ObligationSource, PeriodKind, ReportStatus, TransitionKind
from danvan.reporting.models import ReportObligation

from .conftest import at

pytestmark = pytest.mark.django_db


def test_annual_period_defaults(period):
    assert (period.starts_on, period.ends_on) == (date(2024, 1, 1), date(2024, 12, 31))
    assert (period.cutoff_on, period.due_on, period.lock_on) == (
        date(2024, 11, 30),
        date(2024, 12, 15),
        date(2025, 1, 31),
    )
    assert period.on_time_until == date(2024, 12, 18)
    assert period.label == "Năm 2024"


def test_quarter_and_review_periods(plan):
    q3 = services.create_period(plan=plan, kind=PeriodKind.QUARTER, year=2024, sequence=3, derive=False)
    assert (q3.starts_on, q3.ends_on, q3.due_on) == (date(2024, 7, 1), date(2024, 9, 30), date(2024, 10, 10))
    with pytest.raises(ValidationError, match="từ 1 đến 4"):
        services.create_period(plan=plan, kind=PeriodKind.QUARTER, year=2024, sequence=5)
    with pytest.raises(ValidationError, match="sơ kết"):
        services.create_period(plan=plan, kind=PeriodKind.INTERIM_REVIEW, year=2023)
    review = services.create_period(
        plan=plan,
        kind=PeriodKind.INTERIM_REVIEW,
        year=2023,
        title="Sơ kết giữa nhiệm kỳ",
        starts_on=date(2021, 1, 1),
        ends_on=date(2023, 6, 30),
        due_on=date(2023, 7, 15),
    )
    assert (review.cutoff_on, review.lock_on, review.label) == (
        date(2023, 6, 30),
        date(2023, 8, 14),
        "Sơ kết giữa nhiệm kỳ",
    )


def test_bodies_derived_from_assignments_and_districts(period, org_tree, districts):
    found = {o.unit.key: o.source for o in period.obligations.select_related("unit")}
    assert found == {
        "t-ubnd": ObligationSource.ASSIGNMENT,
        "t-btc": ObligationSource.ASSIGNMENT,
        "t-bdv": ObligationSource.ASSIGNMENT,  # lead of the one-off task
        "t-bh-tu": ObligationSource.TERRITORY,
        "t-lk-tu": ObligationSource.TERRITORY,
    }  # Sở Nội vụ only executes: it reports through UBND tỉnh
    district = period.obligations.get(unit=districts["bh"]["committee"]).district
    assert district == districts["bh"]["area"]
    assert services.derive_obligations(period) == 0  # idempotent


def test_board_adds_and_exempts_bodies(period, org_tree, accounts):
    coordinator = accounts["coordinator"]
    added = services.add_body(period, org_tree["interior"], actor=coordinator, reason="Theo chỉ đạo")
    assert added.source == ObligationSource.ADDED
    with pytest.raises(ValidationError, match="lý do"):
        services.exempt_body(period, org_tree["organisation"], actor=coordinator, reason=" ")
    services.exempt_body(period, org_tree["organisation"], actor=coordinator, reason="Đang sáp nhập")
    obligation = ReportObligation.objects.get(period=period, unit=org_tree["organisation"])
    assert obligation.exempt and obligation.reason == "Đang sáp nhập" and obligation.decided_by == coordinator
    assert services.derive_obligations(period) == 0  # an exemption survives re-derivation
    assert ReportObligation.objects.get(pk=obligation.pk).exempt


def test_report_is_prefilled_with_the_bodys_occurrences(tracked, period, org_tree, accounts):
    report = services.ensure_report(period, org_tree["people"], actor=accounts["officer"])
    lines = [(i.task_text, i.role, i.outcome, i.due_on) for i in report.items.all()]
    assert lines == [
        ("Tuyên truyền Nghị quyết về công tác dân vận", "lead", "not_started", date(2024, 12, 31)),
        ("Đối thoại giữa người đứng đầu và Nhân dân", "lead", "done_on_time", date(2024, 12, 31)),
    ]
    board = services.ensure_report(period, org_tree["board"])
    assert [(i.outcome, i.due_on) for i in board.items.all()] == [("overdue", date(2024, 6, 30))]
    with pytest.raises(ValidationError, match="không có trong danh sách"):
        services.ensure_report(period, org_tree["interior"])


def test_workflow_submit_return_resubmit_accept(period, org_tree, accounts):
    officer, coordinator = accounts["officer"], accounts["coordinator"]
    report = services.ensure_report(period, org_tree["people"], actor=officer)
    with pytest.raises(ValidationError, match="kết quả"):
        services.submit_report(report, actor=officer, now=at(2024, 12, 10))
    services.save_report(
        report,
        data={"results": "Đã tổ chức 12 hội nghị.", "difficulties": "Thiếu kinh phí"},
        actor=officer,
        now=at(2024, 12, 9),
    )
    services.submit_report(report, actor=officer, now=at(2024, 12, 10))
    assert report.status == ReportStatus.SUBMITTED and not report.late
    with pytest.raises(ValidationError, match="trả lại"):
        services.save_report(report, data={"results": "x"}, actor=officer, now=at(2024, 12, 11))
    with pytest.raises(ValidationError, match="lý do"):
        services.return_report(report, reason="", actor=coordinator, now=at(2024, 12, 12))
    services.return_report(
        report, reason="Bổ sung số liệu đối thoại", actor=coordinator, now=at(2024, 12, 12)
    )
    assert report.status == ReportStatus.RETURNED and report.return_reason == "Bổ sung số liệu đối thoại"
    services.save_report(
        report,
        data={"results": "Đã tổ chức 12 hội nghị, 30 cuộc đối thoại."},
        actor=officer,
        now=at(2024, 12, 20),
    )
    services.submit_report(report, actor=officer, now=at(2024, 12, 20))  # after the grace, but resubmitted
    assert not report.late and report.first_submitted_at == at(2024, 12, 10)
    services.accept_report(report, actor=coordinator, now=at(2024, 12, 21))
    assert report.status == ReportStatus.ACCEPTED
    assert [t.kind for t in report.transitions.all()] == [
        TransitionKind.SUBMIT,
        TransitionKind.RETURN,
        TransitionKind.SUBMIT,
        TransitionKind.ACCEPT,
    ]
    with pytest.raises(ValidationError, match="đã được chấp nhận"):
        services.save_report(report, data={"results": "x"}, actor=officer, now=at(2024, 12, 22))
    with pytest.raises(ValidationError):
        services.return_report(report, reason="x", actor=coordinator, now=at(2024, 12, 22))


def test_late_first_submission_is_marked(period, org_tree, accounts):
    report = services.ensure_report(period, org_tree["organisation"])
    services.save_report(
        report, data={"results": "Kết quả"}, actor=accounts["other_officer"], now=at(2024, 12, 18)
    )
    services.submit_report(report, actor=accounts["other_officer"], now=at(2024, 12, 18, 23))
    assert not report.late  # the last day of grace still counts
    other = services.ensure_report(period, org_tree["board"])
    services.save_report(
        other, data={"results": "Kết quả"}, actor=accounts["coordinator"], now=at(2024, 12, 19)
    )
    services.submit_report(other, actor=accounts["coordinator"], now=at(2024, 12, 19))
    assert other.late


def test_lock_date_and_reopen(period, org_tree, accounts):
    officer, coordinator = accounts["officer"], accounts["coordinator"]
    report = services.ensure_report(period, org_tree["people"])
    with pytest.raises(ValidationError, match="khóa ngày 31/01/2025"):
        services.save_report(report, data={"results": "Muộn"}, actor=officer, now=at(2025, 2, 1))
    with pytest.raises(ValidationError, match="lý do"):
        services.reopen_report(report, reason="", actor=coordinator, now=at(2025, 2, 1))
    services.reopen_report(report, reason="Cho phép bổ sung", actor=coordinator, now=at(2025, 2, 1))
    services.save_report(report, data={"results": "Bổ sung"}, actor=officer, now=at(2025, 2, 2))
    services.submit_report(report, actor=officer, now=at(2025, 2, 2))
    assert report.late
    services.accept_report(report, actor=coordinator, now=at(2025, 2, 3))
    assert not report.reopened and report.is_locked_on(date(2025, 2, 3))
    services.reopen_report(report, reason="Sửa số liệu", actor=coordinator, now=at(2025, 2, 4))
    assert report.status == ReportStatus.DRAFT and report.reopened
    step = report.transitions.last()
    assert (step.kind, step.reason, step.actor) == (TransitionKind.REOPEN, "Sửa số liệu", coordinator)
    with pytest.raises(ValidationError, match="không bị khóa"):
        services.reopen_report(report, reason="x", actor=coordinator, now=at(2025, 2, 5))


def submit(period, unit, actor, when):
    report = services.ensure_report(period, unit)
    services.save_report(report, data={"results": "Kết quả"}, actor=actor, now=when)
    return services.submit_report(report, actor=actor, now=when)


def test_completeness_with_late_missing_and_exempted_bodies(period, org_tree, districts, accounts):
    coordinator = accounts["coordinator"]
    services.exempt_body(period, org_tree["organisation"], actor=coordinator, reason="Sáp nhập")
    submit(period, org_tree["people"], accounts["officer"], at(2024, 12, 14))  # on time
    late = submit(period, districts["bh"]["committee"], coordinator, at(2024, 12, 25))  # late
    services.accept_report(late, actor=coordinator, now=at(2024, 12, 26))
    returned = submit(period, org_tree["board"], coordinator, at(2024, 12, 10))
    services.return_report(returned, reason="Thiếu", actor=coordinator, now=at(2024, 12, 11))  # not received
    result = services.completeness(period)
    t = result.total
    assert (t.expected, t.received, t.on_time, t.received_rate, t.on_time_rate) == (4, 2, 1, 50.0, 25.0)
    assert [line.unit.key for line in result.missing] == ["t-bdv", "t-lk-tu"] or sorted(
        line.unit.key for line in result.missing
    ) == ["t-bdv", "t-lk-tu"]
    assert [line.unit.key for line in result.exempted] == ["t-btc"]
    by = {tally.label: (tally.expected, tally.received, tally.on_time) for tally in result.by_district}
    assert by == {"Cấp tỉnh": (2, 1, 1), "Thành phố Biên Hòa": (1, 1, 0), "Thành phố Long Khánh": (1, 0, 0)}
    scoped = services.completeness(period, user=accounts["officer"])
    assert (scoped.total.expected, scoped.total.received) == (1, 1)


def test_reminders_go_to_missing_bodies_once_a_day(period, org_tree, accounts):
    from danvan.orgs.tests.factories import UserFactory

    UserFactory(username="ubnd2", org_unit=org_tree["people"], email="ubnd@example.vn")
    submit(period, org_tree["organisation"], accounts["other_officer"], at(2024, 12, 10))
    units = services.remind_missing(period, actor=accounts["coordinator"], now=at(2024, 12, 16))
    assert sorted(u.key for u in units) == ["t-bdv", "t-bh-tu", "t-lk-tu", "t-ubnd"]
    assert [m.to for m in mail.outbox] == [["ubnd@example.vn"]]
    assert "Năm 2024" in mail.outbox[0].subject and "15/12/2024" in mail.outbox[0].subject
    from danvan.reporting import sources

    if sources.tracking_available():
        from danvan.tracking.models import Reminder

        assert Reminder.objects.filter(rule="manual", occurrence__isnull=True).count() == 4
        services.remind_missing(period, actor=accounts["coordinator"], now=at(2024, 12, 16, 15))
        assert Reminder.objects.filter(rule="manual").count() == 4 and len(mail.outbox) == 1


def test_difficulty_stays_open_until_answered(period, org_tree, accounts):
    from danvan.reporting.models import DecisionRequest

    report = services.ensure_report(period, org_tree["people"])
    request = services.flag_difficulty(
        report, text="Xin ý kiến về kinh phí đối thoại", actor=accounts["officer"], now=at(2024, 12, 1)
    )
    assert list(DecisionRequest.objects.open()) == [request]
    with pytest.raises(ValidationError, match="câu trả lời"):
        services.answer_decision(request, answer=" ", actor=accounts["leader"])
    services.answer_decision(
        request, answer="Đồng ý bố trí kinh phí", actor=accounts["leader"], now=at(2024, 12, 5)
    )
    assert list(DecisionRequest.objects.open()) == []
    with pytest.raises(ValidationError, match="đã được trả lời"):
        services.answer_decision(request, answer="Lần hai", actor=accounts["leader"])
