from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CitizensConfig(AppConfig):
    name = "danvan.citizens"
    label = "citizens"
    verbose_name = _("Citizens")
    navigation = [
        (300, "citizens:petition_list", _("Citizens"), "citizens.use_reception"),
        (310, "citizens:assigned_list", _("Petitions to handle"), "citizens.handle_assigned"),
    ]
