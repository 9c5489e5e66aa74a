import importlib
from datetime import date, datetime, timedelta
from io import StringIO
from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from danvan.citizens import services
from danvan.citizens.models import (
    Intake,
    MeetingItem,
    Petition,
    PetitionSender,
    RoutingRule,
    SenderAccess,
    TimeLimitRule,
    UnitHead,
)
from danvan.core.models import AuditEntry

D = date.fromisoformat


def register(org_tree, actor=None, **kw):
    data = dict(
        petition_type="complaint",
        channel="post",
        subject="Khiếu nại bồi thường",
        content="Tôi không đồng ý với mức bồi thường khi thu hồi đất của gia đình.",
        received_on=D("2025-09-03"),
        received_unit=org_tree["board"],
        sender={"full_name": "Nguyễn Văn Khiếu", "phone": "0912345678"},
        topic="compensation",
    )
    data.update(kw)
    return services.register_petition(actor=actor, **data)


def test_register_keeps_sender_apart_and_computes_limits(org_tree):
    p = register(org_tree)
    assert p.code.startswith("DV-") and len(p.code) == 12
    assert p.sender.full_name == "Nguyễn Văn Khiếu"
    assert p.sender_label == "Nguyễn Văn Khiếu"
    assert p.acceptance_due == D("2025-09-13")
    assert p.current_due == D("2025-09-13")


def test_register_denunciation_hides_label(org_tree):
    p = register(org_tree, petition_type="denunciation", sender={"full_name": "Trần Thị Tố"})
    assert p.sender_label == ""
    assert "tran thi to" not in p.search_text
    assert Petition.objects.search("Trần Thị Tố").count() == 0


def test_register_requires_a_name_unless_anonymous(org_tree):
    with pytest.raises(ValidationError) as err:
        register(org_tree, sender={})
    assert "họ và tên" in err.value.messages[0]
    p = register(org_tree, sender={}, is_anonymous=True, petition_type="feedback")
    assert p.is_anonymous and p.sender_label == ""


def test_old_address_is_mapped_to_todays_unit(org_tree, areas):
    p = register(org_tree, location_unit=areas["old"])
    assert p.location_unit == areas["tran_bien"]
    assert p.location_given == areas["old"]
    assert p.suggested_body == areas["committee"]


def test_routing_rule_beats_territory(org_tree, areas):
    RoutingRule.objects.create(topic="compensation", area=areas["tran_bien"], body=org_tree["interior"])
    p = register(org_tree, location_unit=areas["tran_bien"])
    assert p.suggested_body == org_tree["interior"]


def test_full_workflow_to_answer_document(org_tree, accounts):
    p = register(org_tree)
    services.classify_petition(
        p, petition_type="complaint", eligible=True, on=D("2025-09-04"), is_complex=True
    )
    assert p.status == "classified"
    accounts["officer"].email = "officer@example.vn"
    accounts["officer"].save()
    services.route_petition(p, body=org_tree["interior"], handler=accounts["officer"], on=D("2025-09-05"))
    assert p.status == "routed" and p.handling_path == org_tree["interior"].path
    services.accept_petition(p, actor=accounts["officer"], on=D("2025-09-10"))
    assert p.resolution_due == D("2025-10-25") and p.current_due == D("2025-10-25")
    services.answer_petition(
        p, number="12/TB-UBND", answered_on=D("2025-10-20"), public_answer="Đã giải quyết."
    )
    p.refresh_from_db()
    assert (p.status, p.answer_number, p.answer_date, p.current_due) == (
        "answered",
        "12/TB-UBND",
        D("2025-10-20"),
        None,
    )
    assert p.on_time() is True
    assert len(mail.outbox) == 1 and p.code in mail.outbox[0].body


def test_ineligible_letter_is_filed_with_reason(org_tree):
    p = register(org_tree)
    with pytest.raises(ValidationError):
        services.classify_petition(p, petition_type="complaint", eligible=False)
    services.classify_petition(p, petition_type="complaint", eligible=False, ineligible_reason="unsigned")
    assert p.status == "filed" and p.current_due is None


def test_complaint_sent_after_the_time_to_file_is_marked_late(org_tree):
    p = register(org_tree, received_on=D("2025-11-05"))
    complaint = dict(petition_type="complaint", eligible=True)
    services.classify_petition(p, **complaint, decision_known_on=D("2025-08-01"))
    rows = {row["step"]: row for row in services.deadline_table(p, D("2025-11-06"))}
    filing = rows["Thời hiệu khiếu nại"]
    assert (filing["deadline"].due, filing["done"]) == (D("2025-10-30"), D("2025-11-05"))
    assert filing["mark"] == "done_late"
    services.classify_petition(p, **complaint, decision_known_on=D("2025-09-01"))
    filing = services.deadline_table(p, D("2025-11-06"))[0]
    assert (filing["deadline"].due, filing["mark"]) == (D("2025-11-30"), "done_on_time")
    assert p.current_due == p.acceptance_due == D("2025-11-15")


