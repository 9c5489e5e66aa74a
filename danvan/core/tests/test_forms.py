"""A list's filter form ignores an invalid value alone, keeps the other filters and shows the error."""

from django import forms
from django.http import QueryDict

from danvan.core.forms import FilterForm, shared_fields


class PetitionFilters(FilterForm):
    status = forms.ChoiceField(required=False, choices=[("", "All"), ("answered", "Answered")])
    received_from = forms.DateField(required=False)
    year = forms.TypedChoiceField(required=False, coerce=int, empty_value=None, choices=[(2025, 2025)])
    closed = forms.BooleanField(required=False)


def test_an_invalid_value_is_ignored_alone():
    form = PetitionFilters(QueryDict("status=answered&received_from=notadate&year=1900&closed=on"))
    assert form.is_valid()
    assert form.cleaned_data == {"status": "answered", "received_from": None, "year": None, "closed": True}
    assert form.errors == {
        "received_from": ["Nhập một ngày hợp lệ."],
        "year": ["Hãy chọn một giá trị hợp lệ. 1900 không có trong danh sách lựa chọn."],
    }


def test_the_error_is_shown_after_its_control():
    form = PetitionFilters(QueryDict("status=answered&received_from=notadate"))
    assert str(form["received_from"]) == (
        '<input type="text" name="received_from" value="notadate" aria-invalid="true" '
        'aria-describedby="id_received_from_error" id="id_received_from">'
        '<span class="field-error" id="id_received_from_error" role="alert">Nhập một ngày hợp lệ.</span>'
    )
    assert str(form["status"]).startswith('<select name="status" id="id_status">')
    assert "field-error" not in str(form["status"])


def test_an_unbound_form_filters_nothing():
    assert not PetitionFilters().is_valid()


@shared_fields
class Subscription(forms.Form):
    email = forms.EmailField()
    topic = forms.ChoiceField(choices=[("land", "Land")])


def test_shared_fields_are_the_class_fields_and_stay_unchanged_by_use():
    attrs = {name: dict(field.widget.attrs) for name, field in Subscription.base_fields.items()}
    invalid = Subscription(QueryDict("email=x&topic=sport"))
    assert not invalid.is_valid() and str(invalid)  # validated and shown with its errors
    assert invalid.fields["email"] is Subscription.base_fields["email"]
    fresh = Subscription()
    assert not fresh.is_bound and "sport" not in str(fresh) and "value=" not in str(fresh["email"])
    assert {name: dict(field.widget.attrs) for name, field in Subscription.base_fields.items()} == attrs
    # Instances still own their dict of fields: one may drop or reorder them without touching the class.
    del fresh.fields["topic"]
    assert list(Subscription().fields) == ["email", "topic"]
