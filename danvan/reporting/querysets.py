"""Domain verbs for reporting: visible_to(user), for_period(p), received(), open()."""

from django.db import models
from django.db.models import Exists, OuterRef

from danvan.core.permissions import in_scope, sees_everything


def _obligation_in(path: str) -> Exists:
    """For `in_scope`: a body of the sub-tree reports in the period."""
    from .models import ReportObligation

    return Exists(ReportObligation.objects.filter(period=OuterRef("pk"), unit__path__startswith=path))


class ReportingPeriodQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ReportingPeriodQuerySet":
        """Whole for the Board and leaders; others see periods in which a body of their sub-tree reports."""
        return in_scope(self, user, _obligation_in)


class ObligationQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ObligationQuerySet":
        return in_scope(self, user, "unit__path")

    def expected(self) -> "ObligationQuerySet":
        return self.filter(exempt=False)


class BodyReportQuerySet(models.QuerySet):
    def visible_to(self, user) -> "BodyReportQuerySet":
        """Scoped roles see the reports of their own unit and its sub-units."""
        return in_scope(self, user, "unit__path")

    def for_period(self, period) -> "BodyReportQuerySet":
        return self.filter(period=period)

    def received(self) -> "BodyReportQuerySet":
        from .choices import ReportStatus

        return self.filter(status__in=[ReportStatus.SUBMITTED, ReportStatus.ACCEPTED])

    def accepted(self) -> "BodyReportQuerySet":
        from .choices import ReportStatus

        return self.filter(status=ReportStatus.ACCEPTED)


class DecisionRequestQuerySet(models.QuerySet):
    def visible_to(self, user) -> "DecisionRequestQuerySet":
        return in_scope(self, user, "report__unit__path")

    def open(self) -> "DecisionRequestQuerySet":
        """Flagged and not yet answered: these stay on the leaders' dashboard."""
        return self.filter(answered_at__isnull=True)


class ConsolidatedReportQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ConsolidatedReportQuerySet":
        """The consolidated report is the Board's document: the Board, leaders and administrators see it."""
        return self if sees_everything(user) else self.none()

    def issued(self) -> "ConsolidatedReportQuerySet":
        from .choices import ConsolidatedStatus

        return self.filter(status=ConsolidatedStatus.ISSUED)
