import pytest

from .factories import build_hierarchy, officer


@pytest.fixture
def hierarchy(org_tree):
    return build_hierarchy(org_tree["province"])


@pytest.fixture
def people(accounts, hierarchy):
    """Officers of district A, district B, commune A1, commune A2 and of a post-2025 ward."""
    return {
        **accounts,
        "district_a": officer(hierarchy["district_a"], "district_a"),
        "district_b": officer(hierarchy["district_b"], "district_b"),
        "commune_a1": officer(hierarchy["commune_a1"], "commune_a1"),
        "commune_a2": officer(hierarchy["commune_a2"], "commune_a2"),
        "new_commune_1": officer(hierarchy["new_commune_1"], "new_commune_1"),
    }
