"""Staff forms: intake on a citizen's behalf, classification, routing, answer, sessions, meetings."""

from collections import Counter

from django import forms
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from danvan.core.forms import FilterForm
from danvan.orgs.choices import OrgKind
from danvan.orgs.models import OrgUnit, User

from .choices import (
    Channel,
    ComplaintTrack,
    IneligibleReason,
    ItemKind,
    ItemStatus,
    PetitionType,
    Status,
    Topic,
)
from .models import Holiday, Meeting, Petition, ReceptionSession, TimeLimitRule
from .services import MAX_SIGNERS, RULE_EDITABLE_FIELDS, check_reception_day, check_signer_count

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def area_choices(include_closed: bool = True):
    """Communes (and wards) for the location field; former units are listed too and mapped on save."""
    qs = OrgUnit.objects.filter(kind=OrgKind.COMMUNE)
    if not include_closed:
        qs = qs.active()
    return qs.order_by("valid_to", "name")


def bodies():
    return OrgUnit.objects.active().exclude(kind__in=OrgKind.administrative()).order_by("path")


class AreaField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        if obj.valid_to:
            return _("%(name)s (former unit, until %(date)s)") % {
                "name": obj.name,
                "date": f"{obj.valid_to:%d/%m/%Y}",
            }
        return obj.name


class SignerCountField(forms.IntegerField):
    """How many people signed: from 1 to services.MAX_SIGNERS, the bound checked by the services."""

    def __init__(self, **kwargs):
        super().__init__(min_value=1, validators=[check_signer_count], **kwargs)

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "max": MAX_SIGNERS}


class PersonLabelMixin:
    """A person is shown by full name (the login name when there is none), with the login name added
    when two people of the list share the same full name."""

    @cached_property
    def shared_names(self) -> set[str]:
        counts = Counter(user.get_full_name() for user in self.queryset)
        return {name for name, n in counts.items() if n > 1}

    def label_from_instance(self, user):
        name = user.get_full_name()
        return f"{name} ({user.get_username()})" if name in self.shared_names else name


class PersonField(PersonLabelMixin, forms.ModelChoiceField):
    pass


class PeopleField(PersonLabelMixin, forms.ModelMultipleChoiceField):
    pass


def people():
    return User.objects.filter(is_active=True).order_by("full_name", "last_name", "first_name", "username")


class PetitionFilterForm(FilterForm):
    q = forms.CharField(label=_("Code or subject"), required=False)
    petition_type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All"))] + PetitionType.choices
    )
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All"))] + Status.choices)
    topic = forms.ChoiceField(label=_("Topic"), required=False, choices=[("", _("All"))] + Topic.choices)
    area = forms.IntegerField(label=_("Area"), required=False, widget=forms.HiddenInput)
    deadline = forms.ChoiceField(
        label=_("Time limit"),
        required=False,
        choices=[("", _("All")), ("overdue", _("Overdue")), ("due_soon", _("Due soon")), ("open", _("Open"))],
    )
    received_from = forms.DateField(label=_("Received from"), required=False, widget=DATE)
    received_to = forms.DateField(label=_("Received until"), required=False, widget=DATE)


