"""A fictitious demo caseload, deterministic for a seed and clearly marked: references
"DEMO-<year>-<n>", titles "[DEMO] ...", `demo=True` on every case (so every figure leaves
them out unless asked). Exchanges go through the same service and gate as real ones: demo
exchanges of operational personal data are incoming or not sent, so no assessment is faked,
except in the operational-necessity scenario below, whose transfers are assessed for real
(by the transfer engine, as a demo user, on the day the demo data is made)."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from django.db import transaction

from liaison.cases.choices import CaseTool, CrimeArea, ExchangeChannel, ExchangeKind, Outcome
from liaison.cases.models import Case
from liaison.cases.services import case_create, exchange_create, exchange_transfer_assess
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
    """Delete the demo cases (their exchanges and operations go with them), except those a
    transfer assessment names: the assessments register loses no record, so those stay."""
    removed = 0
    kept = Case.objects.filter(transfer_assessments__isnull=False).values("pk")
    for case in Case.objects.filter(demo=True).exclude(pk__in=kept):
        case.delete()  # one by one: each deletion is in the history
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
    scenario = demo_necessity_scenario_create(today=today)
    return DemoCaseload(cases=count + scenario.cases, exchanges=exchanges + scenario.exchanges)


# The operational-necessity scenario (issue 15): partner code -> (crime area, operational
# transfers of personal data sent today, other exchanges spread over three years, how the
# transfers are assessed). Nigeria and Mexico keep needing a derogation (Art. 59), Serbia
# sends under its cooperation agreement.
NECESSITY_SCENARIO = {
    "NG": (CrimeArea.TRAFFICKING_IN_HUMAN_BEINGS, 24, 18, "derogation"),
    "MX": (CrimeArea.DRUG_TRAFFICKING, 20, 16, "derogation"),
    "RS": (CrimeArea.DRUG_TRAFFICKING, 30, 40, "agreement"),
}
NECESSITY_REFERENCE = f"{DEMO_REFERENCE}NEC-"
DEMO_USER = "demo-case-officer"


def demo_necessity_scenario_create(*, today: datetime.date) -> DemoCaseload:
    """Three demo cases per partner of NECESSITY_SCENARIO (when the register holds all three
    and the scenario is not there yet), with their exchanges; each transfer of operational
    personal data is assessed by the engine, as the inactive demo user, and sent today."""
    from django.contrib.auth import get_user_model

    partners = {p.code: p for p in Partner.objects.filter(code__in=NECESSITY_SCENARIO)}
    if (
        len(partners) < len(NECESSITY_SCENARIO)
        or Case.objects.filter(cms_reference__startswith=NECESSITY_REFERENCE).exists()
    ):
        return DemoCaseload(cases=0, exchanges=0)
    user, created = get_user_model().objects.get_or_create(
        username=DEMO_USER, defaults={"is_active": False}
    )
    if created:
        user.set_unusable_password()
        user.save()
    chooser = random.Random(15)  # noqa: S311 (fictitious data, reproducible)
    cases = exchanges = 0
    for code, (area, transfers, others, basis) in NECESSITY_SCENARIO.items():
        partner = partners[code]
        made = []
        for number in range(1, 4):
            opened = today - datetime.timedelta(days=chooser.randint(400, 1000))
            made.append(
                case_create(
                    data={
                        "cms_reference": f"{NECESSITY_REFERENCE}{code}-{number}",
                        "title": f"{DEMO_TITLE}{area.label} with {partner.name}",
                        "crime_areas": [str(area)],
                        "member_states": ["NL", "ES"],
                        "requesting_member_state": "NL",
                        "opened_on": opened,
                        "tools": [str(CaseTool.COORDINATION_MEETING)],
                        "agency_role": "[DEMO] Fictitious case for the necessity ranking.",
                        "demo": True,
                    },
                    partners=[partner],
                )
            )
            cases += 1
        for index in range(others):
            case = made[index % 3]
            sent = today - datetime.timedelta(days=chooser.randint(0, 3 * 365 - 1))
            exchange_create(
                user=None,
                case=case,
                data={
                    "partner": partner,
                    "kind": ExchangeKind.REQUEST_FOR_INFORMATION,
                    "direction": chooser.choice(("outgoing", "incoming")),
                    "channel": ExchangeChannel.CONTACT_POINT,
                    "data_category": DataCategory.NON_PERSONAL,
                    "subject": "[DEMO] fictitious request",
                    "sent_on": sent,
                },
            )
            exchanges += 1
        for index in range(transfers):
            case = made[index % 3]
            extra = (
                {
                    "derogation": "individual_case_tasks",
                    "justification": "[DEMO] needed for this one case",
                    "rights_balancing": "[DEMO] the interest of the case outweighs the risk",
                }
                if basis == "derogation"
                else {}
            )
            assessment = exchange_transfer_assess(
                user=user,
                case=case,
                partner_code=code,
                data_category=DataCategory.OPERATIONAL_PERSONAL_DATA,
                necessity="[DEMO] fictitious transfer",
                receiving_authority=f"[DEMO] Prosecution service of {partner.name}",
                receiving_authority_competent=True,
                originating_member_state="NL",
                member_state_authorisation="prior",
                **extra,
            )
            exchange_create(
                user=user,
                case=case,
                data={
                    "partner": partner,
                    "kind": ExchangeKind.EVIDENCE_TRANSMISSION,
                    "direction": "outgoing",
                    "channel": ExchangeChannel.CENTRAL_AUTHORITY,
                    "data_category": DataCategory.OPERATIONAL_PERSONAL_DATA,
                    "subject": "[DEMO] fictitious transmission",
                    "sent_on": today,
                    "transfer_assessment": assessment,
                },
            )
            exchanges += 1
    return DemoCaseload(cases=cases, exchanges=exchanges)
