"""Background jobs of movement (django-tasks): thin wrappers over services."""

from django.utils import timezone
from django_tasks import task

from danvan.core.audit import acting_as


@task()
def send_recommendation_reminders(day: str | None = None) -> str:
    """Remind bodies of unanswered recommendations. Meant to run with tracking's daily reminder job."""
    from datetime import date

    from .services import supervision

    today = date.fromisoformat(day) if day else timezone.localdate()
    with acting_as("job"):
        return supervision.send_recommendation_reminders(today=today).summary()
