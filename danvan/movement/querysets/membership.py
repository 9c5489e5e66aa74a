from django.db import models

from danvan.core.permissions import in_scope


class MembershipSurveyQuerySet(models.QuerySet):
    def visible_to(self, user) -> "MembershipSurveyQuerySet":
        """A survey round is province-wide; the returns inside it are scoped (SurveyReturn.visible_to)."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self


class SurveyReturnQuerySet(models.QuerySet):
    def visible_to(self, user) -> "SurveyReturnQuerySet":
        return in_scope(self, user, "unit__path")

    def submitted(self) -> "SurveyReturnQuerySet":
        return self.filter(submitted_at__isnull=False)


class MemberRecordQuerySet(models.QuerySet):
    def visible_to(self, user) -> "MemberRecordQuerySet":
        return in_scope(self, user, "survey_return__unit__path")
