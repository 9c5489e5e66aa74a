from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PetitionType(models.TextChoices):
    COMPLAINT = "complaint", _("Complaint")
    DENUNCIATION = "denunciation", _("Denunciation")
    RECOMMENDATION = "recommendation", _("Recommendation")
    FEEDBACK = "feedback", _("Feedback")


class Channel(models.TextChoices):
    RECEPTION = "reception", _("In person at a reception")
    ONLINE_RECEPTION = "online_reception", _("Online reception")
    POST = "post", _("Letter by post")
    PORTAL = "portal", _("Public portal")
    PHONE = "phone", _("Telephone")
    DIALOGUE = "dialogue", _("Dialogue")
    VOTER_CONTACT = "voter_contact", _("Voter contact meeting")
    FORWARDED = "forwarded", _("Forwarded by another body")
    OPEN311 = "open311", _("Open311 client")


class Status(models.TextChoices):
    RECEIVED = "received", _("Received")
    CLASSIFIED = "classified", _("Classified")
    ROUTED = "routed", _("Routed to the competent body")
    ACCEPTED = "accepted", _("Accepted for handling")
    ANSWERED = "answered", _("Answered")
    FILED = "filed", _("Filed without handling")

    @classmethod
    def open_values(cls) -> list[str]:
        return [cls.RECEIVED, cls.CLASSIFIED, cls.ROUTED, cls.ACCEPTED]


class Topic(models.TextChoices):
    LAND = "land", _("Land")
    COMPENSATION = "compensation", _("Compensation and resettlement")
    ENVIRONMENT = "environment", _("Environment")
    PROCEDURES = "procedures", _("Administrative procedures")
    SOCIAL_POLICY = "social_policy", _("Social policy")
    OFFICIALS = "officials", _("Conduct of officials")
    INFRASTRUCTURE = "infrastructure", _("Infrastructure and public order")
    OTHER = "other", _("Other")


class ComplaintTrack(models.TextChoices):
    """Which procedure of the Law on Complaints applies (first or second instance, discipline)."""

    NONE = "", _("Not a complaint")
    FIRST = "first", _("First-instance complaint")
    SECOND = "second", _("Second-instance complaint")
    DISCIPLINARY = "disciplinary", _("Complaint against a disciplinary decision")


class IneligibleReason(models.TextChoices):
    ANONYMOUS = "anonymous", _("Anonymous or impersonated sender")
    UNSIGNED = "unsigned", _("Letter not signed or thumbprinted")
    ALREADY_RESOLVED = "already_resolved", _("Already resolved, no new facts")
    NOT_COMPETENT = "not_competent", _("Not within competence (to be forwarded)")
    TIME_BARRED = "time_barred", _("Time to file has expired")
    SENT_TO_MANY = "sent_to_many", _("Sent to several bodies including the competent one")
    ALREADY_GUIDED = "already_guided", _("Already guided once on the same content")
    BEFORE_COURT = "before_court", _("Already before a court")
    ILLEGIBLE = "illegible", _("Torn or illegible")
    OTHER = "other", _("Other reason")


class Step(models.TextChoices):
    """A step of handling that has a statutory time limit."""

    FILING = "filing", _("Time to file the complaint")
    CLASSIFICATION = "classification", _("Classification (initial processing)")
    FORWARDING = "forwarding", _("Forwarding to the competent body")
    ACCEPTANCE = "acceptance", _("Acceptance (decision to handle)")
    NOTIFICATION = "notification", _("Notice of acceptance")
    REPLY_VISITOR = "reply_visitor", _("Answer to the citizen received in person")
    RESOLUTION = "resolution", pgettext_lazy("time limit", "Resolution")
    EXTENSION = "extension", _("Extension of resolution")


class DayUnit(models.TextChoices):
    CALENDAR = "calendar", _("calendar days")
    WORKING = "working", _("working days")


class SessionKind(models.TextChoices):
    REGULAR = "regular", _("Regular reception")
    PERIODIC = "periodic", _("Periodic reception by the head")
    AD_HOC = "ad_hoc", _("Ad hoc reception")


class MeetingKind(models.TextChoices):
    DIALOGUE = "dialogue", _("Dialogue with citizens")
    VOTER_CONTACT = "voter_contact", _("Voter contact meeting")


class ItemKind(models.TextChoices):
    OPINION = "opinion", _("Opinion")
    RECOMMENDATION = "recommendation", _("Recommendation")


class ItemStatus(models.TextChoices):
    OPEN = "open", _("Awaiting answer")
    ANSWERED = "answered", _("Answered")
    COMMITTED = "committed", _("Commitment made, being followed")
    RESOLVED = "resolved", _("Resolved")

    @classmethod
    def open_values(cls) -> list[str]:
        return [cls.OPEN, cls.ANSWERED, cls.COMMITTED]
