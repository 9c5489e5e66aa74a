"""Progress with evidence and version checks, reminders (idempotent), feeds and export."""

from datetime import date, datetime
from io import BytesIO

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from danvan.orgs.tests.factories import UserFactory
from danvan.tracking import services
from danvan.tracking.choices import EntryKind, Outcome, ReminderRule
from danvan.tracking.models import CalendarFeed, Notification, Occurrence, Reminder
from danvan.tracking.querysets import outcome_expression

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="bao-cao.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def at(y, m, d):
    return timezone.make_aware(datetime(y, m, d, 9, 0))


@pytest.fixture
def occ(annual_task):
    return annual_task.occurrences.get(year=2025)


def test_progress_with_pdf_evidence(occ, accounts):
    entry = services.add_progress(
        occ,
        actor=accounts["officer"],
        percent=50,
        text="Đã tổ chức hội nghị",
        files=[pdf()],
        now=at(2025, 5, 4),
    )
    occ.refresh_from_db()
    assert (entry.kind, occ.percent, occ.started_on, occ.completed_on) == (
        EntryKind.PROGRESS,
        50,
        date(2025, 5, 4),
        None,
    )
    ev = entry.evidence.get()
    assert (ev.name, ev.mime, ev.size) == ("bao-cao.pdf", "application/pdf", len(PDF))
    assert occ.outcome_on(date(2025, 5, 5)) == Outcome.IN_PROGRESS


def test_full_progress_completes_and_a_lower_one_reopens(occ, accounts):
    services.add_progress(occ, actor=accounts["officer"], percent=100, now=at(2025, 5, 2))
    occ.refresh_from_db()
    assert occ.completed_on == date(2025, 5, 2)
    services.add_progress(occ, actor=accounts["officer"], percent=80, now=at(2025, 5, 3))
    occ.refresh_from_db()
    assert (occ.percent, occ.completed_on) == (80, None)


def test_evidence_type_is_checked_by_content(occ, accounts):
    fake = SimpleUploadedFile("bao-cao.pdf", b"MZ\x90\x00 this is an exe", content_type="application/pdf")
    with pytest.raises(ValidationError) as error:
        services.add_progress(occ, actor=accounts["officer"], percent=10, files=[fake])
    assert error.value.messages == [
        "Tệp “bao-cao.pdf” không phải là tệp PDF, DOCX, XLSX hoặc ảnh (JPG, PNG, WEBP, GIF). "
        "Hãy đính kèm minh chứng ở một trong các định dạng này."
    ]
    assert occ.entries.count() == 0


def test_evidence_size_limit(occ, accounts, settings):
    settings.DANVAN_EVIDENCE_MAX_BYTES = 10
    with pytest.raises(ValidationError) as error:
        services.add_progress(occ, actor=accounts["officer"], percent=10, files=[pdf()])
    assert error.value.messages[0].startswith("Tệp “bao-cao.pdf” có dung lượng")


def test_concurrent_edit_is_refused_with_a_clear_message(occ, accounts):
    seen = occ.version
    services.add_progress(occ, actor=accounts["officer"], percent=30, version=seen)
    with pytest.raises(ValidationError) as error:
        services.add_progress(
            Occurrence.objects.get(pk=occ.pk), actor=accounts["coordinator"], percent=60, version=seen
        )
    assert error.value.messages == [
        "Người khác vừa cập nhật công việc này trong lúc bạn đang nhập. "
        "Hãy tải lại trang, xem báo cáo của họ rồi nhập lại báo cáo của bạn."
    ]
    occ.refresh_from_db()
    assert occ.percent == 30


def test_coordinator_contribution_is_recorded_on_the_lead_occurrence(occ, accounts):
    entry = services.add_progress(
        occ, actor=accounts["other_officer"], text="Ban Tổ chức đã phối hợp tập huấn"
    )
    occ.refresh_from_db()
    assert (entry.kind, entry.unit.name, occ.percent) == (EntryKind.CONTRIBUTION, "Ban Tổ chức Tỉnh ủy", 0)
    assert list(
        Occurrence.objects.awaiting_contribution_from(accounts["other_officer"].org_unit)
        .filter(task=occ.task)
        .values_list("year", flat=True)
    ) == [2021, 2022, 2023, 2024]


def test_unrelated_body_cannot_report(occ):
    stranger = UserFactory()
    with pytest.raises(PermissionDenied):
        services.add_progress(occ, actor=stranger, percent=10)


def test_sql_outcome_matches_python(annual_task, accounts):
    today = date(2025, 6, 15)
    occs = list(annual_task.occurrences.order_by("year"))
    services.add_progress(occs[0], actor=accounts["officer"], percent=100, now=at(2021, 12, 31))
    services.add_progress(occs[1], actor=accounts["officer"], percent=100, now=at(2023, 1, 1))
    services.add_progress(occs[4], actor=accounts["officer"], percent=20, now=at(2025, 3, 1))
    rows = dict(
        Occurrence.objects.filter(task=annual_task)
        .annotate(o=outcome_expression(today))
        .values_list("year", "o")
    )
    assert rows == {o.year: Occurrence.objects.get(pk=o.pk).outcome_on(today).value for o in occs}
    assert rows == {
        2021: "done_on_time",
        2022: "done_late",
        2023: "overdue",
        2024: "overdue",
        2025: "in_progress",
    }


