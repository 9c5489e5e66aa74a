"""Occurrences follow the plan: a saved task (new, or with a changed schedule) gets its occurrences,
and a lead assignment gives open occurrences their lead body. Bulk imports that bypass signals call
`danvan generate_occurrences` (or services.sync_plan) afterwards."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from danvan.plans.models import Assignment, Task


def _sync(task_id: int) -> None:
    from . import services

    task = (
        Task.objects.filter(pk=task_id).select_related("plan").prefetch_related("assignments__unit").first()
    )
    if task is not None:
        services.sync_occurrences(task)


@receiver(post_save, sender=Task, dispatch_uid="tracking_task_saved")
def task_saved(sender, instance: Task, raw: bool = False, **kwargs) -> None:
    if not raw:
        _sync(instance.pk)


@receiver(post_save, sender=Assignment, dispatch_uid="tracking_assignment_saved")
def assignment_saved(sender, instance: Assignment, raw: bool = False, **kwargs) -> None:
    if not raw and instance.role in ("lead", "co_lead"):
        _sync(instance.task_id)
