"""An index on the engagement-partner links led by the partner and covering the engagement:
a partner's engagements (the partner filter, a region's count) are then read from the
index alone. Django creates the link table itself (no model to declare it on), so the
index is written in SQL; the same statement holds on SQLite and PostgreSQL."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("engagements", "0006_engagement_newest_first_index")]

    operations = [
        migrations.RunSQL(
            sql=(
                "CREATE INDEX engagement_links_by_partner "
                "ON engagements_engagement_partners (partner_id, engagement_id)"
            ),
            reverse_sql="DROP INDEX engagement_links_by_partner",
        )
    ]
