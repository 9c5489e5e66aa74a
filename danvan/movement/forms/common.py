from django import forms

from danvan.orgs.models import OrgUnit

AREA_KINDS = ["province", "district", "commune", "hamlet"]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def own_units(user):
    return OrgUnit.objects.visible_to(user).active().order_by("path")


def all_units():
    return OrgUnit.objects.active().order_by("path")


def areas():
    return OrgUnit.objects.active().filter(kind__in=AREA_KINDS).order_by("path")


class UserFormMixin:
    """Forms that limit unit choices to what the user may pick: `own` fields to their sub-tree."""

    own_fields: tuple[str, ...] = ()
    any_unit_fields: tuple[str, ...] = ()
    area_fields: tuple[str, ...] = ()

    def limit_units(self, user) -> None:
        for name in self.own_fields:
            if name in self.fields:
                self.fields[name].queryset = own_units(user)
        for name in self.any_unit_fields:
            if name in self.fields:
                self.fields[name].queryset = all_units()
        for name in self.area_fields:
            if name in self.fields:
                self.fields[name].queryset = areas()
