"""Rules of reporting: periods, who must report, the report workflow, locks, completeness, decisions.

Workflow of a body report: draft → submitted → returned (with a reason) → submitted → accepted.
A report is locked once accepted and, whatever its state, after the period's lock date; the Board
can reopen it (recorded as a workflow step). Timeliness is judged on the first submission: a report
first submitted after `due_on + grace_days` is marked late, and stays late when resubmitted.
"""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.orgs.choices import OrgKind
from danvan.orgs.models import OrgUnit
from danvan.tracking.services import check_evidence

from . import sources
from .choices import ObligationSource, PeriodKind, ReportStatus, TransitionKind
from .models import (
    BodyReport,
    DecisionRequest,
    ReportAttachment,
    ReportingPeriod,
    ReportItem,
    ReportObligation,
    ReportTransition,
)


def _now(now: datetime | None) -> datetime:
    return now or timezone.now()


def _today(now: datetime | None) -> date:
    return timezone.localdate(_now(now))


# ----------------------------------------------------------------------------------------- periods


def default_dates(kind: str, year: int, sequence: int = 0) -> dict[str, date]:
    """Dates of a period when the Board does not give them.

    Annual: the calendar year, data cut-off 30/11 (the year's report is written in December),
    due 15/12, locked 31/01 of the next year. Half-year and quarter: the months, cut-off at the end,
    due 10 days after, locked 30 days after the due date. Reviews have no natural dates.
    """
    if kind == PeriodKind.ANNUAL:
        return {
            "starts_on": date(year, 1, 1),
            "ends_on": date(year, 12, 31),
            "cutoff_on": date(year, 11, 30),
            "due_on": date(year, 12, 15),
            "lock_on": date(year + 1, 1, 31),
        }
    if kind in (PeriodKind.HALF_YEAR, PeriodKind.QUARTER):
        months = 6 if kind == PeriodKind.HALF_YEAR else 3
        count = 12 // months
        if not 1 <= sequence <= count:
            raise ValidationError(
                _("The number in the year must be between 1 and %(n)s for this kind of period.")
                % {"n": count}
            )
        first = (sequence - 1) * months + 1
        last = first + months - 1
        ends = date(year, last, monthrange(year, last)[1])
        due = ends + timedelta(days=10)
        return {
            "starts_on": date(year, first, 1),
            "ends_on": ends,
            "cutoff_on": ends,
            "due_on": due,
            "lock_on": due + timedelta(days=30),
        }
    raise ValidationError(_("Give the start, end, due and lock dates of an interim or final review."))


@transaction.atomic
def create_period(
    *,
    plan,
    kind: str = PeriodKind.ANNUAL,
    year: int,
    sequence: int = 0,
    title: str = "",
    grace_days: int = 0,
    actor=None,
    derive: bool = True,
    **dates,
) -> ReportingPeriod:
    """Open a reporting period of a plan and, unless told otherwise, list the bodies that must report."""
    given = {k: v for k, v in dates.items() if v is not None}
    if kind in (PeriodKind.INTERIM_REVIEW, PeriodKind.FINAL_REVIEW):
        missing = {"starts_on", "ends_on", "due_on"} - set(given)
        if missing:
            raise ValidationError(_("Give the start, end, due and lock dates of an interim or final review."))
        given.setdefault("cutoff_on", given["ends_on"])
        given.setdefault("lock_on", given["due_on"] + timedelta(days=30))
        values = given
    else:
        values = default_dates(kind, year, sequence) | given
    period = ReportingPeriod(
        plan=plan,
        kind=kind,
        year=year,
        sequence=sequence,
        title=title,
        grace_days=grace_days,
        created_by=actor,
        **values,
    )
    period.full_clean()
    period.save()
    if derive:
        derive_obligations(period, actor=actor)
    return period


