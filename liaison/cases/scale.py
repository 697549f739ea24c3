"""Synthetic casework at scale, to measure the casework pages on a large register (see
`scripts/benchmark-casework`). Rows are bulk-inserted, clearly marked (references
"SCALE-<n>", titles "[SYNTHETIC] ...", subjects "[SYNTHETIC] ..."), into a database kept for
the purpose: the generator refuses a database that holds casework it did not generate.

The rows skip the services on purpose (speed, no change log): no outgoing exchange of
operational personal data is generated, so nothing here would have needed the transfer gate.
A few partners take most of the exchanges (a skewed distribution), so "a busy partner" exists.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import connection, transaction

from liaison.cases.choices import CaseStatus, CrimeArea, Direction, ExchangeChannel, ExchangeKind
from liaison.cases.choices import Outcome as O
from liaison.cases.models import Case, Exchange
from liaison.partners.choices import PartnerKind
from liaison.partners.models import Partner
from liaison.transfers.choices import EU_MEMBER_STATES, DataCategory

SCALE_REFERENCE = "SCALE-"
SCALE_TITLE = "[SYNTHETIC] "
BATCH = 5000
LAST_DAY = datetime.date(2026, 1, 31)  # no answer is dated after it
FIRST_DAY = datetime.date(2015, 1, 1)
SPAN_DAYS = 365 * 10  # cases opened 2015-2024; exchanges sent within 400 days of opening
CATEGORIES = (
    DataCategory.NON_PERSONAL,
    DataCategory.OPERATIONAL_PERSONAL_DATA,
    DataCategory.ADMINISTRATIVE_PERSONAL_DATA,
)
KINDS = tuple(ExchangeKind.values)
CHANNELS = tuple(ExchangeChannel.values)
AREAS = tuple(CrimeArea.values)
STATES = tuple(sorted(EU_MEMBER_STATES))


class ScaleRefused(Exception):
    """The database holds casework that was not generated: refuse unless forced."""


@dataclass(frozen=True)
class ScaleSummary:
    cases: int
    exchanges: int
    partners: int
    busiest_partner: str


def foreign_casework_exists() -> bool:
    """Whether the database holds cases not generated here, real or demo (the published
    illustrative examples of the reference data are allowed)."""
    return (
        Case.objects.exclude(cms_reference__startswith=SCALE_REFERENCE)
        .exclude(illustrative=True)
        .exists()
    )


def _partners() -> list[Partner]:
    partners = list(
        Partner.objects.filter(
            kind__in=(PartnerKind.COUNTRY, PartnerKind.INTERNATIONAL_ORGANISATION)
        ).order_by("code")
    )
    if not partners:
        raise ScaleRefused("No partner in the database: run `liaison load-reference` first.")
    return partners


def _cases(rng: random.Random, count: int, start: int) -> Iterator[Case]:
    for n in range(start, start + count):
        opened = FIRST_DAY + datetime.timedelta(days=rng.randrange(SPAN_DAYS))
        closed = opened + datetime.timedelta(days=rng.randrange(60, 1500))
        is_closed = closed < datetime.date(2026, 1, 1) and rng.random() < 0.7
        states = rng.sample(STATES, rng.randint(1, 3))
        yield Case(
            cms_reference=f"{SCALE_REFERENCE}{n:07d}",
            title=f"{SCALE_TITLE}case {n}",
            crime_areas=rng.sample(AREAS, rng.randint(1, 2)),
            member_states=states,
            requesting_member_state=states[0],
            opened_on=opened,
            closed_on=closed if is_closed else None,
            status=CaseStatus.CLOSED if is_closed else CaseStatus.OPEN,
        )


def _exchange(rng: random.Random, case_id: int, opened: datetime.date, partner_id: int) -> Exchange:
    direction = rng.choice((Direction.OUTGOING, Direction.INCOMING))
    category = rng.choice(CATEGORIES)
    if direction == Direction.OUTGOING and category == DataCategory.OPERATIONAL_PERSONAL_DATA:
        category = DataCategory.NON_PERSONAL  # no gate bypassed: see the module's docstring
    sent = opened + datetime.timedelta(days=rng.randrange(400))
    acknowledged = answered = None
    outcome = O.PENDING
    if rng.random() < 0.8:
        acknowledged = sent + datetime.timedelta(days=rng.randrange(1, 20))
        answered = min(
            acknowledged + datetime.timedelta(days=int(rng.expovariate(1 / 30))), LAST_DAY
        )
        acknowledged = min(acknowledged, answered)
        outcome = rng.choices((O.EXECUTED, O.PARTLY_EXECUTED, O.REFUSED), (70, 20, 10))[0]
    deadline = sent + datetime.timedelta(days=rng.choice((30, 60, 90)))
    return Exchange(
        case_id=case_id,
        partner_id=partner_id,
        kind=rng.choice(KINDS),
        direction=direction,
        channel=rng.choice(CHANNELS),
        data_category=category,
        subject=f"{SCALE_TITLE}exchange",
        sent_on=sent,
        acknowledged_on=acknowledged,
        answered_on=answered,
        deadline=deadline,
        outcome=outcome,
    )


def casework_scale_generate(
    *, cases: int, exchanges: int, seed: int = 1, force: bool = False
) -> ScaleSummary:
    """Add `cases` synthetic cases and `exchanges` synthetic exchanges spread over them (the
    partners skewed: the first of a shuffled list takes the most), in batches; one
    transaction, so a failure leaves nothing half-made."""
    if cases < 1 or exchanges < 0:
        raise ScaleRefused("--cases must be at least 1 and --exchanges at least 0.")
    if not force and foreign_casework_exists():
        raise ScaleRefused(
            "This database holds casework that was not generated: use a separate database "
            "for scale data (or --force)."
        )
    rng = random.Random(seed)  # noqa: S311 (synthetic data, reproducible on purpose)
    partners = _partners()
    rng.shuffle(partners)
    # Zipf-like weights: partner k gets about 1/(k+1) of the share of the first.
    weights = [1 / (rank + 1) for rank in range(len(partners))]
    partner_ids = [p.pk for p in partners]
    start = Case.objects.filter(cms_reference__startswith=SCALE_REFERENCE).count() + 1
    through = Case.partners.through
    with transaction.atomic():
        case_rows: list[tuple[int, datetime.date]] = []
        made = 0
        while made < cases:
            size = min(BATCH, cases - made)
            batch = Case.objects.bulk_create(list(_cases(rng, size, start + made)))
            links = []
            for case in batch:
                case_rows.append((case.pk, case.opened_on))
                chosen = set(rng.choices(partner_ids, weights, k=rng.randint(1, 2)))
                links.extend(through(case_id=case.pk, partner_id=pid) for pid in chosen)
            through.objects.bulk_create(links)
            made += size
        written = 0
        while written < exchanges:
            size = min(BATCH, exchanges - written)
            rows = []
            for _ in range(size):
                case_id, opened = case_rows[rng.randrange(len(case_rows))]
                partner_id = rng.choices(partner_ids, weights)[0]
                rows.append(_exchange(rng, case_id, opened, partner_id))
            Exchange.objects.bulk_create(rows)
            written += size
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE cases_case, cases_exchange, cases_case_partners")
    return ScaleSummary(
        cases=cases,
        exchanges=exchanges,
        partners=len(partners),
        busiest_partner=partners[0].code,
    )