def test_decision_day_after_receipt_is_refused_and_kept_only_for_complaints(org_tree):
    p = register(org_tree, received_on=D("2025-09-03"))
    with pytest.raises(ValidationError) as err:
        services.classify_petition(
            p, petition_type="complaint", eligible=True, decision_known_on=D("2025-09-04")
        )
    assert err.value.messages == [
        "Không thể nhận hoặc biết quyết định sau ngày nhận đơn (03/09/2025): kiểm tra lại ngày."
    ]
    p.refresh_from_db()
    assert (p.status, p.decision_known_on) == ("received", None)
    services.classify_petition(
        p, petition_type="recommendation", eligible=True, decision_known_on=D("2025-08-01")
    )
    assert p.decision_known_on is None
    assert "filing" not in services.shared_calendar().deadlines(p)


def test_denunciation_extension_at_most_twice(org_tree):
    p = register(org_tree, petition_type="denunciation")
    services.classify_petition(p, petition_type="denunciation", eligible=True, on=D("2025-09-04"))
    services.route_petition(p, body=org_tree["interior"], on=D("2025-09-05"))
    services.accept_petition(p, on=D("2025-09-15"))
    services.extend_petition(p)
    services.extend_petition(p)
    assert p.resolution_due == D("2025-12-14")
    with pytest.raises(ValidationError) as err:
        services.extend_petition(p)
    assert "tối đa hai lần" in err.value.messages[0]


def test_duplicates_detected_and_linked(org_tree):
    first = register(org_tree)
    second = register(org_tree, received_on=D("2025-09-10"), received_unit=org_tree["interior"])
    other = register(org_tree, sender={"full_name": "Lê Văn Khác"}, content="Đường ngập nước khi mưa lớn.")
    found = [p for p, _score in services.find_duplicates(second)]
    assert first in found and other not in found
    case_file = services.link_duplicates(second, [first])
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.case_file == second.case_file == case_file
    assert (first.is_duplicate, second.is_duplicate) == (False, True)
    third = register(org_tree, received_on=D("2025-09-20"))
    services.link_duplicates(third, [second])
    assert set(case_file.petitions.values_list("pk", flat=True)) == {first.pk, second.pk, third.pk}


def test_a_denunciation_is_matched_by_content_with_denunciations_only(org_tree, accounts):
    """The same citizen sends a recommendation and a denunciation on nearby matters: matching on the
    sender would suggest them together (72 %) and tell who the denouncer is, as would two denunciations
    of one sender (82 %). A denunciation meets other denunciations by content alone; linking across the
    protection is refused."""
    sender = {"full_name": "Trần Thị Cường", "phone": "0911222333"}
    recommendation = register(
        org_tree,
        petition_type="recommendation",
        content="Đề nghị xem xét việc cán bộ địa chính chậm làm hồ sơ đất cho dân.",
        sender=sender,
    )
    denunciation = register(
        org_tree,
        petition_type="denunciation",
        content="Tố cáo cán bộ địa chính nhận tiền để sửa hồ sơ đất.",
        sender=sender,
        received_on=D("2025-09-04"),
    )
    again = register(
        org_tree,
        petition_type="denunciation",
        content="Tố cáo cán bộ địa chính xã nhận tiền của dân khi làm hồ sơ.",
        sender=sender,
        received_on=D("2025-09-05"),
    )
    copy = register(
        org_tree,
        petition_type="denunciation",
        content=denunciation.content,
        sender={"full_name": "Người khác"},
        received_on=D("2025-09-06"),
    )
    assert services.find_duplicates(recommendation) == []
    assert services.find_duplicates(denunciation) == [(copy, 100)]
    assert services.find_duplicates(again) == []
    with pytest.raises(ValidationError) as refused:
        services.link_duplicates(recommendation, [denunciation])
    assert refused.value.messages == [
        "Đơn tố cáo chỉ được gộp hồ sơ vụ việc với đơn tố cáo khác: "
        "danh tính người tố cáo phải được giữ bí mật."
    ]
    assert Petition.objects.exclude(case_file=None).count() == 0


