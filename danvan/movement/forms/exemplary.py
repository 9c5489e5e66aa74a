from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.forms import FilterForm
from danvan.orgs.models import OrgUnit

from ..choices import ModelField, ModelKind, ModelLevel
from ..models import Award, ExemplaryModel, Replication
from ..services import exemplary as exemplary_services


class ExemplaryModelForm(forms.ModelForm):
    class Meta:
        model = ExemplaryModel
        fields = exemplary_services.MODEL_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "results": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = OrgUnit.objects.visible_to(user).active()
        self.fields["unit"].queryset = units
        self.fields["area"].queryset = units.filter(kind__in=["province", "district", "commune"])


class AwardForm(forms.ModelForm):
    class Meta:
        model = Award
        fields = ["form", "deciding_body", "decision_number", "decision_date", "note"]
        widgets = {"decision_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class ReplicationForm(forms.ModelForm):
    class Meta:
        model = Replication
        fields = ["place_name", "count", "year", "note"]


class ExemplaryModelFilterForm(FilterForm):
    q = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All"))] + ModelKind.choices)
    field = forms.ChoiceField(label=_("Field"), required=False, choices=[("", _("All"))] + ModelField.choices)
    level = forms.ChoiceField(label=_("Level"), required=False, choices=[("", _("All"))] + ModelLevel.choices)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)
    published = forms.ChoiceField(
        label=_("Portal"),
        required=False,
        choices=[("", _("All")), ("1", _("Published")), ("0", _("Not published"))],
    )
