"""Indexes for the lists at a large agency's scale: a project's engagements newest first,
the yearly engagements for the calendar, and the co-organiser and key-action links led
by the partner and the key action (Django creates those link tables itself, with no model
to declare an index on, so they are written in SQL valid on SQLite and PostgreSQL)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("engagements", "0008_calendarfeedkey_from_core"),
        ("partners", "0004_partner_name_takes_article_for_loaded_partners"),
        ("strategy", "0004_dates_within_bounds"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="engagement",
            index=models.Index(
                models.F("project"),
                models.OrderBy(models.F("start_date"), descending=True),
                models.F("key"),
                name="engagement_project_newest",
            ),
        ),
        migrations.AddIndex(
            model_name="engagement",
            index=models.Index(
                condition=models.Q(("recurs_yearly", True)),
                fields=["start_date"],
                name="engagement_yearly",
            ),
        ),
        migrations.RunSQL(
            sql=(
                "CREATE INDEX engagement_co_organiser_links_by_partner "
                "ON engagements_engagement_co_organisers (partner_id, engagement_id)"
            ),
            reverse_sql="DROP INDEX engagement_co_organiser_links_by_partner",
        ),
        migrations.RunSQL(
            sql=(
                "CREATE INDEX engagement_key_action_links_by_action "
                "ON engagements_engagement_key_actions (keyaction_id, engagement_id)"
            ),
            reverse_sql="DROP INDEX engagement_key_action_links_by_action",
        ),
    ]
