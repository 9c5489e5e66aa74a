import factory

from danvan.orgs.choices import OrgKind, Role
from danvan.orgs.models import OrgUnit, User


class OrgUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrgUnit

    key = factory.Sequence(lambda n: f"unit-{n}")
    kind = OrgKind.STATE_BODY
    name = factory.Sequence(lambda n: f"Cơ quan số {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn {n}")
    role = Role.AGENCY_OFFICER
    org_unit = factory.SubFactory(OrgUnitFactory)
    password = factory.PostGenerationMethodCall("set_password", "matkhau-Demo-2025")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()
