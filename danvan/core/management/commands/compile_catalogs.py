"""Compile the .po translation catalogs to .mo with polib (no system gettext needed)."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


def catalog_paths() -> list[Path]:
    """Every django.po of settings.LOCALE_PATHS, which list each of our apps' <app>/locale."""
    return sorted(p for root in settings.LOCALE_PATHS for p in Path(root).glob("*/LC_MESSAGES/django.po"))


class Command(BaseCommand):
    help = "Compile the translation catalogs of danvan's apps to .mo files (pure Python, via polib)."

    def handle(self, *args, **options) -> None:
        paths = catalog_paths()
        for po_path in paths:
            polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
        self.stdout.write(f"Compiled {len(paths)} catalog(s).")
