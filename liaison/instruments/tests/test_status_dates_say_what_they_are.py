"""Status dates say what they are: provisional application is its own status (the EU-UK
agreement), a stand-in date is marked wherever a status date is shown (issue 19 item 12),
and an adequacy decision names the act it is made under."""

from __future__ import annotations

import datetime

import pytest

from liaison.instruments.models import Instrument

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data_module")]

TCA = "gb-trade-and-cooperation-agreement"


def status(key: str, on: datetime.date) -> tuple[str, datetime.date]:
    row = Instrument.objects.with_status(on).get(key=key)
    return row.status, row.status_since  # type: ignore[attr-defined]


def test_the_uk_agreement_was_provisionally_applied_then_entered_into_force():
    assert status(TCA, datetime.date(2021, 2, 1)) == (
        "provisionally_applied",
        datetime.date(2021, 1, 1),
    )
    assert status(TCA, datetime.date(2021, 6, 1)) == ("in_force", datetime.date(2021, 5, 1))


def test_the_uk_agreement_page_shows_both_facts_with_their_sources(alice_client):
    instrument = Instrument.objects.get(key=TCA)
    page = alice_client.get(instrument.get_absolute_url()).content.decode()
    assert "Provisional application started" in page
    assert "2021-01-01" in page and "2021-05-01" in page
    before = alice_client.get(instrument.get_absolute_url(), {"as_of": "2021-02-01"})
    assert "provisionally applied" in before.content.decode()


def test_serbias_page_marks_the_stand_in_date_and_the_uk_page_does_not(alice_client):
    serbia = alice_client.get("/partners/RS/").content.decode()
    assert "(stand-in date, not the recorded one)" in serbia
    uk = alice_client.get("/partners/GB/").content.decode()
    assert "stand-in date" not in uk


def test_the_instrument_list_marks_the_stand_in_date(alice_client):
    page = alice_client.get("/instruments/", {"partner": "RS"}).content.decode()
    assert "(stand-in date, not the recorded one)" in page


def test_the_api_says_whether_a_status_date_is_a_stand_in(api_alice):
    serbia = Instrument.objects.get(key="rs-cooperation-agreement")
    uk = Instrument.objects.get(key=TCA)
    assert api_alice.get(f"/api/instruments/{serbia.pk}/").json()["status_date_is_stand_in"]
    assert not api_alice.get(f"/api/instruments/{uk.pk}/").json()["status_date_is_stand_in"]


def test_the_uk_adequacy_decision_is_tagged_as_made_under_the_led():
    decision = Instrument.objects.get(key="gb-adequacy-decision")
    assert decision.adequacy_act == "led_36"
    assert not Instrument.objects.filter(type="adequacy_decision", adequacy_act="").exists()


def test_an_adequacy_decision_without_its_act_is_refused(api_alice):
    response = api_alice.post(
        "/api/instruments/",
        {
            "key": "ch-adequacy",
            "partner": "CH",
            "type": "adequacy_decision",
            "title": "Adequacy decision for Switzerland",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "adequacy_act" in response.json()
