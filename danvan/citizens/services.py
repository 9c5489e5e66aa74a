"""Rules of the citizens app: intake, classification, routing, time limits, answers, duplicates,
denouncer protection, dialogues and statistics. Views, API, portal, commands and demo call these."""

import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.db.models.functions import Lower, TruncMonth
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from rapidfuzz import fuzz

from danvan.core.text import fold
from danvan.orgs.choices import OrgKind
from danvan.orgs.models import OrgUnit

from .choices import IneligibleReason, ItemStatus, PetitionType, Status, Step
from .deadlines import DUE_FIELDS, Calendar, Deadline, shared_calendar
from .models import (
    CaseFile,
    Holiday,
    Meeting,
    MeetingItem,
    Petition,
    PetitionSender,
    RoutingRule,
    SenderAccess,
    TimeLimitRule,
)
from .time_limits import VERSION_OF, rule_key

CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
SENDER_FIELDS = ("full_name", "address", "phone", "email", "id_number")


def due_soon_days() -> int:
    """How many days before a time limit a petition is marked "due soon" (setting, default 3)."""
    return int(getattr(settings, "CITIZENS_DUE_SOON_DAYS", 3))


def new_tracking_code() -> str:
    """A tracking code such as "DV-7K3M-Q9PX": unguessable, without look-alike characters."""
    # One draw of 8 random bytes; 32 letters divide 256, so every letter is equally likely.
    raw = "".join(CODE_ALPHABET[byte % len(CODE_ALPHABET)] for byte in secrets.token_bytes(8))
    return f"DV-{raw[:4]}-{raw[4:]}"


def normalize_code(code: str) -> str:
    raw = "".join(ch for ch in (code or "").upper() if ch.isalnum())
    if raw.startswith("DV"):
        raw = raw[2:]
    return f"DV-{raw[:4]}-{raw[4:8]}" if len(raw) == 8 else (code or "").strip().upper()


# ---- time limits ------------------------------------------------------------------------------


def apply_deadlines(petition: Petition, calendar: Calendar | None = None) -> dict[str, Deadline]:
    """Recompute every due date of the petition and its current one (not saved)."""
    calendar = calendar or shared_calendar()
    found = calendar.deadlines(petition)
    for step, field in DUE_FIELDS.items():
        setattr(petition, field, found[step].due if step in found else None)
    petition.current_due = min((d for d in _pending_dues(petition)), default=None)
    return found


def _pending_dues(petition: Petition):
    if petition.status not in Status.open_values():
        return
    before_routing = petition.status in (Status.RECEIVED, Status.CLASSIFIED)
    pending = {
        "classification_due": petition.classified_on is None,
        "reply_due": before_routing,
        "forwarding_due": before_routing and petition.ineligible_reason == IneligibleReason.NOT_COMPETENT,
        "acceptance_due": petition.accepted_on is None and petition.eligible is not False,
        "resolution_due": petition.accepted_on is not None and petition.answered_on is None,
    }
    for field, is_pending in pending.items():
        value = getattr(petition, field)
        if is_pending and value is not None:
            yield value


def recompute_open_deadlines(
    around: date | None = None, *, days: int = 200, petition_type: str | None = None
) -> int:
    """After the holiday calendar or a rule changes: recompute the due dates of open petitions (near
    `around`, of `petition_type`); returns how many changed."""
    calendar = Calendar()
    qs = Petition.objects.open()
    if petition_type is not None:
        qs = qs.filter(petition_type=petition_type)
    if around is not None:
        qs = qs.filter(received_on__range=(around - timedelta(days=days), around + timedelta(days=1)))
    fields = [*DUE_FIELDS.values(), "current_due"]
    changed = []
    for petition in qs.iterator(chunk_size=2000):
        before = [getattr(petition, f) for f in fields]
        apply_deadlines(petition, calendar)
        if before != [getattr(petition, f) for f in fields]:
            changed.append(petition)
    Petition.objects.bulk_update(changed, fields, batch_size=1000)
    return len(changed)


def deadline_table(petition: Petition, today: date) -> list[dict]:
    """Rows for the petition page: step, rule, legal basis, start, due, done, mark."""
    found = shared_calendar().deadlines(petition)
    done = {
        Step.FILING: petition.received_on,
        Step.CLASSIFICATION: petition.classified_on,
        Step.REPLY_VISITOR: petition.classified_on,
        Step.FORWARDING: petition.routed_on,
        Step.ACCEPTANCE: petition.accepted_on,
        Step.NOTIFICATION: None,
        Step.RESOLUTION: petition.answered_on,
    }
    rows = []
    for step, deadline in found.items():
        finished = done.get(step)
        if finished is not None:
            mark = "done_on_time" if finished <= deadline.due else "done_late"
        elif not petition.is_open:
            mark = ""
        elif deadline.due < today:
            mark = "overdue"
        elif (deadline.due - today).days <= due_soon_days():
            mark = "due_soon"
        else:
            mark = "in_progress"
        rows.append({"step": Step(step).label, "deadline": deadline, "done": finished, "mark": mark})
    return rows


@transaction.atomic
def save_holiday(holiday: Holiday, *, moved_from: date | None = None) -> int:
    """Add or change a day of the holiday calendar; the open petitions around it (and around the day
    it moved from) are recomputed in the same transaction. Returns how many changed."""
    holiday.save()
    return _recompute_around(holiday.date, moved_from)


@transaction.atomic
def delete_holiday(holiday: Holiday) -> int:
    holiday.delete()
    return _recompute_around(holiday.date)


def _recompute_around(*days: date | None) -> int:
    return sum(recompute_open_deadlines(day) for day in {d for d in days if d})


RULE_EDITABLE_FIELDS = ("days", "unit", "legal_basis", "verify", "note")


@transaction.atomic
def change_time_limit_rule(rule: TimeLimitRule, *, actor, **values) -> int:
    """Correct a statutory time limit (e.g. once an amended figure is checked against the official
    text) and recompute the due dates of open petitions of its type; returns how many changed."""
    if not actor.has_perm("citizens.change_timelimitrule"):
        raise PermissionDenied(_("Only the Mass Mobilization Board may change the statutory time limits."))
    stored = TimeLimitRule.objects.filter(pk=rule.pk).values(*RULE_EDITABLE_FIELDS).get()
    for field in RULE_EDITABLE_FIELDS:
        if field in values:
            setattr(rule, field, values[field])
    # A ModelForm has already set the values on `rule`: only the stored row tells what changed.
    if any(getattr(rule, field) != stored[field] for field in RULE_EDITABLE_FIELDS):
        rule.changed_in_app = True
    rule.full_clean()
    rule.save()
    return recompute_open_deadlines(petition_type=rule.petition_type)


