"""Tập huấn, bồi dưỡng cán bộ: courses and how many cadres of each unit and role took part and completed."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from danvan.core.models import TimeStampedModel

from ..choices import TraineeRole, TrainingLevel
from ..querysets.training import TrainingCourseQuerySet


class TrainingCourse(TimeStampedModel):
    """Lớp tập huấn: topic, level, organizer, dates and place."""

    topic = models.CharField(_("topic"), max_length=255)
    level = models.CharField(_("level"), max_length=16, choices=TrainingLevel.choices)
    organizer = models.ForeignKey(
        "orgs.OrgUnit", verbose_name=_("organizer"), on_delete=models.PROTECT, related_name="training_courses"
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    place = models.CharField(_("venue"), max_length=255, blank=True)
    description = models.TextField(_("content"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    objects = TrainingCourseQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "topic"]
        verbose_name = _("training course")
        verbose_name_plural = _("training courses")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="movement_course_dates_order",
                violation_error_message=_("The course cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.topic} ({self.starts_on:%d/%m/%Y})"

    def get_absolute_url(self) -> str:
        return reverse("movement:course", args=[self.pk])

    def audit_scope_path(self) -> str:
        return self.organizer.path if self.organizer_id else ""

    @property
    def year(self) -> int:
        return self.starts_on.year


class TrainingParticipation(models.Model):
    """Học viên: how many cadres of one unit and role attended a course, and how many completed it."""

    course = models.ForeignKey(TrainingCourse, on_delete=models.CASCADE, related_name="participations")
    unit = models.ForeignKey(
        "orgs.OrgUnit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="training_participations",
    )
    role = models.CharField(_("role"), max_length=20, choices=TraineeRole.choices)
    attended = models.PositiveIntegerField(_("attended"))
    completed = models.PositiveIntegerField(_("completed"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["course", "unit__name", "role"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(
                fields=["course", "unit", "role"],
                name="movement_participation_once",
                violation_error_message=_("This unit and role are already recorded for the course."),
            ),
            models.CheckConstraint(
                condition=Q(completed__lte=F("attended")),
                name="movement_participation_completed_le_attended",
                violation_error_message=_("More people cannot complete the course than attended it."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.get_role_display()}: {self.completed}/{self.attended}"

    def get_absolute_url(self) -> str:
        return self.course.get_absolute_url()

    def audit_scope_path(self) -> str:
        return self.course.audit_scope_path()
