"""The summary a manager reads first (home page, strategy dashboard) and the figures behind
the charts under it: read from the register, demo records left out."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from liaison.contacts.models import DEMO_PARTNER_NOTE, ContactPoint, demo_email_q
from liaison.contacts.selectors import STRATEGY_CONTACT_POINT_BASELINE, coverage
from liaison.instruments.choices import (
    ADMINISTRATIVE_ARRANGEMENT_TYPES,
    EventKind,
    InstrumentStatus,
    InstrumentType,
)
from liaison.instruments.models import Instrument, InstrumentEvent
from liaison.partners.choices import PartnerKind
from liaison.partners.models import Partner
from liaison.strategy.charts import Bar, Series
from liaison.strategy.models import Strategy
from liaison.strategy.progress import Progress

AGREEMENT_TYPES = (InstrumentType.INTERNATIONAL_AGREEMENT, InstrumentType.COOPERATION_AGREEMENT)
MONTH = datetime.timedelta(days=30)


@dataclass(frozen=True)
class Figure:
    """One number of the summary, with the same number a month before."""

    label: str
    value: int
    previous: int
    url: str = ""
    target: int | None = None

    @property
    def change(self) -> int:
        return self.value - self.previous


@dataclass
class Overview:
    on: datetime.date
    since: datetime.date
    figures: list[Figure]
    recent_events: list[InstrumentEvent]
    key_actions_done: int | None = None
    key_actions_total: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def _real_instruments() -> Any:
    return Instrument.objects.exclude(partner__description=DEMO_PARTNER_NOTE)


def _instrument_counts(on: datetime.date) -> Counter[str]:
    """In force on `on`: agreements, working arrangements; and mandates under negotiation
    (one query)."""
    mandate = InstrumentEvent.objects.filter(
        instrument=OuterRef("pk"), kind=EventKind.MANDATE, date__lte=on
    )
    counts: Counter[str] = Counter()
    rows = (
        _real_instruments()
        .with_status(on)
        .annotate(mandated=Exists(mandate))
        .values_list("type", "status", "mandated")
    )
    for kind, status, mandated in rows:
        if status == InstrumentStatus.IN_FORCE and kind in AGREEMENT_TYPES:
            counts["agreements"] += 1
        if status == InstrumentStatus.IN_FORCE and kind in ADMINISTRATIVE_ARRANGEMENT_TYPES:
            counts["arrangements"] += 1
        if status == InstrumentStatus.NEGOTIATING and mandated:
            counts["mandates"] += 1
    return counts


def countries_with_contact_point(on: datetime.date) -> int:
    """Non-EU countries with a contact point appointed by `on` and not ended by then."""
    serving = (
        ContactPoint.objects.filter(partner=OuterRef("pk"), appointed_on__lte=on)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))
        .exclude(demo_email_q())
    )
    return (
        Partner.objects.filter(kind=PartnerKind.COUNTRY)
        .exclude(description=DEMO_PARTNER_NOTE)
        .filter(Exists(serving))
        .count()
    )


def key_actions_done(progress: Any) -> tuple[int, int]:
    """Key actions done (their target met, or reported done) and their number."""
    done = total = 0
    for entry in progress.priorities:
        for item in entry.key_actions:
            total += 1
            measured: Progress = item.progress
            if item.error:
                continue
            if measured.measurable:
                done += measured.percent == 100
            else:
                done += item.key_action.narrative_status == "done"
    return done, total


def overview(*, on: datetime.date, progress: Any = None) -> Overview:
    """The summary on `on`, each figure against a month before; `progress` (the strategy's,
    when the page has it) adds the key actions done."""
    since = on - MONTH
    now, then = _instrument_counts(on), _instrument_counts(since)
    in_force = reverse("instruments:instrument_list") + "?status=in_force"
    figures = [
        Figure(_("Agreements in force"), now["agreements"], then["agreements"], in_force),
        Figure(
            _("Working arrangements in force"), now["arrangements"], then["arrangements"], in_force
        ),
        Figure(
            _("Mandates under negotiation"),
            now["mandates"],
            then["mandates"],
            reverse("instruments:instrument_list") + "?status=negotiating",
        ),
        Figure(
            _("Countries with a contact point"),
            countries_with_contact_point(on),
            countries_with_contact_point(since),
            reverse("contacts:coverage"),
            target=STRATEGY_CONTACT_POINT_BASELINE,
        ),
    ]
    recent = list(
        InstrumentEvent.objects.filter(date__gt=since, date__lte=on)
        .exclude(instrument__partner__description=DEMO_PARTNER_NOTE)
        .select_related("instrument__partner")
        .order_by("-date", "-pk")[:8]
    )
    result = Overview(on=on, since=since, figures=figures, recent_events=recent)
    if progress is not None:
        result.key_actions_done, result.key_actions_total = key_actions_done(progress)
    return result


# --- The charts' figures ---------------------------------------------------------------


def instruments_over_time(*, on: datetime.date, first_year: int = 2010) -> list[Series]:
    """Instruments in force at the start of each year since `first_year`, and on `on`: one
    line for agreements, one for working arrangements (events read once)."""
    instruments = list(
        _real_instruments()
        .filter(type__in=AGREEMENT_TYPES + ADMINISTRATIVE_ARRANGEMENT_TYPES)
        .prefetch_related("events")
    )
    days = [datetime.date(year, 1, 1) for year in range(first_year, on.year + 1)]
    days = [day for day in days if day < on] + [on]
    agreements, arrangements = [], []
    for day in days:
        in_force = [i for i in instruments if i.status_on(day) == InstrumentStatus.IN_FORCE]
        agreements.append((day, float(sum(i.type in AGREEMENT_TYPES for i in in_force))))
        arrangements.append(
            (day, float(sum(i.type in ADMINISTRATIVE_ARRANGEMENT_TYPES for i in in_force)))
        )
    return [
        Series(_("Agreements in force"), agreements),
        Series(_("Working arrangements in force"), arrangements),
    ]


def contact_coverage_by_region() -> list[Bar]:
    """Per region: countries with an active contact point, of the region's countries."""
    found = coverage(include_demo=False)
    return [
        Bar(entry.name, len(entry.covered), len(entry.covered) + len(entry.uncovered))
        for entry in found.regions
    ]


def engagements_per_priority(*, strategy: Strategy, on: Any) -> list[Bar]:
    """Per priority of `strategy`: the engagements (by `on`) that served one of its key
    actions (one query)."""
    from liaison.engagements.models import Engagement

    through = Engagement.key_actions.through
    counts = dict(
        through.objects.filter(
            keyaction__priority__strategy=strategy, engagement__start_date__lte=on
        )
        .values_list("keyaction__priority")
        .annotate(count=Count("engagement", distinct=True))
        .order_by()
    )
    return [
        Bar(
            _("Priority %(number)s: %(title)s") % {"number": p.number, "title": p.title},
            counts.get(p.pk, 0),
        )
        for p in strategy.priorities.order_by("number")
    ]
