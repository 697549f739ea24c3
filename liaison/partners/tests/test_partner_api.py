"""/api/partners/ and /api/regions/: authentication, pagination, filters, detail, writes."""

from __future__ import annotations

import pytest

from liaison.instruments.testing.factories import InstrumentFactory, PartnerFactory, add_event
from liaison.partners.models import Partner

pytestmark = [pytest.mark.django_db]

PARTNERS = "/api/partners/"


def codes(response) -> set[str]:
    return {row["code"] for row in response.json()["results"]}


@pytest.mark.parametrize(
    "url",
    [
        PARTNERS,
        "/api/partners/RS/",
        "/api/instruments/",
        "/api/regions/",
        "/api/sources/",
        "/api/schema/",
    ],
)
def test_an_anonymous_request_is_refused_with_401(api_anonymous, url):
    response = api_anonymous.get(url)
    assert response.status_code == 401
    assert "WWW-Authenticate" in response


def test_a_wrong_token_is_refused(api_anonymous):
    api_anonymous.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert api_anonymous.get(PARTNERS).status_code == 401


def test_session_authentication_works_for_a_logged_in_user(bob_client):
    assert bob_client.get(PARTNERS).status_code == 200


def test_the_list_is_paginated_with_a_next_link(api_bob, reference_data):
    first = api_bob.get(PARTNERS, {"page_size": 10}).json()
    assert first["count"] == Partner.objects.count()
    assert len(first["results"]) == 10
    assert "page=2" in first["next"]
    second = api_bob.get(first["next"]).json()
    assert {r["code"] for r in first["results"]}.isdisjoint({r["code"] for r in second["results"]})


def test_filters_kind_region_instrument_type_and_status(api_bob, reference_data):
    assert codes(api_bob.get(PARTNERS, {"kind": "judicial_network"})) == {
        "IBERRED",
        "AIAMP",
        "WACAP",
        "APA",
        "AAP",
        "CASC",
        "SEAJUST",
    }
    balkans = codes(api_bob.get(PARTNERS, {"region": "western-balkans", "kind": "country"}))
    assert balkans == {"AL", "BA", "ME", "MK", "RS", "XK"}
    strategic_in_force = codes(
        api_bob.get(
            PARTNERS,
            {
                "instrument_type": "working_arrangement",
                "instrument_status": "in_force",
                "page_size": 500,
            },
        )
    )
    assert {"NG", "PA"} <= strategic_in_force


def test_search_finds_turkiye_by_turkey(api_bob, reference_data):
    assert codes(api_bob.get(PARTNERS, {"search": "Turkey"})) == {"TR"}


def test_an_invalid_filter_value_is_a_400_naming_the_parameter(api_bob, reference_data):
    response = api_bob.get(PARTNERS, {"kind": "planet"})
    assert response.status_code == 400
    assert "kind" in response.json()


def test_the_detail_includes_instruments_with_type_status_strategic_and_dates(
    api_bob, reference_data
):
    body = api_bob.get("/api/partners/NG/").json()
    assert body["name"] == "Nigeria"
    arrangement = next(i for i in body["instruments"] if i["type"] == "working_arrangement")
    assert arrangement["strategic"] is True
    assert arrangement["status"] == "in_force"
    assert arrangement["status_since"] == "2023-11-09"
    assert arrangement["events"][0]["date"] == "2023-11-09"
    assert arrangement["events"][0]["citations"][0]["source"]
    agreement = next(i for i in body["instruments"] if i["type"] == "international_agreement")
    assert agreement["status"] == "planned"


def test_as_of_gives_the_status_on_a_past_date(api_bob, reference_data):
    today = api_bob.get("/api/partners/AL/").json()
    before = api_bob.get("/api/partners/AL/", {"as_of": "2019-01-01"}).json()

    def agreement(body):
        return next(i for i in body["instruments"] if i["type"] == "cooperation_agreement")

    assert agreement(today)["status"] == "in_force"
    assert agreement(before)["status"] == "signed"


def test_a_bad_as_of_date_is_a_400(api_bob, reference_data):
    response = api_bob.get(PARTNERS, {"as_of": "yesterday"})
    assert response.status_code == 400
    assert "YYYY-MM-DD" in response.json()["as_of"][0]


def test_an_unknown_partner_is_a_404(api_bob):
    assert api_bob.get("/api/partners/ZZ/").status_code == 404


