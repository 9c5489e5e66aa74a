"""Public portal: submit (limits, honeypot, rate limit), follow by code, public statistics."""

from datetime import date

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.citizens import services
from danvan.citizens.models import Intake, Petition
from danvan.orgs import services as orgs
from danvan.orgs.choices import OrgKind
from danvan.portal.forms import SubmitForm

FORM = {
    "petition_type": "feedback",
    "subject": "Đèn đường hỏng",
    "content": "Đèn đường ở ấp 3 không sáng.",
    "topic": "infrastructure",
    "address_text": "Ấp 3",
    "full_name": "Lê Văn Dân",
    "phone": "",
    "email": "dan@example.vn",
}


@pytest.fixture(autouse=True)
def _units(org_tree):
    return org_tree


def test_submit_gives_a_code_and_lands_at_the_board(client, org_tree):
    response = client.post(reverse("portal:submit"), FORM)
    assert response.status_code == 200
    services.process_pending_intakes()  # what the worker's intake watcher does
    p = Petition.objects.get()
    assert p.code in response.content.decode()
    assert (p.channel, p.received_unit, p.sender.full_name) == ("portal", org_tree["board"], "Lê Văn Dân")
    assert len(mail.outbox) == 1 and p.code in mail.outbox[0].body and "Lê Văn Dân" not in mail.outbox[0].body


def test_commune_list_holds_todays_units_and_is_read_only_when_one_is_chosen(
    client, org_tree, django_assert_num_queries
):
    province = org_tree["province"]
    ward = orgs.create_unit(
        key="t-tran-bien",
        kind=OrgKind.COMMUNE,
        name="Phường Trấn Biên",
        parent=province,
        valid_from=date(2025, 7, 1),
    )
    old = orgs.create_unit(key="t-buu-long", kind=OrgKind.COMMUNE, name="Phường Bửu Long", parent=province)
    orgs.merge_units([old], on=date(2025, 7, 1), into=ward, legal_basis="NQ 1662/NQ-UBTVQH15")
    html = client.get(reverse("portal:submit")).content.decode()
    assert f'<option value="{ward.pk}">Phường Trấn Biên</option>' in html and "Phường Bửu Long" not in html
    with django_assert_num_queries(0):
        assert SubmitForm(FORM).is_valid()
    response = client.post(reverse("portal:submit"), FORM | {"location_unit": old.pk})
    refused = f"Hãy chọn một giá trị hợp lệ. {old.pk} không có trong danh sách lựa chọn."
    assert refused in response.content.decode() and not Intake.objects.exists()
    client.post(reverse("portal:submit"), FORM | {"location_unit": ward.pk})
    assert Intake.objects.get().payload["location_unit"] == ward.pk


def test_denunciation_needs_a_name_in_vietnamese(client):
    response = client.post(
        reverse("portal:submit"), FORM | {"petition_type": "denunciation", "full_name": ""}
    )
    assert "Đơn khiếu nại, tố cáo phải ghi họ và tên người gửi." in response.content.decode()
    assert not Petition.objects.exists()


def test_type_and_topic_must_be_among_the_choices(client):
    form = client.get(reverse("portal:submit")).content.decode()
    assert '<option value="feedback">Phản ánh</option>' in form
    assert '<option value="environment">Môi trường</option>' in form
    response = client.post(reverse("portal:submit"), FORM | {"petition_type": "petition", "topic": "sport"})
    errors = response.context["form"].errors
    refused = "Hãy chọn một giá trị hợp lệ. {} không có trong danh sách lựa chọn."
    assert errors["petition_type"] == [refused.format("petition")]
    assert errors["topic"] == [refused.format("sport")]
    assert not Intake.objects.exists()


def test_content_and_upload_limits(client, settings):
    settings.CITIZENS_MAX_CONTENT = 50
    response = client.post(reverse("portal:submit"), FORM | {"content": "x" * 51})
    assert response.context["form"].errors["content"] == [
        "Nội dung dài 51 ký tự, chỉ nhận tối đa 50 ký tự. "
        "Hãy rút gọn, hoặc gửi phần còn lại thành tệp đính kèm."
    ]
    assert 'maxlength="50"' in response.content.decode()
    settings.CITIZENS_MAX_CONTENT = 5000
    assert 'maxlength="5000"' in client.get(reverse("portal:submit")).content.decode()
    fake = SimpleUploadedFile("a.pdf", b"not really a pdf", content_type="application/pdf")
    response = client.post(reverse("portal:submit"), FORM | {"attachment": fake})
    assert "Chỉ được đính kèm tệp PDF, JPEG hoặc PNG." in response.content.decode()
    settings.CITIZENS_MAX_UPLOAD = 10
    pdf = SimpleUploadedFile("a.pdf", b"%PDF-1.4\n" + b"0" * 100, content_type="application/pdf")
    response = client.post(reverse("portal:submit"), FORM | {"attachment": pdf})
    assert "Tệp quá lớn" in response.content.decode()
    assert not Petition.objects.exists()
    settings.CITIZENS_MAX_UPLOAD = 1024
    pdf = SimpleUploadedFile("a.pdf", b"%PDF-1.4\n" + b"0" * 100, content_type="application/pdf")
    client.post(reverse("portal:submit"), FORM | {"attachment": pdf})
    services.process_pending_intakes()
    assert Petition.objects.get().attachments.get().content_type == "application/pdf"


