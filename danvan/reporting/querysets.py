"""Domain verbs for reporting: visible_to(user), for_period(p), received(), open()."""

from django.db import models
from django.db.models import Exists, OuterRef

from danvan.core.permissions import scope_path_for, sees_everything


class ReportingPeriodQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ReportingPeriodQuerySet":
        """Whole for the Board and leaders; others see periods in which a body of their sub-tree reports."""
        if sees_everything(user):
            return self
        path = scope_path_for(user)
        if not path:
            return self.none()
        from .models import ReportObligation

        return self.filter(
            Exists(ReportObligation.objects.filter(period=OuterRef("pk"), unit__path__startswith=path))
        )


class ObligationQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ObligationQuerySet":
        if sees_everything(user):
            return self
        path = scope_path_for(user)
        return self.filter(unit__path__startswith=path) if path else self.none()

    def expected(self) -> "ObligationQuerySet":
        return self.filter(exempt=False)


class BodyReportQuerySet(models.QuerySet):
    def visible_to(self, user) -> "BodyReportQuerySet":
        """Scoped roles see the reports of their own unit and its sub-units."""
        if sees_everything(user):
            return self
        path = scope_path_for(user)
        return self.filter(unit__path__startswith=path) if path else self.none()

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
        if sees_everything(user):
            return self
        path = scope_path_for(user)
        return self.filter(report__unit__path__startswith=path) if path else self.none()

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
