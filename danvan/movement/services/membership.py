"""Membership survey: returns per unit, de-duplication of people across organizations, yearly targets.

"People reached" counts distinct persons in at least one organization; "memberships" counts person ×
organization. A person is identified by `person_key` — a SHA-256 of the normalized full name, birth date
and commune — never by the national ID number (CCCD/CMND), which is neither asked for nor stored.
"""

import csv
import hashlib
import io
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.text import fold

from ..choices import MassOrgType
from ..models import MemberRecord, MembershipCount, MembershipSurvey, SurveyReturn
from .common import check_own_unit, require

SURVEY_FIELDS = ("year", "title", "deadline", "target_percent")
MEMBER_LIST_MAX_ROWS = 200_000


def person_key(full_name: str, birth_date: date, commune: str) -> str:
    """The de-duplication key of a person: "Nguyễn  Văn An" and "nguyen van an" born the same day in the
    same commune are the same person. One-way: the name and birth date cannot be read back from it."""
    text = f"{fold(full_name)}|{birth_date.isoformat()}|{fold(commune)}"
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class Tally:
    people: int  # distinct persons (people reached)
    memberships: int  # distinct person × organization
    by_org: dict = field(default_factory=dict)  # organization → members


def tally(records: Iterable[tuple[str, str]]) -> Tally:
    """Count (person key, organization) pairs: a person listed twice in one organization counts once."""
    pairs = set(records)
    by_org = Counter(org for _key, org in pairs)
    return Tally(people=len({key for key, _org in pairs}), memberships=len(pairs), by_org=dict(by_org))


def share(part: int, whole: int) -> Decimal | None:
    """Percentage with one decimal, or None when there is nothing to divide by."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@transaction.atomic
def create_survey(*, actor, units=(), **values) -> MembershipSurvey:
    """The Board opens a survey round with its deadline, the year's target and the units asked to report."""
    require(actor, "movement.add_membershipsurvey")
    survey = MembershipSurvey(created_by=actor)
    for key in SURVEY_FIELDS:
        if key in values:
            setattr(survey, key, values[key])
    survey.full_clean()
    survey.save()
    survey.units.set(units)
    return survey


def _check_counts(population: int, people: int, counts: dict[str, int]) -> None:
    memberships = sum(counts.values())
    if people > memberships:
        raise ValidationError(
            {
                "people_reached": _(
                    "People reached (%(people)s) cannot exceed the sum of memberships (%(memberships)s): "
                    "each person reached is a member of at least one organization."
                )
                % {"people": people, "memberships": memberships}
            }
        )
    largest = max(counts.values(), default=0)
    if people < largest:
        raise ValidationError(
            {
                "people_reached": _(
                    "People reached (%(people)s) cannot be fewer than the members of one organization "
                    "(%(largest)s)."
                )
                % {"people": people, "largest": largest}
            }
        )
    if people > population:
        raise ValidationError(
            {
                "population_of_age": _(
                    "People reached (%(people)s) cannot exceed the people of age (%(population)s)."
                )
                % {"people": people, "population": population}
            }
        )


def close_survey(survey: MembershipSurvey, *, actor, now: datetime | None = None) -> MembershipSurvey:
    """The Board closes the round: its returns are final, no unit can change them, the portal shows them."""
    require(actor, "movement.close_membershipsurvey", survey)
    if survey.is_closed:
        raise ValidationError(_("This survey is already closed."))
    survey.closed_at = now or timezone.now()
    survey.save(update_fields=["closed_at", "updated_at"])
    return survey


def check_open(survey: MembershipSurvey) -> None:
    """Returns can be given or changed only while the survey is open."""
    if survey.is_closed:
        raise ValidationError(_("The survey is closed: its figures can no longer be returned or changed."))


def _return_for(survey: MembershipSurvey, unit, actor) -> SurveyReturn:
    check_own_unit(actor, unit, "unit")
    existing = SurveyReturn.objects.filter(survey=survey, unit=unit).first()
    if existing is not None:
        require(actor, "movement.change_surveyreturn", existing)
        return existing
    require(actor, "movement.change_surveyreturn", SurveyReturn(survey=survey, unit=unit))
    return SurveyReturn(survey=survey, unit=unit)


