"""Demo data for tracking (`danvan demo` calls build() after the plans demo).

Occurrences are generated for every task the plans demo (or an import) created; then progress
entries are added to past and current occurrences, so that every status shows up. When no plan
exists yet, a small synthetic plan is created so the pages still have something to show.
"province" scale aims at the benchmark volumes: ~1,500 tasks, ~10,000 occurrences, ~60,000 entries.
"""

import random
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from danvan.orgs.choices import OrgKind
from danvan.orgs.models import OrgUnit, User
from danvan.plans.models import Assignment, Plan, Section, Task

from .choices import EntryKind
from .models import Occurrence, ProgressEntry
from .periods import periods_for
from .services import lead_unit_for, search_text_for

SCALES = {
    "small": {"plans": 1, "tasks": 12, "entries": 3},
    "province": {"plans": 10, "tasks": 150, "entries": 6},
}
WORDS = [
    "Nâng cao chất lượng phong trào thi đua “Dân vận khéo”",
    "Thực hiện quy chế dân chủ ở cơ sở",
    "Tiếp công dân, giải quyết khiếu nại, tố cáo",
    "Đối thoại giữa người đứng đầu cấp ủy với nhân dân",
    "Khảo sát đoàn viên, hội viên",
    "Bồi dưỡng kỹ năng công tác dân vận cho cán bộ cơ sở",
    "Công tác dân tộc, tôn giáo",
    "Giám sát và phản biện xã hội của Mặt trận Tổ quốc",
]
RECURRENCES = ["annual"] * 5 + ["ongoing"] * 2 + ["quarterly"] * 2 + ["once"]


def build(*, scale: str, stdout) -> None:
    sizes = SCALES.get(scale, SCALES["small"])
    if not Task.objects.exists():
        make_plans(plans=sizes["plans"], tasks_per_plan=sizes["tasks"], stdout=stdout)
    occs = generate_all()
    entries = add_progress(entries_per_occurrence=sizes["entries"])
    stdout.write(f"tracking: {occs} occurrence(s) created, {entries} progress entries.")


def _bodies(count: int) -> list[OrgUnit]:
    """Open bodies to assign work to; synthetic ones are added when the tree is smaller than asked."""
    units = list(OrgUnit.objects.active().exclude(kind__in=OrgKind.administrative()).order_by("path")[:count])
    if len(units) < count:
        root = units[0] if units else None
        for i in range(len(units), count):
            unit = OrgUnit(
                key=f"demo-body-{i}", kind=OrgKind.STATE_BODY, name=f"Cơ quan thử nghiệm {i + 1}", parent=root
            )
            unit.save()
            units.append(unit)
    return units


@transaction.atomic
def make_plans(*, plans: int, tasks_per_plan: int, stdout, bodies: int | None = None) -> None:
    """Synthetic plans (term 2020-2025) with sections, tasks and assignments, in bulk (no signals)."""
    rng = random.Random(7)
    units = _bodies(bodies or max(25, min(250, plans * 25)))
    for p in range(plans):
        plan = Plan.objects.create(
            title=f"Kế hoạch thực hiện công tác dân vận (thử nghiệm {p + 1})",
            symbol=f"{100 + p}-KH/TU",
            term_start=2020,
            term_end=2025,
            status="active",
        )
        sections = [
            Section.objects.create(plan=plan, number=f"III.{s + 1}", title=WORDS[s], order=s)
            for s in range(5)
        ]
        tasks = []
        for t in range(tasks_per_plan):
            recurrence = rng.choice(RECURRENCES)
            due = (
                date(rng.choice([2021, 2022, 2023, 2024, 2025]), rng.choice([3, 6, 9, 12]), 28)
                if recurrence == "once"
                else None
            )
            text = f"{rng.choice(WORDS)} — nhiệm vụ {p + 1}.{t + 1}"
            tasks.append(
                Task(
                    plan=plan,
                    section=sections[t % 5],
                    text=text,
                    summary=text[:255],
                    recurrence=recurrence,
                    due_date=due,
                    order=t,
                )
            )
        tasks = Task.objects.bulk_create(tasks)
        assignments = []
        for task in tasks:
            lead, *others = rng.sample(units, 3)
            assignments.append(
                Assignment(task=task, unit=lead, name_as_written=lead.name, role="lead", match_confidence=1.0)
            )
            assignments += [
                Assignment(
                    task=task,
                    unit=u,
                    name_as_written=u.name,
                    role="coordinator",
                    match_confidence=1.0,
                    order=i,
                )
                for i, u in enumerate(others, 1)
            ]
        Assignment.objects.bulk_create(assignments)
    stdout.write(f"tracking: created {plans} synthetic plan(s) with {plans * tasks_per_plan} tasks.")


