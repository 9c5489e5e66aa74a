from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from danvan.core.forms import FilterForm
from danvan.orgs.models import OrgUnit
from danvan.plans.choices import Recurrence
from danvan.plans.models import Plan, Section

from .choices import Outcome
from .models import Occurrence
from .services import EVIDENCE_ACCEPT


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": EVIDENCE_ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class OccurrenceFilterForm(FilterForm):
    q = forms.CharField(label=_("Search"), required=False)
    plan = forms.ModelChoiceField(label=_("Plan"), queryset=Plan.objects.none(), required=False)
    section = forms.ModelChoiceField(label=_("Section"), queryset=Section.objects.none(), required=False)
    unit = forms.ModelChoiceField(label=_("Lead body"), queryset=OrgUnit.objects.none(), required=False)
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)
    outcome = forms.ChoiceField(label=_("Status"), required=False)
    due_soon = forms.BooleanField(label=_("Due soon"), required=False)

    def __init__(self, *args, user=None, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        plans = Plan.objects.visible_to(user)
        self.fields["plan"].queryset = plans
        self.fields["section"].queryset = Section.objects.filter(plan__in=plans).select_related("plan")
        # EXISTS per body (an index look-up each) rather than a join over every occurrence + DISTINCT.
        leads = Occurrence.objects.filter(lead_unit=OuterRef("pk"))
        self.fields["unit"].queryset = OrgUnit.objects.visible_to(user).filter(Exists(leads))
        self.fields["year"].choices = [("", _("All years"))] + [(y, y) for y in years]
        self.fields["outcome"].choices = [("", _("All statuses"))] + list(Outcome.choices)

    def filter(self, qs):
        if not self.is_valid():
            return qs
        data = self.cleaned_data
        if data.get("q"):
            qs = qs.search(data["q"])
        for name, lookup in (
            ("plan", "plan"),
            ("section", "section"),
            ("unit", "lead_unit"),
            ("year", "year"),
        ):
            if data.get(name):
                qs = qs.filter(**{lookup: data[name]})
        if data.get("outcome"):
            qs = qs.with_status(data["outcome"])
        if data.get("due_soon"):
            qs = qs.due_soon()
        return qs


class ProgressForm(forms.Form):
    percent = forms.IntegerField(
        label=_("Progress (%)"),
        min_value=0,
        max_value=100,
        required=False,
        error_messages={
            "min_value": _("Progress must be a whole number from 0 to 100."),
            "max_value": _("Progress must be a whole number from 0 to 100."),
            "invalid": _("Progress must be a whole number from 0 to 100."),
        },
    )
    text = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    files = MultipleFileField(label=_("Evidence files (PDF, DOCX, XLSX, images)"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))


class ReminderForm(forms.Form):
    message = forms.CharField(label=_("Reminder message"), widget=forms.Textarea(attrs={"rows": 3}))


class SubtaskForm(forms.Form):
    text = forms.CharField(label=_("Sub-task"), widget=forms.Textarea(attrs={"rows": 2}))
    lead = forms.ModelChoiceField(label=_("Lead body"), queryset=OrgUnit.objects.none())
    coordinators = forms.ModelMultipleChoiceField(
        label=_("Coordinating bodies"), queryset=OrgUnit.objects.none(), required=False
    )
    recurrence = forms.ChoiceField(label=_("Schedule"), choices=Recurrence.choices)
    due_date = forms.DateField(
        label=_("Due date (one-off)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    weight = forms.DecimalField(label=_("Weight"), min_value=0.01, initial=1, max_digits=6, decimal_places=2)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = units
        self.fields["coordinators"].queryset = units


class DelegateForm(forms.Form):
    units = forms.ModelMultipleChoiceField(label=_("Hand down to"), queryset=OrgUnit.objects.none())

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units
