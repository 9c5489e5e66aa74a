"""The statutory time limits of ../shared/domain.md §1, computed from the dated rules.

Each case: type, received date, flags → expected due dates. Working days skip weekends and the
holidays of the `holidays` fixture (1–2/9/2025, 30/4–1/5/2026).
"""

from datetime import date

import pytest

from danvan.citizens.deadlines import Calendar
from danvan.citizens.models import Holiday, Petition, TimeLimitRule

D = date.fromisoformat

CASES = [
    # id, type, channel, received, accepted, flags, expected {field: due}
    (
        "denunciation-7-working-days-over-national-day",
        "denunciation",
        "post",
        "2025-08-29",
        None,
        {},
        {"classification_due": "2025-09-11", "forwarding_due": "2025-09-09", "acceptance_due": "2025-09-11"},
    ),
    (
        "denunciation-multi-place-10-working-days",
        "denunciation",
        "post",
        "2025-08-29",
        None,
        {"multi_place_verification": True},
        {"classification_due": "2025-09-16", "acceptance_due": "2025-09-16"},
    ),
    (
        "denunciation-resolution-30-days",
        "denunciation",
        "post",
        "2025-09-01",
        "2025-09-15",
        {},
        {"resolution_due": "2025-10-15"},
    ),
    (
        "denunciation-one-extension",
        "denunciation",
        "post",
        "2025-09-01",
        "2025-09-15",
        {"extensions": 1},
        {"resolution_due": "2025-11-14"},
    ),
    (
        "denunciation-two-extensions",
        "denunciation",
        "post",
        "2025-09-01",
        "2025-09-15",
        {"extensions": 2},
        {"resolution_due": "2025-12-14"},
    ),
    (
        "complaint-acceptance-10-calendar-days",
        "complaint",
        "post",
        "2025-03-03",
        None,
        {},
        {"acceptance_due": "2025-03-13", "classification_due": "2025-03-17"},
    ),
    (
        "complaint-first-30-days",
        "complaint",
        "post",
        "2025-03-03",
        "2025-03-10",
        {},
        {"resolution_due": "2025-04-09"},
    ),
    (
        "complaint-first-complex-45",
        "complaint",
        "post",
        "2025-03-03",
        "2025-03-10",
        {"is_complex": True},
        {"resolution_due": "2025-04-24"},
    ),
    (
        "complaint-first-remote-45",
        "complaint",
        "post",
        "2025-03-03",
        "2025-03-10",
        {"is_remote_area": True},
        {"resolution_due": "2025-04-24"},
    ),
    (
        "complaint-first-remote-complex-60",
        "complaint",
        "post",
        "2025-03-03",
        "2025-03-10",
        {"is_remote_area": True, "is_complex": True},
        {"resolution_due": "2025-05-09"},
    ),
    (
        "complaint-second-45",
        "complaint",
        "post",
        "2025-03-03",
        "2025-03-10",
        {"complaint_track": "second"},
        {"resolution_due": "2025-04-24", "acceptance_due": "2025-03-13"},
    ),
    (
        "complaint-second-complex-60",
        "complaint",
        "post",
        "2025-03-03",
        "2025-03-10",
        {"complaint_track": "second", "is_complex": True},
        {"resolution_due": "2025-05-09"},
    ),
    (
        "complaint-second-remote-complex-70",
        "complaint",
        "post",
        "2025-03-03",
        "2025-03-10",
        {"complaint_track": "second", "is_complex": True, "is_remote_area": True},
        {"resolution_due": "2025-05-19"},
    ),
    (
        "complaint-disciplinary-complex-45",
        "complaint",
        "post",
        "2025-03-03",
        "2025-03-10",
        {"complaint_track": "disciplinary", "is_complex": True},
        {"resolution_due": "2025-04-24"},
    ),
    (
        "complaint-disciplinary-remote-falls-back-to-30",
        "complaint",
        "post",
        "2025-03-03",
        "2025-03-10",
        {"complaint_track": "disciplinary", "is_remote_area": True},
        {"resolution_due": "2025-04-09"},
    ),
    (
        "recommendation-10-working-days-over-30-april",
        "recommendation",
        "post",
        "2026-04-23",
        None,
        {},
        {"classification_due": "2026-05-11", "forwarding_due": "2026-05-04", "resolution_due": None},
    ),
    (
        "feedback-at-reception-answer-visitor-10-working-days",
        "feedback",
        "reception",
        "2025-08-29",
        None,
        {},
        {"reply_due": "2025-09-16", "classification_due": "2025-09-16"},
    ),
    ("letter-has-no-visitor-answer", "feedback", "post", "2025-08-29", None, {}, {"reply_due": None}),
    (
        "online-reception-before-amendment-has-no-rule",
        "complaint",
        "online_reception",
        "2026-06-25",
        None,
        {},
        {"reply_due": None},
    ),
    (
        "online-reception-after-amendment",
        "complaint",
        "online_reception",
        "2026-07-01",
        None,
        {},
        {"reply_due": "2026-07-15"},
    ),
    (
        "complaint-time-to-file-90-days-from-the-decision",
        "complaint",
        "post",
        "2025-10-20",
        None,
        {"decision_known_on": D("2025-08-01")},
        {"filing_due": "2025-10-30"},
    ),
    (
        "complaint-time-to-file-remote-area-still-90-days",
        "complaint",
        "post",
        "2025-10-20",
        None,
        {"decision_known_on": D("2025-08-01"), "is_remote_area": True},
        {"filing_due": "2025-10-30"},
    ),
    (
        "second-complaint-30-days-from-the-first-decision",
        "complaint",
        "post",
        "2025-09-20",
        None,
        {"decision_known_on": D("2025-09-01"), "complaint_track": "second"},
        {"filing_due": "2025-10-01"},
    ),
    (
        "second-complaint-remote-area-45-days",
        "complaint",
        "post",
        "2025-09-20",
        None,
        {"decision_known_on": D("2025-09-01"), "complaint_track": "second", "is_remote_area": True},
        {"filing_due": "2025-10-16"},
    ),
    (
        "complaint-without-the-decision-date-has-no-time-to-file",
        "complaint",
        "post",
        "2025-09-20",
        None,
        {},
        {"filing_due": None},
    ),
    (
        "denunciation-has-no-time-to-file",
        "denunciation",
        "post",
        "2025-09-20",
        None,
        {"decision_known_on": D("2025-09-01")},
        {"filing_due": None},
    ),
]


