"""The provisions page and API: every signed-in role reads every provision with its checked
or unverified mark; reviews are proposed and approved there by two different people, and
no other door (API, admin) changes them."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import make_persona
from liaison.instruments.choices import ProposalStatus
from liaison.transfers import eudpr, rules
from liaison.transfers.models import ProvisionReview
from liaison.transfers.services import provision_review_approve, provision_review_propose
from liaison.transfers.tests.conftest import api_client, web_client

pytestmark = [pytest.mark.django_db]

PAGE = "/transfer-assessments/provisions/"
# Both parts of the law: operational data (provisions.yaml), administrative data (EUDPR).
EVERY_PROVISION = {**rules.PROVISIONS, **eudpr.PROVISIONS}
UNVERIFIED_KEYS = {key for key, provision in EVERY_PROVISION.items() if provision.unverified}


def rows(html: str) -> dict[str, str]:
    """Each provision's table row, by the provision's key (the row's id)."""
    return dict(re.findall(r'<tr id="([a-z0-9_]+)">(.*?)</tr>', html, flags=re.S))


@pytest.mark.parametrize("name", ["alice", "bob", "carol", "dave", "erin"])
def test_every_signed_in_role_reads_every_provision_with_its_mark(django_user_model, name):
    response = web_client(make_persona(django_user_model, name)).get(PAGE)
    assert response.status_code == 200
    found = rows(response.content.decode())
    assert set(found) == set(EVERY_PROVISION)
    assert {"eudpr_art_47", "art_56_2_c"} <= set(found)
    for key, row in found.items():
        mark = "unverified" if key in UNVERIFIED_KEYS else "checked"
        assert f'class="badge{" unverified" if mark == "unverified" else ""}">{mark}<' in row


def test_nobody_without_a_role_or_a_session_reads_the_page(client, django_user_model):
    assert client.get(PAGE).status_code == 302
    assert web_client(make_persona(django_user_model, "nora")).get(PAGE).status_code == 403


def test_the_page_gives_act_article_and_official_text(bob_client):
    html = bob_client.get(PAGE).content.decode()
    row = rows(html)["art_56_2_c"]
    assert "Art. 56(2)(c)" in row
    assert '<a href="http://data.europa.eu/eli/reg/2018/1727/oj" rel="external">' in row
    assert "no link checked" in rows(html)["art_4_1_j"]


def test_the_filter_leaves_only_the_provisions_still_unverified(bob_client):
    html = bob_client.get(PAGE, {"unverified": "1"}).content.decode()
    assert set(rows(html)) == UNVERIFIED_KEYS
    assert '<label for="id_unverified">' in html


def test_a_review_proposed_on_the_page_counts_once_a_colleague_approves_it(
    alice_client, django_user_model
):
    response = alice_client.post(
        f"{PAGE}art_58_1_b/review/",
        {
            "verdict": "checked",
            "checked_against": "Regulation (EU) 2018/1727, English, OJ L 295",
            "checked_on": "2026-11-02",
        },
    )
    review = ProvisionReview.objects.get()
    assert response.status_code == 302 and response["Location"] == review.get_absolute_url()

    # The proposer's own approval is refused, and the page still says unverified.
    alice_client.post(f"/transfer-assessments/provision-reviews/{review.pk}/approve/")
    review.refresh_from_db()
    assert review.status == ProposalStatus.PENDING
    assert "badge unverified" in rows(alice_client.get(PAGE).content.decode())["art_58_1_b"]

    dave_client = web_client(make_persona(django_user_model, "dave"))
    dave_client.post(f"/transfer-assessments/provision-reviews/{review.pk}/approve/")
    review.refresh_from_db()
    assert review.status == ProposalStatus.APPROVED
    row = rows(dave_client.get(PAGE).content.decode())["art_58_1_b"]
    assert 'class="badge">checked<' in row and "approved by dave" in row


def test_a_review_form_with_errors_is_a_400_that_ties_each_error_to_its_field(alice_client):
    response = alice_client.post(f"{PAGE}art_58_1_b/review/", {"verdict": "checked"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_checked_against_error"' in html
    assert 'aria-describedby="id_checked_against_helptext id_checked_against_error"' in html
    assert not ProvisionReview.objects.exists()


def test_a_viewer_cannot_open_the_review_form(bob_client):
    assert bob_client.get(f"{PAGE}art_58_1_b/review/").status_code == 403
    refused = bob_client.post(f"{PAGE}art_58_1_b/review/", {"verdict": "unverified"})
    assert refused.status_code == 403


def test_an_unknown_provision_has_no_review_form(alice_client):
    assert alice_client.get(f"{PAGE}art_99/review/").status_code == 404


def test_the_api_lists_every_provision_with_its_mark_read_only(django_user_model):
    api = api_client(make_persona(django_user_model, "bob"))
    listing = api.get("/api/provisions/", {"page_size": 500}).json()
    assert {row["key"] for row in listing["results"]} == set(EVERY_PROVISION)
    unverified = api.get("/api/provisions/", {"unverified": "true", "page_size": 500}).json()
    assert {row["key"] for row in unverified["results"]} == UNVERIFIED_KEYS

    detail = api.get("/api/provisions/art_56_2_c/").json()
    assert detail["checked"] is True and detail["article"] == "Art. 56(2)(c)"
    assert detail["acts"][0]["url"] == "http://data.europa.eu/eli/reg/2018/1727/oj"

    assert api.get("/api/provisions/art_99/").status_code == 404
    assert api.get("/api/provisions/", {"unverified": "maybe"}).status_code == 400
    assert api.post("/api/provisions/", {"key": "art_58_1_b"}).status_code == 405


def test_the_api_and_the_admin_cannot_change_a_review(django_user_model, alice):
    erin = make_persona(django_user_model, "erin")
    review = provision_review_propose(
        provision="art_56_1_a", verdict="unverified", user=alice, note="Reads otherwise."
    )
    api = api_client(erin)
    assert api.post(f"/api/provisions/{review.provision}/approve/").status_code == 404
    admin = web_client(erin)
    assert admin.get("/admin/transfers/provisionreview/add/").status_code == 403
    admin.post(
        f"/admin/transfers/provisionreview/{review.pk}/change/",
        {"status": "approved", "verdict": "unverified"},
    )
    review.refresh_from_db()
    assert review.status == ProposalStatus.PENDING


def test_the_page_makes_as_many_queries_with_many_reviews_as_with_none(
    bob_client, alice, django_user_model
):
    def queries() -> int:
        bob_client.get(PAGE)
        with CaptureQueriesContext(connection) as captured:
            assert bob_client.get(PAGE).status_code == 200
        return len(captured)

    none = queries()
    dave = make_persona(django_user_model, "dave")
    for key in list(rules.PROVISIONS)[:8]:
        review = provision_review_propose(
            provision=key, verdict="unverified", user=alice, note="Reads otherwise."
        )
        provision_review_approve(review=review, user=dave)
    provision_review_propose(provision="art_59", verdict="unverified", user=alice, note="x")
    assert queries() == none
