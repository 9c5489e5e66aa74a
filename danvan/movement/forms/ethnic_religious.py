from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import ComplexCase, EthnicFestival, PrestigiousPerson, ReligiousBody
from ..services import ethnic_religious as ethnic_religious_services
from .common import DateInput, UserFormMixin


class PrestigiousPersonForm(UserFormMixin, forms.ModelForm):
    own_fields = ("responsible_unit",)
    area_fields = ("area",)

    class Meta:
        model = PrestigiousPerson
        fields = ethnic_religious_services.PERSON_FIELDS

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_units(user)


class PersonalDataForm(forms.ModelForm):
    class Meta:
        model = PrestigiousPerson
        fields = list(PrestigiousPerson.PERSONAL_FIELDS)
        widgets = {"personal_notes": forms.Textarea(attrs={"rows": 3})}


class ReligiousBodyForm(UserFormMixin, forms.ModelForm):
    own_fields = ("responsible_unit",)
    area_fields = ("area",)

    class Meta:
        model = ReligiousBody
        fields = ethnic_religious_services.BODY_FIELDS
        widgets = {"recognized_on": DateInput(), "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_units(user)


class ComplexCaseForm(UserFormMixin, forms.ModelForm):
    own_fields = ("responsible_unit",)
    area_fields = ("area",)

    class Meta:
        model = ComplexCase
        fields = ethnic_religious_services.CASE_FIELDS
        widgets = {"opened_on": DateInput(), "description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_units(user)


class FollowUpForm(forms.Form):
    on = forms.DateField(label=_("Date"), widget=DateInput())
    text = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}))
    resolved = forms.BooleanField(label=_("This resolves the case"), required=False)


class EthnicFestivalForm(UserFormMixin, forms.ModelForm):
    own_fields = ("organizer",)

    class Meta:
        model = EthnicFestival
        fields = ethnic_religious_services.FESTIVAL_FIELDS
        widgets = {"held_on": DateInput(), "outcomes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_units(user)
