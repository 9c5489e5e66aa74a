"""One OpenAPI enum name per choice class ("CitizensStatusEnum"), so that apps never collide."""

import inspect
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.db import models


def enum_name_overrides() -> dict[str, str]:
    """Name each distinct choice set once; a class repeating another's choices shares its name."""
    overrides, seen = {}, set()
    for config in apps.get_app_configs():
        module_name = f"{config.name}.choices"
        if not config.name.startswith("danvan.") or find_spec(module_name) is None:
            continue
        module = import_module(module_name)
        for name, obj in inspect.getmembers(module, inspect.isclass):
            if issubclass(obj, models.Choices) and obj.__module__ == module_name:
                values = tuple(obj.values)
                if values in seen:
                    continue
                seen.add(values)
                overrides[f"{config.label.capitalize()}{name}Enum"] = f"{module_name}.{name}"
    return overrides
