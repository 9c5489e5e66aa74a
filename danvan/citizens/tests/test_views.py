"""Staff pages: scope (404), permission (403), marks on lists, and denouncer protection in every
rendered output (list, search, export, statistics, audit, API, Open311, portal, e-mail)."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from danvan.citizens import services
from danvan.citizens.models import SenderAccess, UnitHead

NAME, PHONE, EMAIL = "Phạm Thị Bímật", "0987654321", "to-cao@example.vn"


@pytest.fixture
def denunciation(org_tree, accounts):
    accounts["officer"].email = "officer@example.vn"
    accounts["officer"].save()
    p = services.register_petition(
        actor=accounts["coordinator"],
        petition_type="denunciation",
        channel="post",
        subject="Tố cáo cán bộ nhận hối lộ",
        content="Nội dung tố cáo chi tiết.",
        received_on=timezone.localdate() - timedelta(days=20),
        received_unit=org_tree["board"],
        sender={"full_name": NAME, "phone": PHONE, "email": EMAIL, "address": "Ấp Bí Mật"},
    )
    services.classify_petition(p, petition_type="denunciation", eligible=True)
    services.route_petition(p, body=org_tree["interior"], handler=accounts["officer"])
    return p


def client_for(client, user):
    client.force_login(user)
    return client


def assert_no_identity(text: str):
    for secret in (NAME, PHONE, EMAIL, "Ấp Bí Mật", "Bímật"):
        assert secret not in text


def test_list_requires_login_and_role(client, accounts):
    url = reverse("citizens:petition_list")
    assert client.get(url).status_code == 302
    assert client_for(client, accounts["other_officer"]).get(url).status_code == 403


def test_out_of_scope_is_404_and_no_permission_is_403(client, accounts, denunciation):
    url = denunciation.get_absolute_url()
    assert client_for(client, accounts["other_officer"]).get(url).status_code == 404
    assert client_for(client, accounts["officer"]).get(url).status_code == 200
    classify = reverse("citizens:petition_classify", args=[denunciation.pk])
    assert client_for(client, accounts["leader"]).post(classify, {}).status_code == 403


def test_identity_absent_from_lists_search_export_stats_audit(client, accounts, denunciation):
    c = client_for(client, accounts["coordinator"])
    pages = [
        reverse("citizens:petition_list"),
        reverse("citizens:petition_export"),
        reverse("citizens:statistics"),
        reverse("core:audit"),
        denunciation.get_absolute_url(),
        reverse("portal:statistics"),
        reverse("portal:follow") + "?code=" + denunciation.code,
        reverse("api-schema"),
        "/api/citizens/petitions/",
        f"/api/citizens/petitions/{denunciation.pk}/",
        "/api/citizens/statistics/",
        "/open311/v2/requests.json",
        f"/open311/v2/requests/{denunciation.code}.json",
    ]
    for url in pages:
        response = c.get(url)
        assert response.status_code == 200, url
        assert_no_identity(response.content.decode())
    listing = c.get(reverse("citizens:petition_list")).content.decode()
    assert denunciation.code in listing and "Được bảo vệ" in listing
    # Searching by the denouncer's name or phone finds nothing (the echoed query aside).
    for query in (NAME, PHONE, "Bímật"):
        assert (
            denunciation.code not in c.get(reverse("citizens:petition_list"), {"q": query}).content.decode()
        )
        assert denunciation.code not in c.get(reverse("core:audit"), {"q": query}).content.decode()
    for message in mail.outbox:
        assert_no_identity(message.subject + message.body)
    assert len(mail.outbox) == 1 and denunciation.code in mail.outbox[0].body


def test_handler_reveals_identity_and_the_view_is_logged(client, accounts, denunciation):
    c = client_for(client, accounts["officer"])
    page = c.get(denunciation.get_absolute_url()).content.decode()
    assert_no_identity(page)
    response = c.post(reverse("citizens:petition_sender", args=[denunciation.pk]), follow=True)
    assert NAME in response.content.decode() and PHONE in response.content.decode()
    assert (
        SenderAccess.objects.filter(petition=denunciation, actor=accounts["officer"], action="view").count()
        == 1
    )
    page = c.get(denunciation.get_absolute_url()).content.decode()
    assert_no_identity(page)
    assert f" · {accounts['officer'].full_name} · Đã xem</li>" in page  # the log names who looked


def test_coordinator_cannot_reveal_but_head_can(client, accounts, denunciation):
    url = reverse("citizens:petition_sender", args=[denunciation.pk])
    assert client_for(client, accounts["coordinator"]).post(url).status_code == 403
    UnitHead.objects.create(unit=denunciation.received_unit, user=accounts["leader"])
    response = client_for(client, accounts["leader"]).post(url, follow=True)
    assert NAME in response.content.decode()


def test_list_marks_overdue_and_due_soon(client, org_tree, accounts):
    today = timezone.localdate()
    base = dict(
        petition_type="complaint",
        channel="post",
        subject="S",
        content="C",
        received_unit=org_tree["board"],
        sender={"full_name": "A"},
    )
    late = services.register_petition(received_on=today - timedelta(days=30), **base)
    soon = services.register_petition(received_on=today - timedelta(days=9), **base)
    html = client_for(client, accounts["coordinator"]).get(reverse("citizens:petition_list")).content.decode()
    assert html.count("Quá hạn") >= 1 and html.count("Sắp đến hạn") >= 1
    overdue = client.get(reverse("citizens:petition_list") + "?deadline=overdue").content.decode()
    assert late.code in overdue and soon.code not in overdue


def test_list_query_count_is_bounded(client, org_tree, accounts, django_assert_max_num_queries):
    for i in range(30):
        services.register_petition(
            petition_type="feedback",
            channel="post",
            subject=f"S{i}",
            content="C",
            received_on=date(2025, 9, 1),
            received_unit=org_tree["board"],
            sender={"full_name": "A"},
        )
    c = client_for(client, accounts["coordinator"])
    with django_assert_max_num_queries(12):
        assert c.get(reverse("citizens:petition_list")).status_code == 200


def test_staff_intake_form_validation_in_vietnamese(client, accounts):
    c = client_for(client, accounts["reception"])
    response = c.post(
        reverse("citizens:petition_add"),
        {
            "petition_type": "complaint",
            "channel": "post",
            "received_on": "2025-09-01",
            "subject": "S",
            "content": "C",
            "topic": "land",
            "signer_count": 1,
        },
    )
    assert "Nhập họ và tên người gửi" in response.content.decode()
    response = c.post(
        reverse("citizens:petition_add"),
        {
            "petition_type": "complaint",
            "channel": "post",
            "received_on": "2025-09-01",
            "subject": "S",
            "content": "C",
            "topic": "land",
            "signer_count": 1,
            "full_name": "Lê A",
        },
    )
    assert response.status_code == 302


def test_pages_render(client, accounts, denunciation):
    c = client_for(client, accounts["coordinator"])
    for name in (
        "session_list",
        "session_add",
        "meeting_list",
        "meeting_add",
        "rule_list",
        "holiday_list",
        "assigned_list",
        "petition_add",
    ):
        assert c.get(reverse(f"citizens:{name}")).status_code == 200, name


ROAD_LETTER = dict(
    petition_type="recommendation",
    channel="post",
    subject="Kiến nghị sửa đường",
    content="Đề nghị sửa chữa đường liên ấp 4 bị sụt lún sau mùa mưa.",
    sender={"full_name": "Võ Văn Gửi"},
)


def test_possible_duplicates_are_only_those_the_classifier_may_see(client, org_tree, accounts):
    """The same letter was sent to Sở Nội vụ and to the Board: the reception officer of Sở Nội vụ is
    offered no copy it may not open; the Board's coordinator sees the copy sent to Sở Nội vụ."""
    to_board = services.register_petition(
        received_on=date(2025, 9, 2), received_unit=org_tree["board"], **ROAD_LETTER
    )
    to_interior = services.register_petition(
        received_on=date(2025, 9, 3), received_unit=org_tree["interior"], **ROAD_LETTER
    )
    page = client_for(client, accounts["reception"]).get(to_interior.get_absolute_url())
    assert page.status_code == 200
    assert page.context["duplicates"] == []
    assert to_board.code not in page.content.decode()
    page = client_for(client, accounts["coordinator"]).get(to_board.get_absolute_url())
    assert page.context["duplicates"] == [(to_interior, 100)]
    assert to_interior.code in page.content.decode()


