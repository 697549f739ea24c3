"""The calendar-feed key now belongs to the engagements app (its 0008 takes it over with the
same table): core forgets the model without touching the table or its keys."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_change_history_indexes"),
        ("engagements", "0008_calendarfeedkey_from_core"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="CalendarFeedKey")],
            database_operations=[],
        ),
    ]
