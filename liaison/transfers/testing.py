"""For tests of every app: ask and record an assessment from plain keyword fields."""

from __future__ import annotations

from typing import Any

from liaison.transfers.models import TransferAssessment
from liaison.transfers.services import assessment_create, transfer_request

# The receiving authority operational requests name in tests (Art. 56(1)(b)).
COMPETENT_AUTHORITY: dict[str, Any] = {
    "receiving_authority": "the public prosecution service",
    "receiving_authority_competent": True,
}


def assessment_record(*, user: Any, partner_code: str, **fields: Any) -> TransferAssessment:
    """`assessment_create` with the request built from `fields` as a door builds it."""
    return assessment_create(
        user=user, partner_code=partner_code, request=transfer_request(**fields)
    )
