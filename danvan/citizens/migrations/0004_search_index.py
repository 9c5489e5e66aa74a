"""Free-text search index of petitions: pg_trgm GIN on PostgreSQL, FTS5 with triggers on SQLite."""

from django.db import migrations


def forwards(apps, schema_editor):
    from danvan.citizens.search import ensure_search_index

    ensure_search_index(schema_editor.connection)


def backwards(apps, schema_editor):
    from danvan.citizens.search import drop_search_index

    drop_search_index(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("citizens", "0003_list_indexes")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
