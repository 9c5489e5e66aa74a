from django.contrib.contenttypes.models import ContentType
from django.db import models

from danvan.core.permissions import in_scope, is_agency_officer, manages_everything, scope_path_for


class PrestigiousPersonQuerySet(models.QuerySet):
    def visible_to(self, user) -> "PrestigiousPersonQuerySet":
        return in_scope(self, user, "responsible_unit__path", "area__path")


class ReligiousBodyQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ReligiousBodyQuerySet":
        return in_scope(self, user, "responsible_unit__path", "area__path")


class ComplexCaseQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ComplexCaseQuerySet":
        return in_scope(self, user, "responsible_unit__path", "area__path")

    def unresolved(self) -> "ComplexCaseQuerySet":
        return self.exclude(status="resolved")


class EthnicFestivalQuerySet(models.QuerySet):
    def visible_to(self, user) -> "EthnicFestivalQuerySet":
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self  # a public event: every signed-in member of staff may see it


class PersonalDataAccessQuerySet(models.QuerySet):
    def visible_to(self, user) -> "PersonalDataAccessQuerySet":
        """The Board sees the whole access log; an officer sees accesses to records of their sub-tree."""
        if manages_everything(user):
            return self
        path = scope_path_for(user) if is_agency_officer(user) else ""
        return self.filter(scope_path__startswith=path) if path else self.none()

    def for_object(self, obj: models.Model) -> "PersonalDataAccessQuerySet":
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))
