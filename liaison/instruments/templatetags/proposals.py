"""Template questions about proposals, answered by liaison.instruments.permissions: a page
offers Approve, Reject or Withdraw exactly when the door behind the button would accept it."""

from __future__ import annotations

from typing import Any

from django import template

from liaison.instruments.models import ChangeProposal
from liaison.instruments.permissions import Refusal, may_approve, may_reject

register = template.Library()


def _user(context: template.Context) -> Any:
    request = context.get("request")
    return context.get("user") or getattr(request, "user", None)


@register.simple_tag(takes_context=True)
def approval_refusal(context: template.Context, proposal: ChangeProposal) -> Refusal | None:
    """`{% approval_refusal proposal as refusal %}`: None if the person may approve it."""
    return may_approve(_user(context), proposal)


@register.simple_tag(takes_context=True)
def rejection_refusal(context: template.Context, proposal: ChangeProposal) -> Refusal | None:
    """`{% rejection_refusal proposal as refusal %}`: None if the person may reject (or, as
    its proposer, withdraw) it."""
    return may_reject(_user(context), proposal)
