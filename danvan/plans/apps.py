from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "danvan.plans"
    label = "plans"
    verbose_name = _("Plans")
    navigation = [(100, "plans:plan_list", _("Plans"), "plans.view_plan")]
