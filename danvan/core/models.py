"""Shared base models and the audit trail (nhật ký thay đổi)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from .audit_display import actor_name


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class AuditAction(models.TextChoices):
    CREATE = "+", _("Created")
    UPDATE = "~", _("Updated")
    DELETE = "-", _("Deleted")


class AuditEntryQuerySet(models.QuerySet):
    def for_object(self, obj: models.Model) -> "AuditEntryQuerySet":
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))


class AuditEntry(models.Model):
    """One create, update or delete of a domain record (nhật ký): who, when, old and new values.

    Written from django-simple-history's per-model history rows so that every audited model is
    searchable in one table; the per-model history tables stay the source for reverting.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64, db_index=True)
    object_repr = models.CharField(_("record"), max_length=300)
    action = models.CharField(_("action"), max_length=1, choices=AuditAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(
        _("actor"), max_length=150, help_text=_("User name, or 'cli' / 'job' for commands and jobs.")
    )
    at = models.DateTimeField(_("time"), db_index=True)
    changes = models.JSONField(_("changes"), default=list, help_text=_("[{field, old, new}]"))
    # Units whose officers may see this entry (the record's owning unit path), for scoped search.
    scope_path = models.CharField(max_length=255, blank=True, db_index=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_repr} ({actor_name(self.actor_label)})"
