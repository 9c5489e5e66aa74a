"""A plan with assigned bodies and two districts, and its 2024 reporting period."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from danvan.orgs.choices import OrgKind
from danvan.plans.choices import AssignmentRole, Recurrence

from .factories import AssignmentFactory, PlanFactory, SectionFactory, TaskFactory

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def at(y: int, m: int, d: int, hour: int = 9) -> datetime:
    return datetime(y, m, d, hour, tzinfo=TZ)


@pytest.fixture
def districts(org_tree):
    from danvan.orgs import services

    province = org_tree["province"]
    out = {}
    for key, name in (("bh", "Biên Hòa"), ("lk", "Long Khánh")):
        area = services.create_unit(
            key=f"t-{key}", kind=OrgKind.DISTRICT, name=f"Thành phố {name}", parent=province
        )
        committee = services.create_unit(
            key=f"t-{key}-tu",
            kind=OrgKind.PARTY_COMMITTEE,
            name=f"Thành ủy {name}",
            territory=area,
            parent=org_tree["committee"],
        )
        out[key] = {"area": area, "committee": committee}
    return out


@pytest.fixture
def plan(org_tree, districts):
    """UBND tỉnh leads two tasks, Ban Tổ chức coordinates one, Sở Nội vụ only executes."""
    plan = PlanFactory(issuer=org_tree["committee"])
    first = SectionFactory(plan=plan, number="1", title="Công tác tuyên truyền")
    second = SectionFactory(plan=plan, number="2", title="Dân vận chính quyền")
    t1 = TaskFactory(plan=plan, section=first, text="Tuyên truyền Nghị quyết về công tác dân vận")
    t2 = TaskFactory(plan=plan, section=second, text="Đối thoại giữa người đứng đầu và Nhân dân")
    t3 = TaskFactory(
        plan=plan,
        section=second,
        text="Sơ kết Quy chế dân vận",
        recurrence=Recurrence.ONCE,
        due_date=date(2024, 6, 30),
    )
    AssignmentFactory(task=t1, unit=org_tree["people"], role=AssignmentRole.LEAD)
    AssignmentFactory(task=t2, unit=org_tree["people"], role=AssignmentRole.LEAD)
    AssignmentFactory(task=t2, unit=org_tree["organisation"], role=AssignmentRole.COORDINATOR)
    AssignmentFactory(task=t3, unit=org_tree["board"], role=AssignmentRole.LEAD)
    AssignmentFactory(task=t3, unit=org_tree["interior"], role=AssignmentRole.EXECUTOR)
    plan.test_tasks = [t1, t2, t3]
    return plan


@pytest.fixture
def period(plan, accounts):
    from danvan.reporting import services

    return services.create_period(plan=plan, year=2024, grace_days=3, actor=accounts["coordinator"])


@pytest.fixture
def tracked(plan):
    """The plan's occurrences in tracking, 2024 outcomes on the cut-off (30/11): task 1 not started,
    task 2 done on time, task 3 (one-off, due 30/06) overdue."""
    from danvan.reporting import sources

    if not sources.tracking_available():
        pytest.skip("tracking app not installed")
    from danvan.tracking import services as tracking
    from danvan.tracking.models import Occurrence

    tracking.sync_plan(plan, today=date(2021, 1, 1))
    t1, t2, t3 = plan.test_tasks
    Occurrence.objects.filter(task=t2, year=2024).update(
        completed_on=date(2024, 6, 1), percent=100, started_on=date(2024, 3, 1)
    )
    return plan


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded and generated files go to a temporary directory."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def open_period(plan, accounts):
    """This year's annual period, still open for reports (the browser and page tests run on today's date)."""
    from django.utils import timezone

    from danvan.reporting import services

    return services.create_period(plan=plan, year=timezone.localdate().year, actor=accounts["coordinator"])
