"""Load the statutory time limits (danvan/citizens/time_limits.py) as TimeLimitRule rows."""

from django.db import migrations


def load(apps, schema_editor):
    from danvan.citizens import time_limits

    time_limits.load(apps.get_model("citizens", "TimeLimitRule"))


class Migration(migrations.Migration):
    dependencies = [("citizens", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
