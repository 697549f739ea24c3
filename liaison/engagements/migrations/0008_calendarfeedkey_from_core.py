"""The calendar-feed key moves from core to this app, which owns the calendar feed.

Only the migration state moves: the table stays `core_calendarfeedkey` (the model's
db_table) with every key in it, so the addresses people subscribed with keep answering.
Core's 0006 removes the model from core's state after this. The content type is renamed
too, so that the permissions roles were given and the change history stay attached."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def content_type_to_engagements(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    moved = content_type.objects.filter(app_label="core", model="calendarfeedkey")
    if not content_type.objects.filter(app_label="engagements", model="calendarfeedkey").exists():
        moved.update(app_label="engagements")


def content_type_to_core(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    moved = content_type.objects.filter(app_label="engagements", model="calendarfeedkey")
    if not content_type.objects.filter(app_label="core", model="calendarfeedkey").exists():
        moved.update(app_label="core")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0005_change_history_indexes"),
        ("engagements", "0007_engagement_partner_links_by_partner"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="CalendarFeedKey",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("prefix", models.CharField(editable=False, max_length=8, verbose_name="prefix")),
                        ("key_digest", models.CharField(editable=False, max_length=64, unique=True)),
                        ("created", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                        (
                            "revoked",
                            models.DateTimeField(blank=True, editable=False, null=True, verbose_name="revoked"),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="calendar_feed_keys",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="user",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "calendar address",
                        "verbose_name_plural": "calendar addresses",
                        "ordering": ["-created"],
                        "db_table": "core_calendarfeedkey",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_type_to_engagements, content_type_to_core),
    ]