@transaction.atomic
def add_time_limit_version(
    rule: TimeLimitRule, *, actor, valid_from: date, **values
) -> tuple[TimeLimitRule, int]:
    """A law amended from `valid_from`: a new version of the time limit starts that day with the given
    values (the rest as in `rule`), `rule` ends the day before, and the open petitions of its type are
    recomputed. Returns the new version and how many petitions changed."""
    if not actor.has_perm("citizens.add_timelimitrule"):
        raise PermissionDenied(_("Only the Mass Mobilization Board may change the statutory time limits."))
    version = TimeLimitRule(
        **{field: getattr(rule, field) for field in (*VERSION_OF, "counted_from")},
        **{field: values.get(field, getattr(rule, field)) for field in RULE_EDITABLE_FIELDS},
        valid_from=valid_from,
        valid_to=rule.valid_to,
        changed_in_app=True,
    )
    version.key = rule_key(vars(version))
    if valid_from <= rule.valid_from:
        problem = _("The new version must start after %(date)s, the day this one starts."), rule.valid_from
    elif rule.valid_to is not None and valid_from > rule.valid_to:
        problem = (
            _("This version ends on %(date)s and a later one exists: add the new version to that one."),
            rule.valid_to,
        )
    elif TimeLimitRule.objects.filter(key=version.key).exists():
        problem = _("A version of this time limit already starts on %(date)s."), valid_from
    else:
        problem = None
    if problem:
        message, day = problem
        raise ValidationError({"valid_from": message % {"date": day.strftime("%d/%m/%Y")}})
    version.full_clean()
    rule.valid_to = valid_from - timedelta(days=1)
    rule.save(update_fields=["valid_to"])
    version.save()
    return version, recompute_open_deadlines(petition_type=rule.petition_type)


# ---- checks shared by forms, API and intake ---------------------------------------------------

# More people than sign any one letter; the bound also keeps the number inside its database column.
MAX_SIGNERS = 100_000
# The oldest day a petition may be entered as received on. Paper letters of past years are still
# entered (a land case file can hold letters from the 2000s), and the oldest statutory time limit the
# app knows starts in 2012; a date before 2000 is a slip of the keyboard (1900, 0001).
EARLIEST_RECEIVED_ON = date(2000, 1, 1)
# Recommendations and feedback may be anonymous; a complaint or denunciation must name its sender.
ANONYMOUS_TYPES = (PetitionType.RECOMMENDATION, PetitionType.FEEDBACK)


