"""A fictitious demo caseload, deterministic for a seed and clearly marked: references
"DEMO-<year>-<n>", titles "[DEMO] ...", `demo=True` on every case (so every figure leaves
them out unless asked). Exchanges go through the same service and gate as real ones: demo
exchanges of operational personal data are incoming or not sent, so no assessment is faked."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.db import transaction

from liaison.cases.choices import CaseTool, CrimeArea, ExchangeChannel, ExchangeKind, Outcome
from liaison.cases.models import Case
from liaison.cases.services import case_create, exchange_create
from liaison.partners.choices import PartnerKind
from liaison.partners.models import Partner
from liaison.transfers.choices import EU_MEMBER_STATES, DataCategory

DEMO_REFERENCE = "DEMO-"
DEMO_TITLE = "[DEMO] "
# A crime mix weighted roughly as in the agency's casework: drugs and fraud lead.
CRIME_WEIGHTS = {
    CrimeArea.DRUG_TRAFFICKING: 30,
    CrimeArea.FRAUD_AND_SWINDLING: 22,
    CrimeArea.MONEY_LAUNDERING: 15,
    CrimeArea.ORGANISED_PROPERTY_CRIME: 6,
    CrimeArea.TRAFFICKING_IN_HUMAN_BEINGS: 5,
    CrimeArea.MIGRANT_SMUGGLING: 5,
    CrimeArea.CYBERCRIME: 5,
    CrimeArea.VAT_FRAUD: 4,
    CrimeArea.CORRUPTION: 3,
    CrimeArea.CORE_INTERNATIONAL_CRIMES: 2,
    CrimeArea.TERRORISM: 2,
    CrimeArea.FIREARMS_TRAFFICKING: 1,
}
TOPICS = ("shipping route", "investment scheme", "online marketplace", "cash couriers", "network")


@dataclass(frozen=True)
class DemoCaseload:
    cases: int
    exchanges: int


def demo_cases_exist() -> bool:
    return Case.objects.filter(demo=True).exists()


@transaction.atomic
def demo_cases_remove() -> int:
    """Delete the demo cases (their exchanges and operations go with them)."""
    removed = 0
    for case in Case.objects.filter(demo=True):  # one by one: each deletion is in the history
        case.delete()
        removed += 1
    return removed


@transaction.atomic
def demo_cases_create(*, count: int, seed: int, today: datetime.date) -> DemoCaseload:
    chooser = random.Random(seed)  # noqa: S311 (fictitious data, reproducible by seed)
    countries = list(
        Partner.objects.filter(kind=PartnerKind.COUNTRY).order_by("code")[:60]
    ) or list(Partner.objects.order_by("code")[:20])
    if not countries:
        raise ValueError("The register has no partner: load the reference data first.")
    speed = {p.pk: chooser.choice((3, 7, 15, 30, 60)) for p in countries}  # median-ish answer
    areas, weights = list(CRIME_WEIGHTS), list(CRIME_WEIGHTS.values())
    exchanges = 0
    for number in range(1, count + 1):
        opened = today - datetime.timedelta(days=chooser.randint(30, 5 * 365))
        states = chooser.sample(EU_MEMBER_STATES, chooser.randint(1, 3))
        involved = chooser.sample(countries, min(len(countries), chooser.randint(1, 3)))
        area = chooser.choices(areas, weights)[0]
        closed = chooser.random() < 0.4 and (today - opened).days > 400
        case = case_create(
            data={
                "cms_reference": f"{DEMO_REFERENCE}{opened.year}-{number:05d}",
                "title": f"{DEMO_TITLE}{area.label} {chooser.choice(TOPICS)}",
                "crime_areas": [str(area)],
                "member_states": states,
                "requesting_member_state": states[0],
                "opened_on": opened,
                "closed_on": opened + datetime.timedelta(days=380) if closed else None,
                "status": "closed" if closed else "open",
                "tools": [str(chooser.choice(list(CaseTool)))],
                "agency_role": "[DEMO] Fictitious case for demonstrations.",
                "arrests": chooser.randint(0, 6),
                "searches": chooser.randint(0, 10),
                "demo": True,
            },
            partners=involved,
        )
        for _ in range(chooser.randint(1, 4)):
            partner = chooser.choice(involved)
            sent = opened + datetime.timedelta(days=chooser.randint(0, 300))
            if sent > today:
                sent = today
            days = max(0, int(chooser.expovariate(1 / speed[partner.pk])))
            answered = sent + datetime.timedelta(days=days)
            is_answered = answered <= today and chooser.random() < 0.85
            outcome = (
                chooser.choice(
                    (Outcome.EXECUTED, Outcome.EXECUTED, Outcome.PARTLY_EXECUTED, Outcome.REFUSED)
                )
                if is_answered
                else Outcome.PENDING
            )
            exchange_create(
                user=None,
                case=case,
                data={
                    "partner": partner,
                    "kind": chooser.choice(list(ExchangeKind)),
                    "direction": "outgoing",
                    "channel": chooser.choice(
                        (
                            ExchangeChannel.LIAISON_PROSECUTOR,
                            ExchangeChannel.CENTRAL_AUTHORITY,
                            ExchangeChannel.CONTACT_POINT,
                            ExchangeChannel.INTERPOL,
                        )
                    ),
                    "data_category": chooser.choice(
                        (DataCategory.NON_PERSONAL, DataCategory.ADMINISTRATIVE_PERSONAL_DATA)
                    ),
                    "subject": "[DEMO] fictitious request",
                    "sent_on": sent,
                    "acknowledged_on": min(
                        answered, sent + datetime.timedelta(days=chooser.randint(0, 5))
                    ),
                    "answered_on": answered if is_answered else None,
                    "deadline": sent + datetime.timedelta(days=60),
                    "outcome": outcome,
                },
            )
            exchanges += 1
    return DemoCaseload(cases=count, exchanges=exchanges)
