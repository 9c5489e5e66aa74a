"""The one-way flow document → plan → tasks → occurrences: an imported plan becomes tracked work."""

from datetime import date

from danvan.core.models import AuditEntry
from danvan.orgs.services import current_holders
from danvan.plans import services
from danvan.plans.choices import AssignmentRole
from danvan.plans.models import Assignment
from danvan.plans.tests.factories import SAMPLE, build_registry_units
from danvan.tracking.models import Occurrence


def test_imported_plan_gives_every_occurrence_its_lead_and_audits_assignments(org_tree):
    units = build_registry_units(org_tree)
    extracted = services.match_bodies(services.read_document(SAMPLE.encode("utf-8"), "sample.txt"))
    plan = services.save_extracted_plan(extracted, actor=None)
    first = plan.tasks.order_by("order").first()
    occurrences = Occurrence.objects.filter(task=first)
    assert occurrences.count() == 4  # annual over the term 2021-2025: 2022…2025
    # The lead as matched on the plan's date, followed to whoever holds its work today.
    [holder] = current_holders(units["board"])
    assert set(occurrences.values_list("lead_unit", flat=True)) == {holder.pk}
    lead = Assignment.objects.get(task=first, role=AssignmentRole.LEAD)
    assert AuditEntry.objects.for_object(lead).filter(action="+").exists()


def test_corrected_lead_takes_over_open_occurrences_only(org_tree):
    units = build_registry_units(org_tree)
    extracted = services.match_bodies(services.read_document(SAMPLE.encode("utf-8"), "sample.txt"))
    plan = services.save_extracted_plan(extracted, actor=None)
    task = plan.tasks.order_by("order").first()
    done = Occurrence.objects.filter(task=task).order_by("period_start").first()
    done.completed_on, done.percent = date(2022, 12, 1), 100
    done.save()
    services.update_task(
        task,
        actor=None,
        section=task.section,
        recurrence=task.recurrence,
        due_date=None,
        deadline_text=task.deadline_text,
        assignments=[
            {
                "id": a.pk,
                "unit": units["organisation"] if a.role == AssignmentRole.LEAD else a.unit,
                "name_as_written": a.name_as_written,
                "role": a.role,
            }
            for a in task.assignments.all()
        ],
    )
    leads = dict(Occurrence.objects.filter(task=task).values_list("pk", "lead_unit"))
    assert leads.pop(done.pk) == current_holders(units["board"])[0].pk  # finished work keeps who did it
    assert set(leads.values()) == {current_holders(units["organisation"])[0].pk}
