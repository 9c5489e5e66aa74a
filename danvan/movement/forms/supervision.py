from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Recommendation, SocialCriticism, SupervisionProgramme
from ..services import supervision as supervision_services
from .common import DateInput, UserFormMixin


class SupervisionProgrammeForm(UserFormMixin, forms.ModelForm):
    own_fields = ("organization",)
    any_unit_fields = ("supervised_units",)

    class Meta:
        model = SupervisionProgramme
        fields = [
            "year",
            "subject",
            "organization",
            "scope",
            "supervised_units",
            "starts_on",
            "ends_on",
            "team",
            "findings",
            "status",
        ]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "scope": forms.Textarea(attrs={"rows": 3}),
            "team": forms.Textarea(attrs={"rows": 2}),
            "findings": forms.Textarea(attrs={"rows": 4}),
            "supervised_units": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_units(user)


class RecommendationForm(UserFormMixin, forms.ModelForm):
    any_unit_fields = ("addressed_to",)

    class Meta:
        model = Recommendation
        fields = ["text", "addressed_to", "due_date"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3}), "due_date": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_units(None)


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 4}))
    evidence = forms.FileField(label=_("Evidence (optional)"), required=False)


class ResolveForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("resolve", _("The answer settles it: resolved")),
            ("reopen", _("Send back for a further answer")),
        ],
    )
    note = forms.CharField(label=_("Assessment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    due_date = forms.DateField(label=_("New due date (when sent back)"), required=False, widget=DateInput())


class SocialCriticismForm(UserFormMixin, forms.ModelForm):
    own_fields = ("organization",)
    any_unit_fields = ("requesting_body",)

    class Meta:
        model = SocialCriticism
        fields = supervision_services.CRITICISM_FIELDS
        widgets = {
            "received_on": DateInput(),
            "comments_due": DateInput(),
            "comments_sent_on": DateInput(),
            "comments": forms.Textarea(attrs={"rows": 4}),
            "uptake_note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_units(user)
