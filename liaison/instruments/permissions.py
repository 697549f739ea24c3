"""Who may approve, and who may reject, a proposed change to a legal basis (four eyes).

This is the one answer for every four-eyes proposal: a proposed change to a legal basis
(`ChangeProposal`) and a proposed review of one of the law's provisions
(`transfers.ProvisionReview`). The services (`change_proposal_approve`,
`provision_review_approve`) enforce it, and every door asks it before offering or
attempting a decision: the web pages (the Approve button, through the `{% approval_refusal %}`
tag), the web and API approve endpoints. The admin shows proposals read only and offers no
decision.

The rule, in the order it is checked:
1. the role must hold APPROVE on proposals (administrators and cooperation officers);
2. the proposal must still be pending;
3. the proposer cannot approve their own proposal; a review of a provision is approved only
   while the provision reads as it did when the review was proposed;
4. nor can a person whose account (or its roles) the proposer created or changed, nor a
   person who created or changed the proposer's account: an administrator who makes
   themselves a second account is still one person, whichever of the two proposes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.utils.translation import gettext as _

from liaison.core.permissions import APPROVE, user_can
from liaison.instruments.choices import ProposalStatus
from liaison.instruments.models import ChangeProposal

# Why an approval is refused (Refusal.code).
ROLE = "role"
DECIDED = "decided"
OWN_PROPOSAL = "own_proposal"
REWORDED = "reworded"
ACCOUNT_SET_UP_BY_PROPOSER = "account_set_up_by_proposer"


@dataclass(frozen=True)
class Refusal:
    """Why a person may not decide on a proposal, in words the person can act on."""

    code: str
    message: str

    @property
    def by_role(self) -> bool:
        """The person's role may not decide at all (403), rather than on this proposal (400)."""
        return self.code == ROLE

    def error(self) -> PermissionDenied | ValidationError:
        """The exception a door raises for it: PermissionDenied for the role, otherwise a
        ValidationError (the request was understood, this proposal cannot take it)."""
        if self.by_role:
            return PermissionDenied(self.message)
        return ValidationError(self.message)

    def __str__(self) -> str:
        return self.message


def role_may_approve(user: Any, kind: type[Model] = ChangeProposal) -> bool:
    """Does `user`'s role allow deciding on proposals of this kind at all (whatever the
    proposal)?"""
    return user_can(user, APPROVE, kind)


def _is_provision_review(proposal: Any) -> bool:
    return bool(proposal._meta.label_lower == "transfers.provisionreview")


def may_approve(user: Any, proposal: Any) -> Refusal | None:
    """None if `user` may approve `proposal` (a ChangeProposal or a ProvisionReview: anything
    with `status` and `proposed_by_id`) now, otherwise why not."""
    review = _is_provision_review(proposal)
    if not role_may_approve(user, type(proposal)):
        if review:
            return Refusal(ROLE, _("Your role may not approve reviews of the law's provisions."))
        return Refusal(ROLE, _("Your role may not approve changes to a legal basis."))
    if proposal.status != ProposalStatus.PENDING:
        return _decided(proposal)
    if proposal.proposed_by_id == user.pk:
        if review:
            message = _(
                "You proposed this review: a second person must approve it (four eyes). Ask "
                "a colleague who may approve reviews."
            )
        else:
            message = _(
                "You proposed this change: a second person must approve it (four eyes). "
                "Ask a colleague who may approve changes."
            )
        return Refusal(OWN_PROPOSAL, message)
    if review and not proposal.reads_as_reviewed():
        return Refusal(
            REWORDED,
            _(
                "The provision no longer reads as it did when this review was proposed: "
                "reject it and review the provision as it now reads."
            ),
        )
    if _one_set_up_the_other(user.pk, proposal.proposed_by_id):
        if review:
            message = _(
                "One of you set up the other's account: your account or its roles were "
                "created or changed by the person who proposed this review, or you created or "
                "changed theirs. Your approval would not be a second, independent pair of "
                "eyes. Ask another colleague who may approve reviews."
            )
        else:
            message = _(
                "One of you set up the other's account: your account or its roles were "
                "created or changed by the person who proposed this change, or you created or "
                "changed theirs. Your approval would not be a second, independent pair of "
                "eyes. Ask another colleague who may approve changes."
            )
        return Refusal(ACCOUNT_SET_UP_BY_PROPOSER, message)
    return None


def may_reject(user: Any, proposal: Any) -> Refusal | None:
    """None if `user` may reject `proposal` now (its proposer withdraws it; a person whose role
    may approve rejects it), otherwise why not."""
    own = user is not None and proposal.proposed_by_id is not None
    own = own and proposal.proposed_by_id == user.pk
    if not own and not role_may_approve(user, type(proposal)):
        if _is_provision_review(proposal):
            return Refusal(ROLE, _("Your role may not reject reviews of the law's provisions."))
        return Refusal(ROLE, _("Your role may not reject changes to a legal basis."))
    if proposal.status != ProposalStatus.PENDING:
        return _decided(proposal)
    return None


def _decided(proposal: Any) -> Refusal:
    if _is_provision_review(proposal):
        text = _("This review was already %(status)s by %(user)s: nothing changed.")
    else:
        text = _("This proposal was already %(status)s by %(user)s: nothing changed.")
    return Refusal(
        DECIDED,
        text % {"status": proposal.get_status_display(), "user": proposal.decided_by},
    )


def _one_set_up_the_other(approver_id: int | None, proposer_id: int | None) -> bool:
    """Did either person create or change the other's account (its roles included)?"""
    if approver_id is None or proposer_id is None:
        return False
    return _set_up_by(account_id=approver_id, actor_id=proposer_id) or _set_up_by(
        account_id=proposer_id, actor_id=approver_id
    )


def _set_up_by(*, account_id: int, actor_id: int) -> bool:
    from auditlog.models import LogEntry
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType

    return LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(get_user_model()),
        object_id=account_id,
        actor_id=actor_id,
    ).exists()
