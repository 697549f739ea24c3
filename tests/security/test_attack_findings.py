"""Problems found by probing the doors merged on 27 November 2026 (provision reviews, EUDPR
administrative personal data, names that take "the"). Each test states what a user relies
on and FAILS on the integration commit b6a1494: it demonstrates the problem named in the
comment above it (PROBLEM 7 on PostgreSQL only). The fix belongs in the product, not here."""

from __future__ import annotations

import io
import threading

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection, connections
from django.test import Client
from rest_framework.test import APIClient

from conftest import PASSWORD, make_persona, token_key
from liaison.core import roles
from liaison.instruments.testing.factories import PartnerFactory
from liaison.transfers.models import ProvisionReview
from liaison.transfers.services import provision_review_propose

pytestmark = [pytest.mark.django_db]

PROVISION = "art_58_1_b"
PROPOSE = f"/transfer-assessments/provisions/{PROVISION}/review/"


def review_url(review: ProvisionReview, action: str = "") -> str:
    address = f"/transfer-assessments/provision-reviews/{review.pk}/"
    return f"{address}{action}/" if action else address


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def propose_unverified(client: Client) -> ProvisionReview:
    answer = client.post(PROPOSE, {"verdict": "unverified", "note": "The English text differs."})
    assert answer.status_code == 302
    return ProvisionReview.objects.get(provision=PROVISION, status="pending")


# PROBLEM 1 (four eyes bypassed with a second account, high): an administrator creates an
# account in the admin, gives it a role that proposes reviews, signs in with it and proposes;
# then approves the proposal with their own account. may_approve refuses only an approver
# whose account the PROPOSER set up, not a proposer whose account the APPROVER set up: one
# person, two accounts, and the review counts as checked by two people.
def test_an_administrator_cannot_approve_a_review_proposed_by_an_account_they_created(
    django_user_model,
):
    erin = make_persona(django_user_model, "erin")
    admin = signed_in(erin)
    created = admin.post(
        "/admin/auth/user/add/",
        {
            "username": "second",
            "usable_password": "true",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert created.status_code == 302
    second = django_user_model.objects.get(username="second")
    second.groups.add(Group.objects.get(name=roles.COOPERATION_OFFICER))
    review = propose_unverified(signed_in(second))

    admin.post(review_url(review, "approve"))

    review.refresh_from_db()
    assert review.status == "pending"


# PROBLEM 2 (a button the door refuses, low): once the provision's wording has changed since
# the review was proposed, the review page says so but still offers the Approve button to a
# colleague; pressing it is then refused by the service ("no longer reads as it did").
def test_no_approve_button_once_the_provision_reads_otherwise(alice, django_user_model):
    dave = make_persona(django_user_model, "dave")
    review = propose_unverified(signed_in(alice))
    # The wording the review was proposed for differs from the provision as it now reads.
    ProvisionReview.objects.filter(pk=review.pk).update(summary="An earlier wording.")
    page = signed_in(dave).get(review_url(review))
    assert page.status_code == 200
    offered = "Approve</button>" in page.content.decode()
    signed_in(dave).post(review_url(review, "approve"))
    review.refresh_from_db()
    assert offered == (review.status == "approved")


# PROBLEM 3 (bad input accepted, low): a rejection whose reason is refused by the form (here a
# NUL character) still rejects the review, with the reason silently dropped; the person
# should get the form error and the review should stay pending.
def test_a_rejection_with_an_invalid_reason_changes_nothing(alice):
    review = propose_unverified(signed_in(alice))
    signed_in(alice).post(review_url(review, "reject"), {"reason": "withdrawn\x00"})
    review.refresh_from_db()
    assert review.status == "pending"


# PROBLEM 4 (unbounded input, low): a proposed review's note of a million characters is
# accepted and stored (the other texts of the form have a length limit; this one none).
def test_a_note_of_a_million_characters_is_refused(alice):
    answer = signed_in(alice).post(PROPOSE, {"verdict": "unverified", "note": "x" * 1_000_000})
    assert answer.status_code == 400
    assert not ProvisionReview.objects.exists()


# PROBLEM 5 (engine text, low): EUDPR texts that open with the partner's name start with a
# lower-case "the" for partners whose name takes the article ("the Council of Europe is an
# international organisation: ..."); the older engine capitalises, eudpr.py does not.
def test_an_eudpr_reason_that_opens_with_the_partners_name_is_capitalised(alice):
    court = PartnerFactory.create(code="XCRT", name="Court of Somewhere", name_takes_article=True)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token_key(alice)}")
    answer = api.post(
        "/api/transfer-assessments/",
        {"partner": court.code, "data_category": "administrative_personal_data", "necessity": "n"},
        format="json",
    )
    assert answer.status_code == 201
    texts = [reason["text"] for reason in answer.json()["reasons"]]
    assert any("the Court of Somewhere" in text for text in texts), texts
    assert all(text[:1] == text[:1].upper() for text in texts), texts


# PROBLEM 6 (name without its article at one door, low): `liaison assess-transfer` writes
# "... to United Kingdom (GB)" though the register says the name takes "the"; the web page
# and the engine's texts write "the United Kingdom".
def test_assess_transfer_writes_the_name_as_in_a_sentence(alice):
    court = PartnerFactory.create(code="XCRT", name="Court of Somewhere", name_takes_article=True)
    out = io.StringIO()
    call_command(
        "assess_transfer",
        "--partner",
        court.code,
        "--data",
        "administrative_personal_data",
        "--user",
        "alice",
        stdout=out,
    )
    assert "to the Court of Somewhere (XCRT)" in out.getvalue()


# PROBLEM 7 (four eyes, medium, PostgreSQL): "a review already waits for approval" is checked
# with SELECT ... FOR UPDATE on the pending reviews, which locks nothing when there are none;
# two officers proposing at the same moment both succeed, and the provision has two pending
# reviews (a unique constraint on one pending review per provision would hold). SQLite
# serialises writers, so this is shown on PostgreSQL only.
@pytest.mark.django_db(transaction=True)
def test_two_proposals_at_the_same_moment_leave_one_pending_review(django_user_model):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite lets one writer in at a time; the race needs PostgreSQL")
    officers = [make_persona(django_user_model, name) for name in ("alice", "erin")]
    together = threading.Barrier(len(officers))

    def propose(user) -> None:
        try:
            together.wait()
            provision_review_propose(
                provision=PROVISION, verdict="unverified", user=user, note="Differs."
            )
        except ValidationError:
            pass  # the second one refused: what should happen
        finally:
            connections.close_all()

    threads = [threading.Thread(target=propose, args=(user,)) for user in officers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert ProvisionReview.objects.filter(provision=PROVISION, status="pending").count() == 1
