"""The transfer-assessment register as CSV: one row an assessment, oldest first."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from liaison.core.csv_export import CsvExport
from liaison.transfers.filtersets import TransferAssessmentFilterSet
from liaison.transfers.models import TransferAssessment
from liaison.transfers.selectors import assessment_list


def _joined(items: list[str]) -> str:
    return " | ".join(items)


def assessment_csv_row(assessment: TransferAssessment) -> list[Any]:
    flag = lambda value: "true" if value else "false"  # noqa: E731
    bases = [
        f"{basis['route']}: {basis['provision']}"
        + (f" [{basis['instrument']['title']}]" if basis["instrument"] else "")
        for basis in assessment.legal_bases
    ]
    instruments = [
        f"{record['title']} ({record['status']}, version {record['version']})"
        for record in assessment.instruments_relied_on
    ]
    return [
        assessment.pk,
        assessment.assessed_at.isoformat(),
        assessment.as_of.isoformat(),
        assessment.requested_by_username,
        assessment.partner_code,
        assessment.data_category,
        assessment.decision,
        assessment.route or "",
        _joined(bases),
        _joined([reason["text"] for reason in assessment.reasons]),
        _joined(assessment.conditions),
        _joined(assessment.missing),
        _joined(assessment.follow_ups),
        assessment.necessity,
        assessment.originating_member_state or "",
        assessment.member_state_authorisation,
        flag(assessment.urgent_threat),
        assessment.onward_transfer_to or "",
        flag(assessment.onward_transfer_authorised),
        flag(assessment.safeguards_self_assessment),
        assessment.derogation or "",
        assessment.justification,
        assessment.rights_balancing,
        flag(assessment.core_international_crimes_evidence),
        flag(assessment.provider_approval),
        assessment.recipient_sector or "",
        assessment.eudpr_derogation or "",
        _joined(assessment.eudpr_conditions),
        _joined(instruments),
        # Asked since the legal review (legal-basis.md 8): at the end, so that columns keep
        # their places for those who read the export by position.
        assessment.receiving_authority,
        flag(assessment.receiving_authority_competent),
        flag(assessment.authorisation_not_in_time),
        flag(assessment.onward_origin_authorised),
        assessment.onward_weighing,
    ]


CSV_COLUMNS = [
    "id",
    "assessed_at",
    "as_of",
    "requested_by",
    "partner",
    "data_category",
    "decision",
    "route",
    "legal_bases",
    "reasons",
    "conditions",
    "missing",
    "follow_ups",
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
    "recipient_sector",
    "eudpr_derogation",
    "eudpr_conditions",
    "instruments_relied_on",
    "receiving_authority",
    "receiving_authority_competent",
    "authorisation_not_in_time",
    "onward_origin_authorised",
    "onward_weighing",
]


def _assessments(user: Any, data: Any = None) -> Any:
    # A row names the partner by its recorded code: no join (it costs 40% of the time).
    return assessment_list(user=user).select_related(None)


ASSESSMENT_EXPORT = CsvExport(
    key="transfer-assessments",
    title=_("Transfer assessments"),
    model=TransferAssessment,
    filterset_class=TransferAssessmentFilterSet,
    queryset=_assessments,
    ordering=("assessed_at", "pk"),
    header=CSV_COLUMNS,
    row=assessment_csv_row,
)