def test_an_authorised_user_creates_a_country_named_from_iso(api_alice, reference_data):
    response = api_alice.post(
        PARTNERS,
        {
            "code": "KE",
            "kind": "country",
            "regions": [],
            "aliases": ["Kenya Republic"],
            "competent_in_criminal_matters": True,
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["name"] == "Kenya"
    assert Partner.objects.get(code="KE").search_text


def test_a_reader_cannot_write(api_bob, reference_data):
    assert (
        api_bob.post(PARTNERS, {"code": "KE", "kind": "country"}, format="json").status_code == 403
    )
    assert api_bob.patch("/api/partners/RS/", {"name": "X"}, format="json").status_code == 403
    assert api_bob.delete("/api/partners/WACAP/").status_code == 403


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({"code": "QQ", "kind": "country"}, "code", "not an ISO 3166-1 alpha-2"),
        ({"code": "ke", "kind": "country"}, "code", "upper-case"),
        ({"code": "KE", "kind": "planet"}, "kind", "not a valid choice"),
        ({"code": "NEWORG", "kind": "international_organisation"}, "name", "required"),
        ({"code": "KE", "kind": "country", "regions": ["atlantis"]}, "regions", "does not exist"),
        (
            {"code": "KE", "kind": "country", "members": ["RS"]},
            "members",
            "Only a judicial network",
        ),
        ({"code": "RS", "kind": "country"}, "code", "already exists"),
        ({"code": "KE", "kind": "country", "aliases": "Kenya"}, "aliases", "list"),
    ],
)
def test_invalid_input_is_a_400_with_a_message_per_field(
    api_alice, reference_data, payload, field, message
):
    response = api_alice.post(PARTNERS, payload, format="json")
    assert response.status_code == 400
    body = response.json()
    assert field in body, body
    assert message in " ".join(body[field]), body


def test_a_partner_with_instruments_cannot_be_deleted(api_alice):
    instrument = InstrumentFactory()
    add_event(instrument)
    response = api_alice.delete(f"/api/partners/{instrument.partner.code}/")
    assert response.status_code == 409
    # What blocks it, by kind and count (liaison.core.conflicts), not the records themselves.
    assert "1 instrument" in response.json()["detail"]
    assert instrument.title not in response.json()["detail"]
    assert Partner.objects.filter(pk=instrument.partner.pk).exists()


def test_a_partner_without_instruments_can_be_deleted(api_alice):
    partner = PartnerFactory()
    assert api_alice.delete(f"/api/partners/{partner.code}/").status_code == 204
    assert not Partner.objects.filter(pk=partner.pk).exists()


def test_an_update_changes_the_partner(api_alice, reference_data):
    response = api_alice.patch(
        "/api/partners/WACAP/",
        {"members": ["NG"], "aliases": ["West African network"]},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["members"] == ["NG"]
    assert Partner.objects.get(code="NG").networks.filter(code="WACAP").exists()


def test_regions_are_listed_with_their_sources(api_bob, reference_data):
    body = api_bob.get("/api/regions/western-balkans/").json()
    assert body["name"] == "Western Balkans"
    assert body["citations"]


def test_a_bad_as_of_on_a_write_is_refused_before_anything_is_written(api_alice, reference_data):
    response = api_alice.post(
        f"{PARTNERS}?as_of=nope", {"code": "KE", "kind": "country"}, format="json"
    )
    assert response.status_code == 400
    assert not Partner.objects.filter(code="KE").exists()


@pytest.mark.parametrize(
    "url", ["/api/partners/%00/", "/api/regions/%00/", "/api/sources/%00/", "/partners/%00/"]
)
def test_a_null_byte_in_a_path_is_not_found_not_a_crash(api_bob, bob_client, url):
    client = bob_client if url.startswith("/partners/") else api_bob
    assert client.get(url).status_code == 404


def test_a_null_byte_in_an_alias_is_a_400(api_alice, reference_data):
    response = api_alice.patch("/api/partners/RS/", {"aliases": ["Ser\u0000bia"]}, format="json")
    assert response.status_code == 400
    assert "control characters" in str(response.json()["aliases"])


@pytest.mark.parametrize(
    ("code", "new_kind", "reason"),
    [
        ("RS", "member_state", "instruments of international cooperation"),
        ("COM", "judicial_network", "EU-side party"),
        ("NG", "international_organisation", "member of networks"),
    ],
)
def test_a_kind_change_that_would_break_dependent_records_is_refused(
    api_alice, reference_data, code, new_kind, reason
):
    if code == "NG":
        Partner.objects.get(code="WACAP").members.add(Partner.objects.get(code="NG"))
    response = api_alice.patch(f"/api/partners/{code}/", {"kind": new_kind}, format="json")
    assert response.status_code == 400
    assert reason in str(response.json()["kind"])
    assert Partner.objects.get(code=code).kind != new_kind


def test_a_network_with_members_cannot_stop_being_a_network(api_alice, reference_data):
    api_alice.patch("/api/partners/WACAP/", {"members": ["NG"]}, format="json")
    response = api_alice.patch(
        "/api/partners/WACAP/", {"kind": "international_organisation"}, format="json"
    )
    assert response.status_code == 400
    assert "has members" in str(response.json()["kind"])


@pytest.mark.parametrize(
    ("members", "message"),
    [(["WACAP"], "cannot be a member of itself"), (["COM"], "COM is not a country")],
)
def test_a_network_has_countries_as_members(api_alice, reference_data, members, message):
    response = api_alice.patch("/api/partners/WACAP/", {"members": members}, format="json")
    assert response.status_code == 400
    assert message in str(response.json()["members"])
