"""Writes of the journal."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from liaison.journal.models import JournalEntry

# The records that keep a journal.
JOURNAL_MODELS = ("partners.partner", "instruments.instrument")


@transaction.atomic
def journal_entry_create(
    *, about: models.Model, kind: str, date: datetime.date, text: str, author: Any
) -> JournalEntry:
    """Add a dated, typed note to a partner or an instrument."""
    if about._meta.label_lower not in JOURNAL_MODELS or about.pk is None:
        raise ValidationError(_("Only partners and instruments keep a journal."))
    entry = JournalEntry(
        content_type=ContentType.objects.get_for_model(about),
        object_id=about.pk,
        kind=kind,
        date=date,
        text=text.strip(),
        author=author,
    )
    entry.full_clean()
    entry.save()
    return entry