def test_staff_link_only_the_duplicates_they_tick(client, org_tree, accounts):
    """A possible duplicate is offered unticked: linking is the reviewer's decision, petition by
    petition; submitting none links nothing and says what to do."""
    letter = ROAD_LETTER | {"received_unit": org_tree["board"]}
    first = services.register_petition(received_on=date(2025, 9, 2), **letter)
    second = services.register_petition(received_on=date(2025, 9, 3), **letter)
    c = client_for(client, accounts["coordinator"])
    page = c.get(second.get_absolute_url()).content.decode()
    assert f'<input type="checkbox" name="others" value="{first.pk}">' in page

    link = reverse("citizens:petition_link", args=[second.pk])
    page = c.post(link, {}, follow=True).content.decode()
    assert "Chọn ít nhất một đơn để gộp" in page
    second.refresh_from_db()
    assert second.case_file is None

    c.post(link, {"others": [first.pk]})
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.case_file == second.case_file is not None
    assert (first.is_duplicate, second.is_duplicate) == (False, True)


def test_classify_page_records_when_the_decision_was_known(client, org_tree, accounts):
    complaint = services.register_petition(
        petition_type="complaint",
        channel="post",
        subject="Khiếu nại quyết định thu hồi đất",
        content="Không đồng ý với quyết định thu hồi đất.",
        received_on=date(2025, 11, 5),
        received_unit=org_tree["board"],
        sender={"full_name": "Lý Văn Khiếu"},
    )
    c = client_for(client, accounts["coordinator"])
    form = {
        "petition_type": "complaint",
        "eligible": "yes",
        "complaint_track": "first",
        "topic": "land",
        "signer_count": "1",
    }
    url = reverse("citizens:petition_classify", args=[complaint.pk])
    page = c.post(url, form | {"decision_known_on": "2025-11-06"}, follow=True)
    assert "Không thể nhận hoặc biết quyết định sau ngày nhận đơn (05/11/2025): kiểm tra lại ngày." in (
        page.content.decode()
    )
    c.post(url, form | {"decision_known_on": "2025-08-01"})
    complaint.refresh_from_db()
    assert complaint.decision_known_on == date(2025, 8, 1)
    html = c.get(complaint.get_absolute_url()).content.decode()
    assert "<dt>Ngày nhận hoặc biết quyết định</dt><dd>01/08/2025</dd>" in html
    row = html[html.index("Thời hiệu khiếu nại") :].split("</tr>")[0]
    assert "90 ngày từ 01/08/2025" in row and "Luật Khiếu nại số 02/2011/QH13, Điều 9" in row
    assert "không tính vào thời hiệu" in row
    assert "30/10/2025" in row and "05/11/2025" in row and "Trễ hạn" in row


