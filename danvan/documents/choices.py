from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentType(models.TextChoices):
    """Loại văn bản, by the abbreviation used in symbols (NQ, CT, KL, QĐ, ...)."""

    RESOLUTION = "resolution", _("Resolution")
    DIRECTIVE = "directive", _("Directive")
    CONCLUSION = "conclusion", _("Conclusion")
    DECISION = "decision", _("Decision")
    REGULATION = "regulation", _("Regulation")
    PLAN = "plan", _("Plan")
    PROGRAMME = "programme", _("Programme")
    NOTICE = "notice", _("Notice")
    GUIDANCE = "guidance", _("Guidance")
    CIRCULAR = "circular", _("Circular")
    DECREE = "decree", _("Decree")
    LAW = "law", _("Law")
    ORDINANCE = "ordinance", _("Ordinance")
    DISPATCH = "dispatch", _("Official letter")
    REPORT = "report", _("Report")
    OTHER = "other", _("Other document")
