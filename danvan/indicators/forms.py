from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.orgs.choices import OrgKind
from danvan.orgs.models import OrgUnit

from .choices import CriteriaKind, IndicatorSource, ScoringMode
from .models import CriteriaSet, Criterion, EvaluationRound, Indicator


class CriteriaSetForm(forms.ModelForm):
    class Meta:
        model = CriteriaSet
        fields = [
            "name",
            "description",
            "threshold_good",
            "threshold_fair",
            "threshold_average",
            "meets_min_grade",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class NewCriteriaSetForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=CriteriaKind.choices)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)


class PartForm(forms.Form):
    title = forms.CharField(label=_("Title of the group"), max_length=255)


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = ["code", "text", "guidance", "mode", "max_score", "required"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2}), "guidance": forms.Textarea(attrs={"rows": 2})}


class RoundForm(forms.ModelForm):
    class Meta:
        model = EvaluationRound
        fields = ["year", "criteria_set", "name", "reference_date", "self_assessment_due"]
        widgets = {
            "reference_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "self_assessment_due": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = False
        self.fields["reference_date"].required = False


class ReasonForm(forms.Form):
    # Not required in the form: approving needs no reasons, returning does (checked by the service).
    reason = forms.CharField(label=_("Reasons"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=_("Evidence file"), help_text=_("PDF, JPG, PNG, Word or Excel; at most 10 MB.")
    )


class ScoresForm(forms.Form):
    """One score (or pass/fail) field and one comment field per criterion of the round's set."""

    comment = forms.CharField(
        label=_("Overall self-assessment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, criteria, prefix_name: str = "score", with_comments: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        self.prefix_name = prefix_name
        for c in self.criteria:
            name = f"{prefix_name}_{c.pk}"
            if c.mode == ScoringMode.PASS_FAIL:
                self.fields[name] = forms.TypedChoiceField(
                    label=c.code,
                    required=False,
                    coerce=lambda v: v == "1",
                    empty_value=None,
                    choices=[("", "—"), ("1", _("Passed")), ("0", _("Not passed"))],
                )
            else:
                self.fields[name] = forms.DecimalField(
                    label=c.code,
                    required=False,
                    min_value=0,
                    max_value=c.max_score,
                    decimal_places=2,
                    widget=forms.NumberInput(attrs={"step": "0.25", "class": "score-input"}),
                )
            if with_comments:
                self.fields[f"note_{c.pk}"] = forms.CharField(label=_("Comment"), required=False)

    def rows(self):
        for c in self.criteria:
            note = self[f"note_{c.pk}"] if f"note_{c.pk}" in self.fields else None
            yield c, self[f"{self.prefix_name}_{c.pk}"], note

    def scores(self) -> dict:
        return {c.pk: self.cleaned_data.get(f"{self.prefix_name}_{c.pk}") for c in self.criteria}

    def notes(self) -> dict:
        return {
            c.pk: self.cleaned_data.get(f"note_{c.pk}", "")
            for c in self.criteria
            if f"note_{c.pk}" in self.fields
        }


class IndicatorForm(forms.ModelForm):
    """The definition of an indicator; its values are computed (evaluations, survey), never typed here."""

    class Meta:
        model = Indicator
        fields = [
            "name",
            "description",
            "source",
            "kind",
            "measure",
            "min_grade",
            "missing_policy",
            "comparator",
            "target_value",
            "start_year",
            "end_year",
            "scope",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("start_year", "end_year"):
            self.fields[name].widget.attrs.update(min=2000, max=2100)
        self.fields["target_value"].widget.attrs.update(min=0, max=100, step="0.01")
        scope = self.fields["scope"]
        scope.queryset = OrgUnit.objects.filter(
            kind__in=[OrgKind.PROVINCE, OrgKind.DISTRICT, OrgKind.COMMUNE]
        ).order_by("path")
        scope.label_from_instance = _unit_label

    def clean_target_value(self):
        value = self.cleaned_data["target_value"]
        if value is not None and not 0 <= value <= 100:
            raise forms.ValidationError(_("Enter a target between 0 and 100 (a percentage)."))
        return value

    def clean(self):
        data = super().clean()
        if data.get("source") == IndicatorSource.EVALUATIONS and not data.get("kind"):
            self.add_error("kind", _("Choose which evaluations this indicator counts."))
        return data

    def _year(self, name: str) -> int:
        value = self.cleaned_data[name]
        if value is not None and not 2000 <= value <= 2100:
            raise forms.ValidationError(_("Enter a year between 2000 and 2100."))
        return value

    def clean_start_year(self):
        return self._year("start_year")

    def clean_end_year(self):
        return self._year("end_year")


def _unit_label(unit: OrgUnit) -> str:
    if unit.valid_to:
        return _("%(name)s (until %(date)s)") % {"name": unit.name, "date": f"{unit.valid_to:%d/%m/%Y}"}
    return unit.name
