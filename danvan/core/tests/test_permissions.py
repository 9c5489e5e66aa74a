from django.db.models import Exists, OuterRef

from danvan.core.permissions import in_scope
from danvan.orgs.models import OrgUnit
from danvan.orgs.tests.factories import UserFactory

PEOPLE_AND_INTERIOR = {"Ủy ban nhân dân tỉnh Đồng Nai", "Sở Nội vụ"}


def names(qs) -> set[str]:
    return set(qs.values_list("name", flat=True))


def test_in_scope_by_unit_path(accounts, org_tree):
    units = OrgUnit.objects.filter(key__startswith="t-")
    assert names(in_scope(units, accounts["coordinator"], "path")) == names(units)
    assert names(in_scope(units, accounts["officer"], "path")) == PEOPLE_AND_INTERIOR
    assert names(in_scope(units, UserFactory(username="no-unit", org_unit=None), "path")) == set()


def test_in_scope_by_a_condition_on_related_rows(accounts, org_tree):
    """A function of the sub-tree's path gives the condition; it combines with plain lookups by "or"."""
    units = OrgUnit.objects.filter(key__startswith="t-")

    def has_child_in(path: str) -> Exists:
        return Exists(OrgUnit.objects.filter(parent=OuterRef("pk"), path__startswith=path))

    officer = accounts["reception"]  # Sở Nội vụ, a child of UBND tỉnh
    assert names(in_scope(units, officer, has_child_in)) == {"Ủy ban nhân dân tỉnh Đồng Nai"}
    assert names(in_scope(units, officer, "path", has_child_in)) == PEOPLE_AND_INTERIOR
    assert names(in_scope(units, accounts["leader"], has_child_in)) == names(units)