def _petition(ptype, channel, received, accepted, flags) -> Petition:
    fields = {"complaint_track": "first" if ptype == "complaint" else ""} | flags
    return Petition(
        petition_type=ptype,
        channel=channel,
        received_on=D(received),
        accepted_on=D(accepted) if accepted else None,
        **fields,
    )


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_time_limit_table(holidays, case):
    _id, ptype, channel, received, accepted, flags, expected = case
    found = Calendar().deadlines(_petition(ptype, channel, received, accepted, flags))
    fields = {
        "filing": "filing_due",
        "classification": "classification_due",
        "forwarding": "forwarding_due",
        "acceptance": "acceptance_due",
        "reply_visitor": "reply_due",
        "resolution": "resolution_due",
    }
    got = {fields[step]: d.due for step, d in found.items() if step in fields}
    for field, due in expected.items():
        assert got.get(field) == (D(due) if due else None), field


def test_make_up_saturday_counts_as_working_day(db):
    p = _petition("denunciation", "post", "2025-09-05", None, {})
    assert Calendar().deadlines(p)["classification"].due == D("2025-09-16")
    Holiday.objects.create(date=D("2025-09-06"), name="Làm bù", is_working_day=True)
    assert Calendar().deadlines(p)["classification"].due == D("2025-09-15")


def test_notification_of_acceptance_5_working_days(db):
    p = _petition("denunciation", "post", "2025-09-01", "2025-09-15", {})
    assert Calendar().deadlines(p)["notification"].due == D("2025-09-22")


def test_case_straddling_the_amendment_uses_each_steps_own_rule(db):
    """Received 25/06/2026 (old law), accepted 02/07/2026 (amended law, Luật 136/2025/QH15)."""
    found = Calendar().deadlines(_petition("complaint", "post", "2026-06-25", "2026-07-02", {}))
    acceptance, resolution = found["acceptance"], found["resolution"]
    assert acceptance.due == D("2026-07-05")
    assert "136/2025/QH15" not in acceptance.rule.legal_basis and acceptance.rule.valid_to == D("2026-06-30")
    assert resolution.due == D("2026-08-01")
    assert "136/2025/QH15" in resolution.rule.legal_basis and resolution.rule.verify is True


def test_time_to_file_after_the_amendment_is_flagged_verify(db):
    p = _petition("complaint", "post", "2026-08-20", None, {"decision_known_on": D("2026-07-10")})
    filing = Calendar().deadlines(p)["filing"]
    assert filing.due == D("2026-10-08")
    assert filing.rule.legal_basis == (
        "Luật Khiếu nại số 02/2011/QH13 (sửa đổi, bổ sung bởi Luật số 136/2025/QH15), Điều 9"
    )
    assert filing.rule.verify is True


def test_a_changed_rule_is_data_not_code(db):
    """Edit the amended rule (as staff would after checking the new text): only later cases change."""
    TimeLimitRule.objects.filter(
        petition_type="complaint",
        step="resolution",
        complaint_track="first",
        condition="",
        valid_from="2026-07-01",
    ).update(days=20)
    before = Calendar().deadlines(_petition("complaint", "post", "2026-06-20", "2026-06-29", {}))
    after = Calendar().deadlines(_petition("complaint", "post", "2026-06-25", "2026-07-02", {}))
    assert before["resolution"].due == D("2026-07-29")
    assert after["resolution"].due == D("2026-07-22")


def test_every_rule_has_legal_basis_and_validity(db):
    rules = TimeLimitRule.objects.all()
    assert rules.count() == 68
    assert not rules.filter(legal_basis="").exists()
    verify = rules.filter(verify=True, valid_to__isnull=True, legal_basis__contains="05/2021")
    assert {r.petition_type for r in verify} == {"complaint", "recommendation", "feedback"}
    assert all(r.unit == "working" and r.days == 10 for r in verify.filter(step="classification"))
