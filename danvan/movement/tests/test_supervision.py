from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse

from danvan.core.models import AuditEntry
from danvan.movement.models import Recommendation
from danvan.movement.services import supervision as services
from danvan.tracking.models import Notification, Reminder

pytestmark = pytest.mark.django_db


def _programme(actor, front, **extra):
    values = dict(
        year=2025,
        subject="Giám sát thực hiện chính sách bảo hiểm y tế",
        organization=front,
        scope="Việc cấp thẻ bảo hiểm y tế cho hộ cận nghèo.",
    )
    values.update(extra)
    return services.create_programme(actor=actor, **values)


def _rec(programme, actor, unit, due, text="Cấp đủ thẻ bảo hiểm y tế cho hộ cận nghèo"):
    return services.add_recommendation(programme, actor=actor, text=text, addressed_to=unit, due_date=due)


def test_recommendation_lifecycle(accounts, org_tree, front, front_officer):
    programme = _programme(front_officer, front, supervised_units=[org_tree["people"]])
    rec = _rec(programme, front_officer, org_tree["people"], date(2025, 9, 30))
    assert rec.status == "open"
    # only the addressed body (UBND's officer; the Board too) may answer; the Front judges the answer
    with pytest.raises(PermissionDenied):
        services.answer_recommendation(rec, actor=accounts["other_officer"], answer="Đã làm")
    with pytest.raises(ValidationError) as error:
        services.resolve_recommendation(rec, actor=front_officer)
    assert error.value.messages == ["Chỉ kiến nghị đã được trả lời mới có thể đánh dấu là đã giải quyết."]
    with pytest.raises(ValidationError) as error:
        services.answer_recommendation(rec, actor=accounts["officer"], answer="  ")
    assert error.value.message_dict == {"answer": ["Hãy nhập nội dung trả lời kiến nghị."]}
    services.answer_recommendation(
        rec, actor=accounts["officer"], answer="Đã cấp 1.200 thẻ.", now=_at(2025, 9, 20)
    )
    rec.refresh_from_db()
    assert (rec.status, rec.answered_on, rec.answered_by) == (
        "answered",
        date(2025, 9, 20),
        accounts["officer"],
    )
    with pytest.raises(PermissionDenied):
        services.resolve_recommendation(rec, actor=accounts["officer"])  # the addressed body cannot close it
    services.reopen_recommendation(
        rec, actor=front_officer, note="Còn 300 hộ chưa có thẻ.", due_date=date(2025, 12, 15)
    )
    rec.refresh_from_db()
    assert (rec.status, rec.due_date) == ("open", date(2025, 12, 15))
    services.answer_recommendation(rec, actor=accounts["officer"], answer="Đã cấp đủ.", now=_at(2025, 12, 1))
    services.resolve_recommendation(rec, actor=front_officer, note="Đạt yêu cầu.", now=_at(2025, 12, 5))
    rec.refresh_from_db()
    assert (rec.status, rec.resolved_on) == ("resolved", date(2025, 12, 5))
    with pytest.raises(ValidationError):
        services.answer_recommendation(rec, actor=accounts["officer"], answer="Thêm")
    statuses = [e.changes for e in AuditEntry.objects.for_object(rec).order_by("at", "id")]
    assert len(statuses) == 5  # created, answered, sent back, answered again, resolved: each audited
    assert any(c["field"] == "status" and c["new"] == "resolved" for c in statuses[-1])


def _at(y, m, d):
    from datetime import datetime

    from django.utils import timezone

    return timezone.make_aware(datetime(y, m, d, 10, 0))


def test_overdue_reminders_are_sent_once_by_mail_and_in_app(
    accounts, org_tree, front, front_officer, settings
):
    settings.DANVAN_REMINDER_DAYS_BEFORE = (7, 1)
    accounts["officer"].email = "ubnd@example.invalid"
    accounts["officer"].save()
    programme = _programme(front_officer, front)
    late = _rec(programme, front_officer, org_tree["people"], date(2025, 6, 30))
    answered = _rec(
        programme, front_officer, org_tree["people"], date(2025, 6, 30), text="Công khai danh sách"
    )
    services.answer_recommendation(answered, actor=accounts["officer"], answer="Đã công khai")
    run = services.send_recommendation_reminders(today=date(2025, 7, 1))
    key = f"mvrec{late.pk}:20250630:overdue:w0"
    assert [(r, rule, k) for r, rule, k, _n in run.sent] == [(late.pk, "overdue", key)]
    reminder = Reminder.objects.get(dedupe_key=key)
    assert reminder.occurrence is None and reminder.recipients == ["officer", "front"]
    assert sorted(m.to[0] for m in mail.outbox) == ["mttq@example.invalid", "ubnd@example.invalid"]
    assert mail.outbox[0].subject.startswith("Kiến nghị quá hạn 1 ngày")
    note = Notification.objects.get(user=accounts["officer"])
    assert note.url == late.get_absolute_url() and note.occurrence is None
    # a second run the same day (or a parallel worker) sends nothing
    again = services.send_recommendation_reminders(today=date(2025, 7, 1))
    assert (again.sent, again.skipped) == ([], 1)
    assert len(mail.outbox) == 2
    # a week later: the next weekly overdue reminder
    week = services.send_recommendation_reminders(today=date(2025, 7, 8))
    assert [k for _r, _rule, k, _n in week.sent] == [f"mvrec{late.pk}:20250630:overdue:w1"]
    assert list(services.reminders_for(late).values_list("dedupe_key", flat=True)) == [
        f"mvrec{late.pk}:20250630:overdue:w1",
        key,
    ]


