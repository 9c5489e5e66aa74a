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


def test_a_wrong_login_and_a_wrong_email_say_so_in_our_words(client, accounts):
    response = client.post("/accounts/login/", {"username": "coordinator", "password": "sai-mat-khau"})
    assert (
        "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: cả hai đều phân biệt chữ hoa, chữ thường."
        in response.content.decode()
    )
    with translation.override("vi"):
        form_class = type("Form", (forms.Form,), {"email": forms.EmailField()})
        errors = form_class({"email": "khong-phai-thu"}).errors
    assert errors == {"email": ["Nhập một địa chỉ thư điện tử hợp lệ, ví dụ: ten@example.vn."]}
