from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.forms import FilterForm

from ..choices import ConcernLevel, OpinionTopic
from ..models import OpinionNote
from ..services import opinion as opinion_services
from .common import DateInput, UserFormMixin, all_units


class OpinionNoteForm(UserFormMixin, forms.ModelForm):
    own_fields = ("unit",)
    area_fields = ("area",)

    class Meta:
        model = OpinionNote
        fields = opinion_services.NOTE_FIELDS
        widgets = {"noted_on": DateInput(), "summary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_units(user)


class NeedsActionForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Body that should act"), queryset=None)
    due_date = forms.DateField(label=_("Act by"), widget=DateInput())
    text = forms.CharField(
        label=_("Task"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Leave empty to use the note's text."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = all_units()


class OpinionFilterForm(FilterForm):
    q = forms.CharField(label=_("Search"), required=False)
    topic = forms.ChoiceField(
        label=_("Topic"), required=False, choices=[("", _("All"))] + OpinionTopic.choices
    )
    concern = forms.TypedChoiceField(
        label=_("Level of concern"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("All"))] + ConcernLevel.choices,
    )
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)
    needs_action = forms.BooleanField(label=_("Needs action"), required=False)
