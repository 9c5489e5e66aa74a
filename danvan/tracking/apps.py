from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrackingConfig(AppConfig):
    name = "danvan.tracking"
    label = "tracking"
    verbose_name = _("Tracking")
    navigation = [
        (20, "tracking:inbox", _("My work"), "tracking.view_inbox"),
        (21, "tracking:overview", _("Execution overview"), "tracking.view_overview"),
        (22, "tracking:dashboard", _("Dashboard"), "tracking.view_dashboard"),
    ]

    def ready(self) -> None:
        from . import signals  # noqa: F401  (occurrences follow saved tasks)