def test_reminder_before_the_due_date_and_command_dry_run(accounts, org_tree, front, front_officer, settings):
    settings.DANVAN_REMINDER_DAYS_BEFORE = (7, 1)
    rec = _rec(_programme(front_officer, front), front_officer, org_tree["people"], date(2025, 6, 30))
    call_command("send_recommendation_reminders", "--dry-run", "--date", "2025-06-23")
    assert not Reminder.objects.exists()
    run = services.send_recommendation_reminders(today=date(2025, 6, 23))
    assert [(rule, k) for _r, rule, k, _n in run.sent] == [("before_due", f"mvrec{rec.pk}:20250630:before:7")]
    assert Reminder.objects.get().recipients == ["officer"]  # before the deadline: the addressed body only


def test_scope_of_programmes_and_recommendations(client, accounts, org_tree, front, front_officer):
    programme = _programme(front_officer, front)
    rec = _rec(programme, front_officer, org_tree["interior"], date(2025, 6, 30))
    assert list(Recommendation.objects.visible_to(accounts["officer"])) == [rec]  # Sở Nội vụ is under UBND
    assert list(Recommendation.objects.visible_to(accounts["other_officer"])) == []
    client.force_login(accounts["other_officer"])
    assert client.get(rec.get_absolute_url()).status_code == 404
    assert client.get(programme.get_absolute_url()).status_code == 404
    client.force_login(accounts["reception"])
    assert client.get(reverse("movement:supervision_list")).status_code == 403
    with pytest.raises(ValidationError) as error:
        _programme(accounts["officer"], front)
    assert error.value.message_dict == {
        "organization": ["Chỉ được ghi nhận cho đơn vị mình hoặc đơn vị trực thuộc."]
    }


def test_answer_over_http_and_overdue_on_the_overview(client, accounts, org_tree, front, front_officer):
    programme = _programme(front_officer, front, year=2020)
    rec = _rec(programme, front_officer, org_tree["people"], date(2020, 6, 30))
    client.force_login(accounts["leader"])
    html = client.get(reverse("movement:index") + "?year=2020").content.decode()
    assert "Kiến nghị quá hạn chưa được trả lời" in html and "Cấp đủ thẻ bảo hiểm y tế" in html
    client.force_login(accounts["officer"])
    response = client.post(
        reverse("movement:recommendation_answer", args=[rec.pk]), {"answer": "Đã cấp thẻ."}, follow=True
    )
    assert "Đã ghi nhận văn bản trả lời." in response.content.decode()
    client.force_login(accounts["leader"])
    assert "Cấp đủ thẻ bảo hiểm y tế" not in client.get(reverse("movement:index")).content.decode()


def test_social_criticism(accounts, front, front_officer, org_tree):
    criticism = services.create_criticism(
        actor=front_officer,
        year=2025,
        draft_title="Dự thảo Nghị quyết về hỗ trợ hộ nghèo",
        organization=front,
        requesting_body=org_tree["people"],
        comments_due=date(2025, 5, 10),
        comments="Đề nghị nâng mức hỗ trợ.",
        comments_sent_on=date(2025, 5, 8),
        uptake="taken_up",
    )
    with pytest.raises(PermissionDenied):
        services.update_criticism(criticism, actor=accounts["other_officer"], uptake="not_taken_up")
    assert criticism.get_uptake_display() == "Đã tiếp thu"


def test_overdue_recommendation_on_the_leaders_dashboard(client, accounts, org_tree, front, front_officer):
    today = date.today()
    programme = _programme(front_officer, front, year=today.year)
    _rec(programme, front_officer, org_tree["people"], date.fromordinal(today.toordinal() - 1))
    client.force_login(accounts["leader"])
    html = client.get(reverse("tracking:dashboard")).content.decode()
    assert "Cấp đủ thẻ bảo hiểm y tế cho hộ cận nghèo" in html


def test_daily_reminder_job_also_reminds_of_recommendations(accounts, org_tree, front, front_officer):
    from danvan.tracking.tasks import send_daily_reminders

    programme = _programme(front_officer, front, year=2025)
    rec = _rec(programme, front_officer, org_tree["people"], date(2025, 3, 31))
    send_daily_reminders.call(day="2025-04-01", reschedule=False)
    assert Reminder.objects.filter(dedupe_key__startswith=f"mvrec{rec.pk}:").count() == 1
