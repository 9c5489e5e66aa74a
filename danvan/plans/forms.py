from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from danvan.orgs.models import OrgUnit

from .choices import AssignmentRole, Recurrence
from .extract import SUPPORTED
from .models import Plan, Section


class PlanUploadForm(forms.Form):
    document = forms.FileField(
        label=_("Plan document"),
        help_text=_("A .txt, .md, .docx or .pdf file (PDF with a text layer), at most 20 MB."),
    )
    update_plan = forms.ModelChoiceField(
        queryset=Plan.objects.none(),
        required=False,
        widget=forms.HiddenInput,
        error_messages={
            "invalid_choice": _(
                "The plan to update no longer exists or is not yours to change. Import the file again."
            )
        },
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["update_plan"].queryset = Plan.objects.visible_to(user)

    def clean_document(self):
        document = self.cleaned_data["document"]
        name = document.name.lower()
        if not name.endswith(SUPPORTED):
            raise forms.ValidationError(
                _("The file “%(name)s” is not a supported type. Upload a .txt, .md, .docx or .pdf file.")
                % {"name": document.name}
            )
        if document.size > 20 * 1024 * 1024:
            raise forms.ValidationError(
                _("The file “%(name)s” is larger than 20 MB. Upload the plan's text only.")
                % {"name": document.name}
            )
        return document


class TaskReviewForm(forms.Form):
    section = forms.ModelChoiceField(label=_("Section"), queryset=Section.objects.none(), required=False)
    recurrence = forms.ChoiceField(label=_("Recurrence"), choices=Recurrence.choices)
    due_date = forms.DateField(
        label=_("Due date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    deadline_text = forms.CharField(label=_("Deadline as written"), required=False, max_length=255)

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = Section.objects.filter(plan=plan)

    def clean(self):
        data = super().clean()
        if (
            data.get("recurrence") == Recurrence.ONCE
            and not data.get("due_date")
            and not data.get("deadline_text")
        ):
            self.add_error("due_date", _("A one-off task needs a due date or the event it waits for."))
        return data


class AssignmentForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=OrgUnit.objects.none(), required=False)
    name_as_written = forms.CharField(label=_("Name as written"), required=False, max_length=255)
    role = forms.ChoiceField(label=_("Role"), choices=AssignmentRole.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = OrgUnit.objects.active().order_by("name")


AssignmentFormSet = formset_factory(AssignmentForm, extra=2, can_delete=True)