class PetitionIntakeForm(forms.Form):
    """Nhập đơn thay công dân: paper letters, phone calls, visitors at a reception."""

    petition_type = forms.ChoiceField(label=_("Type"), choices=PetitionType.choices)
    channel = forms.ChoiceField(
        label=_("Channel"),
        choices=[c for c in Channel.choices if c[0] not in (Channel.PORTAL, Channel.OPEN311)],
    )
    received_on = forms.DateField(label=_("Received on"), widget=DATE, initial=timezone.localdate)
    subject = forms.CharField(label=_("Subject"), max_length=255)
    content = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 6}), max_length=20000)
    topic = forms.ChoiceField(label=_("Topic"), choices=Topic.choices, initial=Topic.OTHER)
    location_unit = AreaField(
        label=_("Area (commune or ward)"), queryset=OrgUnit.objects.none(), required=False
    )
    address_text = forms.CharField(label=_("Address as written"), max_length=255, required=False)
    is_anonymous = forms.BooleanField(label=_("Anonymous letter"), required=False)
    full_name = forms.CharField(label=_("Sender's full name"), max_length=150, required=False)
    address = forms.CharField(label=_("Sender's address"), max_length=255, required=False)
    phone = forms.CharField(label=_("Telephone"), max_length=30, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    is_group = forms.BooleanField(label=_("Group petition (several signers)"), required=False)
    signer_count = SignerCountField(label=_("Number of signers"), initial=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["location_unit"].queryset = area_choices()

    def clean(self):
        data = super().clean()
        if not data.get("is_anonymous") and not (data.get("full_name") or "").strip():
            self.add_error("full_name", _("Enter the sender's full name, or tick “Anonymous letter”."))
        if data.get("is_group") and (data.get("signer_count") or 1) < 2:
            self.add_error("signer_count", _("A group petition has at least two signers."))
        return data


class ClassifyForm(forms.Form):
    petition_type = forms.ChoiceField(label=_("Type"), choices=PetitionType.choices)
    eligible = forms.TypedChoiceField(
        label=_("Eligible for handling"),
        coerce=lambda v: v == "yes",
        choices=[("yes", _("Yes")), ("no", _("No"))],
        widget=forms.RadioSelect,
    )
    ineligible_reason = forms.ChoiceField(
        label=_("Reason (if not eligible)"), required=False, choices=[("", "—")] + IneligibleReason.choices
    )
    complaint_track = forms.ChoiceField(
        label=_("Complaint procedure"), required=False, choices=[c for c in ComplaintTrack.choices if c[0]]
    )
    decision_known_on = forms.DateField(
        label=_("Decision received or known on (complaints)"),
        required=False,
        widget=DATE,
        help_text=Petition._meta.get_field("decision_known_on").help_text,
    )
    topic = forms.ChoiceField(label=_("Topic"), choices=Topic.choices)
    location_unit = AreaField(
        label=_("Area (commune or ward)"), queryset=OrgUnit.objects.none(), required=False
    )
    is_group = forms.BooleanField(label=_("Group petition"), required=False)
    signer_count = SignerCountField(label=_("Number of signers"))
    is_complex = forms.BooleanField(label=_("Complex case"), required=False)
    is_remote_area = forms.BooleanField(label=_("Remote area"), required=False)
    multi_place_verification = forms.BooleanField(label=_("Verification at several places"), required=False)
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["location_unit"].queryset = area_choices()

    def clean(self):
        data = super().clean()
        if data.get("eligible") is False and not data.get("ineligible_reason"):
            self.add_error("ineligible_reason", _("Choose why the petition is not eligible for handling."))
        return data


class RouteForm(forms.Form):
    body = forms.ModelChoiceField(label=_("Competent body"), queryset=OrgUnit.objects.none())
    handler = PersonField(label=_("Handler"), queryset=User.objects.none(), required=False)
    routed_on = forms.DateField(label=_("Routed on"), widget=DATE, initial=timezone.localdate)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies()
        self.fields["handler"].queryset = people()


class AcceptForm(forms.Form):
    accepted_on = forms.DateField(label=_("Accepted on"), widget=DATE, initial=timezone.localdate)


class AnswerForm(forms.Form):
    number = forms.CharField(label=_("Answer document number"), max_length=60)
    answered_on = forms.DateField(label=_("Answer document date"), widget=DATE, initial=timezone.localdate)
    summary = forms.CharField(
        label=_("Answer (internal)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    public_answer = forms.CharField(
        label=_("Public answer"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Shown to the citizen who follows the tracking code; write no personal data."),
    )


class RuleForm(forms.ModelForm):
    class Meta:
        model = TimeLimitRule
        fields = list(RULE_EDITABLE_FIELDS)
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


class RuleVersionForm(forms.ModelForm):
    """A new version of a time limit, from the day an amended law takes effect."""

    class Meta:
        model = TimeLimitRule
        fields = ["valid_from", *RULE_EDITABLE_FIELDS]
        widgets = {"valid_from": DATE, "note": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "valid_from": _("The day the amended text takes effect; the current version ends the day before.")
        }


class HolidayForm(forms.ModelForm):
    class Meta:
        model = Holiday
        fields = ["date", "name", "is_working_day"]
        widgets = {"date": DATE}


class SessionForm(forms.ModelForm):
    class Meta:
        model = ReceptionSession
        fields = ["held_on", "place", "kind", "online", "unit", "leader", "leader_name", "officers", "note"]
        widgets = {"held_on": DATE, "note": forms.Textarea(attrs={"rows": 2})}
        field_classes = {"leader": PersonField, "officers": PeopleField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = bodies()
        self.fields["leader"].queryset = people()
        self.fields["officers"].queryset = people()

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        check_reception_day(held_on)
        return held_on


class VisitForm(forms.Form):
    """One citizen or group received at a session, and what they raised."""

    full_name = forms.CharField(label=_("Citizen's full name"), max_length=150)
    address = forms.CharField(label=_("Address"), max_length=255, required=False)
    phone = forms.CharField(label=_("Telephone"), max_length=30, required=False)
    is_group = forms.BooleanField(label=_("Group"), required=False)
    signer_count = SignerCountField(label=_("Number of people"), initial=1)
    petition_type = forms.ChoiceField(label=_("Type"), choices=PetitionType.choices)
    topic = forms.ChoiceField(label=_("Topic"), choices=Topic.choices, initial=Topic.OTHER)
    location_unit = AreaField(
        label=_("Area (commune or ward)"), queryset=OrgUnit.objects.none(), required=False
    )
    subject = forms.CharField(label=_("Subject"), max_length=255)
    content = forms.CharField(label=_("What the citizen raised"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["location_unit"].queryset = area_choices()


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["kind", "title", "held_on", "place", "unit", "hosts", "participants", "participant_count"]
        widgets = {"held_on": DATE, "participants": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = bodies()


class MeetingItemForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ItemKind.choices)
    raised_by = forms.CharField(label=_("Raised by"), max_length=255, required=False)
    content = forms.CharField(label=_("Content"), widget=forms.Textarea(attrs={"rows": 3}))
    topic = forms.ChoiceField(label=_("Topic"), choices=Topic.choices, initial=Topic.OTHER)
    responsible_body = forms.ModelChoiceField(
        label=_("Responsible body"), queryset=OrgUnit.objects.none(), required=False
    )
    due_on = forms.DateField(label=_("Answer due"), widget=DATE, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_body"].queryset = bodies()


class ItemProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ItemStatus.choices)
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    commitment = forms.CharField(
        label=_("Commitment"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    resolved_on = forms.DateField(label=_("Resolved on"), widget=DATE, required=False)
