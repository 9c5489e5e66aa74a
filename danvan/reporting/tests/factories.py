"""Factories for reporting tests, with the few plan records they need."""

from datetime import date

import factory

from danvan.plans.choices import AssignmentRole, Recurrence
from danvan.plans.models import Assignment, Plan, PlanTarget, Section, Task


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    title = "Kế hoạch thực hiện Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XI về công tác dân vận"
    symbol = "31-KH/TU"
    issued_on = date(2021, 3, 1)
    place = "Đồng Nai"
    issuer_name = "Ban Chấp hành Đảng bộ tỉnh"
    term_start, term_end = 2020, 2025


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    plan = factory.SubFactory(PlanFactory)
    number = factory.Sequence(lambda n: str(n + 1))
    title = factory.Sequence(lambda n: f"Nhiệm vụ nhóm {n + 1}")
    order = factory.Sequence(lambda n: n)


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task

    plan = factory.SubFactory(PlanFactory)
    text = factory.Sequence(lambda n: f"Tổ chức thực hiện nhiệm vụ số {n}")
    recurrence = Recurrence.ANNUAL
    order = factory.Sequence(lambda n: n)


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    task = factory.SubFactory(TaskFactory)
    name_as_written = factory.LazyAttribute(lambda a: a.unit.name if a.unit else "?")
    role = AssignmentRole.LEAD
    match_confidence = 1.0


class PlanTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanTarget

    plan = factory.SubFactory(PlanFactory)
    text = "Trên 80% cơ quan, đơn vị đạt tiêu chí Dân vận khéo"
    subject = "Cơ quan, đơn vị đạt tiêu chí Dân vận khéo"
    comparator = ">"
    value = 80
    unit = "%"