@transaction.atomic
def save_return(
    survey: MembershipSurvey,
    *,
    actor,
    unit,
    population_of_age: int,
    people_reached: int,
    counts: dict[str, int],
    note: str = "",
    submit: bool = True,
    now: datetime | None = None,
) -> SurveyReturn:
    """A unit's figures entered by hand: people of age, people reached and members per organization."""
    check_open(survey)
    counts = {org: int(n) for org, n in counts.items() if org in MassOrgType.values and n}
    _check_counts(population_of_age, people_reached, counts)
    ret = _return_for(survey, unit, actor)
    ret.population_of_age, ret.people_reached, ret.note = population_of_age, people_reached, note.strip()
    ret.from_member_list = False
    if submit:
        ret.submitted_at, ret.submitted_by = now or timezone.now(), actor
    ret.full_clean()
    ret.save()
    ret.member_records.all().delete()
    _replace_counts(ret, counts)
    return ret


def _replace_counts(ret: SurveyReturn, counts: dict[str, int]) -> None:
    current = {c.org_type: c for c in ret.counts.all()}
    for org, count in current.items():
        if org not in counts:
            count.delete()
    for org, members in counts.items():
        row = current.get(org) or MembershipCount(survey_return=ret, org_type=org)
        if row.members != members:
            row.members = members
            row.save()


def parse_member_list(data: bytes) -> list[dict]:
    """Read a member list (CSV, UTF-8): full name, birth date (dd/mm/yyyy), organization code, member code.

    Errors name the line and what to fix. There is no column for the national ID number: it is not needed.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(_("The member list must be a CSV file saved as UTF-8.")) from error
    reader = csv.reader(io.StringIO(text))
    rows, errors = [], []
    orgs = {v: v for v in MassOrgType.values} | {fold(str(label)): v for v, label in MassOrgType.choices}
    for number, line in enumerate(reader, start=1):
        if not line or not any(cell.strip() for cell in line):
            continue
        if number == 1 and fold(line[0]) in ("ho ten", "ho va ten", "full name"):
            continue  # header
        if len(line) < 3:
            errors.append(_("Line %(n)s: expected full name, birth date and organization.") % {"n": number})
            continue
        name, born, org = (
            line[0].strip(),
            line[1].strip(),
            orgs.get(fold(line[2])) or orgs.get(line[2].strip()),
        )
        try:
            birth = datetime.strptime(born, "%d/%m/%Y").date()
        except ValueError:
            errors.append(
                _("Line %(n)s: write the birth date as dd/mm/yyyy (got “%(value)s”).")
                % {"n": number, "value": born}
            )
            continue
        if not name:
            errors.append(_("Line %(n)s: the full name is empty.") % {"n": number})
            continue
        if org is None:
            errors.append(
                _("Line %(n)s: unknown organization “%(value)s”.") % {"n": number, "value": line[2]}
            )
            continue
        rows.append(
            {
                "full_name": name,
                "birth_date": birth,
                "org_type": org,
                "member_code": (line[3].strip() if len(line) > 3 else "")[:40],
            }
        )
        if len(rows) > MEMBER_LIST_MAX_ROWS:
            raise ValidationError(
                _("The member list has more than %(max)s rows; split it by commune.")
                % {"max": MEMBER_LIST_MAX_ROWS}
            )
    if errors:
        raise ValidationError(errors[:20])
    if not rows:
        raise ValidationError(_("The member list is empty."))
    return rows


@transaction.atomic
def load_member_list(
    survey: MembershipSurvey,
    *,
    actor,
    unit,
    population_of_age: int,
    rows: list[dict],
    submit: bool = True,
    now: datetime | None = None,
) -> SurveyReturn:
    """Replace the unit's member records with a list and compute people reached and memberships from it."""
    check_open(survey)
    check_own_unit(actor, unit, "unit")
    commune = unit.code or f"u{unit.pk}"
    records = {
        (person_key(r["full_name"], r["birth_date"], commune), r["org_type"]): r.get("member_code", "")
        for r in rows
    }
    result = tally(records)
    _check_counts(population_of_age, result.people, result.by_org)
    ret = _return_for(survey, unit, actor)
    ret.population_of_age, ret.people_reached, ret.from_member_list = population_of_age, result.people, True
    if submit:
        ret.submitted_at, ret.submitted_by = now or timezone.now(), actor
    ret.full_clean()
    ret.save()
    ret.member_records.all().delete()
    MemberRecord.objects.bulk_create(
        [
            MemberRecord(survey_return=ret, person_key=key, org_type=org, member_code=code)
            for (key, org), code in records.items()
        ],
        batch_size=2000,
    )
    _replace_counts(ret, result.by_org)
    return ret


