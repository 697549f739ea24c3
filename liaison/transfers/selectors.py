"""Reads of the transfer-assessment register and of the facts an assessment rests on."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Max, Min, Prefetch, Q, QuerySet

from liaison.instruments.models import (
    Instrument,
    InstrumentEvent,
    status_and_since_from_events,
)
from liaison.partners.models import Partner
from liaison.sources.selectors import citations_prefetch
from liaison.transfers.choices import Route
from liaison.transfers.models import REVIEW_PERMISSION, TransferAssessment


def assessment_list(*, user: Any) -> QuerySet[TransferAssessment]:
    """The assessments `user` may see: all of them for a reviewer (the data protection
    officer), otherwise only those the user asked for; newest first."""
    queryset = TransferAssessment.objects.select_related("partner").order_by("-assessed_at", "-pk")
    if user is None or not user.is_authenticated:
        return queryset.none()
    if user.has_perm(REVIEW_PERMISSION):
        return queryset
    return queryset.filter(requested_by=user)


# EU-side parties whose instruments can bind the agency: the Union and the Commission.
UNION_PARTIES = ("EU", "COM")


def assessment_instruments(*, partner: Partner, on: datetime.date) -> list[Instrument]:
    """The partner's instruments that existed on `on` (had an event by then), each with its
    sources and dated events with theirs, and with `status`, `status_since` and
    `status_since_precision` on that date as `Instrument.objects.with_status(on)` gives them.

    The status is computed from the prefetched events by `status_and_since_from_events`, the
    Python twin of `with_status` that the instrument tests hold to it: compiling the SQL of
    `with_status` costs more than the rest of an assessment."""
    instruments = (
        Instrument.objects.filter(partner=partner)
        # The agency's own instruments and the Union's (Art. 218 agreements, Commission
        # decisions); another EU body's arrangement (Frontex, Europol...) binds that body only.
        .filter(Q(eu_party__isnull=True) | Q(eu_party__code__in=UNION_PARTIES))
        .prefetch_related(
            citations_prefetch(),
            Prefetch(
                "events", queryset=InstrumentEvent.objects.prefetch_related(citations_prefetch())
            ),
        )
        .order_by("type", "key")
    )
    existing = []
    for instrument in instruments:
        events = list(instrument.events.all())
        status, since = status_and_since_from_events(events, on)
        if status is None:
            continue  # no event yet: the instrument did not exist then
        beginning = [
            event for event in events if event.date == since and event.status_after == status
        ]
        instrument.status = status  # type: ignore[attr-defined]
        instrument.status_since = since  # type: ignore[attr-defined]
        instrument.status_since_precision = (  # type: ignore[attr-defined]
            beginning[0].date_precision if since is not None and beginning else None
        )
        existing.append(instrument)
    return existing


def self_assessed_transfer_categories(
    *, assessments: QuerySet[TransferAssessment]
) -> QuerySet[Any]:
    """Transfers allowed on the agency's own assessment of safeguards (Art. 58(1)(b)), by
    partner and data category, with their number and first and last dates: the categories
    of transfers the EDPS is to be told of."""
    return (
        assessments.filter(route=Route.SAFEGUARDS_SELF_ASSESSMENT)
        .order_by()
        .values("partner__code", "partner__name", "data_category")
        .annotate(count=Count("pk"), first=Min("assessed_at"), last=Max("assessed_at"))
        .order_by("partner__name", "data_category")
    )
