"""Synthetic casework at scale, to measure the casework pages on a large register (see
`scripts/benchmark-casework`). Rows are bulk-inserted, clearly marked (references
"SCALE-<n>", titles "[SYNTHETIC] ...", subjects "[SYNTHETIC] ..."), into a database kept for
the purpose: the generator refuses a database that holds casework it did not generate.

The rows skip the services on purpose (speed, no change log). Outgoing operational personal
data is never generated at random: `casework_scale_assess` turns a share of the synthetic
outgoing exchanges into operational transfers, each with a synthetic transfer assessment (its
texts "[SYNTHETIC] ...") as the gate would have recorded, under a derogation, the agency's
self-assessment of safeguards or an agreement, and adds refused assessments, so that the
necessity ranking is measured with rows. A few partners take most of the exchanges (a skewed
distribution), so "a busy partner" exists.
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
from liaison.transfers.choices import (
    EU_MEMBER_STATES,
    DataCategory,
    Decision,
    DerogationGround,
    Route,
)
from liaison.transfers.models import TransferAssessment

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


@dataclass(frozen=True)
class AssessedSummary:
    transfers: int
    derogations: int
    self_assessments: int
    with_basis: int
    refusals: int


def _assessment(
    *, partner: Partner, case_id: int, day: datetime.date, route: str | None, decision: str
) -> TransferAssessment:
    return TransferAssessment(
        requested_by=None,
        requested_by_username=f"{SCALE_TITLE}case officer".strip(),
        assessed_at=datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC),
        as_of=day,
        partner=partner,
        partner_code=partner.code,
        data_category=DataCategory.OPERATIONAL_PERSONAL_DATA,
        necessity=f"{SCALE_TITLE}transfer",
        derogation=DerogationGround.INDIVIDUAL_CASE_TASKS if route == Route.DEROGATION else "",
        safeguards_self_assessment=route == Route.SAFEGUARDS_SELF_ASSESSMENT,
        decision=decision,
        route=route,
        reasons=[
            {
                "code": "no_route" if route is None else "synthetic",
                "text": f"{SCALE_TITLE}reason",
                "unverified": False,
            }
        ],
        case_id=case_id,
    )


def casework_scale_assess(*, share: float, seed: int = 1) -> AssessedSummary:
    """Turn `share` of the synthetic outgoing exchanges into operational personal data sent
    with a synthetic assessment, and add refusals (a quarter as many, no exchange sent).
    Each partner keeps one profile, so structural need concentrates as it would: a third
    send under an agreement, the others under derogations (70 %) or self-assessments."""
    if not 0 < share <= 1:
        raise ScaleRefused("--assessed-share must be above 0 and at most 1.")
    rng = random.Random(seed)  # noqa: S311 (synthetic data, reproducible on purpose)
    partners = {p.pk: p for p in _partners()}
    with_basis = {pk for pk in sorted(partners) if rng.random() < 1 / 3}
    candidates = list(
        Exchange.objects.filter(
            case__cms_reference__startswith=SCALE_REFERENCE,
            direction=Direction.OUTGOING,
            transfer_assessment__isnull=True,
        )
        .order_by("pk")
        .values_list("pk", "partner_id", "case_id", "sent_on")
    )
    chosen = rng.sample(candidates, min(len(candidates), round(share * Exchange.objects.count())))
    tally = {"derogations": 0, "self_assessments": 0, "with_basis": 0}
    refusals = 0
    with transaction.atomic():
        for first in range(0, len(chosen), BATCH):
            batch = chosen[first : first + BATCH]
            assessments, exchanges = [], []
            for pk, partner_id, case_id, sent_on in batch:
                if partner_id in with_basis:
                    route, key = Route.COOPERATION_AGREEMENT, "with_basis"
                elif rng.random() < 0.7:
                    route, key = Route.DEROGATION, "derogations"
                else:
                    route, key = Route.SAFEGUARDS_SELF_ASSESSMENT, "self_assessments"
                tally[key] += 1
                assessments.append(
                    _assessment(
                        partner=partners[partner_id],
                        case_id=case_id,
                        day=sent_on,
                        route=route,
                        decision=Decision.ALLOWED,
                    )
                )
                exchanges.append(pk)
            made = TransferAssessment.objects.bulk_create(assessments)
            Exchange.objects.bulk_update(
                [
                    Exchange(
                        pk=pk,
                        transfer_assessment_id=assessment.pk,
                        data_category=DataCategory.OPERATIONAL_PERSONAL_DATA,
                    )
                    for pk, assessment in zip(exchanges, made, strict=True)
                ],
                ["transfer_assessment_id", "data_category"],
                batch_size=1000,
            )
            refused = [
                _assessment(
                    partner=partners[partner_id],
                    case_id=case_id,
                    day=sent_on,
                    route=None,
                    decision=Decision.REFUSED,
                )
                for _pk, partner_id, case_id, sent_on in batch[::4]
                if partner_id not in with_basis
            ]
            TransferAssessment.objects.bulk_create(refused)
            refusals += len(refused)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE cases_exchange, transfers_transferassessment")
    return AssessedSummary(transfers=len(chosen), refusals=refusals, **tally)
