"""The Vietnamese catalogs are the UI we ship: every msgid translated, none fuzzy, none missing."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[3]
APPS = sorted(p.parent for p in (ROOT / "danvan").glob("*/apps.py"))
CATALOGS = sorted((ROOT / "danvan").glob("*/locale/vi/LC_MESSAGES/django.po"))


def _entries(po: polib.POFile) -> set[tuple[str, str]]:
    return {(entry.msgctxt or "", entry.msgid) for entry in po if not entry.obsolete}


def _translated(entry: polib.POEntry) -> bool:
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(v.strip() for v in entry.msgstr_plural.values())
    return bool(entry.msgstr.strip())


@pytest.mark.parametrize("catalog", CATALOGS, ids=lambda p: p.parts[-5])
def test_every_msgid_is_translated_and_not_fuzzy(catalog):
    po = polib.pofile(str(catalog))
    untranslated = [e.msgid for e in po if not e.obsolete and not _translated(e)]
    fuzzy = [e.msgid for e in po if "fuzzy" in e.flags]
    assert not untranslated, f"{catalog}: no Vietnamese for {untranslated}"
    assert not fuzzy, f"{catalog}: fuzzy entries {fuzzy}"
    assert "nplurals=1" in po.metadata.get("Plural-Forms", ""), f"{catalog}: Vietnamese has one plural form"


def _xgettext_or_skip() -> None:
    if shutil.which("xgettext") and shutil.which("msgmerge"):
        return
    if os.environ.get("CI"):
        pytest.fail("GNU gettext (xgettext) is required under CI to check the catalogs against the code")
    pytest.skip("GNU gettext (xgettext) not installed: catalog completeness against the code not checked")


@pytest.mark.parametrize("app", APPS, ids=lambda p: p.name)
def test_catalog_has_every_msgid_used_in_code(app, tmp_path):
    """Run makemessages on a copy of the app and compare with the committed catalog."""
    _xgettext_or_skip()
    copy = tmp_path / app.name
    shutil.copytree(
        app,
        copy,
        ignore=shutil.ignore_patterns("locale", "migrations", "tests", "__pycache__", "static", "*.pyc"),
    )
    (copy / "locale").mkdir()
    env = os.environ | {"DJANGO_SETTINGS_MODULE": "danvan.settings.test", "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-P", "-m", "django", "makemessages", "-l", "vi", "--no-obsolete", "--no-location"],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    generated = copy / "locale" / "vi" / "LC_MESSAGES" / "django.po"
    used = _entries(polib.pofile(str(generated))) if generated.exists() else set()
    committed_path = app / "locale" / "vi" / "LC_MESSAGES" / "django.po"
    committed = _entries(polib.pofile(str(committed_path))) if committed_path.exists() else set()
    missing = sorted(msgid for _ctx, msgid in used - committed)
    assert not missing, (
        f"{len(missing)} msgid(s) of danvan/{app.name} are not in its catalog; run `cd danvan/{app.name} && "
        f"../../.venv/bin/django-admin makemessages -l vi --no-obsolete` and translate them: {missing}"
    )


def test_a_msgid_has_one_translation_and_it_is_the_one_shown():
    """Django merges every catalog into one per language, so a msgid that two apps translate differently
    shows one app's words on the other's pages ("Record" as the noun "Bản ghi" on a button), and a
    third-party app's words would win over ours ("Filter" as the admin's "Bộ lọc"). Different meanings
    take a context (pgettext, `{% translate … context … %}`); the same meaning takes the same words."""
    from django.utils import translation

    words: dict[tuple[str, str], dict[str, str]] = {}
    for catalog in CATALOGS:
        for entry in polib.pofile(str(catalog)):
            if not entry.obsolete and not entry.msgid_plural:
                words.setdefault((entry.msgctxt or "", entry.msgid), {})[catalog.parts[-5]] = entry.msgstr
    disagreeing = {key: apps for key, apps in words.items() if len(set(apps.values())) > 1}
    assert not disagreeing, f"one msgid, several translations: {disagreeing}"

    with translation.override("vi"):
        shown = {key: translation.pgettext(*key) if key[0] else translation.gettext(key[1]) for key in words}
    replaced = {
        key: (next(iter(apps.values())), shown[key])
        for key, apps in words.items()
        if shown[key] not in apps.values()
    }
    assert not replaced, f"our translation replaced by another catalog's: {replaced}"
