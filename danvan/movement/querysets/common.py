"""What the movement topics share: the per-row counts of related rows that the pages and the API both
show (the scope filter is core's `in_scope`)."""

from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce


def count_of(qs: models.QuerySet, link: str, field: str = "pk", how=Count) -> Coalesce:
    """Count (or Sum) of the rows of `qs` whose `link` is the outer row, as a subquery.

    Only the rows of `qs` count (pass a `visible_to` queryset to count what the user may see), and
    neither the outer query's scope joins nor another count's join can multiply or narrow them.
    """
    rows = qs.filter(**{link: OuterRef("pk")}).order_by().values(link).annotate(n=how(field)).values("n")
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def sum_of(qs: models.QuerySet, link: str, field: str) -> Coalesce:
    return count_of(qs, link, field, how=Sum)
