"""Background jobs of tracking (django-tasks): thin wrappers over services."""

from datetime import datetime, time, timedelta

from django.utils import timezone
from django_tasks import task

from danvan.core.audit import acting_as

DAILY_PATH = "danvan.tracking.tasks.send_daily_reminders"
DAILY_AT = time(7, 0)


@task()
def send_daily_reminders(day: str | None = None, reschedule: bool = True) -> str:
    """Route work of merged bodies, send today's reminders, then queue tomorrow's run."""
    from datetime import date

    from danvan.citizens.services import send_petition_reminders
    from danvan.movement.services.supervision import send_recommendation_reminders

    from . import services

    today = date.fromisoformat(day) if day else timezone.localdate()
    with acting_as("job"):
        services.route_to_successors(today=today)
        summary = services.send_reminders(today=today).summary()
        send_recommendation_reminders(today=today)
        send_petition_reminders(today=today)
    if reschedule:
        ensure_daily_run(after=timezone.now())
    return summary


@task()
def send_manual_reminder(occurrence_id: int, actor_id: int, message: str) -> None:
    from danvan.orgs.models import User

    from . import services
    from .models import Occurrence

    services.send_manual_reminder(
        Occurrence.objects.get(pk=occurrence_id), actor=User.objects.get(pk=actor_id), message=message
    )


def next_run_at(now: datetime) -> datetime:
    local = timezone.localtime(now)
    candidate = timezone.make_aware(datetime.combine(local.date(), DAILY_AT))
    return candidate if candidate > now else candidate + timedelta(days=1)


def ensure_daily_run(*, after: datetime | None = None, now_if_missing: bool = False) -> bool:
    """Queue the daily run unless one is already waiting (so restarts never double-enqueue).

    Returns True when a run was queued. Works with the database backend; other backends (tests'
    immediate backend) are not inspected and simply run.
    """
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # pragma: no cover
        DBTaskResult = None
    from django_tasks import default_task_backend

    if DBTaskResult is not None and type(default_task_backend).__name__ == "DatabaseBackend":
        from django.db.models import Q

        # A run that has been "running" for hours belongs to a worker that died: not waiting.
        alive = Q(status="READY") | Q(status="RUNNING", started_at__gte=timezone.now() - timedelta(hours=1))
        waiting = DBTaskResult.objects.filter(alive, task_path=DAILY_PATH)
        if after is not None:
            waiting = waiting.exclude(status="RUNNING")
        if waiting.exists():
            return False
        run_after = timezone.now() if now_if_missing else next_run_at(after or timezone.now())
        send_daily_reminders.using(run_after=run_after).enqueue()
        return True
    return False
