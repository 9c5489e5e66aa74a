from django.apps import AppConfig
from django.conf import settings


class ApiConfig(AppConfig):
    name = "danvan.api"
    label = "api"

    def ready(self) -> None:
        from .enums import enum_name_overrides

        # drf-spectacular keeps a reference to this dict and reads it lazily at schema generation.
        settings.SPECTACULAR_SETTINGS.setdefault("ENUM_NAME_OVERRIDES", {}).update(enum_name_overrides())
