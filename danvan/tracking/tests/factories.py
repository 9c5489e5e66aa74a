import factory

from danvan.plans.models import Assignment, Plan, Section, Task


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    title = factory.Sequence(lambda n: f"Kế hoạch thực hiện công tác dân vận số {n}")
    symbol = factory.Sequence(lambda n: f"{n}-KH/TU")
    term_start = 2020
    term_end = 2025


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    plan = factory.SubFactory(PlanFactory)
    number = "III.1"
    title = "Nhiệm vụ cụ thể"


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task

    plan = factory.SubFactory(PlanFactory)
    text = factory.Sequence(lambda n: f"Nhiệm vụ số {n}: đẩy mạnh phong trào thi đua “Dân vận khéo”")
    recurrence = "annual"


def assign(task, unit, role="lead"):
    return Assignment.objects.create(
        task=task, unit=unit, name_as_written=unit.name, role=role, match_confidence=1.0
    )