def test_a_petition_reclassified_across_the_protection_leaves_its_case_file(org_tree):
    first = register(org_tree)
    second = register(org_tree, received_on=D("2025-09-10"))
    third = register(org_tree, received_on=D("2025-09-12"))
    case_file = services.link_duplicates(third, [first, second])
    services.classify_petition(first, petition_type="denunciation", eligible=True)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.case_file, first.is_duplicate) == (None, False)
    assert (second.case_file, second.is_duplicate) == (case_file, False)  # now the earliest
    assert case_file.petitions.filter(is_duplicate=True).get() == third


def test_duplicates_found_among_thousands_of_petitions(org_tree):
    """Over 2,000 petitions on the same topic: the same sender's earlier petitions (by name, by e-mail)
    and a copy of the letter sent to another body the day before are all found."""
    filler = register(org_tree, received_on=D("2025-06-01"), sender={"full_name": "Lê Thị Khác"})
    Petition.objects.bulk_create(
        Petition(**{**_copyable(filler), "code": f"DV-F{i:08d}", "content": f"Đường xóm {i} ngập nước."})
        for i in range(2100)
    )
    by_name = register(org_tree, received_on=D("2024-10-01"), sender={"full_name": "NGUYEN VAN KHIEU"})
    by_email = register(
        org_tree, received_on=D("2024-11-01"), sender={"full_name": "Ông Khiếu", "email": "Khieu@Example.vn"}
    )
    copy = register(
        org_tree,
        received_on=D("2025-09-02"),
        received_unit=org_tree["interior"],
        sender={"full_name": "Trần Văn Gửi Hộ"},
    )
    petition = register(org_tree, sender={"full_name": "Nguyễn Văn Khiếu", "email": "khieu@example.vn"})
    found = {p.pk for p, _score in services.find_duplicates(petition)}
    assert found == {by_name.pk, by_email.pk, copy.pk}


def _copyable(petition: Petition) -> dict:
    return {
        f.attname: getattr(petition, f.attname)
        for f in Petition._meta.concrete_fields
        if f.attname not in ("id", "code")
    }


def test_sender_name_key_is_kept_and_filled_on_upgrade(org_tree, accounts):
    p = register(org_tree, sender={"full_name": "  Trần  Thị Tố "})
    assert p.sender.name_key == "tran thi to"
    services.update_sender(p, actor=accounts["coordinator"], full_name="Đỗ Văn Đạt")
    assert PetitionSender.objects.get(petition=p).name_key == "do van dat"
    PetitionSender.objects.update(name_key="")
    upgrade = importlib.import_module("danvan.citizens.migrations.0007_sender_lookup")
    upgrade.fill_name_keys(django_apps, None)
    assert PetitionSender.objects.get(petition=p).name_key == "do van dat"


def test_sender_of_denunciation_only_for_handler_and_head(org_tree, accounts):
    p = register(org_tree, petition_type="denunciation", sender={"full_name": "Trần Thị Tố"})
    for name in ("coordinator", "leader", "reception", "admin"):
        with pytest.raises(PermissionDenied):
            services.reveal_sender(p, actor=accounts[name])
    p.handler = accounts["officer"]
    p.save()
    assert services.reveal_sender(p, actor=accounts["officer"]).full_name == "Trần Thị Tố"
    UnitHead.objects.create(unit=org_tree["board"], user=accounts["leader"])
    assert services.reveal_sender(p, actor=accounts["leader"]).full_name == "Trần Thị Tố"
    assert list(SenderAccess.objects.values_list("actor_label", "action")) == [
        ("leader", "view"),
        ("officer", "view"),
    ]


def test_sender_of_complaint_visible_to_staff_in_scope(org_tree, accounts):
    p = register(org_tree)
    assert services.reveal_sender(p, actor=accounts["coordinator"]).full_name == "Nguyễn Văn Khiếu"
    with pytest.raises(PermissionDenied):
        services.reveal_sender(p, actor=accounts["other_officer"])


def test_meeting_item_followed_to_resolution(org_tree):
    from danvan.citizens.models import Meeting

    meeting = Meeting.objects.create(
        kind="voter_contact",
        title="TXCT",
        held_on=D("2025-10-01"),
        place="Xã A",
        unit=org_tree["board"],
        hosts="Đại biểu HĐND",
    )
    item = MeetingItem.objects.create(meeting=meeting, kind="recommendation", content="Sửa đường")
    with pytest.raises(ValidationError):
        services.record_item_progress(item, status="resolved")
    services.record_item_progress(item, status="resolved", answer="Đã sửa xong", resolved_on=D("2025-11-01"))
    assert item.status == "resolved" and item.resolved_on == D("2025-11-01")


