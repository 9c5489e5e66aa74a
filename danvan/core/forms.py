"""Shared form bases, and a service's refusal put on a form."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField
from django.utils.html import format_html, format_html_join


class FilterBoundField(BoundField):
    """A filter's control followed by its error, so that a list's filter form shows why a value was
    ignored wherever the template writes `{{ field }}` (the control refers to it by aria-describedby)."""

    def __str__(self):
        html = super().__str__()
        if not self.errors or self.is_hidden or not self.auto_id:
            return html
        messages = format_html_join(" ", "{}", ((message,) for message in self.errors))
        return format_html(
            '{}<span class="field-error" id="{}_error" role="alert">{}</span>', html, self.auto_id, messages
        )

    __html__ = __str__


class _SharedFields(dict):
    def __deepcopy__(self, memo):
        return dict(self)


def shared_fields(form_class: type[forms.BaseForm]) -> type[forms.BaseForm]:
    """Class decorator: every instance of the form uses the class's own field objects.

    Django deep-copies each field (widget, attributes, validators, messages) for every instance, so
    that one instance may change its fields. For a form that never changes a field after its class is
    built, the copy is wasted work; on the portal's submission, the busiest public request, it cost
    more than the form's validation. A field changed on one instance would change for every later
    request, so a decorated form must not touch `self.fields[...]` (a value that may change, such as a
    limit read from the settings, is read where it is used)."""
    form_class.base_fields = _SharedFields(form_class.base_fields)
    return form_class


class FilterForm(forms.Form):
    """The filters of a list (a GET form). A value that does not read ("received_from=notadate", a
    choice no longer offered) is ignored on its own: its field is empty in `cleaned_data` and keeps its
    error to show, while every other filter still applies. So the form counts as valid whenever it is
    bound and `clean()` raised nothing; `errors` still holds the fields' errors."""

    bound_field_class = FilterBoundField

    def full_clean(self):
        super().full_clean()
        if not self.is_bound:
            return
        for name in self.errors:
            if name in self.fields:
                self.cleaned_data[name] = self._empty_value(self.fields[name])

    @staticmethod
    def _empty_value(field):
        try:
            return field.clean(None)
        except ValidationError:  # a required filter: None, as a missing value reads
            return None

    def is_valid(self) -> bool:
        return self.is_bound and not self.non_field_errors()


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """A service's refusal on the form: each message on its field when the form has that field, the
    others above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)
