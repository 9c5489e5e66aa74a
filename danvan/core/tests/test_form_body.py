"""core.form_body: small file-less multipart forms give exactly what Django's parser gives; anything
else is left to Django's parser."""

from unittest import mock

import pytest
from django.core.exceptions import TooManyFieldsSent
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import path
from urllib3 import encode_multipart_formdata

from danvan.core.form_body import NotPlainFields, plain_fields, read_small_form

PORTAL_FIELDS = [
    ("csrfmiddlewaretoken", "t0k3n"),
    ("petition_type", "feedback"),
    ("subject", "Đèn đường hỏng"),
    ("content", "Đèn đường ở ấp 3 không sáng.\r\nĐề nghị sửa sớm."),
    ("location_unit", ""),
    ("full_name", "Người dùng thử"),
    ("attachment", ("", b"", "application/octet-stream")),  # a file input with no file chosen
]
BOUNDARY = "b0undary"


def raw(parts: list[bytes]) -> bytes:
    """A multipart body written by hand, for shapes urllib3 does not produce."""
    return b"".join(b"--" + BOUNDARY.encode() + b"\r\n" + part + b"\r\n" for part in parts) + (
        b"--" + BOUNDARY.encode() + b"--\r\n"
    )


def multipart_request(body: bytes, content_type: str):
    return RequestFactory().generic("POST", "/form/", body, content_type=content_type)


def django_parse(body: bytes, boundary: str):
    request = multipart_request(body, f"multipart/form-data; boundary={boundary}")
    return request.POST, request.FILES


def as_lists(querydict) -> dict:
    return dict(querydict.lists())


@pytest.mark.parametrize(
    "fields",
    [
        PORTAL_FIELDS,
        [("topic", "land"), ("topic", "environment"), ("q", "")],  # repeated names keep their order
        [("content", "x" * 20_000)],
    ],
    ids=["portal form", "repeated names", "long field"],
)
def test_plain_fields_are_what_django_gives(fields):
    body, content_type = encode_multipart_formdata(fields)
    boundary = content_type.split("boundary=")[1]
    expected, files = django_parse(body, boundary)

    assert as_lists(plain_fields(body, boundary, "utf-8")) == as_lists(expected)
    assert not files


def test_bytes_that_are_not_utf8_are_replaced_as_django_does():
    body = raw([b'Content-Disposition: form-data; name="subject"\r\n\r\nh\xf4ng\xff'])
    assert plain_fields(body, BOUNDARY, "utf-8")["subject"] == django_parse(body, BOUNDARY)[0]["subject"]
    assert plain_fields(body, BOUNDARY, "utf-8")["subject"] == "h\ufffdng\ufffd"


@pytest.mark.parametrize(
    "part",
    [
        b'Content-Disposition: form-data; name="attachment"; filename="don.pdf"\r\n'
        b"Content-Type: application/pdf\r\n\r\n%PDF-1.4",
        b'Content-Disposition: form-data; name="subject"\r\n'
        b"Content-Transfer-Encoding: base64\r\n\r\nxJDDqG4=",
        b'Content-Disposition: form-data; name="h%22o"\r\n\r\nx',
        b'Content-Disposition: form-data; name="h\xe1\xbb\x8d"\r\n\r\nx',
        b"Content-Disposition: form-data\r\n\r\nno name",
    ],
    ids=["a file", "base64 field", "escaped name", "non-ASCII name", "no name"],
)
def test_anything_but_plain_fields_is_left_to_django(part):
    with pytest.raises(NotPlainFields):
        plain_fields(raw([part]), BOUNDARY, "utf-8")


def test_a_malformed_body_is_left_to_django():
    unfinished = raw([b'Content-Disposition: form-data; name="subject"\r\n\r\nx'])[:-12]
    with pytest.raises(NotPlainFields):
        plain_fields(unfinished, BOUNDARY, "utf-8")


def test_a_read_form_keeps_its_body_and_has_no_files():
    body, content_type = encode_multipart_formdata(PORTAL_FIELDS)
    request = multipart_request(body, content_type)
    with mock.patch("django.http.request.MultiPartParser", side_effect=AssertionError("Django's parser ran")):
        read_small_form(request)
        assert request.POST["subject"] == "Đèn đường hỏng"
        assert request.POST["attachment"] == ""
        assert not request.FILES
    assert request.body == body  # still readable, unlike after Django's own multipart parsing


def test_a_file_is_read_by_django():
    body, content_type = encode_multipart_formdata(
        [("subject", "Ao tù"), ("attachment", ("ao.pdf", b"%PDF-1.4 ...", "application/pdf"))]
    )
    request = multipart_request(body, content_type)
    read_small_form(request)
    assert request.POST["subject"] == "Ao tù"
    assert request.FILES["attachment"].read() == b"%PDF-1.4 ..."


def test_too_many_fields_are_refused_by_django(settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 3
    body, content_type = encode_multipart_formdata([(f"f{n}", "x") for n in range(6)])
    request = multipart_request(body, content_type)
    read_small_form(request)
    with pytest.raises(TooManyFieldsSent):
        request.POST  # noqa: B018


def test_a_large_body_is_read_by_django():
    body, content_type = encode_multipart_formdata([("content", "x" * 70_000)])
    request = multipart_request(body, content_type)
    with mock.patch("danvan.core.form_body.plain_fields") as fast:
        read_small_form(request)
    fast.assert_not_called()
    assert len(request.POST["content"]) == 70_000


def echo(request):
    return HttpResponse(f"{request.POST['subject']}|{request.POST['attachment']}|{len(request.FILES)}")


urlpatterns = [path("echo/", echo)]


@pytest.mark.urls(__name__)
def test_every_view_gets_the_form_through_the_middleware(client):
    with mock.patch("django.http.request.MultiPartParser", side_effect=AssertionError("Django's parser ran")):
        response = client.post("/echo/", {"subject": "Đèn đường hỏng", "attachment": ""})
    assert response.content.decode() == "Đèn đường hỏng||0"
