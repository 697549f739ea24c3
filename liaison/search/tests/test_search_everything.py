"""One search box for everything: partners by any name they are known by (typos forgiven),
the other records by their words, personal data only for roles that may see it."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from conftest import make_persona
from liaison.cases.tests.conftest import make_case
from liaison.contacts.models import ContactPoint
from liaison.contacts.tests.conftest import appoint
from liaison.core.models import AccessLogEntry
from liaison.engagements.models import Engagement
from liaison.partners.models import Partner
from liaison.search.selectors import edit_distance, partner_matches, search_everything
from liaison.strategy.services import strategy_load

pytestmark = [pytest.mark.django_db]


def first_partner(text: str) -> tuple[str, str, str]:
    partner, reason, name = partner_matches(text)[0]
    return partner.code, reason, name


def group(answer, key):
    return next((g for g in answer.groups if g.key == key), None)


def web(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_it_forgives_a_slip_of_the_keyboard(reference_data):
    assert first_partner("Serbai") == ("RS", "similar", "Serbia")
    assert first_partner("Nigria")[0] == "NG"


def test_it_finds_a_country_by_its_everyday_english_name(reference_data):
    assert first_partner("Ivory Coast") == ("CI", "common name", "Ivory Coast")
    assert first_partner("ivory coast")[0] == "CI"


def test_it_finds_a_country_by_its_name_with_or_without_accents(reference_data):
    assert first_partner("Côte d'Ivoire")[0] == "CI"
    assert first_partner("cote d'ivoire")[0] == "CI"


def test_an_exact_code_comes_first(reference_data):
    assert first_partner("CI") == ("CI", "code", "CI")
    assert first_partner("rs")[:2] == ("RS", "code")


def test_it_finds_names_in_french_portuguese_and_spanish(reference_data):
    assert first_partner("Costa do Marfim") == ("CI", "name in pt", "Costa do Marfim")
    assert first_partner("Serbie")[:2] == ("RS", "name in fr")
    assert first_partner("Sérvia")[:2] == ("RS", "name in pt")


def test_it_finds_an_alias_and_says_so(reference_data):
    assert first_partner("FYROM") == ("MK", "alias", "FYROM")


def test_nothing_is_found_for_nonsense_or_an_empty_text(reference_data, alice):
    assert partner_matches("Qwxzvb") == []
    assert search_everything(user=alice, text="   ").groups == []
    assert search_everything(user=alice, text="\x00").groups == []


def test_the_edit_distance_counts_a_swap_once():
    assert edit_distance("serbai", "serbia", 2) == 1
    assert edit_distance("kenya", "kenya", 1) == 0
    assert edit_distance("ghana", "guyana", 1) == 2
    assert edit_distance("chad", "chile", 1) == 2


def test_results_are_grouped_and_say_why_they_matched(reference_data, alice):
    Engagement.objects.create(
        key="genocide-network-34",
        kind="network_meeting",
        title="34th meeting of the Genocide Network",
        start_date=datetime.date(2023, 5, 24),
    )
    Engagement.objects.create(
        key="study-visit-ghana",
        kind="network_meeting",
        title="Study visit",
        start_date=datetime.date(2023, 6, 1),
        outcomes="The Genocide Network's secretariat presented its work.",
    )
    answer = search_everything(user=alice, text="Genocide Network")
    engagements = group(answer, "engagements")
    assert engagements is not None
    assert [(hit.title, hit.reason) for hit in engagements.hits] == [
        ("Study visit", "text"),
        ("34th meeting of the Genocide Network", "title"),
    ]


def test_a_partners_instruments_are_found_with_it(reference_data, alice):
    answer = search_everything(user=alice, text="Serbai")
    instruments = group(answer, "instruments")
    assert instruments is not None and instruments.hits
    assert all(hit.detail == "Serbia" for hit in instruments.hits)
    assert {hit.reason for hit in instruments.hits} == {"partner"}


def test_key_actions_and_sources_are_found_by_their_words(reference_data, alice):
    strategy_load(path=settings.REFERENCE_DATA_DIR / "strategy.yaml")
    answer = search_everything(user=alice, text="United Arab Emirates")
    actions = group(answer, "key_actions")
    assert actions is not None and actions.hits[0].url.startswith("/strategy/#")
    sources = group(search_everything(user=alice, text="Annual Report 2023"), "sources")
    assert sources is not None and sources.hits


@pytest.fixture
def serbian_contact(reference_data):
    return appoint(Partner.objects.get(code="RS"), "Demo Contact Belgrade")


def logged_reads(model) -> int:
    return AccessLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model)
    ).count()


def test_a_viewer_never_sees_contact_points_or_cases_and_nothing_is_logged(serbian_contact, bob):
    make_case(title="Demo Belgrade heroin route")
    page = web(bob).get("/search/", {"q": "Belgrade"}).content.decode()
    assert "Demo Contact Belgrade" not in page
    assert "Demo Belgrade heroin route" not in page
    assert logged_reads(ContactPoint) == 0
    api = web(bob).get("/api/search/", {"q": "Belgrade"}).json()
    assert {g["key"] for g in api["groups"]} <= {"partners", "instruments", "engagements"}


def test_a_case_officer_finds_contact_points_and_cases_and_each_read_is_logged(
    serbian_contact, django_user_model
):
    carol = make_persona(django_user_model, "carol")
    case = make_case(title="Demo Belgrade heroin route")
    page = web(carol).get("/search/", {"q": "Belgrade"}).content.decode()
    assert "Demo Contact Belgrade" in page and "Demo Belgrade heroin route" in page
    logged = AccessLogEntry.objects.filter(user=carol)
    assert logged.filter(object_id=str(serbian_contact.pk)).exists()
    assert logged.filter(object_id=str(case.pk), object_repr__contains="Belgrade").exists()


def test_the_page_shows_the_reason_and_links_to_the_partner(reference_data, alice):
    page = web(alice).get("/search/", {"q": "Ivory Coast"}).content.decode()
    assert 'href="/partners/CI/"' in page
    assert "matched by common name: “Ivory Coast”" in page


def test_the_page_says_when_nothing_matches(reference_data, alice):
    page = web(alice).get("/search/", {"q": "Qwxzvb"}).content.decode()
    assert "Nothing matches “Qwxzvb”" in page


def test_someone_without_a_role_is_refused(reference_data, django_user_model):
    nora = make_persona(django_user_model, "nora")
    assert web(nora).get("/search/", {"q": "Serbia"}).status_code == 403
    assert web(nora).get("/api/search/", {"q": "Serbia"}).status_code == 403


def test_the_api_answers_grouped_results_and_refuses_an_empty_text(reference_data, alice):
    client = web(alice)
    answer = client.get("/api/search/", {"q": "Serbai"}).json()
    partners = answer["groups"][0]
    assert partners["key"] == "partners"
    assert partners["results"][0]["url"] == "/partners/RS/"
    assert partners["results"][0]["reason"] == "similar spelling"
    assert client.get("/api/search/", {"q": " "}).status_code == 400
    assert client.get("/api/search/").status_code == 400


def test_the_search_is_in_the_api_schema(alice):
    schema = web(alice).get("/api/schema/?format=json").json()
    assert "/api/search/" in schema["paths"]


def test_a_common_word_gives_the_newest_matches_first_and_a_link_to_all(reference_data, alice):
    for day in range(1, 13):
        Engagement.objects.create(
            key=f"drug-route-meeting-{day}",
            kind="network_meeting",
            title=f"Drug route meeting {day}",
            start_date=datetime.date(2024, 1, day),
        )
    engagements = group(search_everything(user=alice, text="drug route"), "engagements")
    assert [hit.title for hit in engagements.hits] == [
        f"Drug route meeting {day}" for day in range(12, 4, -1)
    ]
    assert engagements.more_url == "/engagements/?search=drug+route"
