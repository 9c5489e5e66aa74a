"""Citizens: reception days, petitions with their legal time limits, dialogues and voter contacts.

A denouncer's identity lives in PetitionSender, which has no history table (so it never reaches the
audit trail or its search) and is read only through services.reveal_sender, which logs every view.
"""

from django.conf import settings
from django.db import models
from django.db.models import Case, Q, Value, When
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from danvan.core.models import TimeStampedModel
from danvan.core.text import fold

from .choices import (
    Channel,
    ComplaintTrack,
    DayUnit,
    IneligibleReason,
    ItemKind,
    ItemStatus,
    MeetingKind,
    PetitionType,
    SessionKind,
    Status,
    Step,
    Topic,
)
from .querysets import IntakeQuerySet, MeetingItemQuerySet, PetitionQuerySet, SessionQuerySet

UNIT = "orgs.OrgUnit"


class RuleCondition(models.TextChoices):
    NORMAL = "", _("Ordinary case")
    COMPLEX = "complex", _("Complex case")
    REMOTE = "remote", _("Remote area")
    REMOTE_COMPLEX = "remote_complex", _("Complex case in a remote area")
    MULTI_PLACE = "multi_place", _("Verification at several places")
    EXTENSION_1 = "extension_1", _("First extension")
    EXTENSION_2 = "extension_2", _("Second extension")


class CountedFrom(models.TextChoices):
    RECEIVED = "received", _("the day of receipt")
    ACCEPTED = "accepted", _("the day of acceptance")
    PREVIOUS_DUE = "previous_due", _("the previous time limit")
    DECISION_KNOWN = "decision_known", _("the day the decision complained of was received or known")


class TimeLimitRule(models.Model):
    """Thời hạn theo luật: one statutory time limit, valid for a period, with its legal basis.

    Time limits are data, not code: the laws change (Luật 136/2025/QH15 from 01/07/2026), so each
    rule carries its validity dates, its day unit and a "verify" flag for unconfirmed figures.
    """

    key = models.SlugField(_("key"), max_length=80, unique=True)
    petition_type = models.CharField(_("petition type"), max_length=20, choices=PetitionType.choices)
    step = models.CharField(_("step"), max_length=20, choices=Step.choices)
    complaint_track = models.CharField(
        _("complaint procedure"), max_length=16, choices=ComplaintTrack.choices, blank=True
    )
    condition = models.CharField(_("condition"), max_length=20, choices=RuleCondition.choices, blank=True)
    channel = models.CharField(
        _("only for channel"),
        max_length=20,
        choices=Channel.choices,
        blank=True,
        help_text=_("Leave empty when the rule applies to every channel."),
    )
    days = models.PositiveSmallIntegerField(_("days"))
    unit = models.CharField(_("day unit"), max_length=10, choices=DayUnit.choices)
    counted_from = models.CharField(_("counted from"), max_length=16, choices=CountedFrom.choices)
    legal_basis = models.CharField(_("legal basis"), max_length=255)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    verify = models.BooleanField(
        _("to be verified"),
        default=False,
        help_text=_("The figure is not confirmed against the official text; check it before relying on it."),
    )
    note = models.TextField(_("note"), blank=True)
    changed_in_app = models.BooleanField(
        _("changed by the Board"),
        default=False,
        help_text=_("Changed or added in the application: loading the shipped time limits again keeps it."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["petition_type", "step", "complaint_track", "condition", "valid_from"]
        verbose_name = _("time limit rule")
        verbose_name_plural = _("time limit rules")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="citizens_rule_valid_range",
                violation_error_message=_("The end of validity cannot be before its start."),
            ),
            models.CheckConstraint(
                condition=Q(days__gt=0),
                name="citizens_rule_days_positive",
                violation_error_message=_("A time limit must be at least one day."),
            ),
        ]

    def __str__(self) -> str:
        kind = f"{self.get_petition_type_display()} · {self.get_step_display()}"
        return f"{kind}: {self.days} {self.get_unit_display()}"

    def get_absolute_url(self) -> str:
        return reverse("citizens:rule_list") + f"#rule-{self.pk}"


