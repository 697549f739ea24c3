"""The shipped reference data holds the facts of partners.md, each with its source."""

from __future__ import annotations

import datetime

import pytest

from liaison.instruments.models import Instrument, InstrumentEvent
from liaison.partners.models import Partner, Region
from liaison.sources.models import Citation

MARCH_2024 = datetime.date(2024, 3, 31)  # the strategy's date: partners.md section 1 holds then

AGREEMENT_COUNTRIES = ["AL", "GE", "IS", "LI", "MD", "ME", "MK", "NO", "RS", "CH", "UA", "GB", "US"]
MANDATE_PARTNERS = [
    "DZ",
    "AR",
    "AM",
    "BA",
    "BR",
    "CO",
    "EG",
    "IL",
    "JO",
    "LB",
    "MA",
    "TN",
    "TR",
    "INTERPOL",
]
PROPOSED_AGREEMENT_PARTNERS = ["ICC", "BO", "CA", "EC", "MX", "NG", "PA", "PE", "AE"]
PLANNED_WORKING_ARRANGEMENTS = [
    "AU",
    "CL",
    "DO",
    "EG",
    "IN",
    "XK",
    "PH",
    "SC",
    "ZA",
    "TR",
    "TH",
    "VN",
    "AMERIPOL",
    "IIIM",
    "UNITAD",
]
NETWORKS = ["IBERRED", "AIAMP", "WACAP", "APA", "AAP", "CASC", "SEAJUST"]
REGIONS = [
    "Western Balkans",
    "Southern Neighbourhood",
    "Eastern Partnership",
    "Latin America and the Caribbean",
    "Gulf",
    "West Africa",
    "Central Asia",
    "South-East Asia",
    "North Africa",
    "Middle East",
    "Sahel",
    "Horn of Africa",
]

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data_module")]


def instruments_of(code: str, types: list[str], on: datetime.date = MARCH_2024):
    return Instrument.objects.with_status(on).filter(partner__code=code, type__in=types)


@pytest.mark.parametrize("code", AGREEMENT_COUNTRIES)
def test_the_13_agreements_allowing_operational_data_were_in_force_in_march_2024(code):
    statuses = set(
        instruments_of(code, ["cooperation_agreement", "international_agreement"]).values_list(
            "status", flat=True
        )
    )
    assert "in_force" in statuses


def test_twelve_are_cooperation_agreements_and_the_uk_one_an_international_agreement():
    in_force = Instrument.objects.with_status(MARCH_2024).filter(status="in_force")
    cooperation = set(
        in_force.filter(type="cooperation_agreement").values_list("partner__code", flat=True)
    )
    assert cooperation == set(AGREEMENT_COUNTRIES) - {"GB"}
    uk = in_force.get(partner__code="GB", type="international_agreement")
    assert uk.eu_party.code == "EU"


@pytest.mark.parametrize(
    ("code", "kind", "date"),
    [
        ("NO", "signed", datetime.date(2005, 4, 28)),
        ("AL", "in_force", datetime.date(2019, 11, 1)),
        ("MD", "in_force", datetime.date(2016, 10, 1)),
        ("RS", "signed", datetime.date(2019, 11, 12)),
        ("GB", "provisionally_applied", datetime.date(2021, 1, 1)),
        ("GB", "in_force", datetime.date(2021, 5, 1)),
    ],
)
def test_agreement_dates_follow_partners_md_section_2(code, kind, date):
    assert InstrumentEvent.objects.filter(
        instrument__partner__code=code,
        instrument__type__in=["cooperation_agreement", "international_agreement"],
        kind=kind,
        date=date,
    ).exists()


def test_a_day_partners_md_calls_unverified_is_loaded_as_unverified():
    signed = InstrumentEvent.objects.get(
        instrument__partner__code="US", instrument__type="cooperation_agreement", kind="signed"
    )
    assert (signed.date, signed.date_precision) == (datetime.date(2006, 11, 1), "month")
    assert {c.confidence for c in signed.citations.all()} == {"unverified"}


@pytest.mark.parametrize("code", MANDATE_PARTNERS)
def test_the_13_mandate_countries_and_interpol_were_negotiating_in_march_2024(code):
    agreement = instruments_of(code, ["international_agreement"]).get()
    assert agreement.status == "negotiating"
    mandate = agreement.events.get(kind="mandate")
    expected = datetime.date(2021, 7, 19) if code == "INTERPOL" else datetime.date(2021, 3, 1)
    assert mandate.date == expected


@pytest.mark.parametrize("code", PROPOSED_AGREEMENT_PARTNERS)
def test_the_icc_and_eight_countries_are_planned_for_an_international_agreement(code):
    assert instruments_of(code, ["international_agreement"]).get().status == "planned"


