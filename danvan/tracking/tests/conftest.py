from datetime import date

import pytest

from .factories import PlanFactory, SectionFactory, TaskFactory, assign


@pytest.fixture
def plan(db):
    return PlanFactory(symbol="01-KH/TU")


@pytest.fixture
def annual_task(plan, org_tree):
    """An annual task of the seed's term led by UBND tỉnh, Ban Dân vận coordinating: 2021…2025."""
    section = SectionFactory(plan=plan)
    task = TaskFactory(
        plan=plan, section=section, text="Nâng cao hiệu quả công tác dân vận chính quyền", summary=""
    )
    assign(task, org_tree["people"], "lead")
    assign(task, org_tree["organisation"], "coordinator")
    return task


@pytest.fixture
def once_task(plan, org_tree):
    task = TaskFactory(
        plan=plan, recurrence="once", due_date=date(2026, 12, 15), text="Khảo sát đoàn viên, hội viên cơ sở"
    )
    assign(task, org_tree["people"], "lead")
    return task


FROZEN_NOW = (2025, 6, 15, 9, 0)


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch):
    """Today is 15/06/2025 in every tracking test (seed term 2020-2025: 2021-2024 past, 2025 current)."""
    from datetime import datetime

    from django.utils import timezone

    fixed = timezone.make_aware(datetime(*FROZEN_NOW))
    monkeypatch.setattr(timezone, "now", lambda: fixed)
    return fixed
