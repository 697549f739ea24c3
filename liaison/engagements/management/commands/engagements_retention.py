"""`liaison engagements-retention [--dry-run] [--redact-earlier]`: anonymise the participants
of engagements that ended more than LIAISON_ENGAGEMENT_PARTICIPANT_RETENTION_DAYS ago."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from liaison.core.management.retention import RetentionCommand
from liaison.engagements.services import (
    engagement_participants_anonymise,
    engagement_participants_history_redact_anonymised,
)


class Command(RetentionCommand):
    help = (
        "Anonymise the participants of engagements that ended more than "
        "LIAISON_ENGAGEMENT_PARTICIPANT_RETENTION_DAYS ago: their names are removed; "
        "organisation, role and partner are kept."
    )

    def anonymise(self) -> list[Any]:
        return engagement_participants_anonymise()

    def redact_earlier(self) -> int:
        return engagement_participants_history_redact_anonymised()

    def retention_days(self) -> int:
        return int(settings.ENGAGEMENT_PARTICIPANT_RETENTION_DAYS)

    def nothing_to_do(self, days: int) -> str:
        return (
            f"No participant of an engagement that ended more than {days} days ago is "
            "left to anonymise: nothing to do."
        )

    def done(self, count: int, days: int, verb: str) -> str:
        return (
            f"{count} participant(s) of engagements that ended more than {days} days ago "
            f"{verb}; their organisation, role and partner are kept."
        )
