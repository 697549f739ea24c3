"""The web form "May we send this?": asks what matters for the kind of data, records the
assessment through the same service as the API, and shows the answer in plain words."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from liaison.instruments.models import Instrument
from liaison.transfers.models import TransferAssessment
from liaison.transfers.tests.conftest import NECESSITY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data_module")]

NEW = "/transfer-assessments/new/"
HTMX = {"HTTP_HX_REQUEST": "true"}


def field_names(html: str) -> set[str]:
    return set(re.findall(r'name="([a-z_]+)"', html))


def test_it_preselects_the_partner_given_in_the_address(carol_client):
    html = carol_client.get(NEW, {"partner": "rs"}).content.decode()
    assert re.search(r'<option value="RS" selected>', html)


def test_without_javascript_the_page_asks_every_question(carol_client):
    html = carol_client.get(NEW).content.decode()
    assert {
        "partner",
        "as_of",
        "data_category",
        "necessity",
        "originating_member_state",
        "member_state_authorisation",
        "urgent_threat",
        "onward_transfer_to",
        "onward_transfer_authorised",
        "safeguards_self_assessment",
        "derogation",
        "justification",
        "rights_balancing",
        "core_international_crimes_evidence",
        "provider_approval",
    } <= field_names(html)
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "no inline script (CSP)"


@pytest.mark.parametrize(
    ("category", "asked", "not_asked"),
    [
        (
            "non_personal",
            {"core_international_crimes_evidence", "provider_approval"},
            {"necessity", "derogation", "originating_member_state"},
        ),
        (
            "administrative_personal_data",
            {"necessity", "recipient_sector", "eudpr_derogation", "eudpr_conditions"},
            {"provider_approval", "derogation", "originating_member_state"},
        ),
        (
            "operational_personal_data",
            {"necessity", "originating_member_state", "derogation", "rights_balancing"},
            set(),
        ),
        ("", set(), {"necessity", "provider_approval"}),
    ],
)
def test_with_htmx_it_asks_only_what_matters_for_the_kind_of_data(
    carol_client, category, asked, not_asked
):
    response = carol_client.get(NEW, {"data_category": category}, **HTMX)
    assert response.status_code == 200
    assert "HX-Request" in response["Vary"]
    html = response.content.decode()
    # Only the questions: their live region stays on the page, so it is not in the answer.
    assert 'id="category-fields"' not in html and "<html" not in html
    names = field_names(html)
    assert asked <= names
    assert not names & not_asked
    if category == "administrative_personal_data":
        assert "Chapter V of Regulation (EU) 2018/1725" in html


def test_it_records_the_assessment_and_shows_the_refusal_in_plain_words(carol_client, carol):
    response = carol_client.post(
        NEW,
        {
            "partner": "NG",
            "data_category": "operational_personal_data",
            "as_of": "2025-06-01",
            "necessity": NECESSITY,
            "receiving_authority": "the public prosecution service",
            "receiving_authority_competent": True,
        },
        follow=True,
    )
    assessment = TransferAssessment.objects.get()
    assert response.redirect_chain == [
        (reverse("transfers:assessment_detail", args=[assessment.pk]), 302)
    ]
    assert assessment.requested_by == carol
    html = response.content.decode()
    assert "No: the transfer is refused." in html
    assert "decision-refused" in html
    assert "not a legal basis for personal data" in html
    assert "Art. 47(3) of Regulation (EU) 2018/1727" in html
    assert "What would make it lawful" in html
    arrangement = Instrument.objects.get(key="ng-working-arrangement")
    assert f'href="/instruments/{arrangement.pk}/?as_of=2025-06-01"' in html


def test_it_shows_the_legal_bases_with_links_to_the_instruments(carol_client):
    response = carol_client.post(
        NEW,
        {
            "partner": "GB",
            "data_category": "operational_personal_data",
            "necessity": NECESSITY,
            "receiving_authority": "the public prosecution service",
            "receiving_authority_competent": True,
        },
        follow=True,
    )
    html = response.content.decode()
    assert "Yes: the transfer is allowed." in html
    for key in ("gb-trade-and-cooperation-agreement", "gb-adequacy-decision"):
        assert f'href="/instruments/{Instrument.objects.get(key=key).pk}/' in html


def test_it_marks_unverified_provisions_and_lists_conditions(carol_client):
    response = carol_client.post(
        NEW,
        {
            "partner": "ICC",
            "data_category": "operational_personal_data",
            "necessity": NECESSITY,
            "receiving_authority": "the public prosecution service",
            "receiving_authority_competent": True,
            "safeguards_self_assessment": "on",
            "core_international_crimes_evidence": "on",
            "provider_approval": "on",
        },
        follow=True,
    )
    html = response.content.decode()
    assert "Yes, on the conditions below." in html
    assert 'class="badge unverified"' in html
    assert "EDPS" in html


def test_a_mistake_is_shown_next_to_its_field_and_nothing_is_recorded(carol_client):
    response = carol_client.post(
        NEW,
        {
            "partner": "RS",
            "data_category": "operational_personal_data",
            "necessity": NECESSITY,
            "receiving_authority": "the public prosecution service",
            "receiving_authority_competent": True,
            "as_of": "yesterday",
        },
    )
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["as_of"]
    assert not TransferAssessment.objects.exists()
    html = response.content.decode()
    assert 'class="field-error"' in html
    assert "Nothing was recorded" in html


def test_a_code_the_service_refuses_is_shown_next_to_its_field(carol_client):
    response = carol_client.post(
        NEW,
        {
            "partner": "RS",
            "data_category": "operational_personal_data",
            "onward_transfer_to": "nowhere",
        },
    )
    assert response.status_code == 400
    assert "NOWHERE" in response.context["form"].errors["onward_transfer_to"][0]
    assert not TransferAssessment.objects.exists()


def test_every_partner_page_leads_to_the_question(carol_client):
    html = carol_client.get("/partners/NG/").content.decode()
    assert 'href="/transfer-assessments/new/?partner=NG"' in html


def test_each_group_of_questions_has_its_own_id():
    # A group's name is its element's id, which htmx keeps across swaps (hx-preserve): two
    # groups with one name showed the administrative sector question in place of the
    # operational receiving authority.
    from liaison.transfers.forms import FIELD_GROUPS

    names = [group.key for group in FIELD_GROUPS]
    assert len(names) == len(set(names))
