"""End to end: a citizen submits on the portal (an intake, registered as a petition by the worker),
staff classify and route it, the handler answers, and the citizen sees the answer by tracking code."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from danvan.citizens import services
from danvan.citizens.models import Intake, Petition


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_portal_to_answer(page, login, accounts, org_tree):
    # Citizen
    page.goto(f"{page.base_url}/public/submit/")
    page.select_option("#id_petition_type", "recommendation")
    page.fill("#id_subject", "Đề nghị lắp đèn đường")
    page.fill("#id_content", "Đoạn đường từ ấp 1 đến ấp 2 không có đèn, rất nguy hiểm ban đêm.")
    page.fill("#id_full_name", "Trương Văn Dân")
    with page.expect_request(lambda request: request.method == "POST") as sent:
        page.click("#submit-form button[type=submit]")
    # No file chosen: the browser still sends multipart, read by core.form_body's fast path.
    assert sent.value.headers["content-type"].startswith("multipart/form-data; boundary=")
    code = page.inner_text("#tracking-code").strip()
    assert code.startswith("DV-")
    # The request stored the intake; the worker's intake watcher registers the petition.
    call_command("process_petitions", verbosity=0)
    petition = Petition.objects.get(code=code)
    assert Intake.objects.get(code=code).petition == petition
    page.click("text=Theo dõi đơn này")
    assert page.inner_text("#follow-status") == "Đã nhận"

    # Staff classify and route
    login("coordinator")
    page.goto(f"{page.base_url}/citizens/?q={code}")
    page.click(f"text={code}")
    page.click("#classify-form button[type=submit]")
    assert "Đã phân loại đơn." in page.content()
    page.select_option("#id_body", label="Sở Nội vụ")
    page.select_option("#id_handler", label=accounts["officer"].full_name)  # people by name
    page.click("#route-form button[type=submit]")
    assert "Đã chuyển đơn đến Sở Nội vụ." in page.content()

    # The handler answers
    page.context.clear_cookies()
    login("officer")
    page.goto(f"{page.base_url}/citizens/{petition.pk}/")
    page.fill("#id_number", "25/SNV-TCD")
    page.fill("#id_public_answer", "Sở đã đề nghị UBND xã lắp đèn trong tháng tới.")
    page.click("#answer-form button[type=submit]")
    assert "Đã ghi nhận văn bản trả lời." in page.content()

    # The citizen follows by code
    page.context.clear_cookies()
    page.goto(f"{page.base_url}/public/follow/")
    page.fill("#id_code", code)
    page.click("form.filters button[type=submit]")
    assert page.inner_text("#follow-status") == "Đã trả lời"
    assert "lắp đèn trong tháng tới" in page.inner_text("#follow-answer")
    page.screenshot(path="/tmp/citizens-follow.png")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_portal_submission_with_an_attachment(page, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    photo = tmp_path / "ao-nuoc.pdf"
    photo.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    page.goto(f"{page.base_url}/public/submit/")
    page.select_option("#id_petition_type", "feedback")
    page.fill("#id_subject", "Ao nước tù đọng")
    page.fill("#id_content", "Ao nước sau chợ bốc mùi từ nhiều tuần nay.")
    page.set_input_files("#id_attachment", str(photo))
    with page.expect_request(lambda request: request.method == "POST") as sent:
        page.click("#submit-form button[type=submit]")
    assert sent.value.headers["content-type"].startswith("multipart/form-data; boundary=")
    intake = Intake.objects.get(code=page.inner_text("#tracking-code").strip())
    assert (intake.attachment_name, intake.attachment_type) == ("ao-nuoc.pdf", "application/pdf")
    assert intake.attachment.read() == photo.read_bytes()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_classifying_a_complaint_shows_its_time_to_file(page, login, accounts, org_tree, statutory_rules):
    received = timezone.localdate() - timedelta(days=2)
    complaint = services.register_petition(
        petition_type="complaint",
        channel="post",
        subject="Khiếu nại quyết định xử phạt",
        content="Tôi không đồng ý với quyết định xử phạt hành chính.",
        received_on=received,
        received_unit=org_tree["board"],
        sender={"full_name": "Đinh Văn Khiếu"},
    )
    login("coordinator")
    page.goto(f"{page.base_url}/citizens/{complaint.pk}/")
    page.fill("#id_decision_known_on", (received - timedelta(days=100)).isoformat())
    page.click("#classify-form button[type=submit]")
    assert "Đã phân loại đơn." in page.content()
    row = page.locator("tr", has_text="Thời hiệu khiếu nại")
    due = received - timedelta(days=10)
    assert f"90 ngày từ {(received - timedelta(days=100)):%d/%m/%Y}" in row.inner_text()
    assert f"{due:%d/%m/%Y}" in row.inner_text()
    assert row.locator(".mark-done_late").inner_text() == "Trễ hạn"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_board_corrects_an_amended_time_limit(page, login, accounts, org_tree, statutory_rules):
    """The Board checks an amended figure against the law and saves it; an open complaint follows."""
    from danvan.citizens.models import TimeLimitRule

    complaint = services.register_petition(
        petition_type="complaint",
        channel="post",
        subject="Khiếu nại thu hồi đất",
        content="Không đồng ý với quyết định thu hồi đất.",
        received_on=date(2026, 7, 1),
        received_unit=org_tree["board"],
        sender={"full_name": "Phan Văn Khiếu"},
    )
    rule = TimeLimitRule.objects.get(
        petition_type="complaint", step="acceptance", complaint_track="first", valid_from="2026-07-01"
    )
    login("coordinator")
    page.goto(f"{page.base_url}/citizens/time-limits/")
    page.locator(f"#rule-{rule.pk} a", has_text="Sửa").click()
    page.fill("#id_days", "12")
    page.uncheck("#id_verify")
    page.fill("#id_note", "Đã đối chiếu văn bản Luật số 136/2025/QH15.")
    page.click("#rule-form button[type=submit]")
    assert "hạn xử lý của 1 đơn đang giải quyết đã thay đổi." in page.content()
    row = page.locator(f"#rule-{rule.pk}")
    assert "12 ngày" in row.inner_text() and "cần xác minh" not in row.inner_text()
    page.goto(f"{page.base_url}/citizens/{complaint.pk}/")
    acceptance = page.locator("tr", has_text="Thụ lý 12 ngày")
    assert "13/07/2026" in acceptance.inner_text()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_board_adds_the_version_of_an_amended_law(page, login, accounts, org_tree, statutory_rules):
    """A law amended from 01/11/2026 shortens the acceptance of complaints to 7 days: the Board adds the
    new version; a complaint received after that day follows it, the current version ends the day before."""
    from danvan.citizens.models import TimeLimitRule

    complaint = services.register_petition(
        petition_type="complaint",
        channel="post",
        subject="Khiếu nại thu hồi đất",
        content="Không đồng ý với quyết định thu hồi đất.",
        received_on=date(2026, 11, 3),
        received_unit=org_tree["board"],
        sender={"full_name": "Phan Văn Khiếu"},
    )
    rule = TimeLimitRule.objects.get(key="complaint-acceptance-first-20260701")
    login("coordinator")
    page.goto(f"{page.base_url}/citizens/time-limits/")
    page.locator(f"#rule-{rule.pk} a", has_text="Phiên bản mới").click()
    page.fill("#id_valid_from", "2026-11-01")
    page.fill("#id_days", "7")
    page.fill("#id_legal_basis", "Luật sửa đổi, Điều 27")
    page.click("#rule-form button[type=submit]")
    assert "Đã lưu phiên bản mới “Khiếu nại · Thụ lý: 7 ngày” từ ngày 01/11/2026" in page.content()
    assert "01/07/2026 – 31/10/2026" in page.locator(f"#rule-{rule.pk}").inner_text()
    version = TimeLimitRule.objects.get(key="complaint-acceptance-first-20261101")
    assert "Luật sửa đổi, Điều 27" in page.locator(f"#rule-{version.pk}").inner_text()
    assert page.locator(f"#rule-{version.pk} .badge", has_text="Ban đã sửa").is_visible()
    assert page.locator(f"#rule-{rule.pk} .badge", has_text="Ban đã sửa").count() == 0
    page.goto(f"{page.base_url}/citizens/{complaint.pk}/")
    acceptance = page.locator("tr", has_text="Thụ lý 7 ngày")
    assert "10/11/2026" in acceptance.inner_text()
