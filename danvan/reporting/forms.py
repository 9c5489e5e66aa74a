"""Forms of reporting: periods, report sections, workflow reasons, difficulties, consolidated draft."""

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.plans.models import Plan
from danvan.tracking.services import EVIDENCE_ACCEPT

from .choices import PeriodKind
from .models import BodyReport, ConsolidatedReport

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PeriodForm(forms.Form):
    plan = forms.ModelChoiceField(label=_("Plan"), queryset=Plan.objects.none())
    kind = forms.ChoiceField(label=_("Kind"), choices=PeriodKind.choices, initial=PeriodKind.ANNUAL)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    sequence = forms.IntegerField(
        label=_("Quarter or half"),
        min_value=0,
        max_value=4,
        initial=0,
        required=False,
        help_text=_("1-4 for a quarter, 1-2 for a half-year; leave 0 otherwise."),
    )
    title = forms.CharField(
        label=_("Title"),
        required=False,
        max_length=255,
        help_text=_("e.g. “Sơ kết giữa nhiệm kỳ”; generated when empty."),
    )
    starts_on = forms.DateField(label=_("Starts on"), required=False, widget=DATE)
    ends_on = forms.DateField(label=_("Ends on"), required=False, widget=DATE)
    due_on = forms.DateField(label=_("Reports due on"), required=False, widget=DATE)
    cutoff_on = forms.DateField(label=_("Data cut-off date"), required=False, widget=DATE)
    grace_days = forms.IntegerField(label=_("On-time grace (days)"), min_value=0, max_value=60, initial=0)
    lock_on = forms.DateField(
        label=_("Locked after"),
        required=False,
        widget=DATE,
        help_text=_("Dates left empty take the defaults of the kind of period."),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = Plan.objects.visible_to(user)


class ReportSectionsForm(forms.ModelForm):
    class Meta:
        model = BodyReport
        fields = list(BodyReport.EDITABLE_SECTIONS)
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in BodyReport.EDITABLE_SECTIONS}


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        # The types tracking.services.check_evidence accepts; the service checks the content.
        widget=forms.ClearableFileInput(attrs={"accept": EVIDENCE_ACCEPT}),
    )


class DifficultyForm(forms.Form):
    text = forms.CharField(label=_("Difficulty needing a decision"), widget=forms.Textarea(attrs={"rows": 3}))


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 3}))


class BodyForm(forms.Form):
    unit = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason"), required=False, max_length=500)


class ConsolidatedForm(forms.ModelForm):
    class Meta:
        model = ConsolidatedReport
        fields = [
            "parent_issuer",
            "issuer",
            "number",
            "symbol",
            "term",
            "place",
            "issued_on",
            "summary",
            "introduction",
            "assessment",
            "next_direction",
            "recipients",
            "authority",
            "signer_title",
            "signer_name",
        ]
        widgets = {
            "issued_on": DATE,
            "introduction": forms.Textarea(attrs={"rows": 3}),
            "assessment": forms.Textarea(attrs={"rows": 5}),
            "next_direction": forms.Textarea(attrs={"rows": 8}),
            "recipients": forms.Textarea(attrs={"rows": 5}),
        }
