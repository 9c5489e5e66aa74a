"""Django's form messages in our Vietnamese words (danvan.core.django_messages)."""

from django import forms
from django.utils import translation


def test_django_form_messages_read_right_in_vietnamese():
    class Form(forms.Form):
        count = forms.IntegerField()
        text = forms.CharField()

    with translation.override("vi"):
        errors = Form({"count": "abc", "text": "a\x00b"}).errors
    assert errors == {
        "count": ["Nhập một số nguyên."],
        "text": ["Nội dung chứa ký tự rỗng (NUL), là ký tự không được phép."],
    }
