"""What the movement topics share: the scope filter (the Board and leaders see all, others their sub-tree)
and the per-row counts of related rows that the pages and the API both show."""

from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce

from danvan.core.permissions import scope_path_for, sees_everything


def in_scope(qs: models.QuerySet, user, *unit_paths: str) -> models.QuerySet:
    """Rows whose unit (any of `unit_paths`, e.g. "organization__path") lies in the user's sub-tree."""
    if sees_everything(user):
        return qs
    path = scope_path_for(user)
    if not path:
        return qs.none()
    condition = Q()
    for lookup in unit_paths:
        condition |= Q(**{f"{lookup}__startswith": path})
    return qs.filter(condition)


def count_of(qs: models.QuerySet, link: str, field: str = "pk", how=Count) -> Coalesce:
    """Count (or Sum) of the rows of `qs` whose `link` is the outer row, as a subquery.

    Only the rows of `qs` count (pass a `visible_to` queryset to count what the user may see), and
    neither the outer query's scope joins nor another count's join can multiply or narrow them.
    """
    rows = qs.filter(**{link: OuterRef("pk")}).order_by().values(link).annotate(n=how(field)).values("n")
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def sum_of(qs: models.QuerySet, link: str, field: str) -> Coalesce:
    return count_of(qs, link, field, how=Sum)
