"""Choices of the movement app, one section per topic."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# --- exemplary "Dân vận khéo" models


class ModelKind(models.TextChoices):
    COLLECTIVE = "collective", _("Collective")
    INDIVIDUAL = "individual", _("Individual")
    MODEL = "model", _("Model")


class ModelField(models.TextChoices):
    """Lĩnh vực of a model, as provincial "Dân vận khéo" movements group them."""

    ECONOMY = "economy", _("Economy")
    CULTURE_SOCIETY = "culture_society", _("Culture and society")
    DEFENCE_SECURITY = "defence_security", _("Defence and security")
    POLITICAL_SYSTEM = "political_system", _("Building the political system")


class ModelLevel(models.TextChoices):
    PROVINCE = "province", _("Province")
    DISTRICT = "district", _("District")
    COMMUNE = "commune", _("Commune")


class AwardForm(models.TextChoices):
    """Hình thức khen thưởng."""

    CERTIFICATE_OF_MERIT = "certificate_of_merit", _("Certificate of merit")
    COMMENDATION = "commendation", _("Commendation letter")
    EMULATION_FLAG = "emulation_flag", _("Emulation flag")
    OTHER = "other", pgettext_lazy("award", "Other")


# --- supervision and social criticism (giám sát, phản biện xã hội)


class SupervisionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("Under way")
    COMPLETED = "completed", _("Completed")


class RecommendationStatus(models.TextChoices):
    """Kiến nghị sau giám sát: sent → answered by the addressed body → resolved (or reopened)."""

    OPEN = "open", _("Awaiting an answer")
    ANSWERED = "answered", _("Answered")
    RESOLVED = "resolved", _("Resolved")


class CriticismUptake(models.TextChoices):
    PENDING = "pending", _("Not yet known")
    TAKEN_UP = "taken_up", _("Taken up")
    PARTLY = "partly", _("Partly taken up")
    NOT_TAKEN_UP = "not_taken_up", _("Not taken up")


# --- membership of mass organizations (đoàn viên, hội viên)


class MassOrgType(models.TextChoices):
    FRONT_MEMBER = "front_member", _("Fatherland Front member organization")
    YOUTH_UNION = "youth_union", _("Youth Union")
    WOMENS_UNION = "womens_union", _("Women's Union")
    FARMERS = "farmers", _("Farmers' Association")
    VETERANS = "veterans", _("Veterans' Association")
    TRADE_UNION = "trade_union", _("Trade union")
    OTHER = "other", _("Other association")


# --- training (tập huấn, bồi dưỡng)


class TrainingLevel(models.TextChoices):
    PROVINCE = "province", _("Province")
    DISTRICT = "district", _("District")
    COMMUNE = "commune", _("Commune")


class TraineeRole(models.TextChoices):
    FRONT_CADRE = "front_cadre", _("Fatherland Front cadre")
    MASS_ORG_CADRE = "mass_org_cadre", _("Mass-organization cadre")
    GRASSROOTS_CADRE = "grassroots_cadre", _("Grassroots cadre")
    PARTY_CADRE = "party_cadre", _("Party and mass-mobilization cadre")
    OTHER = "other", _("Other trainees")


# --- ethnic and religious affairs (công tác dân tộc, tôn giáo)


class PrestigeRole(models.TextChoices):
    VILLAGE_ELDER = "village_elder", _("Village elder")
    HAMLET_HEAD = "hamlet_head", _("Hamlet head")
    CLAN_HEAD = "clan_head", _("Clan head")
    RELIGIOUS_DIGNITARY = "religious_dignitary", _("Religious dignitary")
    OTHER = "other", _("Other role")


class Religion(models.TextChoices):
    BUDDHISM = "buddhism", _("Buddhism")
    CATHOLICISM = "catholicism", _("Catholicism")
    PROTESTANTISM = "protestantism", _("Protestantism")
    CAODAISM = "caodaism", _("Cao Đài")
    HOAHAO = "hoahao", _("Hòa Hảo Buddhism")
    ISLAM = "islam", _("Islam")
    OTHER = "other", _("Other religion")


class ReligiousBodyKind(models.TextChoices):
    ORGANIZATION = "organization", _("Religious organization")
    PLACE_OF_WORSHIP = "place_of_worship", _("Place of worship")


class CaseKind(models.TextChoices):
    LAND_DISPUTE = "land_dispute", _("Land dispute")
    ILLEGAL_RELIGIOUS = "illegal_religious", _("Religious activity against the law")
    ETHNIC_TENSION = "ethnic_tension", _("Tension in an ethnic community")
    OTHER = "other", _("Other case")


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Newly arisen")
    IN_PROGRESS = "in_progress", _("Being handled")
    RESOLVED = "resolved", _("Resolved")


class AccessAction(models.TextChoices):
    VIEW = "view", _("Viewed")
    CHANGE = "change", _("Changed")


# --- public opinion (tình hình tư tưởng, dư luận)


class OpinionTopic(models.TextChoices):
    LAND = "land", _("Land and site clearance")
    LIVING = "living", _("Prices, jobs and living conditions")
    ENVIRONMENT = "environment", _("Environment")
    SOCIAL = "social", _("Health, education and social policy")
    ADMINISTRATION = "administration", _("Administrative procedures and officials")
    CORRUPTION = "corruption", _("Corruption and wastefulness")
    SECURITY = "security", _("Security and public order")
    RELIGION_ETHNIC = "religion_ethnic", _("Religion and ethnic affairs")
    REORGANIZATION = "reorganization", _("Reorganization of administrative units")
    OTHER = "other", _("Other topic")


class ConcernLevel(models.IntegerChoices):
    LOW = 1, _("Low")
    MEDIUM = 2, _("Medium")
    HIGH = 3, _("High")
