"""What staff and citizens type is checked where the rule lives (services), refused in Vietnamese on
the field concerned, and never ends in a server error or in a tracking code for a petition that is
never registered."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from danvan.citizens import services
from danvan.citizens.models import Intake, Meeting, MeetingItem, Petition, ReceptionSession

HUGE = "99999999999999999999"
TOO_MANY_SIGNERS = "Số người đứng tên tối đa là 100.000: kiểm tra lại số đã nhập."


def field_html(html: str, name: str) -> str:
    """The rendered block of one form field (core/_field.html): its label, control and errors."""
    at = html.index(f'id="id_{name}"')
    start = html.rindex('<div class="field', 0, at)
    end = html.find('<div class="field', at)
    return html[start : end if end != -1 else len(html)]


def day(d: date) -> str:
    return d.strftime("%d/%m/%Y")


@pytest.fixture
def coordinator(client, accounts):
    client.force_login(accounts["coordinator"])
    return client


@pytest.fixture
def letter(org_tree):
    """A recommendation received 30 days ago by the Board."""
    return services.register_petition(
        petition_type="recommendation",
        channel="post",
        subject="Kiến nghị sửa cầu",
        content="Cầu dân sinh ấp 5 xuống cấp.",
        received_on=timezone.localdate() - timedelta(days=30),
        received_unit=org_tree["board"],
        sender={"full_name": "Đỗ Văn Cầu"},
    )


def intake_form(**values) -> dict:
    return {
        "petition_type": "recommendation",
        "channel": "post",
        "received_on": f"{timezone.localdate():%Y-%m-%d}",
        "subject": "Kiến nghị",
        "content": "Nội dung",
        "topic": "other",
        "full_name": "Lê Văn Gửi",
        "signer_count": "1",
    } | values


# ---- 1. the number of signers ------------------------------------------------------------------


def test_signer_count_is_capped_on_staff_intake(coordinator):
    page = coordinator.post(reverse("citizens:petition_add"), intake_form(is_group="on", signer_count=HUGE))
    assert page.status_code == 200
    assert TOO_MANY_SIGNERS in field_html(page.content.decode(), "signer_count")
    assert 'max="100000"' in field_html(page.content.decode(), "signer_count")
    assert not Petition.objects.exists()
    page = coordinator.post(
        reverse("citizens:petition_add"), intake_form(is_group="on", signer_count="100000")
    )
    assert page.status_code == 302
    assert Petition.objects.get().signer_count == 100000


def test_signer_count_is_capped_on_a_reception_day(coordinator, org_tree):
    session = ReceptionSession.objects.create(
        held_on=timezone.localdate(), place="Trụ sở tiếp công dân", unit=org_tree["board"]
    )
    visit = {
        "full_name": "Nhóm hộ dân ấp 3",
        "is_group": "on",
        "signer_count": HUGE,
        "petition_type": "recommendation",
        "topic": "other",
        "subject": "Kiến nghị",
        "content": "Nội dung",
    }
    page = coordinator.post(session.get_absolute_url(), visit)
    assert page.status_code == 200
    assert TOO_MANY_SIGNERS in field_html(page.content.decode(), "signer_count")
    assert not Petition.objects.exists()


def test_services_refuse_too_many_signers(org_tree, letter):
    with pytest.raises(ValidationError) as refused:
        services.register_petition(
            petition_type="feedback",
            channel="post",
            subject="S",
            content="C",
            received_on=timezone.localdate(),
            is_anonymous=True,
            signer_count=10**20,
        )
    assert refused.value.message_dict == {"signer_count": [TOO_MANY_SIGNERS]}
    with pytest.raises(ValidationError):
        services.classify_petition(letter, petition_type="recommendation", eligible=True, signer_count=10**20)


# ---- 2. an item that is not one of the meeting's -----------------------------------------------


def test_progress_of_an_item_that_is_not_a_number_or_not_there_is_404(coordinator, org_tree):
    meeting = Meeting.objects.create(
        kind="dialogue",
        title="Đối thoại",
        held_on=date(2026, 11, 17),
        place="Hội trường",
        unit=org_tree["board"],
    )
    url = meeting.get_absolute_url()
    for item in ("abc", "-1", "1.5", "²", "999999", HUGE + HUGE):
        assert coordinator.post(url, {"item": item, f"i{item}-status": "open"}).status_code == 404, item


# ---- 3. Open311 refuses at request time what the registration would refuse ---------------------


@pytest.mark.parametrize("service_code", ["complaint", "denunciation"])
def test_open311_complaint_or_denunciation_without_a_name_is_refused(client, org_tree, service_code):
    r = client.post(
        "/open311/v2/requests.json",
        {"service_code": service_code, "description": "Nội dung", "address_string": "Ấp 2"},
    )
    assert r.status_code == 400
    assert r.json() == [
        {
            "code": 400,
            "description": "last_name, first_name: Đơn khiếu nại, tố cáo phải ghi họ và tên người gửi.",
        }
    ]
    assert not Intake.objects.exists()


def test_open311_feedback_without_a_name_is_registered(client, org_tree):
    r = client.post(
        "/open311/v2/requests.json",
        {"service_code": "feedback", "description": "Đèn hỏng", "address_string": "Ấp 2"},
    )
    assert r.status_code == 201
    assert services.process_pending_intakes() == {"processed": 1, "failed": 0}
    petition = Petition.objects.get(code=r.json()[0]["service_request_id"])
    assert petition.is_anonymous


def test_open311_takes_lat_and_long_together(client, org_tree):
    base = {"service_code": "feedback", "description": "Đèn hỏng"}
    refused = "Nhập cả vĩ độ (lat) và kinh độ (long), hoặc bỏ trống cả hai."
    r = client.post("/open311/v2/requests.json", base | {"lat": 10})
    assert (r.status_code, r.json()[0]["description"]) == (400, f"long: {refused}")
    r = client.post("/open311/v2/requests.json", base | {"long": 106})
    assert (r.status_code, r.json()[0]["description"]) == (400, f"lat: {refused}")
    assert not Intake.objects.exists()
    assert client.post("/open311/v2/requests.json", base | {"lat": 10, "long": 106}).status_code == 201


def test_open311_refuses_an_email_the_sender_record_cannot_hold(client, org_tree):
    """254 characters at most: on PostgreSQL a longer one would fail the registration after the 201."""
    email = "a" * 64 + "@" + ".".join(["b" * 63, "c" * 63, "d" * 63]) + ".vn"
    r = client.post(
        "/open311/v2/requests.json",
        {"service_code": "feedback", "description": "Đèn hỏng", "address_string": "Ấp 2", "email": email},
    )
    assert r.status_code == 400
    assert r.json()[0]["description"].startswith("email: ")
    assert not Intake.objects.exists()


def test_every_submission_is_checked_before_its_code_is_given(org_tree):
    """The portal calls the same service: a complaint without a name gets no code."""
    with pytest.raises(ValidationError) as refused:
        services.receive_submission(
            address=None,
            channel="portal",
            petition_type="complaint",
            subject="S",
            content="C",
            topic="other",
            sender={"full_name": "  "},
        )
    assert refused.value.message_dict == {
        "full_name": ["Đơn khiếu nại, tố cáo phải ghi họ và tên người gửi."]
    }
    assert not Intake.objects.exists()


# ---- 4. dates in an impossible order -------------------------------------------------------------


def test_staff_intake_refuses_a_received_date_in_the_future_or_too_old(coordinator):
    today = timezone.localdate()
    url = reverse("citizens:petition_add")
    future = f"Ngày tiếp nhận không được sau hôm nay ({day(today)}): nhập ngày đơn đến."
    old = "Ngày tiếp nhận không được trước ngày 01/01/2000: kiểm tra lại năm."
    for typed, message in (("2099-01-01", future), ("1900-01-01", old), ("0001-01-01", old)):
        page = coordinator.post(url, intake_form(received_on=typed))
        assert page.status_code == 200, typed
        received = field_html(page.content.decode(), "received_on")
        assert message in received and f'value="{typed}"' in received
    assert not Petition.objects.exists()
    assert coordinator.post(url, intake_form(received_on="2000-01-01")).status_code == 302
    assert coordinator.post(url, intake_form(received_on=f"{today:%Y-%m-%d}")).status_code == 302


def test_a_reception_day_is_not_in_the_future_nor_before_2000(coordinator, org_tree):
    today = timezone.localdate()
    url = reverse("citizens:session_add")
    form = {"place": "Trụ sở", "kind": "regular", "unit": org_tree["board"].pk}
    for typed, message in (
        ("1800-01-01", "Ngày tiếp công dân không được trước ngày 01/01/2000: kiểm tra lại năm."),
        (
            f"{today + timedelta(days=1):%Y-%m-%d}",
            f"Chỉ ghi buổi tiếp công dân đã diễn ra: nhập ngày không sau hôm nay ({day(today)}).",
        ),
    ):
        page = coordinator.post(url, form | {"held_on": typed})
        assert page.status_code == 200
        assert message in field_html(page.content.decode(), "held_on")
    assert not ReceptionSession.objects.exists()
    assert coordinator.post(url, form | {"held_on": f"{today:%Y-%m-%d}"}).status_code == 302


def test_routing_and_acceptance_are_dated_between_receipt_and_today(coordinator, org_tree, letter):
    received, today = letter.received_on, timezone.localdate()
    services.classify_petition(letter, petition_type="recommendation", eligible=True)
    route = reverse("citizens:petition_route", args=[letter.pk])
    form = {"body": org_tree["interior"].pk}
    before = f"{received - timedelta(days=1):%Y-%m-%d}"
    page = coordinator.post(route, form | {"routed_on": before})
    assert page.status_code == 200
    routed_on = field_html(page.content.decode(), "routed_on")
    assert f"Ngày chuyển đơn không được trước ngày tiếp nhận đơn ({day(received)}): kiểm tra lại ngày." in (
        routed_on
    )
    assert f'value="{before}"' in routed_on
    page = coordinator.post(route, form | {"routed_on": "2099-01-01"})
    assert (
        f"Ngày chuyển đơn không được sau hôm nay ({day(today)}): kiểm tra lại ngày." in page.content.decode()
    )
    routed = received + timedelta(days=2)
    assert coordinator.post(route, form | {"routed_on": f"{routed:%Y-%m-%d}"}).status_code == 302

    accept = reverse("citizens:petition_accept", args=[letter.pk])
    page = coordinator.post(accept, {"accepted_on": f"{received + timedelta(days=1):%Y-%m-%d}"})
    assert f"Ngày thụ lý không được trước ngày chuyển đơn ({day(routed)}): kiểm tra lại ngày." in field_html(
        page.content.decode(), "accepted_on"
    )
    page = coordinator.post(accept, {"accepted_on": "2099-01-01"})
    assert f"Ngày thụ lý không được sau hôm nay ({day(today)}): kiểm tra lại ngày." in page.content.decode()
    letter.refresh_from_db()
    assert (letter.status, letter.accepted_on) == ("routed", None)
    assert coordinator.post(accept, {"accepted_on": f"{routed:%Y-%m-%d}"}).status_code == 302


def test_an_answer_is_not_dated_in_the_future(coordinator, org_tree, letter):
    services.classify_petition(letter, petition_type="recommendation", eligible=True)
    services.route_petition(letter, body=org_tree["interior"], on=letter.received_on)
    url = reverse("citizens:petition_answer", args=[letter.pk])
    page = coordinator.post(
        url, {"number": "12/SNV", "answered_on": "2099-12-31", "public_answer": "Đã sửa."}
    )
    html = page.content.decode()
    today = day(timezone.localdate())
    assert f"Ngày văn bản trả lời không được sau hôm nay ({today}): kiểm tra lại ngày." in field_html(
        html, "answered_on"
    )
    assert 'value="12/SNV"' in field_html(html, "number") and "Đã sửa.</textarea>" in html
    page = coordinator.post(url, {"number": "12/SNV", "answered_on": "2000-01-01"})
    assert (
        f"Ngày văn bản trả lời không được trước ngày tiếp nhận đơn ({day(letter.received_on)}): "
        "kiểm tra lại ngày." in page.content.decode()
    )
    letter.refresh_from_db()
    assert letter.status == "routed"


@pytest.fixture
def meeting(org_tree):
    return Meeting.objects.create(
        kind="voter_contact",
        title="Tiếp xúc cử tri",
        held_on=timezone.localdate() - timedelta(days=20),
        place="Nhà văn hóa ấp 1",
        unit=org_tree["board"],
        hosts="Đại biểu HĐND tỉnh",
    )


def test_an_opinion_is_not_due_before_its_meeting(coordinator, meeting):
    form = {"kind": "opinion", "content": "Sửa đường ấp 1", "topic": "other", "due_on": "2000-01-01"}
    page = coordinator.post(meeting.get_absolute_url(), form)
    assert page.status_code == 200
    assert (
        f"Hạn trả lời không được trước ngày hội nghị nêu ý kiến, kiến nghị ({day(meeting.held_on)}): "
        "kiểm tra lại ngày." in field_html(page.content.decode(), "due_on")
    )
    assert not MeetingItem.objects.exists()
    due = f"{meeting.held_on:%Y-%m-%d}"
    assert coordinator.post(meeting.get_absolute_url(), form | {"due_on": due}).status_code == 302


def test_an_item_is_not_resolved_before_its_meeting(coordinator, meeting):
    item = MeetingItem.objects.create(meeting=meeting, kind="recommendation", content="Lắp đèn")
    prefix = f"i{item.pk}"
    form = {
        "item": item.pk,
        f"{prefix}-status": "resolved",
        f"{prefix}-answer": "Đã lắp đèn.",
        f"{prefix}-resolved_on": f"{meeting.held_on - timedelta(days=1):%Y-%m-%d}",
    }
    page = coordinator.post(meeting.get_absolute_url(), form)
    assert page.status_code == 200
    html = page.content.decode()
    assert (
        f"Ngày giải quyết không được trước ngày hội nghị nêu ý kiến, kiến nghị ({day(meeting.held_on)}): "
        "kiểm tra lại ngày." in field_html(html, f"{prefix}-resolved_on")
    )
    assert "Đã lắp đèn.</textarea>" in html and "<details open>" in html
    item.refresh_from_db()
    assert (item.status, item.resolved_on) == ("open", None)
    form[f"{prefix}-resolved_on"] = f"{meeting.held_on:%Y-%m-%d}"
    assert coordinator.post(meeting.get_absolute_url(), form).status_code == 302
    item.refresh_from_db()
    assert (item.status, item.resolved_on) == ("resolved", meeting.held_on)


# ---- 5. a refused action shows the petition page again, errors on their fields ------------------


def test_a_refused_classification_keeps_what_was_typed(coordinator, letter):
    url = reverse("citizens:petition_classify", args=[letter.pk])
    page = coordinator.post(
        url, {"petition_type": "complaint", "topic": "land", "signer_count": "", "note": "Ghi chú đã gõ"}
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert "Trường này là bắt buộc." in field_html(html, "signer_count")
    assert "Trường này là bắt buộc." in field_html(html, "eligible_0")
    assert "Ghi chú đã gõ</textarea>" in html
    assert '<option value="land" selected>' in field_html(html, "topic")
    letter.refresh_from_db()
    assert letter.status == "received"


def test_a_refused_classification_shows_the_service_reason_on_its_field(coordinator, letter):
    url = reverse("citizens:petition_classify", args=[letter.pk])
    form = {"petition_type": "recommendation", "eligible": "no", "topic": "other", "signer_count": "1"}
    page = coordinator.post(url, form)
    assert "Chọn lý do đơn không đủ điều kiện xử lý." in field_html(
        page.content.decode(), "ineligible_reason"
    )
    done = coordinator.post(url, form | {"eligible": "yes"})
    assert (done.status_code, done.url) == (302, letter.get_absolute_url())


def test_a_route_with_an_invalid_date_names_the_field(coordinator, org_tree, letter):
    services.classify_petition(letter, petition_type="recommendation", eligible=True)
    url = reverse("citizens:petition_route", args=[letter.pk])
    page = coordinator.post(url, {"body": org_tree["interior"].pk, "routed_on": "31/02/2026"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Nhập một ngày hợp lệ." in field_html(html, "routed_on")
    assert f'<option value="{org_tree["interior"].pk}" selected>' in field_html(html, "body")


# ---- 6. people by name --------------------------------------------------------------------------


def test_user_dropdowns_show_full_names(coordinator, accounts, letter):
    from danvan.orgs.tests.factories import UserFactory

    UserFactory(username="quantri-x", full_name="", first_name="", last_name="")
    UserFactory(username="binh1", full_name="Trần Thị Bình")
    UserFactory(username="trung1", full_name="Lê Văn Trùng")
    UserFactory(username="trung2", full_name="Lê Văn Trùng")
    html = coordinator.get(reverse("citizens:session_add")).content.decode()
    for field in ("leader", "officers"):
        options = field_html(html, field)
        assert ">Trần Thị Bình</option>" in options
        assert ">Lê Văn Trùng (trung1)</option>" in options and ">Lê Văn Trùng (trung2)</option>" in options
        assert ">quantri-x</option>" in options
        assert f">{accounts['officer'].full_name}</option>" in options
        assert ">officer</option>" not in options
    services.classify_petition(letter, petition_type="recommendation", eligible=True)
    handler = field_html(coordinator.get(letter.get_absolute_url()).content.decode(), "handler")
    assert ">Trần Thị Bình</option>" in handler and ">binh1</option>" not in handler


# ---- 7. an empty "Flags" reads "—" ------------------------------------------------------------


def test_flags_show_a_dash_when_there_is_none(coordinator, letter):
    html = coordinator.get(letter.get_absolute_url()).content.decode()
    assert "<dt>Đặc điểm</dt><dd>—</dd>" in html
    letter.is_remote_area = True
    letter.save()
    html = coordinator.get(letter.get_absolute_url()).content.decode()
    assert '<dt>Đặc điểm</dt><dd><span class="chip">Vùng sâu, vùng xa</span></dd>' in html