def _day(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def _grouped(n: int) -> str:
    return number_format(n, force_grouping=True)


def check_signer_count(count: int | None) -> None:
    """At most MAX_SIGNERS signers: the validator of every signer-count field and of the services."""
    if count is not None and count > MAX_SIGNERS:
        raise ValidationError(
            _("A petition has at most %(n)s signers: check the number entered.")
            % {"n": _grouped(MAX_SIGNERS)}
        )


def check_sender_named(petition_type: str, full_name: str) -> None:
    """A complaint or denunciation must give the sender's full name (portal form, Open311, intake)."""
    if not (full_name or "").strip() and petition_type not in ANONYMOUS_TYPES:
        raise ValidationError(
            {"full_name": _("A complaint or denunciation must give the sender's full name.")}
        )


def _check_day(field: str | None, day: date, *, earliest: date, too_early: str, too_late: str) -> None:
    """A day between `earliest` and today; the messages take %(day)s. The error names `field`, or none
    (for a form field's own clean method)."""
    today = timezone.localdate()
    if day > today:
        message = too_late % {"day": _day(today)}
    elif day < earliest:
        message = too_early % {"day": _day(earliest)}
    else:
        return
    raise ValidationError({field: message} if field else message)


def check_received_on(day: date) -> None:
    """A petition is received on a day between EARLIEST_RECEIVED_ON and today."""
    _check_day(
        "received_on",
        day,
        earliest=EARLIEST_RECEIVED_ON,
        too_early=_("The date of receipt cannot be before %(day)s: check the year."),
        too_late=_(
            "The date of receipt cannot be later than today (%(day)s): enter the day the petition arrived."
        ),
    )


def check_reception_day(held_on: date) -> None:
    """A reception day is recorded once held (its citizens' petitions are received on that day)."""
    _check_day(
        None,
        held_on,
        earliest=EARLIEST_RECEIVED_ON,
        too_early=_("The reception day cannot be before %(day)s: check the year."),
        too_late=_("A reception day is recorded once held: enter a date no later than today (%(day)s)."),
    )


def _check_signers(count: int | None) -> None:
    try:
        check_signer_count(count)
    except ValidationError as error:
        raise ValidationError({"signer_count": error.messages}) from error


def check_submission(petition_type: str, sender: dict) -> None:
    """What a citizen's own submission must satisfy before its tracking code is given: everything the
    intake registration (process_intake) checks, so that no code stands for a petition that is never
    registered."""
    check_sender_named(petition_type, sender.get("full_name", ""))
    PetitionSender(**_sender_fields(sender)).full_clean(exclude=["petition"])


def check_content_length(content: str) -> None:
    """A citizen's own submission holds at most CITIZENS_MAX_CONTENT characters (portal and Open311)."""
    limit = submission_limits()["max_content"]
    if len(content) > limit:
        raise ValidationError(
            _(
                "The content is %(count)s characters long; at most %(n)s are accepted. Shorten it, or "
                "attach the rest as a file."
            )
            % {"count": _grouped(len(content)), "n": _grouped(limit)}
        )


def _sender_fields(sender: dict | None) -> dict:
    """The sender's fields as stored: known names only, trimmed."""
    return {k: (v or "").strip() for k, v in (sender or {}).items() if k in SENDER_FIELDS}


# ---- intake -----------------------------------------------------------------------------------


def map_location(unit: OrgUnit | None, on: date | None = None) -> tuple[OrgUnit | None, OrgUnit | None]:
    """(today's unit, the unit as given): a former unit is mapped to its holder today via orgs history.

    When a former unit was split among several units the first holder is proposed; staff correct it.
    """
    if unit is None:
        return None, None
    if unit.valid_to is None or unit.valid_to >= (on or timezone.localdate()):
        return unit, None
    from danvan.orgs.services import current_holders

    holders = current_holders(unit, on)
    return (holders[0] if holders else None), unit


def _sender_label(petition_type: str, is_anonymous: bool, name: str) -> str:
    if petition_type == PetitionType.DENUNCIATION or is_anonymous:
        return ""
    return name[:150]


def _refresh_search(petition: Petition) -> None:
    petition.search_text = " ".join(
        fold(t) for t in (petition.code, petition.subject, petition.sender_label) if t
    )


def _set_paths(petition: Petition) -> None:
    petition.received_path = petition.received_unit.path if petition.received_unit_id else ""
    petition.handling_path = petition.competent_body.path if petition.competent_body_id else ""


@transaction.atomic
def register_petition(
    *,
    actor=None,
    petition_type: str,
    channel: str,
    subject: str,
    content: str,
    received_on: date,
    received_unit: OrgUnit | None = None,
    sender: dict | None = None,
    is_anonymous: bool = False,
    is_group: bool = False,
    signer_count: int = 1,
    topic: str = "other",
    location_unit: OrgUnit | None = None,
    address_text: str = "",
    reception_session=None,
    complaint_track: str = "",
    code: str | None = None,
    now=None,
) -> Petition:
    """Register a petition (vào sổ) with its sender kept apart, and compute its time limits.

    `code`: the tracking code already given to the citizen (online submissions); it is never changed."""
    sender = _sender_fields(sender)
    if not is_anonymous and not sender.get("full_name"):
        raise ValidationError(
            {"full_name": _("Enter the sender's full name, or mark the petition as anonymous.")}
        )
    check_received_on(received_on)
    _check_signers(signer_count)
    if petition_type == PetitionType.COMPLAINT and not complaint_track:
        complaint_track = "first"
    current, given = map_location(location_unit, received_on)
    petition = Petition(
        code=code or new_tracking_code(),
        petition_type=petition_type,
        channel=channel,
        subject=subject.strip(),
        content=content.strip(),
        received_on=received_on,
        received_unit=received_unit,
        received_by=actor if getattr(actor, "is_authenticated", False) else None,
        reception_session=reception_session,
        is_anonymous=is_anonymous,
        is_group=is_group,
        signer_count=max(1, signer_count or 1),
        topic=topic,
        location_unit=current,
        location_given=given,
        address_text=address_text.strip(),
        complaint_track=complaint_track,
        sender_label=_sender_label(petition_type, is_anonymous, sender.get("full_name", "")),
    )
    _set_paths(petition)
    _refresh_search(petition)
    apply_deadlines(petition)
    petition.suggested_body = suggest_body(petition)
    # Inputs come from validated forms and serializers; the database enforces the constraints. A code
    # collision (1 in 10^12) is retried with a new code.
    for attempt in range(3):
        try:
            with transaction.atomic():
                petition.save()
            break
        except IntegrityError:
            if code or attempt == 2 or Petition.objects.filter(code=petition.code).count() == 0:
                raise
            petition.pk, petition.code = None, new_tracking_code()
    PetitionSender.objects.create(petition=petition, **sender)
    return petition


def suggest_body(petition: Petition) -> OrgUnit | None:
    """The competent body proposed from topic and location; staff confirm or change it.

    Routing rules (most specific first: area + topic + type) win; otherwise the state body whose
    territory is the petition's area (e.g. the commune People's Committee).
    """
    area_ids = set()
    if petition.location_unit_id:
        area_ids = {int(p) for p in petition.location_unit.path.strip("/").split("/") if p}
    candidates = [
        rule
        for rule in shared_calendar().routing_rules
        if rule.topic in ("", petition.topic)
        and rule.petition_type in ("", petition.petition_type)
        and (rule.area_id is None or rule.area_id in area_ids)
    ]

    def score(rule: RoutingRule) -> tuple:
        depth = len(rule.area.path) if rule.area_id else 0
        return (depth, bool(rule.topic), bool(rule.petition_type))

    best = max(candidates, key=score, default=None)
    if best is not None:
        return best.body
    if petition.location_unit_id:
        return (
            OrgUnit.objects.active()
            .filter(territory_id=petition.location_unit_id, kind=OrgKind.STATE_BODY)
            .order_by("path")
            .first()
        )
    return None


# ---- classification, routing, handling --------------------------------------------------------


def _save(petition: Petition, *, calendar: Calendar | None = None) -> Petition:
    _set_paths(petition)
    _refresh_search(petition)
    apply_deadlines(petition, calendar)
    petition.full_clean()
    petition.save()
    return petition


@transaction.atomic
def classify_petition(
    petition: Petition,
    *,
    actor=None,
    on: date | None = None,
    petition_type: str,
    eligible: bool,
    ineligible_reason: str = "",
    note: str = "",
    topic: str | None = None,
    complaint_track: str = "",
    is_group: bool | None = None,
    signer_count: int | None = None,
    is_complex: bool = False,
    is_remote_area: bool = False,
    multi_place_verification: bool = False,
    location_unit: OrgUnit | None = None,
    decision_known_on: date | None = None,
) -> Petition:
    """Phân loại đơn: type, eligibility (with the legal reason), topic, flags; files ineligible letters.
    For a complaint, the day the decision was received or known gives the time to file (thời hiệu)."""
    if petition.status not in (Status.RECEIVED, Status.CLASSIFIED):
        raise ValidationError(_("This petition has already been routed; it can no longer be classified."))
    if not eligible and not ineligible_reason:
        raise ValidationError(
            {"ineligible_reason": _("Choose the reason why the petition is not eligible for handling.")}
        )
    if decision_known_on and decision_known_on > petition.received_on:
        message = _(
            "The decision cannot have been received or known after the petition was received "
            "(%(day)s): check the date."
        )
        raise ValidationError({"decision_known_on": message % {"day": _day(petition.received_on)}})
    _check_signers(signer_count)
    on = on or timezone.localdate()
    was_protected = petition.is_protected
    petition.petition_type = petition_type
    if petition.case_file_id and petition.is_protected != was_protected:
        _leave_case_file(petition)  # see link_duplicates
    petition.eligible = eligible
    petition.ineligible_reason = "" if eligible else ineligible_reason
    petition.classification_note = note
    is_complaint = petition_type == PetitionType.COMPLAINT
    petition.complaint_track = (complaint_track or "first") if is_complaint else ""
    petition.decision_known_on = decision_known_on if is_complaint else None
    petition.topic = topic or petition.topic
    if is_group is not None:
        petition.is_group = is_group
    if signer_count is not None:
        petition.signer_count = max(1, signer_count)
    petition.is_complex, petition.is_remote_area = is_complex, is_remote_area
    petition.multi_place_verification = multi_place_verification
    if location_unit is not None:
        petition.location_unit, given = map_location(location_unit, on)
        petition.location_given = given or petition.location_given
    petition.classified_on = on
    sender = getattr(petition, "sender", None)
    petition.sender_label = _sender_label(
        petition_type, petition.is_anonymous, sender.full_name if sender else ""
    )
    not_competent = ineligible_reason == IneligibleReason.NOT_COMPETENT
    petition.status = Status.CLASSIFIED if eligible or not_competent else Status.FILED
    petition.suggested_body = suggest_body(petition)
    return _save(petition)


@transaction.atomic
def route_petition(
    petition: Petition, *, actor=None, body: OrgUnit, handler=None, on: date | None = None
) -> Petition:
    """Send the petition to the competent body (confirmed by staff) and optionally name its handler."""
    if petition.status != Status.CLASSIFIED:
        raise ValidationError(_("Classify the petition before routing it."))
    on = on or timezone.localdate()
    _check_day(
        "routed_on",
        on,
        earliest=petition.received_on,
        too_early=_("A petition cannot be routed before it was received (%(day)s): check the date."),
        too_late=_("The routing date cannot be later than today (%(day)s): check the date."),
    )
    petition.competent_body = body
    petition.handler = handler
    petition.routed_on = on
    petition.status = Status.ROUTED
    _save(petition)
    notify_handler(petition)
    return petition


def notify_handler(petition: Petition) -> None:
    """E-mail the assigned handler: code, subject, time limit and link — never the sender."""
    from django.core.mail import send_mail

    handler = petition.handler
    if handler is None or not handler.email:
        return
    due = f"{petition.current_due:%d/%m/%Y}" if petition.current_due else "—"
    body = _(
        "Petition %(code)s (%(type)s) has been routed to you.\nSubject: %(subject)s\n"
        "Current time limit: %(due)s\n%(url)s"
    ) % {
        "code": petition.code,
        "type": petition.get_petition_type_display(),
        "subject": petition.subject,
        "due": due,
        "url": petition.get_absolute_url(),
    }
    send_mail(
        _("Petition %(code)s to handle") % {"code": petition.code},
        body,
        None,
        [handler.email],
        fail_silently=True,
    )


def confirm_to_citizen(petition: Petition, email: str) -> None:
    """Send the tracking code to the citizen who gave an e-mail address (nothing else)."""
    from django.core.mail import send_mail

    if not email:
        return
    send_mail(
        _("Your petition %(code)s") % {"code": petition.code},
        _("We have received your petition. Tracking code: %(code)s") % {"code": petition.code},
        None,
        [email],
        fail_silently=True,
    )


@transaction.atomic
def assign_handler(petition: Petition, *, actor=None, handler) -> Petition:
    petition.handler = handler
    return _save(petition)


@transaction.atomic
def accept_petition(petition: Petition, *, actor=None, on: date | None = None) -> Petition:
    """Thụ lý: the competent body accepts the case; the resolution time limit starts."""
    if petition.status != Status.ROUTED:
        raise ValidationError(_("Only a routed petition can be accepted for handling."))
    on = on or timezone.localdate()
    if petition.routed_on and petition.routed_on > petition.received_on:
        earliest = petition.routed_on
        too_early = _("A petition cannot be accepted before it was routed (%(day)s): check the date.")
    else:
        earliest = petition.received_on
        too_early = _("A petition cannot be accepted before it was received (%(day)s): check the date.")
    _check_day(
        "accepted_on",
        on,
        earliest=earliest,
        too_early=too_early,
        too_late=_("The acceptance date cannot be later than today (%(day)s): check the date."),
    )
    petition.accepted_on = on
    petition.status = Status.ACCEPTED
    if petition.handler_id is None and getattr(actor, "is_authenticated", False):
        petition.handler = actor
    return _save(petition)


@transaction.atomic
def extend_petition(petition: Petition, *, actor=None, is_complex: bool | None = None) -> Petition:
    """Extend the resolution time limit: a denunciation up to twice; a complaint by marking it complex."""
    if petition.status != Status.ACCEPTED:
        raise ValidationError(_("Only a petition being handled can be extended."))
    if petition.petition_type == PetitionType.DENUNCIATION:
        if petition.extensions >= 2:
            raise ValidationError(_("A denunciation can be extended at most twice."))
        petition.extensions += 1
    elif petition.petition_type == PetitionType.COMPLAINT:
        if petition.is_complex:
            raise ValidationError(_("This complaint already has the time limit of a complex case."))
        petition.is_complex = True if is_complex is None else is_complex
    else:
        raise ValidationError(_("Only complaints and denunciations have an extension of time."))
    return _save(petition)


@transaction.atomic
def answer_petition(
    petition: Petition,
    *,
    actor=None,
    number: str,
    answered_on: date,
    summary: str = "",
    public_answer: str = "",
) -> Petition:
    """Record the answer document (number and date): the petition is settled."""
    if petition.status not in (Status.ROUTED, Status.ACCEPTED):
        raise ValidationError(_("Only a routed or accepted petition can be answered."))
    if not number.strip():
        raise ValidationError({"number": _("Enter the number of the answer document.")})
    _check_day(
        "answered_on",
        answered_on,
        earliest=petition.received_on,
        too_early=_("The answer cannot be dated before the petition was received (%(day)s): check the date."),
        too_late=_("The answer document cannot be dated later than today (%(day)s): check the date."),
    )
    petition.answer_number = number.strip()
    petition.answer_date = answered_on
    petition.answered_on = answered_on
    petition.answer_summary = summary
    petition.public_answer = public_answer
    if petition.accepted_on is None:
        petition.accepted_on = petition.routed_on or answered_on
    petition.status = Status.ANSWERED
    return _save(petition)


# ---- duplicates -------------------------------------------------------------------------------


NEAREST_COMPARED = 500  # petitions on the same topic, and of the same type, on each side in time


def find_duplicates(
    petition: Petition, *, among=None, automatic: bool = False, threshold: int = 85, limit: int = 10
) -> list[tuple[Petition, int]]:
    """Petitions on the same matter (among those given, by default all): same sender and similar
    content, or the same letter sent to several bodies (near-identical content), within a year
    before or after. For linking without a person's review (`automatic`), a shared name is not
    enough to be the same sender: many citizens bear the same name; the telephone or e-mail must match.

    A denouncer's identity stays secret: a denunciation is compared with other denunciations only,
    and by its content only (a suggestion made on the sender would name the denouncer)."""
    sender = None if petition.is_protected else getattr(petition, "sender", None)
    own_name = fold(sender.full_name) if sender else ""
    contacts = {c for c in ((sender.phone, sender.email.lower()) if sender else ()) if c}
    own_content = fold(petition.content)
    scores = {}
    for pk, content, name_key, phone, email in _duplicate_candidates(petition, among, own_name, contacts):
        same_contact = bool(contacts & {phone, (email or "").lower()} - {"", None})
        same_person = bool(own_name) and (same_contact or (name_key == own_name and not automatic))
        similarity = int(fuzz.token_set_ratio(own_content, fold(content)))
        if (same_person and similarity >= threshold - 20) or similarity >= 95:
            scores[pk] = similarity
    best = sorted(scores, key=lambda pk: -scores[pk])[:limit]
    petitions = Petition.objects.in_bulk(best)
    return [(petitions[pk], scores[pk]) for pk in best]


def _duplicate_candidates(petition: Petition, among, own_name: str, contacts: set[str]) -> set[tuple]:
    """Every petition of the same sender, and the nearest in time on the same topic and of the same
    type: a letter sent to several bodies arrives within days, a repeated one can come months later."""
    day = petition.received_on
    qs = (Petition.objects.all() if among is None else among).exclude(pk=petition.pk)
    qs = qs.filter(received_on__range=(day - timedelta(days=365), day + timedelta(days=365)))
    if petition.case_file_id:
        qs = qs.exclude(case_file_id=petition.case_file_id)
    denunciation = Q(petition_type=PetitionType.DENUNCIATION)
    qs = qs.filter(denunciation) if petition.is_protected else qs.exclude(denunciation)
    groups = []
    for alike in (Q(topic=petition.topic), Q(petition_type=petition.petition_type)):
        groups += [
            qs.filter(alike, received_on__lte=day).order_by("-received_on", "-id")[:NEAREST_COMPARED],
            qs.filter(alike, received_on__gt=day).order_by("received_on", "id")[:NEAREST_COMPARED],
        ]
    if own_name:
        same_sender = Q(name_key=own_name)
        for contact in contacts:
            same_sender |= Q(phone=contact) | Q(email_key=contact)
        senders = PetitionSender.objects.alias(email_key=Lower("email")).filter(same_sender)
        groups.append(qs.filter(pk__in=senders.values("petition_id")))
    fields = ("pk", "content", "sender__name_key", "sender__phone", "sender__email")
    return {row for group in groups for row in group.values_list(*fields)}


@transaction.atomic
def link_duplicates(petition: Petition, others: list[Petition], *, actor=None) -> CaseFile:
    """Put the petitions in one case file; every one received after the earliest is a duplicate.
    A denunciation shares a case file with denunciations only: next to a petition whose sender staff
    see, it would tell who the denouncer is."""
    group = [petition, *others]
    files = [p.case_file for p in group if p.case_file_id]
    members = {p.pk: p for p in group}
    for extra in files[1:]:
        for p in extra.petitions.all():
            members.setdefault(p.pk, p)
    if len({p.is_protected for p in members.values()}) > 1:
        raise ValidationError(
            _(
                "A denunciation can share a case file with denunciations only: "
                "its sender's identity is protected."
            )
        )
    case_file = files[0] if files else CaseFile.objects.create(title=min(group, key=_order).subject[:255])
    earliest = min(members.values(), key=_order)
    for member in members.values():
        member.case_file = case_file
        member.is_duplicate = member.pk != earliest.pk
        member.save(update_fields=["case_file", "is_duplicate", "updated_at"])
    return case_file


def _order(p: Petition) -> tuple:
    return (p.received_on, p.pk)


def _leave_case_file(petition: Petition) -> None:
    """Take the petition out of its case file; the earliest of those left is the original."""
    rest = list(petition.case_file.petitions.exclude(pk=petition.pk))
    petition.case_file, petition.is_duplicate = None, False
    if rest:
        earliest = min(rest, key=_order)
        for member in rest:
            member.is_duplicate = member.pk != earliest.pk
            member.save(update_fields=["is_duplicate", "updated_at"])


# ---- denouncer protection ---------------------------------------------------------------------


def _log_access(petition: Petition, actor, action: str) -> None:
    label = actor.get_username() if getattr(actor, "is_authenticated", False) else "system"
    SenderAccess.objects.create(
        petition=petition, actor=actor if label != "system" else None, actor_label=label, action=action
    )


def reveal_sender(petition: Petition, *, actor) -> PetitionSender:
    """The sender's identity and contact, for those allowed; every view is logged (SenderAccess)."""
    if not actor.has_perm("citizens.view_sender", petition):
        raise PermissionDenied(_("You may not see the identity of this sender."))
    _log_access(petition, actor, SenderAccess.Action.VIEW)
    return PetitionSender.objects.get_or_create(petition=petition)[0]


@transaction.atomic
def update_sender(petition: Petition, *, actor, **values) -> PetitionSender:
    if not actor.has_perm("citizens.view_sender", petition):
        raise PermissionDenied(_("You may not see the identity of this sender."))
    sender = PetitionSender.objects.get_or_create(petition=petition)[0]
    for field in SENDER_FIELDS:
        if field in values:
            setattr(sender, field, (values[field] or "").strip())
    sender.full_clean()
    sender.save()
    petition.sender_label = _sender_label(petition.petition_type, petition.is_anonymous, sender.full_name)
    _refresh_search(petition)
    petition.save(update_fields=["sender_label", "search_text", "updated_at"])
    _log_access(petition, actor, SenderAccess.Action.CHANGE)
    return sender


# ---- dialogues and voter contacts -------------------------------------------------------------


def _check_item_dates(meeting: Meeting, *, due_on: date | None = None, resolved_on: date | None = None):
    """An item is raised at its meeting: its answer falls due, and it is resolved, on or after that day."""
    if due_on and due_on < meeting.held_on:
        message = _(
            "The answer cannot be due before the meeting that raised the item (%(day)s): check the date."
        )
        raise ValidationError({"due_on": message % {"day": _day(meeting.held_on)}})
    if resolved_on:
        _check_day(
            "resolved_on",
            resolved_on,
            earliest=meeting.held_on,
            too_early=_(
                "An item cannot be resolved before the meeting that raised it (%(day)s): check the date."
            ),
            too_late=_("The resolution date cannot be later than today (%(day)s): check the date."),
        )


@transaction.atomic
def add_meeting_item(meeting: Meeting, *, actor=None, due_on: date | None = None, **fields) -> MeetingItem:
    """Record an opinion or recommendation raised at a dialogue or voter contact meeting."""
    _check_item_dates(meeting, due_on=due_on)
    return MeetingItem.objects.create(meeting=meeting, due_on=due_on, **fields)


@transaction.atomic
def record_item_progress(
    item: MeetingItem,
    *,
    actor=None,
    status: str,
    answer: str = "",
    commitment: str = "",
    responsible_body: OrgUnit | None = None,
    due_on: date | None = None,
    resolved_on: date | None = None,
) -> MeetingItem:
    """Follow an opinion or recommendation until it is settled; a resolved item needs its date."""
    if status == ItemStatus.RESOLVED and resolved_on is None:
        resolved_on = timezone.localdate()
    if status in (ItemStatus.ANSWERED, ItemStatus.RESOLVED) and not (answer or item.answer):
        raise ValidationError(
            {"answer": _("Write the answer given before marking the item answered or resolved.")}
        )
    if status == ItemStatus.COMMITTED and not (commitment or item.commitment):
        raise ValidationError(
            {"commitment": _("Write the commitment made before marking the item committed.")}
        )
    _check_item_dates(
        item.meeting, due_on=due_on, resolved_on=resolved_on if status == ItemStatus.RESOLVED else None
    )
    item.status = status
    item.answer = answer or item.answer
    item.commitment = commitment or item.commitment
    item.responsible_body = responsible_body or item.responsible_body
    item.due_on = due_on or item.due_on
    item.resolved_on = resolved_on if status == ItemStatus.RESOLVED else None
    item.full_clean()
    item.save()
    return item


# ---- statistics -------------------------------------------------------------------------------


@dataclass
class Statistics:
    total: int
    by_type: list
    by_topic: list
    by_area: list
    by_month: list
    on_time: list
    hot_spots: list
    overdue: int
    due_soon: int
    duplicates: int
    groups: int
    eligible: int
    items: list


def _labelled(rows, choices) -> list[dict]:
    labels = dict(choices)
    return [{"key": r["key"], "label": labels.get(r["key"], r["key"]), "n": r["n"]} for r in rows]


def statistics(qs, *, today: date | None = None, with_items_of=None) -> Statistics:
    """Counts by type, topic, area and month; on-time rate per body; hot spots (areas rising)."""
    from .choices import ItemKind, Topic

    today = today or timezone.localdate()
    by_type = qs.values(key=F("petition_type")).annotate(n=Count("id")).order_by("-n")
    by_topic = qs.values(key=F("topic")).annotate(n=Count("id")).order_by("-n")
    by_area = (
        qs.exclude(location_unit=None)
        .values(key=F("location_unit__name"))
        .annotate(n=Count("id"))
        .order_by("-n", "key")[:20]
    )
    by_month = (
        qs.annotate(month=TruncMonth("received_on"))
        .values("month")
        .annotate(n=Count("id"))
        .order_by("-month")[:12]
    )
    answered = qs.filter(status=Status.ANSWERED, resolution_due__isnull=False)
    on_time = (
        answered.exclude(competent_body=None)
        .values(body=F("competent_body__name"))
        .annotate(n=Count("id"), ok=Count("id", filter=Q(answered_on__lte=F("resolution_due"))))
        .order_by("-n")[:20]
    )
    recent_from, previous_from = today - timedelta(days=90), today - timedelta(days=180)
    rising = (
        qs.exclude(location_unit=None)
        .filter(received_on__gt=previous_from, received_on__lte=today)
        .values(key=F("location_unit__name"))
        .annotate(
            recent=Count("id", filter=Q(received_on__gt=recent_from)),
            previous=Count("id", filter=Q(received_on__lte=recent_from)),
        )
    )
    hot = sorted(
        (r for r in rising if r["recent"] > r["previous"] and r["recent"] >= 3),
        key=lambda r: (r["previous"] - r["recent"], r["key"]),
    )[:10]
    counts = qs.aggregate(
        total=Count("id"),
        duplicates=Count("id", filter=Q(is_duplicate=True)),
        groups=Count("id", filter=Q(is_group=True)),
        eligible=Count("id", filter=Q(eligible=True)),
        overdue=Count("id", filter=Q(status__in=Status.open_values(), current_due__lt=today)),
        due_soon=Count(
            "id",
            filter=Q(
                status__in=Status.open_values(),
                current_due__gte=today,
                current_due__lte=today + timedelta(days=due_soon_days()),
            ),
        ),
    )
    items = []
    if with_items_of is not None:
        rows = with_items_of.values("kind").annotate(
            n=Count("id"), resolved=Count("id", filter=Q(status=ItemStatus.RESOLVED))
        )
        labels = dict(ItemKind.choices)
        items = [{"label": labels[r["kind"]], "n": r["n"], "resolved": r["resolved"]} for r in rows]
    return Statistics(
        total=counts["total"],
        by_type=_labelled(by_type, PetitionType.choices),
        by_topic=_labelled(by_topic, Topic.choices),
        by_area=list(by_area),
        by_month=[{"month": r["month"], "n": r["n"]} for r in by_month],
        on_time=[
            {"body": r["body"], "n": r["n"], "ok": r["ok"], "rate": round(100 * r["ok"] / r["n"])}
            for r in on_time
        ],
        hot_spots=hot,
        overdue=counts["overdue"],
        due_soon=counts["due_soon"],
        duplicates=counts["duplicates"],
        groups=counts["groups"],
        eligible=counts["eligible"],
        items=items,
    )


def public_statistics(today: date | None = None) -> Statistics:
    """The same counts for the public portal: aggregates only, no personal data."""
    return statistics(Petition.objects.all(), today=today, with_items_of=MeetingItem.objects.all())


def meetings_visible(user):
    return Meeting.objects.visible_to(user)


# ---- public submission ------------------------------------------------------------------------

ALLOWED_UPLOADS = {"application/pdf", "image/jpeg", "image/png"}


def submission_limits() -> dict:
    """Size and rate limits of public submissions (settings with defaults)."""
    return {
        "per_window": int(getattr(settings, "CITIZENS_SUBMIT_LIMIT", 5)),
        "window_seconds": int(getattr(settings, "CITIZENS_SUBMIT_WINDOW", 3600)),
        "max_content": int(getattr(settings, "CITIZENS_MAX_CONTENT", 5000)),
        "max_upload": int(getattr(settings, "CITIZENS_MAX_UPLOAD", 5 * 1024 * 1024)),
    }


class TooManySubmissions(Exception):
    """The address has used up its submissions for the current window."""


def address_key(address: str) -> str:
    """A keyed hash of the client address: the rate limit needs no personal data."""
    from django.utils.crypto import salted_hmac

    return salted_hmac("citizens.quota", address or "unknown").hexdigest()


def check_upload(upload) -> str:
    """Validate an attachment's size and real type (by content); returns its MIME type."""
    import filetype

    limits = submission_limits()
    if upload.size > limits["max_upload"]:
        raise ValidationError(
            _("The file is too large: at most %(mb)s MB.") % {"mb": limits["max_upload"] // (1024 * 1024)}
        )
    head = upload.read(262)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ALLOWED_UPLOADS:
        raise ValidationError(_("Only PDF, JPEG or PNG files can be attached."))
    return kind.mime


def receive_submission(
    *,
    address: str | None,
    channel: str,
    petition_type: str,
    subject: str,
    content: str,
    topic: str,
    location_unit: OrgUnit | None = None,
    address_text: str = "",
    sender: dict,
    is_anonymous: bool = False,
    upload=None,
    now=None,
):
    """A citizen's own submission (portal or Open311), the part done in the request: limits, the
    per-address rate limit and one INSERT of the intake with its tracking code.

    The intake table is the queue: the worker's intake watcher (`watch_intakes`, started by
    `danvan worker`) registers waiting intakes every few seconds, and `danvan process_petitions` does
    the same by hand. Queueing a job per submission would cost a second INSERT in the request for
    nothing the watcher does not already do. The INSERT commits on its own, so the database's write
    lock is held only for that statement (on SQLite one writer at a time: every Python step inside a
    write transaction would hold up the other app-server processes), and it carries the per-address
    limit (a sliding window: fewer than CITIZENS_SUBMIT_LIMIT intakes in the last
    CITIZENS_SUBMIT_WINDOW seconds, counted through an index). Raises TooManySubmissions when the
    address's quota is used up; `address=None` skips it (staff)."""
    from .models import Intake

    check_submission(petition_type, sender)
    check_content_length(content)
    limits = submission_limits()
    mime = check_upload(upload) if upload else ""
    received_at = now or timezone.now()
    intake = Intake(
        channel=channel,
        received_at=received_at,
        address_hash=address_key(address or ""),
        payload={
            "petition_type": petition_type,
            "subject": subject,
            "content": content,
            "topic": topic,
            "location_unit": location_unit.pk if location_unit else None,
            "address_text": address_text,
            "sender": {k: v for k, v in sender.items() if k in SENDER_FIELDS and v},
            "is_anonymous": is_anonymous,
        },
    )
    if upload:
        intake.attachment = upload
        intake.attachment_name = upload.name[:255]
        intake.attachment_type = mime
        intake.attachment_size = upload.size
    since = received_at - timedelta(seconds=limits["window_seconds"])
    for attempt in range(3):
        intake.code = new_tracking_code()
        try:
            if address is None:
                intake.save(force_insert=True)
            elif not Intake.objects.insert_within_quota(intake, since=since, limit=limits["per_window"]):
                if intake.attachment:
                    intake.attachment.delete(save=False)
                raise TooManySubmissions
            return intake
        except IntegrityError:  # the same code drawn twice (1 in 10^12): draw again
            if attempt == 2:
                raise


MAX_ATTEMPTS = 5


def process_intake(intake_id: int, *, now=None) -> Petition | None:
    """Register a received intake as a Petition: idempotent, so running it twice (a job retried after
    a worker restart, the sweep) still makes one petition. The petition keeps the intake's code, and
    its time limits count from the day the submission was received, not the day it was processed."""
    from .models import Intake, PetitionAttachment

    Intake.objects.filter(pk=intake_id, processed_at=None).update(attempts=F("attempts") + 1)
    with transaction.atomic():
        intake = Intake.objects.select_for_update().filter(pk=intake_id).first()
        if intake is None:
            return None
        if intake.processed_at is not None:
            return intake.petition
        data = intake.payload
        location = OrgUnit.objects.filter(pk=data["location_unit"]).first() if data["location_unit"] else None
        sender = data.get("sender", {})
        petition = register_petition(
            code=intake.code,
            petition_type=data["petition_type"],
            channel=intake.channel,
            subject=data["subject"],
            content=data["content"],
            received_on=timezone.localdate(intake.received_at),
            received_unit=default_receiving_unit(),
            sender=sender,
            is_anonymous=data["is_anonymous"],
            topic=data["topic"],
            location_unit=location,
            address_text=data["address_text"],
        )
        Petition.objects.filter(pk=petition.pk).update(created_at=intake.received_at)
        petition.created_at = intake.received_at
        if intake.attachment:
            PetitionAttachment.objects.create(
                petition=petition,
                file=intake.attachment.name,
                original_name=intake.attachment_name,
                size=intake.attachment_size,
                content_type=intake.attachment_type,
            )
        duplicates = find_duplicates(petition, automatic=True, limit=1)
        if duplicates:
            # Join the case file of the closest match (staff link further copies on the petition page).
            link_duplicates(petition, [duplicates[0][0]])
            petition.refresh_from_db()
        # Sent inside the transaction: if the commit fails the job runs again and sends the same code.
        confirm_to_citizen(petition, sender.get("email", ""))
        intake.petition = petition
        intake.processed_at = now or timezone.now()
        intake.payload = {}
        intake.last_error = ""
        intake.save(update_fields=["petition", "processed_at", "payload", "last_error"])
    return petition


def process_pending_intakes(*, older_than: timedelta = timedelta(0), limit: int | None = None) -> dict:
    """Register the intakes still waiting, oldest first: run by the worker's intake watcher and by
    `danvan process_petitions`. Failures are kept on the intake and retried up to MAX_ATTEMPTS times."""
    from .models import Intake

    pending = Intake.objects.filter(
        processed_at=None, received_at__lte=timezone.now() - older_than, attempts__lt=MAX_ATTEMPTS
    ).order_by("received_at")
    ids = list(
        pending.values_list("pk", flat=True)[:limit] if limit else pending.values_list("pk", flat=True)
    )
    done = failed = 0
    for pk in ids:
        try:
            process_intake(pk)
            done += 1
        except Exception as error:  # noqa: BLE001 - one bad submission must not stop the others
            Intake.objects.filter(pk=pk).update(last_error=f"{type(error).__name__}: {error}"[:2000])
            failed += 1
    return {"processed": done, "failed": failed}


def submit_public(*, channel: str = "portal", received_unit: OrgUnit | None = None, **fields) -> Petition:
    """Receive a submission and register it at once (staff tools, demo, tests): the same path as the
    portal without the rate limit; `received_unit` overrides the receiving body."""
    intake = receive_submission(address=None, channel=channel, **fields)
    petition = process_intake(intake.pk)
    if received_unit is not None and petition.received_unit_id != received_unit.pk:
        petition.received_unit = received_unit
        _save(petition)
    return petition


def default_receiving_unit() -> OrgUnit | None:
    """Where public submissions land: the body set in CITIZENS_RECEIVING_UNIT_KEY, else the Mass
    Mobilization Board of the installation's own province (DANVAN_HOME_PROVINCE_CODE; the reference
    data also holds the central bodies), else the first open Party board. Cached per process."""
    cache = shared_calendar().__dict__
    if "receiving_unit" not in cache:
        cache["receiving_unit"] = _find_receiving_unit()
    return cache["receiving_unit"]


def _find_receiving_unit() -> OrgUnit | None:
    key = getattr(settings, "CITIZENS_RECEIVING_UNIT_KEY", "")
    qs = OrgUnit.objects.active()
    configured = [qs.filter(key=key)] if key else []
    boards = qs.filter(kind=OrgKind.PARTY_BOARD).order_by("path")
    mass_mobilization = boards.filter(name__icontains="Dân vận")
    home = mass_mobilization.filter(territory__code=settings.DANVAN_HOME_PROVINCE_CODE)
    for candidates in (*configured, home, mass_mobilization, boards):
        if unit := candidates.first():
            return unit
    return None


def find_by_code(code: str) -> Petition | None:
    """The petition with this tracking code; a submission not registered yet is shown as "Received"."""
    code = normalize_code(code)
    petition = (
        Petition.objects.filter(code=code)
        .only("code", "status", "petition_type", "received_on", "public_answer", "answer_date", "answered_on")
        .first()
    )
    return petition or pending_petition(code)


def pending_petition(code: str) -> Petition | None:
    """An unsaved Petition standing for a received intake that the job has not registered yet."""
    from .models import Intake

    intake = (
        Intake.objects.filter(code=code, petition=None)
        .only("code", "channel", "received_at", "payload")
        .first()
    )
    if intake is None:
        return None
    return Petition(
        code=intake.code,
        channel=intake.channel,
        status=Status.RECEIVED,
        petition_type=intake.payload.get("petition_type", PetitionType.FEEDBACK),
        received_on=timezone.localdate(intake.received_at),
        created_at=intake.received_at,
        updated_at=intake.received_at,
    )


# --- reminders (through tracking's reminder rules and send record) ---------------------------------

PETITION_REMINDER_PREFIX = "pet"


def _petition_recipients(petition: Petition) -> list:
    """The assigned handler, else the active officers of the competent body."""
    from danvan.orgs.models import User

    if petition.handler_id and petition.handler.is_active:
        return [petition.handler]
    if petition.competent_body_id:
        return list(User.objects.filter(org_unit_id=petition.competent_body_id, is_active=True))
    return []


def _petition_reminder_text(petition: Petition, firing) -> tuple[str, str]:
    """Code, type, step and time limit only: never the sender (denouncer protection)."""
    from danvan.tracking.choices import ReminderRule

    values = {
        "code": petition.code,
        "type": petition.get_petition_type_display(),
        "due": f"{petition.current_due:%d/%m/%Y}",
        "days": firing.days,
    }
    if firing.rule == ReminderRule.OVERDUE:
        subject = _("Petition %(code)s (%(type)s) is %(days)s day(s) past its time limit of %(due)s") % values
    else:
        subject = (
            _("Petition %(code)s (%(type)s) reaches its time limit of %(due)s in %(days)s day(s)") % values
        )
    return subject, subject + "\n\n" + petition.get_absolute_url()


def send_petition_reminders(*, today: date | None = None) -> int:
    """Remind handlers of open petitions before their current time limit and when it has passed.

    Uses tracking's rules (N days before, then on overdue and weekly) and its Reminder record with a
    unique key written in the same transaction as the message, so nothing is ever sent twice.
    Returns the number of reminders sent.
    """
    from danvan.tracking import reminder_rules
    from danvan.tracking.models import Reminder
    from danvan.tracking.services import notify_users

    today = today or timezone.localdate()
    before = reminder_rules.days_before()
    sent = 0
    petitions = Petition.objects.open().filter(current_due__isnull=False).select_related("handler")
    for petition in petitions.order_by("current_due", "pk"):
        firing = reminder_rules.firing_for(
            due=petition.current_due, completed_on=None, today=today, before=before
        )
        users = _petition_recipients(petition) if firing else []
        if not users:
            continue
        key = f"{PETITION_REMINDER_PREFIX}{petition.pk}:{petition.current_due:%Y%m%d}:{firing.key}"
        if Reminder.objects.filter(dedupe_key=key).exists():
            continue
        subject, body = _petition_reminder_text(petition, firing)
        try:
            with transaction.atomic():
                Reminder.objects.create(
                    rule=firing.rule,
                    dedupe_key=key,
                    sent_on=today,
                    message=subject,
                    recipients=[u.username for u in users],
                )
                notify_users(users, subject=subject, body=body, url=petition.get_absolute_url())
        except IntegrityError:  # a parallel run sent it first
            continue
        sent += 1
    return sent
