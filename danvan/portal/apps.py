from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "danvan.portal"
    label = "portal"
    verbose_name = _("Portal")
    navigation = [(950, "portal:index", _("Public portal"), None)]
