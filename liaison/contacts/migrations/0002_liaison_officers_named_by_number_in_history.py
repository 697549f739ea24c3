"""Liaison officers are now named by number, like contact points ("liaison prosecutor #3
(NO)"): the entries recorded before named them by their name in `object_repr`. Give those
entries the new name, so that no entry's label names a person. Only the label changes; the
officer's own fields in the entry, personal data read under the access-log rule, stay."""

from __future__ import annotations

from typing import Any

from django.db import migrations

KINDS = {"liaison_prosecutor": "liaison prosecutor", "liaison_magistrate": "liaison magistrate"}


def officer_label(kind: Any, number: Any, code: Any) -> str:
    return f"{KINDS.get(kind, 'liaison officer')} #{number} ({code or '?'})"


def name_officers_by_number(apps: Any, schema_editor: Any) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    LogEntry = apps.get_model("auditlog", "LogEntry")
    LiaisonOfficer = apps.get_model("contacts", "LiaisonOfficer")
    Partner = apps.get_model("partners", "Partner")
    content_type = ContentType.objects.filter(app_label="contacts", model="liaisonofficer").first()
    if content_type is None:
        return
    codes = dict(Partner.objects.values_list("pk", "code"))
    current = {
        str(pk): (kind, partner)
        for pk, kind, partner in LiaisonOfficer.objects.values_list("pk", "kind", "partner")
    }
    for entry in LogEntry.objects.filter(content_type=content_type).iterator():
        data = entry.serialized_data if isinstance(entry.serialized_data, dict) else {}
        fields = data.get("fields") if isinstance(data.get("fields"), dict) else {}
        kind, partner = current.get(entry.object_pk, (None, None))
        kind = fields.get("kind", kind)
        partner = fields.get("partner", partner)
        label = officer_label(kind, entry.object_pk, codes.get(partner))
        if entry.object_repr != label:
            # The historical model has no guard; only the label is rewritten.
            LogEntry.objects.filter(pk=entry.pk).update(object_repr=label)


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0001_initial"),
        ("partners", "0001_initial"),
        ("auditlog", "__latest__"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(name_officers_by_number, migrations.RunPython.noop)]