def test_statistics_counts_and_on_time(org_tree, areas):
    for i in range(3):
        p = register(org_tree, location_unit=areas["trang_bom"], received_on=D("2025-09-03"))
        services.classify_petition(p, petition_type="complaint", eligible=True, on=D("2025-09-04"))
        services.route_petition(p, body=org_tree["interior"], on=D("2025-09-04"))
        services.accept_petition(p, on=D("2025-09-05"))
        services.answer_petition(p, number=f"{i}/TB", answered_on=D("2025-10-01") if i else D("2025-11-30"))
    register(org_tree, petition_type="feedback", topic="environment")
    stats = services.statistics(Petition.objects.all(), today=D("2025-10-15"))
    assert stats.total == 4
    assert {r["key"]: r["n"] for r in stats.by_type} == {"complaint": 3, "feedback": 1}
    assert stats.on_time == [{"body": "Sở Nội vụ", "n": 3, "ok": 2, "rate": 67}]
    assert stats.by_area == [{"key": "Xã Trảng Bom", "n": 3}]
    assert stats.hot_spots == [{"key": "Xã Trảng Bom", "recent": 3, "previous": 0}]


def test_submission_quota_per_address(org_tree, settings):
    settings.CITIZENS_SUBMIT_LIMIT = 2
    settings.CITIZENS_SUBMIT_WINDOW = 3600
    start = timezone.make_aware(datetime(2025, 9, 3, 8, 0))

    def submit(address, minutes):
        now = start + timedelta(minutes=minutes)
        return services.receive_submission(address=address, now=now, **SUBMISSION)

    first, second = submit("10.0.0.1", 0), submit("10.0.0.1", 10)
    with pytest.raises(services.TooManySubmissions):
        submit("10.0.0.1", 30)
    other = submit("10.0.0.2", 30)
    # A sliding window: an hour after the first submission one place is free again, and only one.
    later = submit("10.0.0.1", 61)
    with pytest.raises(services.TooManySubmissions):
        submit("10.0.0.1", 62)
    # Staff entering a petition on a citizen's behalf are not limited.
    staff = [services.receive_submission(address=None, now=start, **SUBMISSION) for _ in range(3)]
    # The request stores intakes only, each whole (its payload and code); the worker registers them.
    stored = {i.code: i for i in Intake.objects.all()}
    assert set(stored) == {i.code for i in (first, second, other, later, *staff)}
    kept = stored[later.code]
    assert (kept.payload, kept.received_at) == (later.payload, later.received_at)
    assert kept.address_hash == services.address_key("10.0.0.1") != stored[other.code].address_hash
    assert not Petition.objects.exists()


SUBMISSION = {
    "channel": "portal",
    "petition_type": "denunciation",
    "subject": "Tố cáo cán bộ thu tiền",
    "content": "Cán bộ địa chính xã thu tiền khi nhận hồ sơ.",
    "topic": "officials",
    "sender": {"full_name": "Đỗ Văn Tố", "email": "to@example.vn"},
}


def test_intake_is_registered_later_with_its_code_and_received_day(org_tree):
    received = timezone.make_aware(datetime(2025, 9, 3, 23, 50))
    intake = services.receive_submission(address="10.0.0.9", now=received, **SUBMISSION)
    # Before the worker registers it the citizen can follow the code: "Received", nothing else.
    pending = services.find_by_code(intake.code)
    assert (pending.pk, pending.code, pending.get_status_display(), pending.received_on) == (
        None,
        intake.code,
        "Đã nhận",
        D("2025-09-03"),
    )
    assert not Petition.objects.exists() and len(mail.outbox) == 0
    # The worker registers it the next day: the time limits still count from the day of receipt.
    petition = services.process_intake(intake.pk, now=received + timedelta(hours=1))
    assert (petition.code, petition.channel, petition.received_on) == (intake.code, "portal", D("2025-09-03"))
    assert petition.created_at == received
    assert petition.received_unit == org_tree["board"] and petition.sender.full_name == "Đỗ Văn Tố"
    assert petition.classification_due == D("2025-09-12")  # 7 working days from Wed 3/9, not from 4/9
    assert (
        len(mail.outbox) == 1
        and intake.code in mail.outbox[0].body
        and "Đỗ Văn Tố" not in mail.outbox[0].body
    )
    intake.refresh_from_db()
    # The identity is now only in PetitionSender; the intake keeps code, time and address hash.
    assert intake.payload == {} and intake.petition == petition and intake.attempts == 1
    assert AuditEntry.objects.for_object(petition).get().actor_label == "system"


