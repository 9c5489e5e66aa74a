"""Demo data for reporting (`danvan demo` calls build() after plans and tracking).

For each plan (the first one at "small" scale): annual periods 2021-2025 and a mid-term review,
with reports in every state — draft, submitted, returned, accepted, late, missing, exempt —
difficulties awaiting a decision and answered, and a draft consolidated report for 2024.
Dates are simulated with `now=` so the workflow rules (lateness, locks) apply as they would have.
"""

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from danvan.orgs.choices import Role
from danvan.orgs.models import User
from danvan.plans.models import Plan

from . import consolidated, services, sources
from .choices import PeriodKind
from .models import ReportingPeriod

RESULTS = [
    "Tổ chức {n} hội nghị quán triệt, tuyên truyền về công tác dân vận cho cán bộ, đảng viên và Nhân dân.",
    "Duy trì tiếp công dân định kỳ; tổ chức {n} cuộc đối thoại giữa người đứng đầu với Nhân dân.",
    "Xây dựng và nhân rộng {n} mô hình “Dân vận khéo” trên các lĩnh vực.",
    "Thực hiện tốt quy chế dân chủ ở cơ sở; {n} đơn vị được đánh giá tốt.",
]
SHORTCOMINGS = ["Một số nơi triển khai còn chậm, chưa sâu sát.", "Chất lượng báo cáo chưa đồng đều."]
DIFFICULTIES = [
    "Kinh phí cho hoạt động đối thoại còn hạn chế.",
    "Biên chế cán bộ làm công tác dân vận còn thiếu.",
]
RECOMMENDATIONS = [
    "Đề nghị bố trí kinh phí riêng cho phong trào “Dân vận khéo”.",
    "Đề nghị tổ chức tập huấn nghiệp vụ cho cán bộ cơ sở.",
]


def _at(day: date, hour: int = 9) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _user(role: str):
    return User.objects.filter(role=role, is_active=True).order_by("username").first()


def build(*, scale: str, stdout) -> None:
    plans = list(Plan.objects.order_by("id")[: 1 if scale == "small" else 3])
    if not plans:
        stdout.write("reporting: no plan to report on; skipped.")
        return
    rng = random.Random(2025)
    board = _user(Role.COORDINATOR)
    leader = _user(Role.LEADER)
    made = reports = 0
    for plan in plans:
        for year in range(2021, 2026):
            if ReportingPeriod.objects.filter(plan=plan, kind=PeriodKind.ANNUAL, year=year).exists():
                continue
            period = services.create_period(plan=plan, year=year, grace_days=3, actor=board)
            made += 1
            reports += _fill(period, rng, board, leader, last=(year == 2025))
        if (
            scale == "small"
            and not ReportingPeriod.objects.filter(plan=plan, kind=PeriodKind.INTERIM_REVIEW).exists()
        ):
            review = services.create_period(
                plan=plan,
                kind=PeriodKind.INTERIM_REVIEW,
                year=2023,
                title="Sơ kết giữa nhiệm kỳ 2020-2025",
                starts_on=date(2021, 1, 1),
                ends_on=date(2023, 6, 30),
                due_on=date(2023, 7, 15),
                actor=board,
            )
            made += 1
            reports += _fill(review, rng, board, leader, last=False)
    period = ReportingPeriod.objects.filter(plan=plans[0], kind=PeriodKind.ANNUAL, year=2024).first()
    if period is not None and board is not None:
        draft = consolidated.start_consolidated(period, actor=board)
        if scale == "small":
            consolidated.generate(draft)
    stdout.write(f"reporting: {made} periods, {reports} body reports.")


def _fill(period: ReportingPeriod, rng: random.Random, board, leader, *, last: bool) -> int:
    """Reports for one period; in the last period every state of the workflow appears."""
    rows = sources.occurrences_in(period)
    obligations = list(period.obligations.select_related("unit").order_by("unit__path"))
    if len(obligations) > 3:
        services.exempt_body(
            period,
            obligations[-1].unit,
            actor=board,
            reason="Đơn vị đang sắp xếp, kiện toàn tổ chức.",
            now=_at(period.due_on - timedelta(days=20)),
        )
        obligations = obligations[:-1]
    count = 0
    for index, obligation in enumerate(obligations):
        roll = rng.random()
        state = (
            ("draft", "submitted", "returned", "accepted", "missing")[index % 5]
            if last
            else ("missing" if roll < 0.08 else "accepted")
        )
        if state == "missing":
            continue
        report = services.ensure_report(period, obligation.unit, actor=board, period_rows=rows)
        count += 1
        officer = User.objects.filter(org_unit=obligation.unit, is_active=True).first() or board
        written = _at(period.due_on - timedelta(days=rng.randint(1, 10)))
        services.save_report(
            report,
            actor=officer,
            now=written,
            data={
                "results": "\n".join(t.format(n=rng.randint(3, 40)) for t in rng.sample(RESULTS, 2)),
                "shortcomings": rng.choice(SHORTCOMINGS),
                "causes": "Nhận thức của một số nơi chưa đầy đủ.",
                "difficulties": rng.choice(DIFFICULTIES),
                "recommendations": rng.choice(RECOMMENDATIONS),
                "next_direction": "Tiếp tục đổi mới nội dung, phương thức công tác dân vận.",
            },
        )
        if state == "draft":
            continue
        late = rng.random() < 0.15
        sent = _at(period.due_on + timedelta(days=rng.randint(4, 12))) if late else written
        services.submit_report(report, actor=officer, now=sent, period_rows=rows)
        if state == "submitted":
            continue
        reviewed = sent + timedelta(days=2)
        if state == "returned":
            services.return_report(
                report,
                reason="Đề nghị bổ sung số liệu cụ thể về đối thoại và tiếp công dân.",
                actor=board,
                now=reviewed,
            )
            continue
        services.accept_report(report, actor=board, now=reviewed)
        if index % 7 == 0:
            request = services.flag_difficulty(
                report,
                text=rng.choice(DIFFICULTIES) + " Đề nghị Thường trực cho ý kiến.",
                actor=officer,
                now=sent,
            )
            if not last and leader is not None:
                services.answer_decision(
                    request,
                    answer="Giao Ban Dân vận phối hợp Sở Tài chính tham mưu.",
                    actor=leader,
                    now=reviewed + timedelta(days=5),
                )
    return count
