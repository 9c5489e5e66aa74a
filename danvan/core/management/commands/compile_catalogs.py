"""Compile the .po translation catalogs to .mo with polib (no system gettext needed)."""

from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand


def catalog_paths() -> list[Path]:
    """Every django.po of our apps (<app>/locale/...) and of settings.LOCALE_PATHS, each once."""
    roots = [Path(d) for d in settings.LOCALE_PATHS]
    roots += [Path(app.path) / "locale" for app in apps.get_app_configs() if app.name.startswith("danvan.")]
    return sorted({p for root in roots for p in root.glob("*/LC_MESSAGES/django.po")})


class Command(BaseCommand):
    help = "Compile the translation catalogs of danvan's apps to .mo files (pure Python, via polib)."

    def handle(self, *args, **options) -> None:
        paths = catalog_paths()
        for po_path in paths:
            polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
        self.stdout.write(f"Compiled {len(paths)} catalog(s).")