def test_confirmation_page_is_the_same_page_around_each_code(client, accounts):
    def submit():
        html = client.post(reverse("portal:submit"), FORM).content.decode()
        code = Intake.objects.latest("id").code
        assert f'<strong id="tracking-code">{code}</strong>' in html
        assert f'href="{reverse("portal:follow")}?code={code}"' in html
        return html.replace(code, "CODE")

    first, second = submit(), submit()
    assert first == second and "Đã nhận đơn" in first
    client.get(reverse("core:language", args=["en"]))
    english = submit()
    assert "Petition received" in english and "Đã nhận đơn" not in english
    # Signed-in staff keep their own header on the page.
    client.force_login(accounts["reception"])
    assert 'class="usermenu"' in submit() and 'class="usermenu"' not in english


def test_rate_limit_per_address(client, settings):
    settings.CITIZENS_SUBMIT_LIMIT = 2
    for _ in range(2):
        assert client.post(reverse("portal:submit"), FORM).status_code == 200
    response = client.post(reverse("portal:submit"), FORM)
    assert response.status_code == 429
    assert "Địa chỉ của bạn đã gửi quá nhiều lần" in response.content.decode()
    assert Intake.objects.count() == 2


def test_refused_submission_keeps_no_file(client, settings, tmp_path):
    settings.CITIZENS_SUBMIT_LIMIT = 1
    settings.MEDIA_ROOT = tmp_path
    assert client.post(reverse("portal:submit"), FORM).status_code == 200
    pdf = SimpleUploadedFile("a.pdf", b"%PDF-1.4\n" + b"0" * 100, content_type="application/pdf")
    assert client.post(reverse("portal:submit"), FORM | {"attachment": pdf}).status_code == 429
    assert Intake.objects.count() == 1
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_honeypot_stores_nothing(client):
    response = client.post(reverse("portal:submit"), FORM | {"website": "http://spam"})
    assert response.status_code == 200 and not Petition.objects.exists()


def test_follow_shows_status_and_public_answer_only(client, org_tree):
    p = services.submit_public(
        petition_type="complaint",
        subject="S",
        content="Nội dung riêng tư của đơn",
        topic="land",
        sender={"full_name": "Ngô Thị Riêng"},
    )
    services.classify_petition(p, petition_type="complaint", eligible=True)
    services.route_petition(p, body=org_tree["interior"])
    services.answer_petition(
        p,
        number="9/TB",
        answered_on=p.received_on,
        summary="Ghi chú nội bộ",
        public_answer="Đã giải quyết xong.",
    )
    html = client.get(reverse("portal:follow"), {"code": p.code.lower().replace("-", "")}).content.decode()
    assert "Đã trả lời" in html and "Đã giải quyết xong." in html
    for hidden in ("Ngô Thị Riêng", "Nội dung riêng tư", "Ghi chú nội bộ", "9/TB"):
        assert hidden not in html
    missing = client.get(reverse("portal:follow"), {"code": "DV-0000-0000"}).content.decode()
    assert "Không có đơn nào mang mã theo dõi này" in missing


def test_public_statistics_and_health(client):
    services.submit_public(
        petition_type="feedback", subject="S", content="C", topic="land", sender={"full_name": "Hồ Văn Ẩn"}
    )
    html = client.get(reverse("portal:statistics")).content.decode()
    assert "Phản ánh" in html and "Hồ Văn Ẩn" not in html
    assert client.get(reverse("portal:health")).content == b"ok"


def test_submission_is_followed_at_once_before_the_worker_registers_it(client):
    """The request stores only the intake; the citizen's code works immediately ("Received")."""
    response = client.post(reverse("portal:submit"), FORM)
    intake = Intake.objects.get()
    assert intake.code in response.content.decode() and not Petition.objects.exists()
    html = client.get(reverse("portal:follow"), {"code": intake.code}).content.decode()
    assert '<dd id="follow-status">Đã nhận</dd>' in html
    item = client.get(f"/open311/v2/requests/{intake.code}.json").json()[0]
    assert (item["service_request_id"], item["status"], item["status_notes"]) == (
        intake.code,
        "open",
        "Đã nhận",
    )
    # The worker registers it later: same code, nothing lost.
    services.process_pending_intakes()
    assert Petition.objects.get().code == intake.code


def test_open311_post_goes_through_the_intake(client):
    response = client.post(
        "/open311/v2/requests.json",
        {"service_code": "feedback", "description": "Cống bị tắc", "address_string": "Ấp 2"},
    )
    code = response.json()[0]["service_request_id"]
    intake = Intake.objects.get()
    assert (response.status_code, intake.code, intake.channel) == (201, code, "open311")
    assert not Petition.objects.exists()
