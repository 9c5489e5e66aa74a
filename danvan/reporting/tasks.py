"""Background jobs of reporting: thin wrappers that take ids and call services."""

from django_tasks import task

from danvan.core.audit import acting_as


@task()
def generate_consolidated_report(report_id: int) -> None:
    """Rebuild a draft consolidated report's DOCX, PDF and XLSX (long on province data)."""
    from . import consolidated
    from .models import ConsolidatedReport

    report = ConsolidatedReport.objects.select_related("period__plan").get(pk=report_id)
    if report.is_draft:
        with acting_as("job"):
            consolidated.generate(report)


@task()
def send_report_reminders(period_id: int, actor_id: int | None = None) -> None:
    """Urge every expected body that has not reported for the period."""
    from danvan.orgs.models import User

    from . import services
    from .models import ReportingPeriod

    period = ReportingPeriod.objects.get(pk=period_id)
    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    with acting_as("job"):
        services.remind_missing(period, actor=actor)
