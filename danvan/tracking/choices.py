from django.db import models
from django.utils.translation import gettext_lazy as _


class Outcome(models.TextChoices):
    """The four outcomes the Government Office counts, plus "not started" (chưa triển khai)."""

    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress within the deadline")
    DONE_ON_TIME = "done_on_time", _("Done on time")
    DONE_LATE = "done_late", _("Done late")
    OVERDUE = "overdue", _("Overdue")


class PeriodKind(models.TextChoices):
    YEAR = "year", _("Year")
    QUARTER = "quarter", _("Quarter")
    MONTH = "month", _("Month")
    ONCE = "once", _("One-off")
    REVIEW = "review", _("Yearly review")


class EntryKind(models.TextChoices):
    PROGRESS = "progress", _("Progress")
    CONTRIBUTION = "contribution", _("Contribution of a coordinating body")
    COMMENT = "comment", _("Comment")
    SYSTEM = "system", _("System note")


class ReminderRule(models.TextChoices):
    BEFORE_DUE = "before_due", _("Before the deadline")
    OVERDUE = "overdue", _("Overdue")
    DIGEST = "digest", _("Weekly digest")
    MANUAL = "manual", _("Manual reminder")
