"""Choices of the movement app, one section per topic."""

from django.db import models
from django.utils.translation import gettext_lazy as _

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
    OTHER = "other", _("Other")