class _UnitIndex:
    """All units in memory once: districts and reporting bodies are found without a query per body."""

    def __init__(self) -> None:
        self.by_id = {
            u.pk: u
            for u in OrgUnit.objects.only(
                "id", "kind", "parent_id", "territory_id", "path", "name", "valid_from", "valid_to"
            )
        }

    def district_of(self, unit: OrgUnit) -> OrgUnit | None:
        """The district a body belongs to: itself, its territory, or the nearest district above either."""
        for start in (unit, self.by_id.get(unit.territory_id)):
            current = start
            while current is not None:
                if current.kind == OrgKind.DISTRICT:
                    return current
                territory = self.by_id.get(current.territory_id)
                if territory is not None and territory.kind == OrgKind.DISTRICT:
                    return territory
                current = self.by_id.get(current.parent_id)
        return None


def _active_during(unit: OrgUnit, period: ReportingPeriod) -> bool:
    return (unit.valid_from is None or unit.valid_from <= period.ends_on) and (
        unit.valid_to is None or unit.valid_to >= period.starts_on
    )


def reached_admin_bodies(period: ReportingPeriod, index: _UnitIndex) -> list[OrgUnit]:
    """The bodies that report for the administrative units the plan reaches.

    The plan reaches the administrative units one level below its issuer's territory that exist
    during the period: districts until 30/06/2025, communes after (two-level government). Each
    reports through its Party committee when one is registered, otherwise as the unit itself.
    """
    issuer = period.plan.issuer
    territory = index.by_id.get(issuer.territory_id) if issuer and issuer.territory_id else None
    prefix = territory.path if territory else ""
    candidates = [u for u in index.by_id.values() if u.path.startswith(prefix) and _active_during(u, period)]
    for kind in (OrgKind.DISTRICT, OrgKind.COMMUNE):
        areas = [u for u in candidates if u.kind == kind]
        if areas:
            break
    else:
        return []
    committees = {
        u.territory_id: u
        for u in index.by_id.values()
        if u.kind == OrgKind.PARTY_COMMITTEE and u.territory_id and _active_during(u, period)
    }
    return [committees.get(area.pk, area) for area in sorted(areas, key=lambda a: a.path)]


@transaction.atomic
def derive_obligations(period: ReportingPeriod, *, actor=None) -> int:
    """List the bodies that must report: those the plan assigns (lead, co-lead, coordinator) and the
    administrative units it reaches. Bodies already listed (added or exempted by the Board) are kept."""
    index = _UnitIndex()
    wanted: dict[int, str] = {}
    for unit in sources.assigned_units(period.plan):
        unit = index.by_id.get(unit.pk, unit)
        if unit.kind == OrgKind.GROUP:
            for child in (
                u for u in index.by_id.values() if u.parent_id == unit.pk and _active_during(u, period)
            ):
                wanted.setdefault(child.pk, ObligationSource.ASSIGNMENT)
        elif _active_during(unit, period):
            wanted.setdefault(unit.pk, ObligationSource.ASSIGNMENT)
    for unit in reached_admin_bodies(period, index):
        wanted.setdefault(unit.pk, ObligationSource.TERRITORY)
    present = set(period.obligations.values_list("unit_id", flat=True))
    new = [
        ReportObligation(
            period=period, unit_id=unit_id, source=source, district=index.district_of(index.by_id[unit_id])
        )
        for unit_id, source in wanted.items()
        if unit_id not in present
    ]
    # bulk_create skips simple_history's signals: the creation is recorded on the period instead.
    ReportObligation.objects.bulk_create(new)
    return len(new)


@transaction.atomic
def add_body(
    period: ReportingPeriod, unit: OrgUnit, *, actor, reason: str = "", now=None
) -> ReportObligation:
    """The Board adds a body the plan did not name (or lifts its exemption)."""
    obligation = ReportObligation.objects.filter(period=period, unit=unit).first()
    if obligation is None:
        obligation = ReportObligation(
            period=period, unit=unit, source=ObligationSource.ADDED, district=_UnitIndex().district_of(unit)
        )
    obligation.exempt = False
    obligation.reason = reason.strip()
    obligation.decided_by, obligation.decided_at = actor, _now(now)
    obligation._history_user = actor
    obligation.save()
    return obligation


