"""Public forms: submit a petition (no account, no CAPTCHA service) and follow it by code."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from danvan.citizens.choices import PetitionType, Topic
from danvan.citizens.forms import area_choices
from danvan.citizens.services import check_content_length, check_sender_named, submission_limits
from danvan.core.forms import FilterForm, shared_fields
from danvan.orgs.models import OrgUnit


def current_areas() -> list[tuple]:
    """Today's communes and wards, read only when the list is shown or a chosen one is checked: most
    submissions name no commune, and a model field would build its dated queryset for every form."""
    return [("", _("— not stated —")), *area_choices(include_closed=False).values_list("pk", "name")]


def max_content() -> str:
    return str(submission_limits()["max_content"])


@shared_fields  # the portal's busiest request: no copy of the fields per submission
class SubmitForm(forms.Form):
    petition_type = forms.ChoiceField(
        label=_("What do you want to send?"),
        choices=PetitionType.choices,
        initial=PetitionType.RECOMMENDATION,
    )
    subject = forms.CharField(label=_("Subject"), max_length=200)
    content = forms.CharField(
        label=_("Content"),
        # Read from the settings each time the form is shown (the fields are shared).
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": lazy(max_content, str)()}),
    )
    topic = forms.ChoiceField(label=_("Topic"), choices=Topic.choices, initial=Topic.OTHER)
    location_unit = forms.TypedChoiceField(
        label=_("Commune or ward concerned"),
        choices=current_areas,
        coerce=int,
        empty_value=None,
        required=False,
    )
    address_text = forms.CharField(label=_("Address or place"), max_length=255, required=False)
    full_name = forms.CharField(label=_("Your full name"), max_length=150, required=False)
    phone = forms.CharField(label=_("Telephone (optional)"), max_length=30, required=False)
    email = forms.EmailField(label=_("E-mail (optional)"), required=False)
    attachment = forms.FileField(label=_("Attachment (PDF, JPEG or PNG, optional)"), required=False)
    # Honeypot instead of a CAPTCHA service: people never see or fill this field.
    website = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def clean_content(self) -> str:
        content = self.cleaned_data["content"]
        check_content_length(content)
        return content

    def clean_location_unit(self) -> OrgUnit | None:
        pk = self.cleaned_data["location_unit"]
        return OrgUnit.objects.get(pk=pk) if pk else None

    def clean(self):
        data = super().clean()
        try:
            check_sender_named(data.get("petition_type"), data.get("full_name"))
        except ValidationError as error:
            self.add_error(None, error)  # the error names full_name: shown on that field
        return data


class FollowForm(forms.Form):
    code = forms.CharField(label=_("Tracking code"), max_length=20)


class PublicModelFilterForm(FilterForm):
    """Search the published exemplary models by words, field and year."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    field = forms.ChoiceField(label=_("Field"), required=False)
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)

    def __init__(self, *args, **kwargs):
        from danvan.movement.choices import ModelField

        super().__init__(*args, **kwargs)
        self.fields["field"].choices = [("", _("All fields")), *ModelField.choices]
