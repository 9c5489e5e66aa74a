"""Tình hình tư tưởng, dư luận xã hội: short periodic notes from units on what people think and fear."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from danvan.core.models import TimeStampedModel

from ..choices import ConcernLevel, OpinionTopic
from ..querysets.opinion import OpinionNoteQuerySet


class OpinionNote(TimeStampedModel):
    """Ghi nhận dư luận: topic, area, level of concern, sources; "needs action" turns it into a plan task."""

    unit = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("reporting unit"),
        on_delete=models.PROTECT,
        related_name="opinion_notes",
    )
    area = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opinion_notes_here",
        limit_choices_to={"kind__in": ["province", "district", "commune", "hamlet"]},
    )
    noted_on = models.DateField(_("noted on"))
    topic = models.CharField(_("topic"), max_length=20, choices=OpinionTopic.choices)
    concern = models.PositiveSmallIntegerField(_("level of concern"), choices=ConcernLevel.choices)
    summary = models.TextField(_("what people think and say"))
    sources = models.CharField(_("sources"), max_length=255, blank=True)
    needs_action = models.BooleanField(_("needs action"), default=False)
    task = models.ForeignKey(
        "plans.Task",
        verbose_name=_("task created"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="opinion_notes",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    search_text = models.TextField(blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["search_text", "created_at", "updated_at"])

    objects = OpinionNoteQuerySet.as_manager()

    class Meta:
        ordering = ["-noted_on", "-id"]
        verbose_name = _("public-opinion note")
        verbose_name_plural = _("public-opinion notes")
        indexes = [models.Index(fields=["noted_on", "topic"], name="movement_opinion_day_topic")]

    def __str__(self) -> str:
        text = self.summary if len(self.summary) <= 80 else self.summary[:77] + "…"
        return f"{self.get_topic_display()}: {text}"

    def get_absolute_url(self) -> str:
        return reverse("movement:opinion", args=[self.pk])

    def audit_scope_path(self) -> str:
        return self.unit.path if self.unit_id else ""
