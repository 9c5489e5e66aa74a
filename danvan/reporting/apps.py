from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "danvan.reporting"
    label = "reporting"
    verbose_name = _("Reporting")
    navigation = [
        (300, "reporting:index", _("Reports"), "reporting.view_report_list"),
        (310, "reporting:completeness_index", _("Completeness"), "reporting.view_completeness"),
    ]
    # Open difficulties awaiting a decision on the leaders' home page (core.views.home_panels).
    home_panels = [(300, "danvan.reporting.views.home_panel")]
