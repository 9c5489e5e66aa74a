from django.db import models
from django.utils.translation import gettext_lazy as _


class OrgKind(models.TextChoices):
    PARTY_COMMITTEE = "party_committee", _("Party committee")
    PARTY_BOARD = "party_board", _("Party board")
    PARTY_DELEGATION = "party_delegation", _("Party delegation / Party caucus")
    STATE_BODY = "state_body", _("State body")
    FATHERLAND_FRONT = "fatherland_front", _("Fatherland Front")
    MASS_ORGANIZATION = "mass_organization", _("Mass organization")
    ARMED_FORCES = "armed_forces", _("Armed forces")
    MEDIA = "media", _("Media")
    SCHOOL = "school", _("School")
    STEERING_COMMITTEE = "steering_committee", _("Steering committee")
    GROUP = "group", _("Group of bodies")
    PROVINCE = "province", _("Province")
    DISTRICT = "district", _("District")
    COMMUNE = "commune", _("Commune")
    HAMLET = "hamlet", _("Hamlet")

    @classmethod
    def administrative(cls) -> list[str]:
        return [cls.PROVINCE, cls.DISTRICT, cls.COMMUNE, cls.HAMLET]


class OrgEventKind(models.TextChoices):
    ESTABLISH = "establish", _("Establishment")
    RENAME = "rename", _("Rename")
    MERGE = "merge", _("Merger")
    SPLIT = "split", _("Split")
    DISSOLVE = "dissolve", _("Dissolution")


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator (Mass Mobilization Board)")
    LEADER = "leader", _("Leader")
    AGENCY_OFFICER = "agency_officer", _("Agency officer")
    RECEPTION_OFFICER = "reception_officer", _("Citizen reception officer")
    ADMINISTRATOR = "administrator", _("Administrator")
