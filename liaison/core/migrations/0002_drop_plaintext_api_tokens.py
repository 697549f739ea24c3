"""Drop the table of DRF's plain tokens, which Liaison used before its own API tokens.

Its keys were stored in clear; they open nothing any more, and must not stay on disk."""

from django.db import migrations


def drop_plaintext_tokens(apps, schema_editor):
    connection = schema_editor.connection
    if "authtoken_token" in connection.introspection.table_names():
        schema_editor.execute(f"DROP TABLE {schema_editor.quote_name('authtoken_token')}")
    with connection.cursor() as cursor:
        if "django_migrations" in connection.introspection.table_names(cursor):
            cursor.execute("DELETE FROM django_migrations WHERE app = %s", ["authtoken"])


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(drop_plaintext_tokens, migrations.RunPython.noop)]
