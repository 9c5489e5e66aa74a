from django import forms
from django.utils.translation import gettext_lazy as _

from ..choices import MassOrgType
from ..models import MembershipSurvey
from .common import DateInput, UserFormMixin


class MembershipSurveyForm(UserFormMixin, forms.ModelForm):
    any_unit_fields = ("units",)

    class Meta:
        model = MembershipSurvey
        fields = ["year", "title", "deadline", "target_percent", "units"]
        widgets = {"deadline": DateInput(), "units": forms.SelectMultiple(attrs={"size": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_units(None)


class SurveyReturnForm(forms.Form):
    """A unit's figures: one field per organization, then people reached (each person once)."""

    population_of_age = forms.IntegerField(label=_("People of age who could join"), min_value=0)
    people_reached = forms.IntegerField(
        label=_("People reached (distinct persons)"),
        min_value=0,
        help_text=_("A person in several organizations counts once here and once per organization above."),
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        fields = {}
        if units is not None:
            fields["unit"] = forms.ModelChoiceField(label=_("Unit"), queryset=units)
        fields["population_of_age"] = self.fields.pop("population_of_age")
        for value, label in MassOrgType.choices:
            fields[f"org_{value}"] = forms.IntegerField(label=label, min_value=0, required=False)
        fields.update(self.fields)
        self.fields = fields

    def counts(self) -> dict[str, int]:
        return {v: self.cleaned_data.get(f"org_{v}") or 0 for v in MassOrgType.values}


class MemberListForm(forms.Form):
    population_of_age = forms.IntegerField(label=_("People of age who could join"), min_value=0)
    file = forms.FileField(
        label=_("Member list (CSV)"),
        help_text=_(
            "Columns: full name, birth date (dd/mm/yyyy), organization, member code. "
            "Do not include identity card numbers."
        ),
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields = {"unit": forms.ModelChoiceField(label=_("Unit"), queryset=units), **self.fields}