@transaction.atomic
def generate_all() -> int:
    """services.sync_occurrences for every task, in bulk (first generation only)."""
    today = timezone.localdate()
    have = set(Occurrence.objects.values_list("task_id", flat=True).distinct())
    new = []
    for task in (
        Task.objects.exclude(pk__in=have).select_related("plan").prefetch_related("assignments__unit")
    ):
        plan = task.plan
        start, end = (
            (plan.term_start, plan.term_end)
            if plan.term_start and plan.term_end
            else (today.year, today.year)
        )
        lead = lead_unit_for(task, today)
        text = search_text_for(task, lead)
        for p in periods_for(task.recurrence, term_start=start, term_end=end, due_date=task.due_date):
            new.append(
                Occurrence(
                    task=task,
                    plan_id=task.plan_id,
                    section_id=task.section_id,
                    kind=p.kind,
                    period_start=p.start,
                    period_end=p.end,
                    due_date=p.due,
                    year=p.end.year,
                    lead_unit=lead,
                    search_text=text,
                )
            )
    Occurrence.objects.bulk_create(new, batch_size=2000, ignore_conflicts=True)
    return len(new)


@transaction.atomic
def add_progress(*, entries_per_occurrence: int) -> int:
    """Progress entries on begun occurrences without any; about a fifth left untouched or overdue."""
    rng = random.Random(11)
    today = timezone.localdate()
    authors = {u.org_unit_id: u for u in User.objects.filter(org_unit__isnull=False).order_by("pk")}
    occs = list(Occurrence.objects.filter(period_start__lte=today, entries__isnull=True).order_by("pk"))
    entries, changed = [], []
    for occ in occs:
        fate = rng.random()
        if fate < 0.15:
            continue  # not started (or overdue when past)
        finish = fate < 0.75
        end = occ.due_date or occ.period_end
        if finish and fate > 0.65:
            end = end + timedelta(days=rng.randint(1, 40))  # done late
        end = min(end, today)
        span = max((end - occ.period_start).days, 1)
        percent = 0
        for i in range(entries_per_occurrence):
            day = occ.period_start + timedelta(days=span * (i + 1) // entries_per_occurrence)
            last = i == entries_per_occurrence - 1
            percent = 100 if (finish and last) else min(95, percent + rng.randint(5, 25))
            entries.append(
                ProgressEntry(
                    occurrence=occ,
                    kind=EntryKind.PROGRESS,
                    unit_id=occ.lead_unit_id,
                    author=authors.get(occ.lead_unit_id),
                    percent=percent,
                    text=f"Báo cáo tiến độ lần {i + 1}: đã triển khai {percent}% công việc.",
                    reported_on=day,
                    created_at=timezone.make_aware(datetime.combine(day, time(9, 0))),
                )
            )
        occ.percent = percent
        occ.started_on = occ.period_start + timedelta(days=span // entries_per_occurrence)
        occ.completed_on = end if percent == 100 else None
        changed.append(occ)
    ProgressEntry.objects.bulk_create(entries, batch_size=5000)
    Occurrence.objects.bulk_update(changed, ["percent", "started_on", "completed_on"], batch_size=2000)
    return len(entries)