def test_board_changes_a_time_limit_through_its_page(client, org_tree, accounts):
    from danvan.citizens.models import TimeLimitRule

    rule = TimeLimitRule.objects.get(
        petition_type="complaint", step="acceptance", complaint_track="first", valid_from=date(2026, 7, 1)
    )
    url = reverse("citizens:rule_edit", args=[rule.pk])
    listing = reverse("citizens:rule_list")
    assert client_for(client, accounts["reception"]).get(url).status_code == 403
    assert url not in client.get(listing).content.decode()
    c = client_for(client, accounts["coordinator"])
    assert url in c.get(listing).content.decode()
    form = {"days": "0", "unit": "calendar", "legal_basis": rule.legal_basis, "note": ""}
    page = c.post(url, form)
    assert page.status_code == 200
    assert "Thời hạn phải ít nhất một ngày." in page.content.decode()
    page = c.post(url, form | {"days": "15"}, follow=True)
    assert page.redirect_chain == [(listing, 302)]
    assert (
        "Đã lưu thời hạn “Khiếu nại · Thụ lý: 15 ngày”; hạn xử lý của 0 đơn đang giải quyết đã thay đổi."
        in page.content.decode()
    )
    rule.refresh_from_db()
    assert (rule.days, rule.verify, rule.note) == (15, False, "")
    assert ">Ban đã sửa</span>" in _rule_row(page, rule)
    other = TimeLimitRule.objects.exclude(pk=rule.pk).first()
    assert "Ban đã sửa" not in _rule_row(page, other)


def _rule_row(page, rule) -> str:
    html = page.content.decode()
    start = html.index(f'id="rule-{rule.pk}"')
    return html[start : html.index("</tr>", start)]


