"""A provision's review state changes only when one person proposes it and another
approves it; the engine's "(unverified)" marks follow the state the app records."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from liaison.instruments.choices import ProposalStatus
from liaison.instruments.testing.factories import InstrumentFactory, PartnerFactory, add_event, cite
from liaison.transfers import rules
from liaison.transfers.models import ProvisionReview
from liaison.transfers.selectors import provision_states
from liaison.transfers.services import (
    provision_review_approve,
    provision_review_propose,
    provision_review_reject,
)
from liaison.transfers.testing import COMPETENT_AUTHORITY, assessment_record
from liaison.transfers.tests.conftest import NECESSITY

pytestmark = [pytest.mark.django_db]

CHECKED_ON = datetime.date(2026, 11, 2)
OFFICIAL_TEXT = "Regulation (EU) 2018/1727, English, consolidated version of 31 October 2023"


def state(key: str):
    return next(found for found in provision_states() if found.key == key)


def check(key: str, user) -> ProvisionReview:
    return provision_review_propose(
        provision=key,
        verdict="checked",
        user=user,
        checked_against=OFFICIAL_TEXT,
        checked_on=CHECKED_ON,
    )


def doubt(key: str, user) -> ProvisionReview:
    return provision_review_propose(
        provision=key, verdict="unverified", user=user, note="The English text reads otherwise."
    )


def test_a_provision_with_no_check_anywhere_is_unverified():
    found = state("art_58_1_b")
    assert not found.checked
    assert found.review is None and found.checked_by == ""


def test_a_check_recorded_in_provisions_yaml_says_who_and_when():
    found = state("art_56_1_a")
    record = rules.PROVISIONS["art_56_1_a"].checked
    assert found.checked and record is not None
    assert (found.checked_by, found.checked_on) == (record.by, record.day)
    assert found.approved_by == ""


def test_a_proposed_review_changes_nothing_until_a_second_person_approves_it(alice, dave):
    review = check("art_58_1_b", alice)
    assert not state("art_58_1_b").checked
    assert state("art_58_1_b").pending == review

    provision_review_approve(review=review, user=dave)
    found = state("art_58_1_b")
    assert found.checked
    assert found.checked_by == "alice" and found.approved_by == "dave"
    assert (found.checked_on, found.checked_against) == (CHECKED_ON, OFFICIAL_TEXT)
    assert found.pending is None


def test_the_proposer_cannot_approve_their_own_review(alice):
    review = check("art_58_1_b", alice)
    with pytest.raises(ValidationError, match="second person"):
        provision_review_approve(review=review, user=alice)
    review.refresh_from_db()
    assert review.status == ProposalStatus.PENDING
    assert not state("art_58_1_b").checked


def test_a_role_that_may_only_read_can_neither_propose_nor_approve(alice, bob, carol):
    with pytest.raises(PermissionDenied):
        check("art_58_1_b", bob)
    with pytest.raises(PermissionDenied):
        check("art_58_1_b", carol)
    review = check("art_58_1_b", alice)
    with pytest.raises(PermissionDenied):
        provision_review_approve(review=review, user=carol)
    with pytest.raises(PermissionDenied):
        provision_review_reject(review=review, user=bob)
    assert ProvisionReview.objects.get().status == ProposalStatus.PENDING


def test_a_check_names_the_official_text_and_the_day(alice):
    with pytest.raises(ValidationError) as error:
        provision_review_propose(provision="art_58_1_b", verdict="checked", user=alice)
    assert set(error.value.message_dict) == {"checked_against", "checked_on"}


def test_marking_a_provision_unverified_says_why(alice):
    with pytest.raises(ValidationError) as error:
        provision_review_propose(provision="art_56_1_a", verdict="unverified", user=alice)
    assert set(error.value.message_dict) == {"note"}


def test_only_a_provision_the_engine_cites_can_be_reviewed(alice):
    with pytest.raises(ValidationError) as error:
        provision_review_propose(provision="art_99", verdict="unverified", user=alice, note="x")
    assert "provision" in error.value.message_dict
    assert not ProvisionReview.objects.exists()


def test_one_review_of_a_provision_waits_at_a_time(alice, erin):
    check("art_58_1_b", alice)
    with pytest.raises(ValidationError, match="already waits"):
        doubt("art_58_1_b", erin)


def test_the_proposer_may_withdraw_and_nothing_changes(alice):
    review = doubt("art_56_1_a", alice)
    provision_review_reject(review=review, user=alice, reason="Wrong provision.")
    assert state("art_56_1_a").checked
    assert ProvisionReview.objects.get().status == ProposalStatus.REJECTED


def test_a_decided_review_cannot_be_decided_again(alice, dave, erin):
    review = check("art_58_1_b", alice)
    provision_review_approve(review=review, user=dave)
    with pytest.raises(ValidationError, match="already"):
        provision_review_reject(review=review, user=erin)


def test_a_review_counts_only_for_the_wording_it_reviewed(alice, dave):
    review = check("art_58_1_b", alice)
    provision_review_approve(review=review, user=dave)
    # provisions.yaml changed since: the summary reviewed is no longer the one in force.
    ProvisionReview.objects.filter(pk=review.pk).update(summary="An older summary.")
    found = state("art_58_1_b")
    assert not found.checked
    assert found.outdated_review is not None


def test_a_provision_reworded_after_an_app_review_is_unverified_whatever_the_yaml_says(alice, dave):
    review = doubt("art_56_1_a", alice)
    provision_review_approve(review=review, user=dave)
    ProvisionReview.objects.filter(pk=review.pk).update(summary="An older summary.")
    assert rules.PROVISIONS["art_56_1_a"].checked is not None
    assert not state("art_56_1_a").checked


def test_approval_is_refused_when_the_wording_changed_since_the_proposal(alice, dave):
    review = check("art_58_1_b", alice)
    ProvisionReview.objects.filter(pk=review.pk).update(citation="Art. 58 (old citation)")
    with pytest.raises(ValidationError, match="no longer reads"):
        provision_review_approve(review=review, user=dave)
    assert not state("art_58_1_b").checked


def test_the_last_approved_review_decides(alice, dave, erin):
    provision_review_approve(review=check("art_58_1_b", alice), user=dave)
    provision_review_approve(review=doubt("art_58_1_b", erin), user=dave)
    assert not state("art_58_1_b").checked


def agreement_partner():
    partner = PartnerFactory(competent_in_criminal_matters=True)
    instrument = InstrumentFactory(partner=partner, type="international_agreement")
    cite(instrument)
    cite(add_event(instrument, "in_force", date=datetime.date(2021, 5, 1)))
    return partner


def test_an_assessment_cites_as_unverified_a_provision_a_review_marked_so(alice, dave):
    partner = agreement_partner()
    provision_review_approve(review=doubt("art_56_1_a", alice), user=dave)
    assessment = assessment_record(
        user=alice,
        partner_code=partner.code,
        data_category="operational_personal_data",
        necessity=NECESSITY,
        **COMPETENT_AUTHORITY,
    )
    necessity = next(r for r in assessment.reasons if r["code"] == "necessity_stated")
    assert necessity["unverified"] is True
    assert "Art. 56(1)(a) of Regulation (EU) 2018/1727 (unverified)" in necessity["text"]
    # The other gates keep the mark they had.
    competent = next(r for r in assessment.reasons if r["code"] == "recipient_competent")
    assert competent["unverified"] is False


def test_an_assessment_cites_without_mark_a_provision_a_review_checked(alice, dave):
    partner = PartnerFactory(competent_in_criminal_matters=True)
    provision_review_approve(review=check("art_58_1_b", alice), user=dave)
    assessment = assessment_record(
        user=alice,
        partner_code=partner.code,
        data_category="operational_personal_data",
        necessity=NECESSITY,
        **COMPETENT_AUTHORITY,
        safeguards_self_assessment=True,
    )
    assert assessment.legal_bases[0]["route"] == "safeguards_self_assessment"
    assert assessment.legal_bases[0]["unverified"] is False
    basis = next(r for r in assessment.reasons if r["code"] == "self_assessment_basis")
    assert basis["unverified"] is False
    assert "(unverified)" not in basis["text"]


def test_the_engine_reads_the_same_checked_provisions_as_the_provisions_page(alice, dave):
    """Each assessment asks which provisions are checked without building every provision's
    state: its answer must be the page's, whatever the reviews say."""
    from liaison.transfers.selectors import checked_provision_keys

    def page() -> frozenset[str]:
        return frozenset(found.key for found in provision_states() if found.checked)

    assert checked_provision_keys() == page()
    provision_review_approve(review=check("art_58_1_b", alice), user=dave)  # checked in the app
    provision_review_approve(review=doubt("art_56_1_a", alice), user=dave)  # doubted in the app
    check("art_58_2", alice)  # pending: changes nothing
    provision_review_reject(review=check("art_59_1_a", alice), user=dave, reason="Not yet.")
    # Reviewed once, then reworded in provisions.yaml: unverified until reviewed again.
    ProvisionReview.objects.filter(provision="art_58_1_b").update(summary="An older wording.")
    assert "art_56_1_a" not in checked_provision_keys()
    assert "art_58_1_b" not in checked_provision_keys()
    assert checked_provision_keys() == page()
