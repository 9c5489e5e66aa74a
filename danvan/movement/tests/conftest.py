"""Fixtures of the movement tests: a Fatherland Front with its officer, on top of the shared org tree."""

import pytest

from danvan.orgs.choices import OrgKind, Role


@pytest.fixture
def front(org_tree):
    from danvan.orgs import services

    return services.create_unit(
        key="t-mttq", kind=OrgKind.FATHERLAND_FRONT, name="Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Đồng Nai"
    )


@pytest.fixture
def front_officer(front):
    from danvan.orgs.tests.factories import UserFactory

    return UserFactory(
        username="front", role=Role.AGENCY_OFFICER, org_unit=front, email="mttq@example.invalid"
    )
