"""Background jobs of the plans app: thin wrappers that call services."""

from django_tasks import task

from danvan.core.audit import acting_as


@task()
def import_plan_job(import_id: int) -> None:
    """Read an uploaded plan document (long documents take a while) and save it as a draft plan."""
    from .services import run_import

    with acting_as("job"):
        run_import(import_id)
