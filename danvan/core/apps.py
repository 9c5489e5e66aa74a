from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "danvan.core"
    label = "core"
    verbose_name = _("Core")
    navigation = [
        (0, "core:home", _("Overview"), None),
        (900, "core:audit", _("Audit trail"), "core.search_audit"),
    ]

    def ready(self) -> None:
        from . import audit  # noqa: F401  (connects the audit signal handlers)
