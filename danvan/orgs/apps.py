from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "danvan.orgs"
    label = "orgs"
    verbose_name = _("Organizations")
    navigation = [(800, "orgs:unit_list", _("Organizations"), None)]
