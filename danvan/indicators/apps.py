from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "danvan.indicators"
    label = "indicators"
    verbose_name = _("Indicators")
    navigation = [(400, "indicators:dashboard", _("Indicators"), "indicators.view_indicator")]

    def ready(self) -> None:
        from . import signals

        signals.connect()