def test_processing_twice_makes_one_petition(org_tree):
    intake = services.receive_submission(address="10.0.0.9", **SUBMISSION)
    first = services.process_intake(intake.pk)
    again = services.process_intake(intake.pk)
    assert first == again and Petition.objects.count() == 1 and len(mail.outbox) == 1


@pytest.fixture
def watch_intakes(monkeypatch):
    """The watcher's loop, keeping the test's connection (and its transaction) open between turns."""
    from danvan.citizens import tasks

    monkeypatch.setattr(tasks, "close_old_connections", lambda: None)
    return tasks.watch_intakes


def test_watcher_registers_waiting_intakes_each_turn_until_stopped(org_tree, watch_intakes):
    """The worker's intake watcher: each turn registers what is waiting; it stops when told."""

    received, seen = [], []

    def wait(timeout):  # stands for stop.wait(): a submission arrives before each of two turns
        seen.append(set(Petition.objects.values_list("code", flat=True)))
        if len(received) == 2:
            return True
        n = len(received)
        received.append(
            services.receive_submission(address=f"10.0.0.{n}", **SUBMISSION | {"subject": f"Đơn {n}"})
        )
        return False

    watch_intakes(SimpleNamespace(wait=wait), interval=0)
    first, second = (intake.code for intake in received)
    assert seen == [set(), {first}, {first, second}]
    entries = AuditEntry.objects.for_object(Petition.objects.get(code=first))
    assert {entry.actor_label for entry in entries} == {"job"}


def test_watcher_survives_a_failing_round(org_tree, monkeypatch, caplog, watch_intakes):
    calls, stops = [], iter([False, False, True])

    def fail(**kwargs):
        calls.append(kwargs)
        raise RuntimeError("database is locked")

    monkeypatch.setattr(services, "process_pending_intakes", fail)
    watch_intakes(SimpleNamespace(wait=lambda timeout: next(stops)), interval=0)
    assert len(calls) == 2
    assert caplog.messages.count("Registering online submissions failed; trying again in 0 s.") == 2


def test_process_command_registers_waiting_submissions(org_tree):
    intake = services.receive_submission(address="10.0.0.9", **SUBMISSION)
    out = StringIO()
    call_command("process_petitions", stdout=out)
    assert out.getvalue().strip() == "Online submissions: 1 registered, 0 failed."
    assert Petition.objects.get().code == intake.code
    call_command("process_petitions", stdout=out)
    assert out.getvalue().strip().endswith("Online submissions: 0 registered, 0 failed.")


def test_job_links_the_same_letter_sent_twice(org_tree):
    first = services.submit_public(**SUBMISSION)
    second = services.submit_public(**SUBMISSION)
    first.refresh_from_db()
    assert first.case_file_id == second.case_file_id is not None
    assert (first.is_duplicate, second.is_duplicate) == (False, True)


def test_job_links_by_name_only_what_staff_confirm(org_tree):
    """Two citizens named Nguyễn Văn An write about land within a month: the job does not put them in
    one case file on the name alone; staff are offered the match. The same telephone links them."""
    letter = {k: v for k, v in SUBMISSION.items() if k not in ("content", "sender")}
    letter |= {"petition_type": "complaint", "topic": "land"}
    first = services.submit_public(
        **letter,
        content="Đề nghị xem xét lại việc cấp giấy chứng nhận quyền sử dụng đất cho gia đình tôi ở ấp 2.",
        sender={"full_name": "Nguyễn Văn An", "phone": "0911000001"},
    )
    other = services.submit_public(
        **letter,
        content="Khiếu nại việc chậm cấp giấy chứng nhận quyền sử dụng đất cho thửa đất ở ấp 5, xã Phú Lý.",
        sender={"full_name": "Nguyễn Văn An", "phone": "0911000002"},
    )
    assert other.case_file_id is None
    assert services.find_duplicates(other) == [(first, 76)]
    same_phone = services.submit_public(
        **letter,
        content="Tôi khiếu nại việc cấp giấy chứng nhận quyền sử dụng đất cho gia đình tôi ở ấp 2 chưa đúng.",
        sender={"full_name": "Nguyễn V. An", "phone": "0911000001"},
    )
    first.refresh_from_db()
    assert same_phone.case_file_id == first.case_file_id is not None


