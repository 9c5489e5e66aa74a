from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PeriodKind(models.TextChoices):
    ANNUAL = "annual", _("Annual")
    HALF_YEAR = "half_year", _("Half-year")
    QUARTER = "quarter", _("Quarterly")
    INTERIM_REVIEW = "interim_review", _("Interim review")
    FINAL_REVIEW = "final_review", _("Final review")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("report", "Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    ACCEPTED = "accepted", _("Accepted")


class ObligationSource(models.TextChoices):
    ASSIGNMENT = "assignment", _("Assigned in the plan")
    TERRITORY = "territory", _("Administrative unit reached by the plan")
    ADDED = "added", _("Added by the Board")


class Outcome(models.TextChoices):
    """The outcome of one occurrence, as tracking computes it (same codes as tracking)."""

    DONE_ON_TIME = "done_on_time", _("Done on time")
    DONE_LATE = "done_late", _("Done late")
    OVERDUE = "overdue", _("Overdue")
    IN_PROGRESS = "in_progress", _("In progress")
    NOT_STARTED = "not_started", _("Not started")


class TransitionKind(models.TextChoices):
    SUBMIT = "submit", _("Submitted")
    RETURN = "return", _("Returned")
    ACCEPT = "accept", _("Accepted")
    REOPEN = "reopen", _("Reopened")


class ConsolidatedStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("report", "Draft")
    ISSUED = "issued", _("Issued")