@transaction.atomic
def exempt_body(period: ReportingPeriod, unit: OrgUnit, *, actor, reason: str, now=None) -> ReportObligation:
    """The Board exempts a body from reporting for the period; the reason is required."""
    if not reason.strip():
        raise ValidationError(_("Write the reason for the exemption."))
    obligation = ReportObligation.objects.filter(period=period, unit=unit).first()
    if obligation is None:
        raise ValidationError(_("This body is not on the list of bodies that must report for this period."))
    obligation.exempt, obligation.reason = True, reason.strip()
    obligation.decided_by, obligation.decided_at = actor, _now(now)
    obligation._history_user = actor
    obligation.save()
    return obligation


# ----------------------------------------------------------------------------------------- reports


def _items_from_rows(report: BodyReport, rows) -> list[ReportItem]:
    return [
        ReportItem(
            report=report,
            task_id=row.task_id,
            occurrence_ref=row.occurrence_id,
            section_label=row.section_label[:255],
            task_text=row.task_text,
            role=row.unit_roles.get(report.unit_id, ""),
            due_on=row.due_on,
            outcome=row.outcome,
            completed_on=row.completed_on,
            progress_percent=row.progress_percent,
            progress_note=row.progress_note,
            evidence=row.evidence,
            order=index,
        )
        for index, row in enumerate(sorted(rows, key=lambda r: (r.order, r.task_id)))
    ]


@transaction.atomic
def refresh_items(report: BodyReport, *, period_rows=None) -> int:
    """Fill the report's task lines with the body's occurrences as they stand on the data cut-off.

    `period_rows` (sources.occurrences_in of the period) spares the lookup when filling many reports."""
    report.items.all().delete()
    if period_rows is not None:
        rows = [row for row in period_rows if report.unit_id in row.unit_roles]
    else:
        rows = sources.occurrences_for_unit(report.period, report.unit)
    items = _items_from_rows(report, rows)
    ReportItem.objects.bulk_create(items)
    return len(items)


def must_report(period: ReportingPeriod, unit: OrgUnit) -> bool:
    """The body is on the period's list of bodies that report."""
    return period.obligations.filter(unit=unit).exists()


@transaction.atomic
def ensure_report(period: ReportingPeriod, unit: OrgUnit, *, actor=None, period_rows=None) -> BodyReport:
    """The body's report for the period, created (and pre-filled) on first use."""
    report = BodyReport.objects.filter(period=period, unit=unit).first()
    if report is not None:
        return report
    if not must_report(period, unit):
        raise ValidationError(_("This body is not on the list of bodies that must report for this period."))
    report = BodyReport(period=period, unit=unit)
    report._history_user = actor
    report.save()
    refresh_items(report, period_rows=period_rows)
    return report


def _check_editable(report: BodyReport, now) -> None:
    if report.is_locked_on(_today(now)):
        if report.status == ReportStatus.ACCEPTED:
            raise ValidationError(
                _("This report has been accepted and is locked. Ask the Board to reopen it.")
            )
        raise ValidationError(
            _("The period was locked on %(date)s. Ask the Board to reopen this report.")
            % {"date": f"{report.period.lock_on:%d/%m/%Y}"}
        )
    if report.status not in (ReportStatus.DRAFT, ReportStatus.RETURNED):
        raise ValidationError(_("A submitted report cannot be changed until the Board returns it."))


def _step(report: BodyReport, kind: str, to_status: str, *, actor, now, reason: str = "") -> None:
    ReportTransition.objects.create(
        report=report,
        kind=kind,
        from_status=report.status,
        to_status=to_status,
        reason=reason,
        actor=actor,
        at=_now(now),
    )
    report.status = to_status


def _save(report: BodyReport, actor) -> None:
    report._history_user = actor
    report.save()


