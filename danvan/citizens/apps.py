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

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_migrate, post_save

        from .deadlines import forget_shared_calendar
        from .search import on_post_migrate

        post_migrate.connect(on_post_migrate, sender=self, dispatch_uid="citizens-search-index")

        for model in (self.get_model(n) for n in ("TimeLimitRule", "Holiday", "RoutingRule")):
            post_save.connect(
                forget_shared_calendar, sender=model, dispatch_uid=f"calendar-save-{model.__name__}"
            )
            post_delete.connect(
                forget_shared_calendar, sender=model, dispatch_uid=f"calendar-del-{model.__name__}"
            )
