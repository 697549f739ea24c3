"""Fictitious demo data: contact points, liaison officers and interactions, deterministic for
a seed, every record clearly marked (names "Demo ...", e-mails @example.invalid, summaries
"[DEMO] ..."). The seeds name no person, so the reference data holds none."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

import pycountry
from django.db import transaction
from django.db.models import Q

from liaison.contacts.choices import AppointingBodyKind, InteractionKind, OfficerKind
from liaison.contacts.models import (
    DEMO_DOMAIN,
    DEMO_PARTNER_NOTE,
    DEMO_PREFIX,
    DEMO_SUMMARY,
    ContactPoint,
    Interaction,
    LiaisonOfficer,
    Meeting,
    demo_email_q,
    demo_interaction_q,
    demo_meeting_q,
)
from liaison.contacts.services import (
    contact_point_create,
    contact_point_replace,
    interaction_create,
    liaison_officer_create,
    liaison_officer_problem,
    meeting_attendance_record,
    meeting_create,
)
from liaison.partners.choices import PartnerKind
from liaison.partners.countries import iso_country_name
from liaison.partners.models import Partner

DEFAULT_COUNTRIES = 75
DEFAULT_SEED = 2024
LANGUAGES = ["en", "fr", "es", "pt", "ar", "ru", "de"]
NETWORKS_WITH_CONTACT_POINTS = ("IBERRED", "WACAP")
OFFICER_TITLES = {
    OfficerKind.LIAISON_PROSECUTOR: "Prosecutor",
    OfficerKind.LIAISON_MAGISTRATE: "Magistrate",
}


@dataclass
class DemoSummary:
    countries: int
    partners_added: int
    contact_points: int
    liaison_officers: int
    interactions: int
    meetings: int


def demo_data_exists() -> bool:
    return ContactPoint.objects.filter(email__endswith=f"@{DEMO_DOMAIN}").exists()


def demo_record_count() -> int:
    """How many demo records of the contact network the register holds (contact points,
    liaison officers, interactions, meetings, demo partners): what figures leave out and
    say they leave out. One query."""
    subqueries = [
        ContactPoint.objects.filter(demo_email_q()),
        LiaisonOfficer.objects.filter(demo_email_q()),
        Interaction.objects.filter(demo_interaction_q()),
        Meeting.objects.filter(demo_meeting_q()),
        Partner.objects.filter(description=DEMO_PARTNER_NOTE),
    ]
    first, *others = [queryset.order_by().values("pk") for queryset in subqueries]
    return first.union(*others, all=True).count()


@transaction.atomic
def demo_data_remove() -> int:
    """Remove every demo record (and the demo partners added for it); returns their number."""
    meetings = Meeting.objects.filter(title__startswith=DEMO_PREFIX)
    interactions = Interaction.objects.filter(demo_interaction_q())
    officers = LiaisonOfficer.objects.filter(email__endswith=f"@{DEMO_DOMAIN}")
    contacts = ContactPoint.objects.filter(email__endswith=f"@{DEMO_DOMAIN}")
    count = meetings.count() + interactions.count() + officers.count() + contacts.count()
    for meeting in meetings:
        meeting.delete()
    for interaction in interactions:
        interaction.delete()
    for officer in officers:
        officer.delete()
    # Successors first: a predecessor is protected while a successor points at it.
    for contact in contacts.order_by("-appointed_on", "-pk"):
        contact.delete()
    partners = Partner.objects.filter(description=DEMO_PARTNER_NOTE)
    count += partners.count()
    for partner in partners:
        partner.delete()
    return count


def _countries(rng: random.Random, wanted: int) -> tuple[list[Partner], int]:
    """`wanted` countries: those of the register first (by code), then ISO countries not yet
    in it, added as partners marked as demo."""
    countries = list(Partner.objects.filter(kind=PartnerKind.COUNTRY).order_by("code"))
    rng.shuffle(countries)
    chosen = countries[:wanted]
    added = 0
    if len(chosen) < wanted:
        taken = set(Partner.objects.values_list("code", flat=True))
        spare = sorted(
            country.alpha_2 for country in pycountry.countries if country.alpha_2 not in taken
        )
        rng.shuffle(spare)
        for code in spare[: wanted - len(chosen)]:
            partner = Partner(
                code=code,
                kind=PartnerKind.COUNTRY,
                name=iso_country_name(code) or code,
                description=DEMO_PARTNER_NOTE,
            )
            partner.full_clean()
            partner.save()
            chosen.append(partner)
            added += 1
    return sorted(chosen, key=lambda partner: partner.code), added


def _email(kind: str, number: int) -> str:
    return f"demo.{kind}.{number:03d}@{DEMO_DOMAIN}"


def _phone(number: int) -> str:
    return f"+000 555 {number:04d}"


@transaction.atomic
def demo_data_create(
    *, countries: int = DEFAULT_COUNTRIES, seed: int = DEFAULT_SEED, today: datetime.date
) -> DemoSummary:
    """Generate the demo set: a contact point in `countries` countries (some with a lapsed
    predecessor), network contact points, liaison prosecutors where an agreement allows,
    a liaison magistrate where a working arrangement does, interactions over the last 18
    months and one meeting. The same seed and day give the same data."""
    rng = random.Random(seed)  # noqa: S311 (demo data, reproducible on purpose)
    chosen, added = _countries(rng, countries)
    contacts: list[ContactPoint] = []
    officers = 0
    number = 0

    def next_number() -> int:
        nonlocal number
        number += 1
        return number

    for partner in chosen:
        languages = rng.sample(LANGUAGES, k=rng.randint(1, 2))
        organisation = f"Demo Ministry of Justice of {partner.name} (fictitious)"
        appointed = today - datetime.timedelta(days=rng.randint(400, 3000))
        n = next_number()
        contact = contact_point_create(
            partner=partner,
            name=f"Demo Contact {n:03d}",
            organisation=organisation,
            appointing_body=organisation,
            appointing_body_kind=AppointingBodyKind.COMPETENT_AUTHORITY,
            appointed_on=appointed,
            appointment_basis="Demo appointment letter (fictitious)",
            role="Demo prosecutor, international cooperation unit",
            languages=languages,
            email=_email("contact", n),
            phone=_phone(n),
        )
        if rng.random() < 0.2:
            n = next_number()
            contact = contact_point_replace(
                predecessor=contact,
                appointed_on=appointed + datetime.timedelta(days=rng.randint(100, 350)),
                name=f"Demo Contact {n:03d}",
                role=contact.role,
                languages=languages,
                email=_email("contact", n),
                phone=_phone(n),
            )
        contacts.append(contact)
        for kind, chance in (
            (OfficerKind.LIAISON_PROSECUTOR, 0.8),
            (OfficerKind.LIAISON_MAGISTRATE, 0.3),
        ):
            started = today - datetime.timedelta(days=rng.randint(30, 1500))
            if rng.random() < chance and not liaison_officer_problem(
                kind=kind, partner=partner, on=started
            ):
                n = next_number()
                liaison_officer_create(
                    kind=kind,
                    partner=partner,
                    name=f"Demo {OFFICER_TITLES[kind]} {n:03d}",
                    started_on=started,
                    email=_email("officer", n),
                    phone=_phone(n),
                )
                officers += 1
    for network in Partner.objects.filter(code__in=NETWORKS_WITH_CONTACT_POINTS).order_by("code"):
        n = next_number()
        contacts.append(
            contact_point_create(
                partner=network,
                name=f"Demo Contact {n:03d}",
                is_mailbox=True,
                organisation=f"Demo secretariat of {network.name} (fictitious)",
                appointing_body=network.name,
                appointing_body_kind=AppointingBodyKind.JUDICIAL_NETWORK,
                appointed_on=today - datetime.timedelta(days=rng.randint(200, 1500)),
                languages=["es", "pt"] if network.code == "IBERRED" else ["fr", "en"],
                email=_email("mailbox", n),
            )
        )
    interactions = 0
    kinds = list(InteractionKind.values)
    for contact in contacts:
        # Engagement "varies greatly, from regular to sporadic": some contact points are
        # busy, many quiet, some dormant.
        count = rng.choice([0, 0, 1, 1, 2, 3, 4, 5, 6, 8])
        for _ in range(count):
            interaction_create(
                kind=rng.choice(kinds),
                date=today - datetime.timedelta(days=rng.randint(0, 540)),
                summary=f"{DEMO_SUMMARY}Exchange with {contact.name} on a fictitious case.",
                follow_ups=rng.choice(["", f"{DEMO_SUMMARY}Send the contact-point guide."]),
                contact_points=[contact],
            )
            interactions += 1
    invitees = rng.sample(contacts, k=min(12, len(contacts)))
    meeting = meeting_create(
        title="Demo meeting of contact points at the agency",
        date=today - datetime.timedelta(days=60),
        invitees=invitees,
        notes=f"{DEMO_SUMMARY}Fictitious meeting.",
    )
    meeting_attendance_record(meeting=meeting, attended=invitees[: len(invitees) * 2 // 3])
    return DemoSummary(
        countries=len(chosen),
        partners_added=added,
        contact_points=ContactPoint.objects.filter(email__endswith=f"@{DEMO_DOMAIN}").count(),
        liaison_officers=officers,
        interactions=interactions,
        meetings=1,
    )


def demo_records_are_marked() -> bool:
    """Whether every contact point, officer and interaction in the register is marked demo
    (used by tests and as a safety check)."""
    unmarked = ContactPoint.objects.exclude(
        Q(email__endswith=f"@{DEMO_DOMAIN}") & Q(name__startswith=DEMO_PREFIX)
    )
    return not unmarked.exists()