@transaction.atomic
def save_report(report: BodyReport, *, data: dict, actor, now=None) -> BodyReport:
    """Save the editable sections of a draft or returned report."""
    _check_editable(report, now)
    for name in BodyReport.EDITABLE_SECTIONS:
        if name in data:
            setattr(report, name, (data[name] or "").strip())
    _save(report, actor)
    return report


@transaction.atomic
def submit_report(report: BodyReport, *, actor, now=None, period_rows=None) -> BodyReport:
    """Send the report to the Board. The task lines are refreshed to the data cut-off first."""
    _check_editable(report, now)
    if not report.results.strip():
        raise ValidationError({"results": _("Write the results section before submitting the report.")})
    moment = _now(now)
    refresh_items(report, period_rows=period_rows)
    if report.first_submitted_at is None:
        report.first_submitted_at = moment
        report.late = timezone.localdate(moment) > report.period.on_time_until
    report.submitted_at, report.submitted_by = moment, actor
    report.return_reason = ""
    _step(report, TransitionKind.SUBMIT, ReportStatus.SUBMITTED, actor=actor, now=moment)
    _save(report, actor)
    return report


def _check_submitted(report: BodyReport) -> None:
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted report can be returned or accepted."))


@transaction.atomic
def return_report(report: BodyReport, *, reason: str, actor, now=None) -> BodyReport:
    """The Board sends the report back to the body with the reason."""
    _check_submitted(report)
    if not reason.strip():
        raise ValidationError(_("Write why the report is returned, so the body knows what to fix."))
    report.return_reason = reason.strip()
    report.reviewed_at, report.reviewed_by = _now(now), actor
    _step(report, TransitionKind.RETURN, ReportStatus.RETURNED, actor=actor, now=now, reason=reason.strip())
    _save(report, actor)
    return report


@transaction.atomic
def accept_report(report: BodyReport, *, actor, now=None) -> BodyReport:
    """The Board accepts the report; it is locked from then on."""
    _check_submitted(report)
    report.reviewed_at, report.reviewed_by = _now(now), actor
    report.reopened = False
    _step(report, TransitionKind.ACCEPT, ReportStatus.ACCEPTED, actor=actor, now=now)
    _save(report, actor)
    return report


@transaction.atomic
def reopen_report(report: BodyReport, *, reason: str, actor, now=None) -> BodyReport:
    """The Board unlocks an accepted report, or any report past the lock date, for changes."""
    if not report.is_locked_on(_today(now)):
        raise ValidationError(_("This report is not locked."))
    if not reason.strip():
        raise ValidationError(_("Write why the report is reopened."))
    report.reopened = True
    to_status = ReportStatus.DRAFT if report.status == ReportStatus.ACCEPTED else report.status
    _step(report, TransitionKind.REOPEN, to_status, actor=actor, now=now, reason=reason.strip())
    _save(report, actor)
    return report


@transaction.atomic
def add_attachment(report: BodyReport, *, upload, actor, now=None) -> ReportAttachment:
    """Attach a file (the signed scan, photos, annexes) to a report that can still be changed.

    Type and size follow the rule of progress evidence (`tracking.services.check_evidence`): the type is
    read from the content, not the name, so a renamed program or an empty file is refused."""
    _check_editable(report, now)
    check_evidence(upload)
    name = upload.name.rsplit("/", 1)[-1]
    attachment = ReportAttachment(report=report, name=name, uploaded_by=actor)
    attachment.file.save(name, upload, save=False)
    attachment._history_user = actor
    attachment.save()
    return attachment


# ----------------------------------------------------------------------------------------- decisions


@transaction.atomic
def flag_difficulty(report: BodyReport, *, text: str, actor, now=None) -> DecisionRequest:
    """The body asks the leaders to decide on a difficulty; it stays open until answered."""
    if not text.strip():
        raise ValidationError(_("Describe the difficulty that needs a decision."))
    request = DecisionRequest(report=report, text=text.strip(), raised_by=actor, raised_at=_now(now))
    request._history_user = actor
    request.save()
    return request


