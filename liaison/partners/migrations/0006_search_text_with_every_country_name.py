"""Partner search reads every name a country is known by (ISO's in French, Portuguese and
Spanish, everyday English names): recompute what it reads for the partners already stored."""

from django.db import migrations

from liaison.partners.choices import STATE_KINDS
from liaison.partners.models import partner_search_text


def recompute(apps, schema_editor):
    Partner = apps.get_model("partners", "Partner")
    for partner in Partner.objects.only("pk", "code", "name", "aliases", "kind").iterator():
        text = partner_search_text(
            code=partner.code,
            name=partner.name,
            aliases=partner.aliases,
            is_state=partner.kind in STATE_KINDS,
        )
        # A derived column, not a fact: written without touching the change history.
        Partner.objects.filter(pk=partner.pk).update(search_text=text)


class Migration(migrations.Migration):
    dependencies = [("partners", "0005_partner_by_name")]

    operations = [migrations.RunPython(recompute, migrations.RunPython.noop)]
