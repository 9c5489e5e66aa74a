"""Background jobs of citizens (django-tasks): thin wrappers that take ids and call services."""

from datetime import timedelta

from django_tasks import task

from danvan.core.audit import acting_as

# Intakes older than this whose job never ran (lost with a worker) are picked up by the next job.
STRAGGLER_AGE = timedelta(minutes=5)


@task()
def process_intake(intake_id: int) -> str:
    """Register an online submission as a petition (idempotent), then any straggler left waiting."""
    from . import services

    with acting_as("job"):
        petition = services.process_intake(intake_id)
        services.process_pending_intakes(older_than=STRAGGLER_AGE, limit=20)
    return petition.code if petition else ""