class Holiday(models.Model):
    """Ngày nghỉ lễ, Tết (or a make-up working day) in the calendar that counts working days."""

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=150)
    is_working_day = models.BooleanField(
        _("make-up working day"),
        default=False,
        help_text=_("Tick for a weekend day that is worked in exchange for a holiday."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["date"]
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("citizens:holiday_list")


class CaseFile(TimeStampedModel):
    """Hồ sơ vụ việc: the petitions on the same matter (duplicates, copies sent to several bodies)."""

    title = models.CharField(_("title"), max_length=255)
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        ordering = ["-id"]
        verbose_name = _("case file")
        verbose_name_plural = _("case files")

    def __str__(self) -> str:
        return f"HS-{self.pk}: {self.title}"

    def get_absolute_url(self) -> str:
        first = self.petitions.order_by("received_on", "pk").first()
        return first.get_absolute_url() if first else reverse("citizens:petition_list")


class ReceptionSession(TimeStampedModel):
    """Buổi tiếp công dân: a reception day, the leader who received, the officers present."""

    held_on = models.DateField(_("date"))
    place = models.CharField(pgettext_lazy("venue", "place"), max_length=255)
    kind = models.CharField(
        _("kind"), max_length=16, choices=SessionKind.choices, default=SessionKind.REGULAR
    )
    online = models.BooleanField(_("online reception"), default=False)
    unit = models.ForeignKey(
        UNIT, verbose_name=_("receiving body"), on_delete=models.PROTECT, related_name="reception_sessions"
    )
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("leader who received"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="receptions_led",
    )
    leader_name = models.CharField(_("leader who received (name and position)"), max_length=255, blank=True)
    officers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("officers"), blank=True, related_name="receptions_attended"
    )
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("reception session")
        verbose_name_plural = _("reception sessions")

    def __str__(self) -> str:
        return f"{self.held_on:%d/%m/%Y} · {self.place}"

    def get_absolute_url(self) -> str:
        return reverse("citizens:session", args=[self.pk])

    def audit_scope_path(self) -> str:
        return self.unit.path

    @property
    def leader_display(self) -> str:
        return self.leader_name or (self.leader.get_full_name() if self.leader_id else "")


class Petition(TimeStampedModel):
    """Đơn thư: a complaint, denunciation, recommendation or feedback, from intake to the answer."""

    code = models.CharField(_("tracking code"), max_length=16, unique=True)
    petition_type = models.CharField(_("type"), max_length=20, choices=PetitionType.choices, db_index=True)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    subject = models.CharField(pgettext_lazy("petition", "subject"), max_length=255)
    content = models.TextField(_("content"))
    received_on = models.DateField(_("received on"), db_index=True)
    received_unit = models.ForeignKey(
        UNIT,
        verbose_name=_("receiving body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="petitions_received",
    )
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("received by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="petitions_received",
    )
    reception_session = models.ForeignKey(
        ReceptionSession,
        verbose_name=_("reception session"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="petitions",
    )
    # What lists may show of the sender: blank for denunciations and anonymous letters.
    sender_label = models.CharField(_("sender"), max_length=150, blank=True)
    is_anonymous = models.BooleanField(_("anonymous"), default=False)
    is_group = models.BooleanField(_("group petition"), default=False)
    signer_count = models.PositiveIntegerField(_("number of signers"), default=1)
    topic = models.CharField(
        _("topic"), max_length=20, choices=Topic.choices, default=Topic.OTHER, db_index=True
    )
    location_unit = models.ForeignKey(
        UNIT,
        verbose_name=_("area (current unit)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="petitions_located",
    )
    location_given = models.ForeignKey(
        UNIT,
        verbose_name=_("area as given (former unit)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    address_text = models.CharField(_("address"), max_length=255, blank=True)
    eligible = models.BooleanField(_("eligible for handling"), null=True, blank=True)
    ineligible_reason = models.CharField(
        _("reason not eligible"), max_length=20, choices=IneligibleReason.choices, blank=True
    )
    classification_note = models.TextField(_("classification note"), blank=True)
    complaint_track = models.CharField(
        _("complaint procedure"), max_length=16, choices=ComplaintTrack.choices, blank=True
    )
    decision_known_on = models.DateField(
        _("decision received or known on"),
        null=True,
        blank=True,
        help_text=_(
            "First complaint: the day the complainant received or learned of the decision or act complained "
            "of. Second complaint: the day the first-instance decision was received, or the day its time "
            "limit ran out without one."
        ),
    )
    is_complex = models.BooleanField(_("complex case"), default=False)
    is_remote_area = models.BooleanField(_("remote area"), default=False)
    multi_place_verification = models.BooleanField(_("verification at several places"), default=False)
    extensions = models.PositiveSmallIntegerField(_("extensions granted"), default=0)
    case_file = models.ForeignKey(
        CaseFile,
        verbose_name=_("case file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="petitions",
    )
    is_duplicate = models.BooleanField(_("duplicate"), default=False)
    suggested_body = models.ForeignKey(
        UNIT,
        verbose_name=_("suggested body"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    competent_body = models.ForeignKey(
        UNIT,
        verbose_name=_("competent body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="petitions_handled",
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned handler"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="petitions_assigned",
    )
    classified_on = models.DateField(_("classified on"), null=True, blank=True)
    routed_on = models.DateField(_("routed on"), null=True, blank=True)
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    classification_due = models.DateField(_("classification due"), null=True, blank=True)
    forwarding_due = models.DateField(_("forwarding due"), null=True, blank=True)
    acceptance_due = models.DateField(_("acceptance due"), null=True, blank=True)
    reply_due = models.DateField(_("answer to visitor due"), null=True, blank=True)
    resolution_due = models.DateField(_("resolution due"), null=True, blank=True)
    current_due = models.DateField(_("current time limit"), null=True, blank=True, db_index=True)
    answer_number = models.CharField(_("answer document number"), max_length=60, blank=True)
    answer_date = models.DateField(_("answer document date"), null=True, blank=True)
    answer_summary = models.TextField(_("answer (internal)"), blank=True)
    public_answer = models.TextField(
        _("public answer"), blank=True, help_text=_("Shown to the citizen who follows the tracking code.")
    )
    received_path = models.CharField(max_length=255, blank=True, db_index=True, editable=False)
    handling_path = models.CharField(max_length=255, blank=True, db_index=True, editable=False)
    search_text = models.TextField(blank=True, editable=False)
    # 1 while the petition is being handled (status received … accepted), else 0; kept by the database.
    # One indexed value instead of a four-value IN, so the open, overdue and due-soon lists read an index
    # in their own order. An integer, not a boolean: `pending = 1` can use an index on SQLite, while the
    # bare boolean column that Django writes for `flag=True` cannot.
    pending = models.GeneratedField(
        expression=Case(When(status__in=Status.open_values(), then=Value(1)), default=Value(0)),
        output_field=models.PositiveSmallIntegerField(),
        db_persist=True,
    )
    history = HistoricalRecords(
        excluded_fields=[
            "pending",
            "search_text",
            "sender_label",
            "received_path",
            "handling_path",
            "created_at",
            "updated_at",
        ]
    )

    objects = PetitionQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("petition")
        verbose_name_plural = _("petitions")
        indexes = [
            models.Index(fields=["status", "current_due"], name="citizens_pet_status_due"),
            models.Index(fields=["petition_type", "received_on"], name="citizens_pet_type_recv"),
            models.Index(fields=["location_unit", "received_on"], name="citizens_pet_loc_recv"),
            models.Index(fields=["status", "received_on"], name="citizens_pet_status_recv"),
            models.Index(fields=["topic", "received_on"], name="citizens_pet_topic_recv"),
            models.Index(fields=["received_on", "id"], name="citizens_pet_recv_id"),
            models.Index(fields=["pending", "received_on", "id"], name="citizens_pet_pending_recv"),
            models.Index(fields=["pending", "current_due"], name="citizens_pet_pending_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(signer_count__gte=1),
                name="citizens_petition_signers",
                violation_error_message=_("A petition has at least one signer."),
            ),
            models.CheckConstraint(
                condition=Q(eligible=False) | Q(ineligible_reason=""),
                name="citizens_petition_reason_only_if_ineligible",
                violation_error_message=_(
                    "A reason for not handling is given only for ineligible petitions."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("citizens:petition", args=[self.pk])

    def audit_scope_path(self) -> str:
        return self.handling_path or self.received_path

    @property
    def is_protected(self) -> bool:
        """A denouncer's identity is protected (Luật Tố cáo): only the handler and the head see it."""
        return self.petition_type == PetitionType.DENUNCIATION

    @property
    def is_open(self) -> bool:
        return self.status in Status.open_values()

    def deadline_state(self, today) -> str:
        """ "overdue", "due_soon" or "" for the current step (used by every list)."""
        from .services import due_soon_days

        if not self.is_open or self.current_due is None:
            return ""
        if self.current_due < today:
            return "overdue"
        if (self.current_due - today).days <= due_soon_days():
            return "due_soon"
        return ""

    def on_time(self) -> bool | None:
        if self.answered_on is None or self.resolution_due is None:
            return None
        return self.answered_on <= self.resolution_due


class PetitionSender(models.Model):
    """Người gửi đơn: identity and contact. Never listed, exported, searched or sent through the API."""

    petition = models.OneToOneField(Petition, on_delete=models.CASCADE, related_name="sender")
    full_name = models.CharField(pgettext_lazy("person", "full name"), max_length=150, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("telephone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    id_number = models.CharField(_("identity card number"), max_length=20, blank=True)
    # The folded name, so that duplicate detection finds the same sender through an index.
    name_key = models.CharField(max_length=150, blank=True, db_index=True, editable=False)

    class Meta:
        verbose_name = _("sender")
        verbose_name_plural = _("senders")
        indexes = [
            models.Index(fields=["phone"], name="citizens_sender_phone"),
            models.Index(Lower("email"), name="citizens_sender_email"),
        ]

    def __str__(self) -> str:
        return str(_("Sender of %(code)s") % {"code": self.petition.code})

    def save(self, *args, **kwargs):
        self.name_key = fold(self.full_name)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return self.petition.get_absolute_url()


class SenderAccess(models.Model):
    """Nhật ký xem danh tính: every time someone views or changes a sender's identity."""

    class Action(models.TextChoices):
        VIEW = "view", _("Viewed")
        CHANGE = "change", _("Changed")

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="sender_accesses")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(_("actor"), max_length=150)
    action = models.CharField(_("action"), max_length=8, choices=Action.choices)
    at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("identity access")
        verbose_name_plural = _("identity accesses")

    def __str__(self) -> str:
        return f"{self.petition.code} {self.get_action_display()} {self.actor_label}"


class PetitionAttachment(models.Model):
    """Tài liệu kèm theo a petition (checked for type and size on upload)."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to="citizens/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size (bytes)"))
    content_type = models.CharField(_("content type"), max_length=100)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name


class RoutingRule(models.Model):
    """Gợi ý thẩm quyền: which body usually handles a topic (and type) in an area; staff confirm it."""

    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices, blank=True)
    petition_type = models.CharField(_("type"), max_length=20, choices=PetitionType.choices, blank=True)
    area = models.ForeignKey(
        UNIT,
        verbose_name=_("area"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Empty: everywhere."),
    )
    body = models.ForeignKey(
        UNIT, verbose_name=_("competent body"), on_delete=models.CASCADE, related_name="routing_rules"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["topic", "petition_type", "id"]
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")

    def __str__(self) -> str:
        return f"{self.get_topic_display() or '*'} / {self.area or '*'} → {self.body}"


class UnitHead(models.Model):
    """Người đứng đầu: the head of a body (e.g. the Board), who may see protected identities."""

    unit = models.OneToOneField(
        UNIT, verbose_name=_("body"), on_delete=models.CASCADE, related_name="citizens_head"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("head"),
        on_delete=models.CASCADE,
        related_name="citizens_headships",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("head of body")
        verbose_name_plural = _("heads of bodies")

    def __str__(self) -> str:
        return f"{self.user} — {self.unit}"


class Meeting(TimeStampedModel):
    """Hội nghị đối thoại / tiếp xúc cử tri: who met citizens or voters, where and when."""

    kind = models.CharField(_("kind"), max_length=16, choices=MeetingKind.choices)
    title = models.CharField(_("title"), max_length=255)
    held_on = models.DateField(_("date"))
    place = models.CharField(pgettext_lazy("venue", "place"), max_length=255)
    unit = models.ForeignKey(
        UNIT, verbose_name=_("organizing body"), on_delete=models.PROTECT, related_name="citizen_meetings"
    )
    hosts = models.CharField(_("leaders or deputies attending"), max_length=255)
    participants = models.TextField(_("participants"), blank=True)
    participant_count = models.PositiveIntegerField(_("number of participants"), default=0)
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("dialogue or voter contact meeting")
        verbose_name_plural = _("dialogues and voter contact meetings")

    def __str__(self) -> str:
        return f"{self.held_on:%d/%m/%Y} · {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("citizens:meeting", args=[self.pk])

    def audit_scope_path(self) -> str:
        return self.unit.path


class MeetingItem(TimeStampedModel):
    """Ý kiến, kiến nghị raised at a meeting, followed until it is settled (giải quyết dứt điểm)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("kind"), max_length=16, choices=ItemKind.choices)
    raised_by = models.CharField(_("raised by"), max_length=255, blank=True)
    content = models.TextField(_("content"))
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices, default=Topic.OTHER)
    responsible_body = models.ForeignKey(
        UNIT,
        verbose_name=_("responsible body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meeting_items",
    )
    answer = models.TextField(_("answer"), blank=True)
    commitment = models.TextField(_("commitment"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=ItemStatus.choices, default=ItemStatus.OPEN)
    due_on = models.DateField(_("answer due"), null=True, blank=True)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    objects = MeetingItemQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "id"]
        verbose_name = _("opinion or recommendation")
        verbose_name_plural = _("opinions and recommendations")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="resolved") | Q(resolved_on__isnull=False),
                name="citizens_item_resolved_date",
                violation_error_message=_("A resolved item needs the date it was resolved."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.content[:80]}"

    def get_absolute_url(self) -> str:
        return reverse("citizens:meeting", args=[self.meeting_id]) + f"#item-{self.pk}"

    def audit_scope_path(self) -> str:
        return self.meeting.unit.path


class Intake(models.Model):
    """Đơn gửi trực tuyến chờ vào sổ: a public submission (portal or Open311) exactly as received.

    The request stores only this row (with the tracking code the citizen keeps); the worker's intake
    watcher (`citizens.tasks.watch_intakes`) registers it as a Petition (routing suggestion, time limits
    from `received_at`, duplicates, e-mail with the code, audit) and then empties `payload`. Until then
    the code can be followed and shows "Received". There is no history table: the payload holds the
    sender's identity for those few seconds and must never reach the audit trail. The rows stay (code,
    time, keyed hash of the address) because the per-address submission limit is counted from them.
    """

    code = models.CharField(_("tracking code"), max_length=16, unique=True)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    received_at = models.DateTimeField(_("received at"))
    address_hash = models.CharField(max_length=64)
    payload = models.JSONField(_("submission"), default=dict, blank=True)
    attachment = models.FileField(_("file"), upload_to="citizens/%Y/%m/", blank=True)
    attachment_name = models.CharField(_("file name"), max_length=255, blank=True)
    attachment_type = models.CharField(_("content type"), max_length=100, blank=True)
    attachment_size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    petition = models.OneToOneField(
        Petition,
        verbose_name=_("petition"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="intake",
    )
    processed_at = models.DateTimeField(_("registered at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    objects = IntakeQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("online submission")
        verbose_name_plural = _("online submissions")
        indexes = [
            # Submissions per address in the last window (rate limit).
            models.Index(fields=["address_hash", "received_at"], name="citizens_intake_quota"),
            # What the worker still has to register.
            models.Index(
                fields=["received_at"], condition=Q(processed_at__isnull=True), name="citizens_intake_pending"
            ),
        ]

    def __str__(self) -> str:
        return self.code

    def get_absolute_url(self) -> str:
        if self.petition_id:
            return self.petition.get_absolute_url()
        return reverse("portal:follow") + f"?code={self.code}"