def test_board_adds_a_new_version_of_a_time_limit_through_its_page(client, accounts, statutory_rules):
    from danvan.citizens.models import TimeLimitRule

    rule = TimeLimitRule.objects.get(key="complaint-acceptance-first-20260701")
    url = reverse("citizens:rule_version", args=[rule.pk])
    listing = reverse("citizens:rule_list")
    assert client_for(client, accounts["reception"]).get(url).status_code == 403
    assert url not in client.get(listing).content.decode()
    c = client_for(client, accounts["coordinator"])
    assert url in c.get(listing).content.decode()
    assert url in c.get(reverse("citizens:rule_edit", args=[rule.pk])).content.decode()
    page = c.get(url).content.decode()
    assert "Phiên bản mới của thời hạn" in page and "10 ngày, 01/07/2026 – …" in page
    form = {"valid_from": "2026-07-01", "days": "7", "unit": "calendar", "legal_basis": "Luật sửa đổi 2027"}
    page = c.post(url, form)
    assert page.status_code == 200
    refused = "Phiên bản mới phải bắt đầu sau ngày 01/07/2026, ngày phiên bản này bắt đầu."
    assert refused in page.content.decode()
    assert TimeLimitRule.objects.filter(key__startswith="complaint-acceptance-first-").count() == 2
    page = c.post(url, form | {"valid_from": "2027-01-01"}, follow=True)
    assert page.redirect_chain == [(listing, 302)]
    assert (
        "Đã lưu phiên bản mới “Khiếu nại · Thụ lý: 7 ngày” từ ngày 01/01/2027; hạn xử lý của 0 đơn đang "
        "giải quyết đã thay đổi." in page.content.decode()
    )
    version = TimeLimitRule.objects.get(key="complaint-acceptance-first-20270101")
    assert (version.days, version.legal_basis, version.valid_to) == (7, "Luật sửa đổi 2027", None)
    rule.refresh_from_db()
    assert rule.valid_to == date(2026, 12, 31)


def test_holiday_page_recomputes_open_petitions(client, accounts, open_denunciation):
    from danvan.citizens.models import Holiday

    c = client_for(client, accounts["coordinator"])
    url = reverse("citizens:holiday_list")
    page = c.post(url, {"date": "2025-09-02", "name": "Quốc khánh"}, follow=True)
    assert "Đã thêm ngày vào lịch; thời hạn của các đơn đang xử lý đã được tính lại." in page.content.decode()
    open_denunciation.refresh_from_db()
    assert open_denunciation.classification_due == date(2025, 9, 10)
    c.post(url, {"delete": str(Holiday.objects.get().pk)})
    open_denunciation.refresh_from_db()
    assert open_denunciation.classification_due == date(2025, 9, 9)


def test_the_reception_session_is_linked_only_for_who_may_open_it(client, org_tree, accounts):
    from danvan.citizens.models import ReceptionSession

    session = ReceptionSession.objects.create(
        held_on=date(2026, 11, 16), place="Trụ sở tiếp công dân tỉnh", unit=org_tree["board"]
    )
    p = services.register_petition(
        petition_type="recommendation",
        channel="reception",
        subject="Sửa đường ấp 3",
        content="Đường hỏng.",
        received_on=date(2026, 11, 16),
        received_unit=org_tree["board"],
        sender={"full_name": "Lê Văn Ba"},
        reception_session=session,
    )
    services.classify_petition(p, petition_type="recommendation", eligible=True)
    services.route_petition(p, body=org_tree["interior"])
    link = f'href="{session.get_absolute_url()}"'
    html = client_for(client, accounts["officer"]).get(p.get_absolute_url()).content.decode()  # handles it
    assert "16/11/2026 · Trụ sở tiếp công dân tỉnh" in html and link not in html
    assert client.get(session.get_absolute_url()).status_code == 404
    html = client_for(client, accounts["coordinator"]).get(p.get_absolute_url()).content.decode()
    assert f"{link}>16/11/2026 · Trụ sở tiếp công dân tỉnh</a>" in html


def test_the_assigned_handler_sees_the_petition_outside_the_units_scope(client, org_tree, accounts):
    """The rule lets the handler open a petition assigned to them (and a denouncer's identity): the
    lists, the page and the API follow it, though the petition lies outside the handler's unit."""
    handler = accounts["other_officer"]  # Ban Tổ chức; the petition is routed to Sở Nội vụ
    p = services.register_petition(
        petition_type="denunciation",
        channel="post",
        subject="Tố cáo chậm giải quyết hồ sơ",
        content="Nội dung tố cáo.",
        received_on=timezone.localdate() - timedelta(days=5),
        received_unit=org_tree["board"],
        sender={"full_name": NAME},
    )
    services.classify_petition(p, petition_type="denunciation", eligible=True)
    c = client_for(client, handler)
    assert c.get(p.get_absolute_url()).status_code == 404
    services.route_petition(p, body=org_tree["interior"], handler=handler)
    assert p.code in c.get(reverse("citizens:assigned_list")).content.decode()
    assert c.get(p.get_absolute_url()).status_code == 200
    assert c.get(f"/api/citizens/petitions/{p.pk}/").status_code == 200
    assert NAME in c.post(reverse("citizens:petition_sender", args=[p.pk]), follow=True).content.decode()