@dataclass
class SurveySummary:
    survey: MembershipSurvey
    rows: list  # per unit asked: unit, return or None
    expected: int
    submitted: int
    population: int
    people: int
    memberships: int
    by_org: dict

    @property
    def completeness(self) -> Decimal | None:
        return share(self.submitted, self.expected)

    @property
    def reached_share(self) -> Decimal | None:
        return share(self.people, self.population)

    @property
    def target_met(self) -> bool | None:
        value = self.reached_share
        return None if value is None else value >= self.survey.target_percent


def summarize(survey: MembershipSurvey, user=None) -> SurveySummary:
    """Completeness per unit asked and the totals of the submitted returns (within what `user` may see)."""
    returns = SurveyReturn.objects.filter(survey=survey).select_related("unit").prefetch_related("counts")
    units = survey.units.all().order_by("name")
    if user is not None:
        returns = returns.visible_to(user)
        from danvan.orgs.models import OrgUnit

        units = units.filter(pk__in=OrgUnit.objects.visible_to(user))
    by_unit = {r.unit_id: r for r in returns}
    rows = [(u, by_unit.get(u.pk)) for u in units]
    rows += [(r.unit, r) for r in by_unit.values() if r.unit_id not in {u.pk for u in units}]
    submitted = [r for r in by_unit.values() if r.submitted_at]
    by_org = Counter()
    for r in submitted:
        for c in r.counts.all():
            by_org[c.org_type] += c.members
    return SurveySummary(
        survey=survey,
        rows=rows,
        expected=len(units),
        submitted=sum(1 for u in units if by_unit.get(u.pk) and by_unit[u.pk].submitted_at),
        population=sum(r.population_of_age for r in submitted),
        people=sum(r.people_reached for r in submitted),
        memberships=sum(by_org.values()),
        by_org=dict(by_org),
    )


# ---------------------------------------------------------------- what the indicators app reads


@dataclass(frozen=True)
class ReachedShare:
    """People reached over people of age of submitted returns: the share gathered into organizations."""

    people: int
    population: int
    returned: tuple[int, ...]  # units whose submitted return is counted
    not_returned: tuple[int, ...]  # units asked to report that have not submitted

    @property
    def value(self) -> Decimal | None:
        return share(self.people, self.population)


@dataclass(frozen=True)
class YearMembership:
    """The year's survey as other apps read it: its target, its reference day and the submitted figures.

    `figures` maps a unit id to (people reached, people of age) of its submitted return; drafts are left out,
    as in `summarize`, so `reached_share()` over every unit equals `summarize(survey).reached_share`.
    """

    survey_id: int
    title: str
    year: int
    deadline: date
    target_percent: Decimal
    asked: frozenset[int]
    figures: dict[int, tuple[int, int]]

    def reached_share(self, unit_ids=None) -> ReachedShare:
        """The share over the units in `unit_ids` (a container of ids), or over every return when None."""
        returned = sorted(u for u in self.figures if unit_ids is None or u in unit_ids)
        missing = sorted(u for u in self.asked - self.figures.keys() if unit_ids is None or u in unit_ids)
        return ReachedShare(
            people=sum(self.figures[u][0] for u in returned),
            population=sum(self.figures[u][1] for u in returned),
            returned=tuple(returned),
            not_returned=tuple(missing),
        )


def survey_of_year(year: int) -> MembershipSurvey | None:
    """The survey round that stands for `year`: the one with the latest deadline."""
    return MembershipSurvey.objects.filter(year=year).order_by("-deadline", "-id").first()


def reached_share_for(year: int) -> YearMembership | None:
    """The year's membership figures for the indicators app (province-wide; no person-level data), or None
    when no survey was run that year. Three queries whatever the number of units."""
    survey = survey_of_year(year)
    if survey is None:
        return None
    rows = SurveyReturn.objects.submitted().filter(survey=survey)
    return YearMembership(
        survey_id=survey.pk,
        title=survey.title,
        year=survey.year,
        deadline=survey.deadline,
        target_percent=survey.target_percent,
        asked=frozenset(survey.units.values_list("pk", flat=True)),
        figures={
            unit: (people, population)
            for unit, people, population in rows.values_list("unit_id", "people_reached", "population_of_age")
        },
    )