def test_search_index_follows_changes_and_never_holds_a_denouncer(org_tree):
    """Word-prefix search through the index (FTS5 on SQLite, pg_trgm on PostgreSQL), kept in step with
    the table; once a petition is classified as a denunciation its sender is no longer findable."""
    p = register(org_tree, petition_type="recommendation")
    assert list(Petition.objects.search("Nguyễn Văn")) == [p]
    assert list(Petition.objects.search("bồi thư")) == [p]
    assert list(Petition.objects.search(p.code[3:7].lower())) == [p]
    assert list(Petition.objects.search("đất")) == []
    services.classify_petition(p, petition_type="denunciation", eligible=True)
    assert list(Petition.objects.search("Nguyễn Văn")) == []
    assert list(Petition.objects.search("khiếu nại")) == [p]
    Petition.objects.filter(pk=p.pk).delete()
    assert list(Petition.objects.search("khiếu nại")) == []


def test_worker_start_registers_waiting_submissions(org_tree, monkeypatch):
    from danvan.core.management.commands import worker

    calls, real_call = [], worker.call_command

    def call(name, *args, **kwargs):  # the job loop itself is not run inside a test transaction
        calls.append((name, kwargs.get("batch")))
        if name != "db_worker":
            real_call(name, *args, **kwargs)

    monkeypatch.setattr(worker, "call_command", call)
    intake = services.receive_submission(address="10.0.0.9", **SUBMISSION)
    out = StringIO()
    call_command("worker", "--no-schedule", "--batch", stdout=out)
    assert calls == [("process_petitions", None), ("db_worker", True)]
    assert "Online submissions: 1 registered, 0 failed." in out.getvalue()
    assert Petition.objects.get().code == intake.code


def test_handler_is_reminded_before_and_after_the_time_limit_once_without_the_sender(org_tree, accounts):
    from danvan.tracking.models import Notification, Reminder

    p = register(org_tree, petition_type="denunciation", sender={"full_name": "Trần Văn Tố", "phone": "0900"})
    services.classify_petition(p, petition_type="denunciation", eligible=True, on=D("2025-09-04"))
    accounts["officer"].email = "officer@example.vn"
    accounts["officer"].save()
    services.route_petition(p, body=org_tree["interior"], handler=accounts["officer"], on=D("2025-09-05"))
    p.refresh_from_db()
    due = p.current_due
    mail.outbox.clear()
    day_before = date.fromordinal(due.toordinal() - 1)
    assert services.send_petition_reminders(today=day_before) == 1
    assert services.send_petition_reminders(today=day_before) == 0  # never twice
    assert services.send_petition_reminders(today=date.fromordinal(due.toordinal() + 1)) == 1  # overdue
    assert Reminder.objects.filter(dedupe_key__startswith=f"pet{p.pk}:").count() == 2
    assert Notification.objects.filter(user=accounts["officer"]).count() >= 2
    assert [m.to for m in mail.outbox] == [["officer@example.vn"], ["officer@example.vn"]]
    for message in mail.outbox:
        assert p.code in message.subject and "Trần Văn Tố" not in message.subject + message.body