@transaction.atomic
def answer_decision(request: DecisionRequest, *, answer: str, actor, now=None) -> DecisionRequest:
    """A leader or the Board records the answer; the difficulty leaves the dashboard."""
    if not request.is_open:
        raise ValidationError(_("This difficulty has already been answered."))
    if not answer.strip():
        raise ValidationError(_("Write the answer."))
    request.answer, request.answered_by, request.answered_at = answer.strip(), actor, _now(now)
    request._history_user = actor
    request.save()
    return request


# ----------------------------------------------------------------------------------------- completeness


@dataclass
class BodyLine:
    obligation: ReportObligation
    report: BodyReport | None

    @property
    def unit(self) -> OrgUnit:
        return self.obligation.unit

    @property
    def exempt(self) -> bool:
        return self.obligation.exempt

    @property
    def received(self) -> bool:
        return not self.exempt and self.report is not None and self.report.is_received

    @property
    def on_time(self) -> bool:
        return self.received and not self.report.late

    @property
    def late(self) -> bool:
        return self.received and self.report.late

    @property
    def status(self) -> str:
        return self.report.status if self.report else ""


@dataclass
class Tally:
    label: str
    expected: int = 0
    received: int = 0
    on_time: int = 0
    district_id: int | None = None

    def add(self, line: BodyLine) -> None:
        if line.exempt:
            return
        self.expected += 1
        self.received += line.received
        self.on_time += line.on_time

    @property
    def received_rate(self) -> float:
        return round(100 * self.received / self.expected, 1) if self.expected else 0.0

    @property
    def on_time_rate(self) -> float:
        return round(100 * self.on_time / self.expected, 1) if self.expected else 0.0

    @property
    def missing(self) -> int:
        return self.expected - self.received


@dataclass
class Completeness:
    """Expected / received / on time for a period (DHIS2's reporting rates), per body and per district."""

    period: ReportingPeriod
    lines: list[BodyLine]
    total: Tally
    by_district: list[Tally] = field(default_factory=list)

    @property
    def missing(self) -> list[BodyLine]:
        return [line for line in self.lines if not line.exempt and not line.received]

    @property
    def exempted(self) -> list[BodyLine]:
        return [line for line in self.lines if line.exempt]


def completeness(period: ReportingPeriod, *, user=None) -> Completeness:
    """Count the period's reports against the bodies expected to send them (only those `user` may see)."""
    obligations = period.obligations.select_related("unit", "district")
    reports = BodyReport.objects.filter(period=period)
    if user is not None:
        obligations, reports = obligations.visible_to(user), reports.visible_to(user)
    by_unit = {
        r.unit_id: r
        for r in reports.only(
            "id", "unit_id", "status", "late", "first_submitted_at", "submitted_at", "period_id"
        )
    }
    lines = [
        BodyLine(o, by_unit.get(o.unit_id)) for o in obligations.order_by("district__path", "unit__path")
    ]
    total = Tally(label=_("All bodies"))
    districts: dict[int | None, Tally] = {}
    for line in lines:
        total.add(line)
        district = line.obligation.district
        key = district.pk if district else None
        if key not in districts:
            districts[key] = Tally(label=district.name if district else _("Province level"), district_id=key)
        districts[key].add(line)
    ordered = sorted(districts.values(), key=lambda t: (t.district_id is not None, t.label))
    return Completeness(period=period, lines=lines, total=total, by_district=ordered)


def remind_missing(period: ReportingPeriod, *, actor, now=None, dry_run: bool = False) -> list[OrgUnit]:
    """Urge (đôn đốc) every expected body that has not reported, through tracking's reminder job."""
    units = [line.unit for line in completeness(period).missing]
    if not dry_run and units:
        sources.send_reminders(period=period, units=units, actor=actor, now=_now(now))
    return units
