"""Registry of cited documents (văn bản được viện dẫn): resolutions, directives, decisions, laws."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from danvan.core.models import TimeStampedModel

from .choices import DocumentType


class DocumentQuerySet(models.QuerySet):
    def visible_to(self, user) -> "DocumentQuerySet":
        """Cited documents are public acts: every signed-in user may see the registry."""
        return self if getattr(user, "is_authenticated", False) else self.none()


class Document(TimeStampedModel):
    """Văn bản: one legal or Party document, identified by its symbol (số ký hiệu) and date."""

    doc_type = models.CharField(_("document type"), max_length=16, choices=DocumentType.choices)
    number = models.CharField(_("number"), max_length=32, blank=True)
    symbol = models.CharField(
        _("symbol"), max_length=80, blank=True, help_text=_("Full number and symbol, e.g. 25-NQ/TW.")
    )
    issued_on = models.DateField(_("date issued"), null=True, blank=True)
    issuer_name = models.CharField(_("issuer"), max_length=255, blank=True)
    issuer = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("issuing unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="issued_documents",
    )
    title = models.TextField(_("title / subject"), blank=True)
    key = models.CharField(
        max_length=160,
        unique=True,
        editable=False,
        help_text=_("Normalized symbol (or type and title) used to recognise the same document."),
    )
    history = HistoricalRecords()

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on", "symbol"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.CheckConstraint(
                condition=~Q(key=""),
                name="documents_document_has_key",
                violation_error_message=_("A document needs a symbol or a title."),
            )
        ]

    def __str__(self) -> str:
        label = self.get_doc_type_display()
        if self.symbol:
            label = f"{label} {self.symbol}"
        if self.issued_on:
            label = f"{label} ({self.issued_on:%d/%m/%Y})"
        return label

    def get_absolute_url(self) -> str:
        return reverse("documents:document", args=[self.pk])

    def audit_scope_path(self) -> str:
        return ""
