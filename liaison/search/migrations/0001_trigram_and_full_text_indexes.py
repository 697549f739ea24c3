"""PostgreSQL only: the pg_trgm extension and the indexes that serve the one search box
(liaison.search.selectors). Each index is built on exactly the expression the search
writes, else PostgreSQL would not use it: trigram (GIN, gin_trgm_ops) for `ILIKE '%word%'`
on short texts and `%>` (word similarity) on partners' names, full text (GIN on
to_tsvector('simple', ...)) for long texts. SQLite needs none of them."""

from django.db import migrations

TRIGRAM = {
    "search_partner_names": ("partners_partner", '"search_text"'),
    "search_instrument_title": ("instruments_instrument", '"title"'),
    "search_source_title": ("sources_source", '("title" || \' \' || "issuer")'),
    "search_engagement_title": ("engagements_engagement", '("title" || \' \' || "place")'),
    "search_project_name": ("engagements_project", '"name"'),
    "search_key_action_text": ("strategy_keyaction", '"text"'),
    "search_contact_point_name": (
        "contacts_contactpoint",
        '("name" || \' \' || "organisation" || \' \' || "role")',
    ),
    "search_case_title": ("cases_case", '("cms_reference" || \' \' || "title")'),
}
FULL_TEXT = {
    "search_instrument_notes": ("instruments_instrument", '"notes"'),
    "search_engagement_outcomes": (
        "engagements_engagement",
        '("outcomes" || \' \' || "follow_ups")',
    ),
    "search_project_description": ("engagements_project", '"description"'),
    "search_key_action_narrative": ("strategy_keyaction", '"narrative"'),
    "search_case_agency_role": ("cases_case", '"agency_role"'),
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, (table, expression) in TRIGRAM.items():
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" '
            f"USING gin (({expression}) gin_trgm_ops)"
        )
    for name, (table, expression) in FULL_TEXT.items():
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" '
            f"USING gin (to_tsvector('simple', {expression}))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in [*TRIGRAM, *FULL_TEXT]:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0006_search_text_with_every_country_name"),
        ("instruments", "0007_stand_in_dates_and_provisional_status"),
        ("sources", "0004_dates_within_bounds"),
        ("engagements", "0010_region_engagement_counts"),
        ("strategy", "0004_dates_within_bounds"),
        ("contacts", "0012_demo_marker_in_its_case"),
        ("cases", "0004_partial_index_of_demo_cases"),
    ]

    operations = [migrations.RunPython(create, drop)]
