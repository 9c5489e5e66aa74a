"""A list's filter form ignores an invalid value alone, keeps the other filters and shows the error."""

from django import forms
from django.http import QueryDict

from danvan.core.forms import FilterForm


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
