"""`liaison contacts-retention [--dry-run] [--redact-earlier]`: anonymise lapsed and
withdrawn contact points past LIAISON_CONTACT_RETENTION_DAYS, keeping their appointments and
interactions."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from liaison.contacts.services import (
    contact_points_anonymise,
    contact_points_history_redact_anonymised,
)
from liaison.core.management.retention import RetentionCommand


class Command(RetentionCommand):
    help = (
        "Anonymise contact points that lapsed or were withdrawn more than "
        "LIAISON_CONTACT_RETENTION_DAYS ago: name, e-mail and telephone are removed; the "
        "appointment history and interactions are kept."
    )

    def anonymise(self) -> list[Any]:
        return contact_points_anonymise()

    def redact_earlier(self) -> int:
        return contact_points_history_redact_anonymised()

    def retention_days(self) -> int:
        return int(settings.CONTACT_RETENTION_DAYS)

    def nothing_to_do(self, days: int) -> str:
        return f"No contact point ended more than {days} days ago: nothing to do."

    def done(self, count: int, days: int, verb: str) -> str:
        return (
            f"{count} contact point(s) that ended more than {days} days ago {verb}; "
            "their appointments and interactions are kept."
        )
