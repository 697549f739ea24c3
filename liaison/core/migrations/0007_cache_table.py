"""The table of the shared cache when no Redis is configured (config/settings.py CACHES).

Made whatever the cache setting is now, so that an installation that drops Redis later
finds its table; `createcachetable` leaves an existing one alone."""

from django.core.management import call_command
from django.db import migrations

TABLE = "liaison_cache"


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", TABLE, database=schema_editor.connection.alias, verbosity=0)


def drop_cache_table(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("core", "0006_calendarfeedkey_moves_to_engagements")]

    operations = [migrations.RunPython(create_cache_table, drop_cache_table)]