@pytest.fixture
def recipients(org_tree):
    return [
        UserFactory(username="ubnd1", email="ubnd1@example.vn", org_unit=org_tree["people"]),
        UserFactory(username="btc1", email="btc1@example.vn", org_unit=org_tree["organisation"]),
    ]


def test_reminders_before_due_overdue_and_never_twice(occ, recipients, accounts):
    run = services.send_reminders(today=date(2025, 12, 24))  # 7 days before 31/12
    assert [(r[1], r[2]) for r in run.sent if r[0] == occ.pk] == [
        (ReminderRule.BEFORE_DUE, f"occ{occ.pk}:before:7")
    ]
    sent_to = sorted(m.to[0] for m in mail.outbox if "Còn 7 ngày" in m.subject)
    assert sent_to == ["btc1@example.vn", "ubnd1@example.vn"]
    again = services.send_reminders(today=date(2025, 12, 24))
    assert [r for r in again.sent if r[0] == occ.pk] == []
    assert Reminder.objects.filter(occurrence=occ).count() == 1
    services.send_reminders(today=date(2026, 1, 1))
    services.send_reminders(today=date(2026, 1, 2))
    assert list(
        Reminder.objects.filter(occurrence=occ).order_by("sent_on").values_list("dedupe_key", flat=True)
    ) == [f"occ{occ.pk}:before:7", f"occ{occ.pk}:overdue:w0"]
    assert Notification.objects.filter(user=recipients[0], occurrence=occ).count() == 2


def test_unique_key_stops_a_second_send_even_when_the_check_is_raced(occ, recipients, monkeypatch):
    services.send_reminders(today=date(2025, 12, 30))
    before = len(mail.outbox)
    # Simulate a parallel worker that did not see the first record: the unique constraint wins.
    monkeypatch.setattr(services.Reminder.objects, "filter", lambda *a, **k: Reminder.objects.none())
    run = services.send_reminders(today=date(2025, 12, 30))
    monkeypatch.undo()
    assert run.sent == [] and len(mail.outbox) == before
    assert Reminder.objects.filter(occurrence=occ, rule=ReminderRule.BEFORE_DUE).count() == 1


def test_dry_run_sends_nothing(occ, recipients):
    run = services.send_reminders(today=date(2025, 12, 24), dry_run=True)
    assert len(run.sent) >= 1 and mail.outbox == [] and Reminder.objects.count() == 0


def test_weekly_digest_to_the_board(occ, accounts):
    services.send_reminders(today=date(2025, 6, 16))  # Monday
    services.send_reminders(today=date(2025, 6, 17))
    digests = Reminder.objects.filter(rule=ReminderRule.DIGEST)
    assert list(digests.values_list("dedupe_key", "recipients")) == [("digest:2025-W25", ["coordinator"])]


def test_manual_reminder_by_the_board(occ, recipients, accounts):
    reminder = services.send_manual_reminder(
        occ, actor=accounts["coordinator"], message="Đề nghị báo cáo trước 30/11"
    )
    assert reminder.recipients == ["officer", "ubnd1", "btc1", "other_officer"]
    assert "Đề nghị báo cáo trước 30/11" in mail.outbox[-1].body
    with pytest.raises(PermissionDenied):
        services.send_manual_reminder(occ, actor=accounts["officer"], message="x")


def test_calendar_feed_and_revocation(client, occ, accounts):
    feed = services.create_feed(actor=accounts["officer"], unit=accounts["officer"].org_unit)
    response = client.get(f"/tracking/calendar/{feed.token}.ics")
    body = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    assert body.count("BEGIN:VEVENT") == 5 and "DTSTART;VALUE=DATE:20251231" in body
    services.revoke_feed(feed, actor=accounts["officer"])
    assert client.get(f"/tracking/calendar/{feed.token}.ics").status_code == 404
    with pytest.raises(PermissionDenied):
        services.create_feed(actor=accounts["other_officer"], unit=accounts["officer"].org_unit)
    assert CalendarFeed.objects.count() == 1


def test_export_xlsx(annual_task, accounts):
    from openpyxl import load_workbook

    data = services.export_xlsx(Occurrence.objects.visible_to(accounts["officer"]), today=date(2025, 6, 15))
    rows = list(load_workbook(BytesIO(data)).active.iter_rows(values_only=True))
    assert rows[0][:4] == ("Kế hoạch", "Mục", "Nhiệm vụ", "Kỳ")
    assert len(rows) == 6 and rows[1][3] == "2021" and rows[1][7] == "Quá hạn"
