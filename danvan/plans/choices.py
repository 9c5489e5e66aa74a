from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ACTIVE = "active", _("Active")
    CLOSED = "closed", _("Closed")


class Recurrence(models.TextChoices):
    ANNUAL = "annual", _("Every year")
    QUARTERLY = "quarterly", _("Every quarter")
    MONTHLY = "monthly", _("Every month")
    ONCE = "once", _("Once")
    ONGOING = "ongoing", _("Ongoing")


class AssignmentRole(models.TextChoices):
    LEAD = "lead", _("Lead")
    CO_LEAD = "co_lead", _("Co-lead")
    COORDINATOR = "coordinator", _("Coordinator")
    EXECUTOR = "executor", _("Executor")


class Comparator(models.TextChoices):
    GT = ">", _("more than")
    GTE = ">=", _("at least")
    LT = "<", _("less than")
    LTE = "<=", _("at most")
    EQ = "=", _("exactly")