@pytest.mark.parametrize(
    ("code", "since"), [("NG", datetime.date(2023, 11, 9)), ("PA", datetime.date(2024, 1, 1))]
)
def test_nigeria_and_panama_have_strategic_working_arrangements_in_force(code, since):
    arrangement = instruments_of(code, ["working_arrangement"]).get(strategic=True)
    assert (arrangement.status, arrangement.status_since) == ("in_force", since)


@pytest.mark.parametrize("code", PLANNED_WORKING_ARRANGEMENTS)
def test_the_targeted_working_arrangements_were_planned_in_march_2024(code):
    arrangement = instruments_of(code, ["working_arrangement"]).get()
    assert arrangement.status == "planned"
    assert arrangement.strategic


def test_the_uk_adequacy_decision_runs_to_2031_12_27():
    # The law-enforcement decision (the GDPR one is a separate instrument).
    decision = Instrument.objects.get(
        partner__code="GB", type="adequacy_decision", adequacy_act="led_36"
    )
    assert decision.status_on(datetime.date(2031, 12, 27)) == "ended"
    assert decision.status_on(datetime.date(2031, 12, 26)) == "in_force"
    assert decision.events.filter(kind="renewed", date=datetime.date(2025, 12, 19)).exists()


def test_networks_organisations_eu_bodies_and_regions_are_all_there():
    assert set(
        Partner.objects.filter(kind="judicial_network").values_list("code", flat=True)
    ) == set(NETWORKS)
    organisations = set(
        Partner.objects.filter(kind="international_organisation").values_list("code", flat=True)
    )
    assert {
        "ICC",
        "UNODC",
        "INTERPOL",
        "COE",
        "OSCE",
        "AMERIPOL",
        "IIIM",
        "UNITAD",
        "IIMM",
    } <= organisations
    eu_bodies = set(Partner.objects.filter(kind="eu_body").values_list("code", flat=True))
    assert {"COM", "COUNCIL", "EEAS", "EUROPOL", "EPPO", "FRONTEX"} <= eu_bodies
    assert set(REGIONS) <= set(Region.objects.values_list("name", flat=True))


def test_kosovo_carries_the_designation_footnote():
    kosovo = Partner.objects.get(code="XK")
    assert kosovo.name == "Kosovo"
    assert "1244" in kosovo.designation_note


def test_every_instrument_and_every_event_cites_a_source():
    uncited_instruments = [
        i.key for i in Instrument.objects.prefetch_related("citations") if not i.citations.all()
    ]
    uncited_events = [
        str(e)
        for e in InstrumentEvent.objects.prefetch_related("citations")
        if not e.citations.all()
    ]
    assert uncited_instruments == []
    assert uncited_events == []
    assert Citation.objects.filter(confidence="unverified").exists()


@pytest.mark.parametrize(
    ("code", "type_", "kind", "date", "confidence"),
    [
        (
            "INTERPOL",
            "memorandum_of_understanding",
            "in_force",
            datetime.date(2013, 7, 15),
            "checked",
        ),
        (
            "IBERRED",
            "memorandum_of_understanding",
            "in_force",
            datetime.date(2009, 1, 1),
            "unverified",
        ),
        ("RU", "cooperation_agreement", "suspended", datetime.date(2014, 3, 1), "checked"),
        ("RU", "cooperation_agreement", "suspended", datetime.date(2022, 3, 4), "checked"),
        ("AM", "international_agreement", "signed", datetime.date(2024, 4, 5), "checked"),
        ("AM", "international_agreement", "ratified", datetime.date(2024, 9, 10), "checked"),
        ("BA", "international_agreement", "signed", datetime.date(2024, 10, 28), "checked"),
        ("BA", "international_agreement", "concluded", datetime.date(2025, 4, 14), "checked"),
        ("CR", "working_arrangement", "signed", datetime.date(2024, 7, 10), "checked"),
    ],
)
def test_the_other_instruments_of_partners_md_sections_3_and_5_are_dated_and_sourced(
    code, type_, kind, date, confidence
):
    event = InstrumentEvent.objects.get(
        instrument__partner__code=code, instrument__type=type_, kind=kind, date=date
    )
    assert confidence in {c.confidence for c in event.citations.all()}


def test_the_aiamp_arrangement_is_for_administrative_data_and_its_date_unverified():
    arrangement = Instrument.objects.get(partner__code="AIAMP", type="working_arrangement")
    assert "administrative" in arrangement.notes
    event = arrangement.events.get()
    assert event.date is None
    assert "unverified" in {c.confidence for c in event.citations.all()}


@pytest.mark.parametrize("code", ["BO", "CL", "CR", "EC", "PE"])
def test_the_latin_american_working_arrangements_of_july_2024_are_signed(code):
    arrangement = instruments_of(code, ["working_arrangement"], on=datetime.date(2024, 7, 10)).get()
    assert arrangement.status == "signed"


def test_icpa_is_in_the_register_with_its_start_date():
    icpa = Partner.objects.get(code="ICPA")
    assert "2023-07-03" in icpa.description
    assert icpa.citations.exists()
