"""The partner list and partner page: login required, filters, search, what a partner shows."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from liaison.core.templatetags.liaison import attached
from liaison.partners.models import Partner

pytestmark = [pytest.mark.django_db]

LIST = reverse("partners:partner_list")


def names(response) -> list[str]:
    return [partner.code for partner in response.context["object_list"]]


@pytest.mark.parametrize(
    "url",
    [
        LIST,
        reverse("partners:partner_detail", kwargs={"code": "RS"}),
        reverse("home"),
        reverse("instruments:instrument_list"),
        reverse("sources:source_list"),
    ],
)
def test_it_sends_an_anonymous_visitor_to_the_login_page(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=")


def test_the_login_page_logs_a_user_in_and_refuses_a_wrong_password(client, bob):
    page = client.get(reverse("login"))
    assert page.status_code == 200
    refused = client.post(reverse("login"), {"username": "bob", "password": "wrong"})
    assert refused.status_code == 200
    assert "do not match an active account" in refused.content.decode()
    accepted = client.post(
        reverse("login"), {"username": "bob", "password": "correct horse battery staple"}
    )
    assert accepted.status_code == 302
    assert client.get(LIST).status_code == 200


def test_search_by_an_alias_finds_the_partner(bob_client, reference_data):
    assert names(bob_client.get(LIST, {"search": "Turkey"})) == ["TR"]
    assert names(bob_client.get(LIST, {"search": "UAE"})) == ["AE"]


def test_search_ignores_accents_and_case(bob_client, reference_data):
    assert "TR" in names(bob_client.get(LIST, {"search": "TURKIYE"}))
    assert "TR" in names(bob_client.get(LIST, {"search": "türkiye"}))


def test_search_by_code(bob_client, reference_data):
    assert "XK" in names(bob_client.get(LIST, {"search": "xk"}))


def test_it_filters_by_kind_and_region(bob_client, reference_data):
    networks = names(bob_client.get(LIST, {"kind": "judicial_network"}))
    assert set(networks) == {"IBERRED", "AIAMP", "WACAP", "APA", "AAP", "CASC", "SEAJUST"}
    balkans = names(bob_client.get(LIST, {"region": "western-balkans", "kind": "country"}))
    assert set(balkans) == {"AL", "BA", "ME", "MK", "RS", "XK"}


def test_instrument_type_and_status_must_hold_for_the_same_instrument(bob_client, reference_data):
    # Nigeria has an international agreement (planned) and a working arrangement (in force):
    # asking for an international agreement in force must not find it.
    found = names(
        bob_client.get(
            LIST, {"instrument_type": "international_agreement", "instrument_status": "in_force"}
        )
    )
    assert "NG" not in found
    assert "GB" in found
    in_force_arrangements = names(
        bob_client.get(
            LIST, {"instrument_type": "working_arrangement", "instrument_status": "in_force"}
        )
    )
    assert {"NG", "PA"} <= set(in_force_arrangements)


def test_a_filter_that_is_not_understood_is_explained_and_left_out(bob_client, reference_data):
    response = bob_client.get(LIST, {"kind": "planet", "search": "Serbia", "ordering": "bogus"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "not understood and are left out" in html
    assert "planet" in html
    assert names(response) == ["RS"]  # the filters that were understood still apply


def test_an_htmx_request_gets_only_the_results(bob_client, reference_data):
    response = bob_client.get(LIST, {"search": "Serbia"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html
    assert "Serbia" in html


def test_the_list_is_paginated(bob_client, reference_data):
    first = bob_client.get(LIST)
    assert len(first.context["object_list"]) == 50
    assert first.context["page_obj"].has_next()
    second = bob_client.get(LIST, {"page": 2})
    assert set(names(first)).isdisjoint(names(second))


def test_no_match_offers_to_clear_the_filters(bob_client, reference_data):
    html = bob_client.get(LIST, {"search": "Atlantis"}).content.decode()
    assert "No partner matches these filters" in html


def test_the_partner_page_shows_instruments_with_status_dates_and_sources(
    bob_client, reference_data
):
    response = bob_client.get(reverse("partners:partner_detail", kwargs={"code": "GB"}))
    html = response.content.decode()
    assert response.status_code == 200
    assert "United Kingdom" in html
    assert "adequacy decision" in html
    assert "2031-12-27" in html  # the expiry event is shown although it lies ahead
    assert "2021-05-01" in html
    assert "in force" in html


def test_the_kosovo_page_shows_its_designation_note(bob_client, reference_data):
    html = bob_client.get(
        reverse("partners:partner_detail", kwargs={"code": "XK"})
    ).content.decode()
    assert "1244" in html


def test_a_network_page_says_when_no_member_is_recorded(bob_client, reference_data):
    # APA: the sources list no member (WACAP's and IberRed's members are now recorded).
    html = bob_client.get(
        reverse("partners:partner_detail", kwargs={"code": "APA"})
    ).content.decode()
    assert "No member is recorded" in html


def test_an_unknown_partner_is_a_404(bob_client, reference_data):
    assert (
        bob_client.get(reverse("partners:partner_detail", kwargs={"code": "ZZ"})).status_code == 404
    )


def test_the_home_page_counts_partners_and_instruments(bob_client, reference_data):
    response = bob_client.get(reverse("home"))
    kinds = {value: count for value, _label, count in response.context["partner_kinds"]}
    assert kinds["judicial_network"] == 7
    statuses = {value: count for value, _label, count in response.context["instrument_statuses"]}
    assert statuses["in_force"] > 13


def test_statuses_can_be_shown_on_another_date(bob_client, reference_data):
    url = reverse("partners:partner_detail", kwargs={"code": "AL"})
    past = bob_client.get(url, {"as_of": "2019-01-01"})
    agreement = next(
        i for i in past.context["partner"].instruments.all() if i.type == "cooperation_agreement"
    )
    assert agreement.status == "signed"
    listed = bob_client.get(
        LIST, {"as_of": "2019-01-01", "instrument_status": "in_force", "search": "Albania"}
    )
    assert names(listed) == []
    shown = bob_client.get(LIST, {"as_of": "2019-01-01", "search": "Albania"}).content.decode()
    assert "Status on 2019-01-01" in shown
    assert names(bob_client.get(LIST, {"instrument_status": "in_force", "search": "Albania"})) == [
        "AL"
    ]


def test_a_malformed_date_is_explained_and_today_is_used(bob_client, reference_data):
    response = bob_client.get(
        LIST, {"as_of": "last year", "search": "Albania", "instrument_status": "in_force"}
    )
    assert response.status_code == 200
    assert "not understood and are left out" in response.content.decode()
    assert names(response) == ["AL"]  # the other filters still apply, on today's statuses
    listed = attached(response.context["object_list"][0], "instruments")  # as the table shows
    assert {i.status for i in listed} == {"in_force"}


def test_the_date_is_read_the_same_way_by_the_filter_and_the_table(bob_client, reference_data):
    response = bob_client.get(
        LIST, {"as_of": "2019-1-1", "search": "Albania", "instrument_status": "signed"}
    )
    assert names(response) == ["AL"]
    listed = attached(response.context["object_list"][0], "instruments")  # as the table shows
    assert {i.status for i in listed} == {"signed"}


def test_the_list_can_be_sorted_by_code_descending(bob_client, reference_data):
    codes = names(bob_client.get(LIST, {"ordering": "-code", "kind": "judicial_network"}))
    assert codes == sorted(codes, reverse=True)


def test_country_names_come_from_iso_in_the_active_language(reference_data):
    albania = Partner.objects.get(code="AL")
    kosovo = Partner.objects.get(code="XK")
    with translation.override("fr"):
        assert albania.display_name == "Albanie"
        assert kosovo.display_name == "Kosovo"  # not in ISO 3166: the recorded name
    with translation.override("en"):
        assert albania.display_name == "Albania"


def test_a_lower_case_code_leads_to_the_partner(bob_client, reference_data):
    response = bob_client.get("/partners/tr/", {"as_of": "2020-01-01"})
    assert response.status_code == 302
    assert response["Location"] == "/partners/TR/?as_of=2020-01-01"


def test_a_missing_page_keeps_the_site_around_it(bob_client, reference_data):
    response = bob_client.get("/partners/ZZ/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Search the partner register" in html
    assert "Log out" in html


def test_the_api_docs_send_a_visitor_without_session_to_the_login_page(client):
    response = client.get("/api/docs/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_searching_a_code_puts_that_partner_first(bob_client, reference_data):
    assert names(bob_client.get(LIST, {"search": "TR"}))[0] == "TR"


def test_logging_out_says_so(bob_client):
    response = bob_client.post(reverse("logout"), follow=True)
    assert "You are logged out." in response.content.decode()
