"""Factories and a small administrative hierarchy (before and after 1 July 2025) for indicator tests."""

from datetime import date

import factory

from danvan.orgs import services as org_services
from danvan.orgs.choices import OrgKind, Role
from danvan.orgs.tests.factories import UserFactory

from .. import services
from ..choices import CriteriaKind

REFORM = date(2025, 7, 1)
LAST_DAY_OLD = date(2025, 6, 30)


def build_hierarchy(province) -> dict:
    """Two districts with two communes each until 30/06/2025; two communes under the province after."""
    units = {}
    for d in ("a", "b"):
        district = org_services.create_unit(
            key=f"h-district-{d}",
            kind=OrgKind.DISTRICT,
            name=f"Huyện {d.upper()}",
            parent=province,
            valid_to=LAST_DAY_OLD,
        )
        units[f"district_{d}"] = district
        for n in (1, 2):
            units[f"commune_{d}{n}"] = org_services.create_unit(
                key=f"h-commune-{d}{n}",
                kind=OrgKind.COMMUNE,
                name=f"Xã {d.upper()}{n}",
                parent=district,
                valid_to=LAST_DAY_OLD,
            )
        units[f"body_{d}"] = org_services.create_unit(
            key=f"h-body-{d}",
            kind=OrgKind.STATE_BODY,
            name=f"Phòng Nội vụ huyện {d.upper()}",
            parent=district,
            territory=district,
            valid_to=LAST_DAY_OLD,
        )
    for n in (1, 2):
        units[f"new_commune_{n}"] = org_services.create_unit(
            key=f"h-new-commune-{n}",
            kind=OrgKind.COMMUNE,
            name=f"Phường Mới {n}",
            parent=province,
            valid_from=REFORM,
        )
    return units


def officer(unit, username: str):
    return UserFactory(username=username, role=Role.AGENCY_OFFICER, org_unit=unit)


def open_round(kind: str, year: int, actor, **kwargs):
    criteria_set = services.create_default_criteria_set(kind, year)
    round_ = services.create_round(year=year, criteria_set=criteria_set, actor=actor, **kwargs)
    services.open_round(round_, actor=actor)
    return round_


def full_scores(evaluation, *, fraction: float = 1.0, passed: bool = True) -> dict:
    """Scores for every criterion: `fraction` of each maximum, pass/fail criteria set to `passed`."""
    result = {}
    for c in evaluation.round.criteria_set.criteria.all():
        result[c.pk] = passed if c.mode == "pass_fail" else round(float(c.max_score) * fraction, 2)
    return result


class EvaluationRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "indicators.EvaluationRound"

    kind = CriteriaKind.DAN_VAN_KHEO
    year = 2024
    name = factory.LazyAttribute(lambda o: f"Đợt {o.year}")
    criteria_set = factory.LazyAttribute(lambda o: services.create_default_criteria_set(o.kind, o.year))
    reference_date = factory.LazyAttribute(lambda o: date(o.year, 12, 31))