def test_tracking_codes_are_drawn_from_the_unambiguous_alphabet():
    import re

    codes = {services.new_tracking_code() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(re.fullmatch(r"DV-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}", code) for code in codes)
    # Each byte maps to one letter; the mapping is uniform only while the alphabet divides 256.
    assert 256 % len(services.CODE_ALPHABET) == 0
    assert set("".join(codes).replace("DV-", "").replace("-", "")) == set(services.CODE_ALPHABET)


def test_submissions_land_at_the_mass_mobilization_board_of_the_home_province(org_tree, settings):
    """The reference data holds the central bodies and other boards too: without a configured key the
    Board of the installation's own province receives, not the first "Dân vận" board in the tree."""
    from danvan.citizens.deadlines import forget_shared_calendar
    from danvan.orgs import services as orgs
    from danvan.orgs.choices import OrgKind

    province = org_tree["province"]
    province.code = "75"
    province.save()
    home = orgs.create_unit(
        key="t-home-bdv",
        kind=OrgKind.PARTY_BOARD,
        name="Ban Tuyên giáo và Dân vận Tỉnh ủy Đồng Nai",
        parent=org_tree["committee"],
        territory=province,
    )
    central = orgs.create_unit(key="t-tw", kind=OrgKind.GROUP, name="Trung ương")
    orgs.create_unit(
        key="t-tw-bdv", kind=OrgKind.PARTY_BOARD, name="Ban Tuyên giáo và Dân vận Trung ương", parent=central
    )
    settings.DANVAN_HOME_PROVINCE_CODE = "75"
    assert services.default_receiving_unit() == home

    forget_shared_calendar()
    settings.DANVAN_HOME_PROVINCE_CODE = "01"  # an installation whose province has no board here
    assert services.default_receiving_unit() == org_tree["board"]  # the first "Dân vận" board

    forget_shared_calendar()
    settings.CITIZENS_RECEIVING_UNIT_KEY = "t-snv"
    assert services.default_receiving_unit() == org_tree["interior"]


def _amended_complaint_acceptance() -> TimeLimitRule:
    return TimeLimitRule.objects.get(
        petition_type="complaint", step="acceptance", complaint_track="first", valid_from=D("2026-07-01")
    )


def test_a_checked_rule_is_changed_and_open_petitions_follow(org_tree, accounts):
    """Once the amended figure is checked, the Board changes it: open complaints received under it are
    recomputed, those under the old law are not, and a figure of zero days is refused."""
    under_amendment = register(org_tree, received_on=D("2026-07-01"))
    under_old_law = register(org_tree, received_on=D("2026-06-20"))
    assert (under_amendment.acceptance_due, under_amendment.current_due) == (D("2026-07-11"), D("2026-07-11"))
    rule = _amended_complaint_acceptance()
    with pytest.raises(PermissionDenied):
        services.change_time_limit_rule(rule, actor=accounts["reception"], days=15)
    changed = services.change_time_limit_rule(
        rule, actor=accounts["coordinator"], days=15, verify=False, note="Đã đối chiếu văn bản."
    )
    assert changed == 1
    under_amendment.refresh_from_db()
    under_old_law.refresh_from_db()
    assert (under_amendment.acceptance_due, under_amendment.current_due) == (D("2026-07-16"), D("2026-07-15"))
    assert under_old_law.acceptance_due == D("2026-06-30")
    with pytest.raises(ValidationError) as err:
        services.change_time_limit_rule(rule, actor=accounts["coordinator"], days=0)
    assert err.value.messages == ["Thời hạn phải ít nhất một ngày."]
    rule.refresh_from_db()
    assert (rule.days, rule.verify, rule.note) == (15, False, "Đã đối chiếu văn bản.")


def test_reloading_the_rules_recomputes_open_petitions(org_tree):
    """A rule changed in the database (20 days) is set back to the shipped figure (10 days)."""
    petition = register(org_tree, received_on=D("2026-07-01"))
    TimeLimitRule.objects.filter(pk=_amended_complaint_acceptance().pk).update(days=20)
    services.recompute_open_deadlines()
    petition.refresh_from_db()
    assert petition.acceptance_due == D("2026-07-21")
    out = StringIO()
    call_command("load_time_limits", stdout=out)
    assert out.getvalue().strip() == (
        "Time-limit rules: 0 created, 68 updated, 0 kept as the Board changed them; "
        "due dates changed on 1 open petition(s)."
    )
    petition.refresh_from_db()
    assert petition.acceptance_due == D("2026-07-11")


def test_reloading_the_rules_keeps_the_boards_correction_unless_told(org_tree, accounts):
    """The Board checked the amended figure (15 days): loading the shipped table again keeps it, and
    only --overwrite-changes sets it back to the table's 10 days."""
    petition = register(org_tree, received_on=D("2026-07-01"))
    rule = _amended_complaint_acceptance()
    services.change_time_limit_rule(rule, actor=accounts["coordinator"], days=15, verify=False)
    out = StringIO()
    call_command("load_time_limits", stdout=out)
    assert out.getvalue().strip() == (
        "Time-limit rules: 0 created, 67 updated, 1 kept as the Board changed them; "
        "due dates changed on 0 open petition(s)."
    )
    rule.refresh_from_db()
    assert (rule.days, rule.verify, rule.changed_in_app) == (15, False, True)
    out = StringIO()
    call_command("load_time_limits", "--overwrite-changes", stdout=out)
    assert out.getvalue().strip() == (
        "Time-limit rules: 0 created, 68 updated, 0 kept as the Board changed them; "
        "due dates changed on 1 open petition(s)."
    )
    rule.refresh_from_db()
    assert (rule.days, rule.verify, rule.changed_in_app) == (10, True, False)
    petition.refresh_from_db()
    assert petition.acceptance_due == D("2026-07-11")


def test_saving_a_rule_unchanged_does_not_mark_it_changed(org_tree, accounts):
    rule = _amended_complaint_acceptance()
    services.change_time_limit_rule(rule, actor=accounts["coordinator"], days=rule.days, note=rule.note)
    rule.refresh_from_db()
    assert rule.changed_in_app is False


def test_a_new_version_of_a_time_limit_applies_from_its_day(org_tree, accounts):
    """An amendment from 01/11/2026 sets 7 days: a complaint received after it follows the new version,
    one received before keeps the current one, which now ends on 31/10/2026."""
    after = register(org_tree, received_on=D("2026-11-03"))
    before = register(org_tree, received_on=D("2026-10-20"))
    assert (after.acceptance_due, before.acceptance_due) == (D("2026-11-13"), D("2026-10-30"))
    rule = _amended_complaint_acceptance()
    with pytest.raises(PermissionDenied):
        services.add_time_limit_version(rule, actor=accounts["reception"], valid_from=D("2026-11-01"), days=7)
    version, changed = services.add_time_limit_version(
        rule, actor=accounts["coordinator"], valid_from=D("2026-11-01"), days=7, verify=False
    )
    assert changed == 1
    rule.refresh_from_db()
    assert (rule.valid_from, rule.valid_to, rule.days) == (D("2026-07-01"), D("2026-10-31"), 10)
    assert (version.key, version.valid_from, version.valid_to) == (
        "complaint-acceptance-first-20261101",
        D("2026-11-01"),
        None,
    )
    assert (version.days, version.unit, version.counted_from) == (7, "calendar", "received")
    assert version.verify is False
    assert version.legal_basis == rule.legal_basis and version.note == rule.note
    after.refresh_from_db()
    before.refresh_from_db()
    assert (after.acceptance_due, before.acceptance_due) == (D("2026-11-10"), D("2026-10-30"))


@pytest.mark.parametrize(
    ("valid_from", "message"),
    [
        ("2026-07-01", "Phiên bản mới phải bắt đầu sau ngày 01/07/2026, ngày phiên bản này bắt đầu."),
        ("2026-06-15", "Phiên bản mới phải bắt đầu sau ngày 01/07/2026, ngày phiên bản này bắt đầu."),
    ],
)
def test_a_new_version_must_start_after_the_current_one(accounts, statutory_rules, valid_from, message):
    rule = _amended_complaint_acceptance()
    with pytest.raises(ValidationError) as err:
        services.add_time_limit_version(rule, actor=accounts["coordinator"], valid_from=D(valid_from), days=7)
    assert err.value.message_dict == {"valid_from": [message]}
    assert TimeLimitRule.objects.filter(key__startswith="complaint-acceptance-first-").count() == 2


def test_a_new_version_of_a_closed_version_must_fall_within_it(accounts, statutory_rules):
    """The rule of the law before its amendment ends on 30/06/2026: a version from August belongs to the
    amended rule, and a version inside its validity splits it without overlapping the amended one."""
    old_law = TimeLimitRule.objects.get(key="complaint-acceptance-first-20120701")
    with pytest.raises(ValidationError) as err:
        services.add_time_limit_version(
            old_law, actor=accounts["coordinator"], valid_from=D("2026-08-01"), days=7
        )
    assert err.value.message_dict == {
        "valid_from": [
            "Phiên bản này kết thúc ngày 30/06/2026 và đã có phiên bản sau: hãy thêm phiên bản mới từ phiên "
            "bản đó."
        ]
    }
    version, _changed = services.add_time_limit_version(
        old_law, actor=accounts["coordinator"], valid_from=D("2026-01-01"), days=7
    )
    old_law.refresh_from_db()
    assert (old_law.valid_to, version.valid_from, version.valid_to) == (
        D("2025-12-31"),
        D("2026-01-01"),
        D("2026-06-30"),
    )


def test_reloading_the_rules_keeps_a_version_added_by_the_board(org_tree, accounts):
    """The shipped table knows nothing of the Board's version from 01/11/2026: loading it again must not
    reopen the version it replaced."""
    petition = register(org_tree, received_on=D("2026-11-03"))
    rule = _amended_complaint_acceptance()
    version, _changed = services.add_time_limit_version(
        rule, actor=accounts["coordinator"], valid_from=D("2026-11-01"), days=7
    )
    out = StringIO()
    call_command("load_time_limits", stdout=out)
    assert out.getvalue().strip() == (
        "Time-limit rules: 0 created, 68 updated, 0 kept as the Board changed them; "
        "due dates changed on 0 open petition(s)."
    )
    rule.refresh_from_db()
    version.refresh_from_db()
    assert (rule.valid_to, version.days, version.changed_in_app) == (D("2026-10-31"), 7, True)
    petition.refresh_from_db()
    assert petition.acceptance_due == D("2026-11-10")
