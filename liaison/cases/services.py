"""Writes of casework: cases, exchanges (through the transfer gate), operations and JITs.

Every door (web, API, admin, import, loader) records through these functions, so the gate
holds whichever way an exchange comes in."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from liaison.cases.models import Case, Exchange, JointInvestigationTeam, Operation
from liaison.core.permissions import REVIEW, user_can
from liaison.partners.models import Partner
from liaison.transfers.choices import DataCategory, Decision
from liaison.transfers.models import TransferAssessment
from liaison.transfers.services import assessment_create, transfer_request

CASE_FIELDS = (
    "cms_reference",
    "title",
    "crime_areas",
    "member_states",
    "requesting_member_state",
    "opened_on",
    "closed_on",
    "status",
    "tools",
    "agency_role",
    "officer",
    "arrests",
    "searches",
    "seizures",
    "seizures_description",
    "seizures_value_eur",
    "extraditions",
    "surrenders",
    "convictions",
    "illustrative",
    "demo",
)
EXCHANGE_FIELDS = (
    "partner",
    "kind",
    "direction",
    "channel",
    "data_category",
    "subject",
    "sent_on",
    "acknowledged_on",
    "answered_on",
    "deadline",
    "outcome",
    "transfer_assessment",
)
ALLOWING = (Decision.ALLOWED, Decision.ALLOWED_WITH_CONDITIONS)


def _assign(obj: Any, data: Mapping[str, Any], fields: Iterable[str]) -> None:
    for name in fields:
        if name in data:
            value = data[name]
            if isinstance(value, str) and name not in ("cms_reference",):
                value = value.strip()
            setattr(obj, name, value)


def _validate(obj: Any, exclude: list[str] | None = None) -> None:
    """The model's own rules (clean) and its field checks, as one ValidationError."""
    obj.full_clean(exclude=exclude, validate_unique=True)


@transaction.atomic
def case_create(*, data: Mapping[str, Any], partners: Iterable[Partner] = ()) -> Case:
    """Record a case (a pointer to the CMS) with the partners involved."""
    case = Case()
    _assign(case, data, CASE_FIELDS)
    _validate(case)
    case.save()
    case.partners.set(list(partners))
    return case


@transaction.atomic
def case_update(
    *, case: Case, data: Mapping[str, Any], partners: Iterable[Partner] | None = None
) -> Case:
    """Change a case; a partner that still has exchanges in it cannot be taken off."""
    _assign(case, data, CASE_FIELDS)
    _validate(case)
    if partners is not None:
        wanted = {p.pk for p in partners}
        still_used = Partner.objects.filter(exchanges__case=case).exclude(pk__in=wanted).distinct()
        if still_used.exists():
            raise ValidationError(
                {
                    "partners": _(
                        "%(names)s still has exchanges in this case: it stays among the "
                        "partners involved."
                    )
                    % {"names": ", ".join(p.name for p in still_used)}
                }
            )
    case.save()
    if partners is not None:
        case.partners.set(list(partners))
    return case


def _assessed_on(assessment: TransferAssessment) -> datetime.date:
    return timezone.localdate(assessment.assessed_at, timezone=timezone.get_default_timezone())


def transfer_gate_check(*, exchange: Exchange) -> None:
    """The gate: an outgoing exchange of operational personal data is recorded as sent only
    with an assessment for that partner, made on or before the sending date, that allowed it.
    Raises ValidationError on `transfer_assessment` saying what is missing or would make it
    lawful (the assessment's own recorded reasons)."""
    assessment = exchange.transfer_assessment
    if assessment is not None:
        if assessment.partner_id != exchange.partner_id:
            raise ValidationError(
                {
                    "transfer_assessment": _(
                        "This assessment is for %(other)s, not for %(partner)s: ask for one "
                        "for the partner the data goes to."
                    )
                    % {"other": assessment.partner_code, "partner": exchange.partner.code}
                }
            )
        if assessment.case_id is not None and assessment.case_id != exchange.case_id:
            raise ValidationError(
                {"transfer_assessment": _("This assessment was asked for another case.")}
            )
    if not exchange.needs_transfer_assessment():
        return
    partner = exchange.partner
    if assessment is None:
        raise ValidationError(
            {
                "transfer_assessment": _(
                    "Operational personal data cannot be recorded as sent to %(partner)s "
                    "without a transfer assessment that allowed it: ask “May we send this?” "
                    "for %(code)s first, or record the exchange without a sending date."
                )
                % {"partner": partner.name, "code": partner.code}
            }
        )
    problems: list[str] = []
    if assessment.data_category != DataCategory.OPERATIONAL_PERSONAL_DATA:
        problems.append(
            _("the assessment was for %(category)s, not operational personal data")
            % {"category": assessment.get_data_category_display()}
        )
    assert exchange.sent_on is not None
    if _assessed_on(assessment) > exchange.sent_on:
        problems.append(
            _("it was made on %(made)s, after the sending date %(sent)s")
            % {"made": _assessed_on(assessment).isoformat(), "sent": exchange.sent_on.isoformat()}
        )
    if problems:
        raise ValidationError(
            {
                "transfer_assessment": _("This assessment does not cover the exchange: %(why)s.")
                % {"why": "; ".join(problems)}
            }
        )
    if assessment.decision not in ALLOWING:
        lawful = [str(item) for item in assessment.missing] or [
            str(reason.get("text", reason)) if isinstance(reason, dict) else str(reason)
            for reason in assessment.reasons
        ]
        raise ValidationError(
            {
                "transfer_assessment": _(
                    "The transfer assessment of %(date)s %(decision)s sending operational "
                    "personal data to %(partner)s, so the exchange cannot be recorded as sent. "
                    "What would make it lawful: %(lawful)s"
                )
                % {
                    "date": _assessed_on(assessment).isoformat(),
                    "decision": _("refused")
                    if assessment.decision == Decision.REFUSED
                    else _("referred (did not allow)"),
                    "partner": partner.name,
                    "lawful": " ".join(lawful) or _("see the assessment's reasons."),
                }
            }
        )


def _check_assessment_visible(*, user: Any, exchange: Exchange) -> None:
    """A person links an assessment they may see: their own, one asked for this case, or any
    for those who review the register."""
    assessment = exchange.transfer_assessment
    if assessment is None or user is None:
        return
    own = assessment.requested_by_id == getattr(user, "pk", None)
    if own or assessment.case_id == exchange.case_id or user_can(user, REVIEW, TransferAssessment):
        return
    raise ValidationError(
        {"transfer_assessment": _("Link an assessment you asked for, or one asked for this case.")}
    )


def exchange_check(*, user: Any, exchange: Exchange) -> None:
    """Every rule an exchange must meet before it is saved, the gate included (for forms
    that must show the refusal before saving, such as the admin's)."""
    if not exchange.case.partners.filter(pk=exchange.partner_id).exists():
        raise ValidationError(
            {
                "partner": _(
                    "%(partner)s is not among the partners involved in case %(case)s: add it "
                    "to the case first."
                )
                % {"partner": exchange.partner.name, "case": exchange.case.cms_reference}
            }
        )
    _check_assessment_visible(user=user, exchange=exchange)
    transfer_gate_check(exchange=exchange)


def _exchange_save(*, exchange: Exchange, user: Any) -> Exchange:
    _validate(exchange, exclude=["case"])
    exchange_check(user=user, exchange=exchange)
    exchange.save()
    assessment = exchange.transfer_assessment
    if assessment is not None and assessment.case_id is None:
        assessment.case_attach(case=exchange.case)
    return exchange


@transaction.atomic
def exchange_create(*, user: Any, case: Case, data: Mapping[str, Any]) -> Exchange:
    """Record an exchange within `case`, through the transfer gate."""
    exchange = Exchange(case=case)
    _assign(exchange, data, EXCHANGE_FIELDS)
    return _exchange_save(exchange=exchange, user=user)


@transaction.atomic
def exchange_update(*, user: Any, exchange: Exchange, data: Mapping[str, Any]) -> Exchange:
    """Change an exchange (e.g. record its answer); the gate is checked again."""
    _assign(exchange, data, EXCHANGE_FIELDS)
    return _exchange_save(exchange=exchange, user=user)


@transaction.atomic
def exchange_delete(*, exchange: Exchange) -> None:
    exchange.delete()


def exchange_transfer_assess(
    *, user: Any, case: Case, partner_code: str, **request: Any
) -> TransferAssessment:
    """Ask "May we send this?" from an exchange of `case`: the assessment service as it is,
    then the assessment carries the case reference. Recorded whatever the answer (refusals
    included), in its own transaction, before any exchange is written."""
    with transaction.atomic():
        assessment = assessment_create(
            user=user, partner_code=partner_code, request=transfer_request(**request)
        )
        assessment.case_attach(case=case)
    return assessment


OPERATION_FIELDS = (
    "key",
    "title",
    "date",
    "date_precision",
    "member_states",
    "notes",
    "arrests",
    "searches",
    "seizures",
    "seizures_description",
    "seizures_value_eur",
    "extraditions",
    "surrenders",
    "convictions",
)


@transaction.atomic
def operation_create(
    *,
    case: Case,
    data: Mapping[str, Any],
    partners: Iterable[Partner] = (),
    liaison_prosecutors_of: Iterable[Partner] = (),
) -> Operation:
    """Record a coordinated action day in `case`."""
    operation = Operation(case=case)
    _assign(operation, data, OPERATION_FIELDS)
    _validate(operation, exclude=["case"])
    operation.save()
    operation.partners.set(list(partners))
    operation.liaison_prosecutors_of.set(list(liaison_prosecutors_of))
    return operation


@transaction.atomic
def operation_update(
    *,
    operation: Operation,
    data: Mapping[str, Any],
    partners: Iterable[Partner] | None = None,
    liaison_prosecutors_of: Iterable[Partner] | None = None,
) -> Operation:
    _assign(operation, data, OPERATION_FIELDS)
    _validate(operation, exclude=["case"])
    operation.save()
    if partners is not None:
        operation.partners.set(list(partners))
    if liaison_prosecutors_of is not None:
        operation.liaison_prosecutors_of.set(list(liaison_prosecutors_of))
    return operation


JIT_FIELDS = (
    "key",
    "name",
    "crime_areas",
    "member_states",
    "case",
    "signed_on",
    "signed_precision",
    "extended_until",
    "ends_on",
    "notes",
    "illustrative",
    "demo",
)


@transaction.atomic
def jit_create(
    *,
    data: Mapping[str, Any],
    partners: Iterable[Partner] = (),
    participants: Iterable[Partner] = (),
) -> JointInvestigationTeam:
    """Record a joint investigation team with its parties and participating organisations."""
    jit = JointInvestigationTeam()
    _assign(jit, data, JIT_FIELDS)
    _validate(jit)
    jit.save()
    jit.partners.set(list(partners))
    jit.participants.set(list(participants))
    return jit


@transaction.atomic
def jit_update(
    *,
    jit: JointInvestigationTeam,
    data: Mapping[str, Any],
    partners: Iterable[Partner] | None = None,
    participants: Iterable[Partner] | None = None,
) -> JointInvestigationTeam:
    _assign(jit, data, JIT_FIELDS)
    _validate(jit)
    jit.save()
    if partners is not None:
        jit.partners.set(list(partners))
    if participants is not None:
        jit.participants.set(list(participants))
    return jit


# --- Loading the published casework examples (data/reference/casework.yaml).


class CaseworkDataError(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def _check_reference(data: Any, known: dict[str, set[str]]) -> list[str]:
    problems: list[str] = []
    if not isinstance(data, dict):
        return ["the file must hold 'cases:', 'operations:' and 'joint_investigation_teams:'"]
    case_refs = {
        str(c.get("cms_reference")) for c in data.get("cases") or [] if isinstance(c, dict)
    }
    for kind, key, required in (
        ("cases", "cms_reference", ("cms_reference", "title", "opened_on")),
        ("operations", "key", ("key", "case", "title", "date")),
        ("joint_investigation_teams", "key", ("key", "name")),
    ):
        for record in data.get(kind) or []:
            if not isinstance(record, dict):
                problems.append(f"{kind}: every record is a mapping")
                continue
            label = f"{kind} '{record.get(key)}'"
            for name in required:
                if not record.get(name):
                    problems.append(f"{label}: '{name}' is required")
            for field in ("partners", "participants", "liaison_prosecutors_of"):
                for code in record.get(field) or []:
                    if code not in known["partners"]:
                        problems.append(f"{label}: {field} names '{code}', which is not loaded")
            case = record.get("case")
            if kind == "operations" and case and case not in case_refs | known["cases"]:
                problems.append(f"{label}: case '{case}' is neither in the file nor recorded")
            citations = record.get("cite") or [None]
            for citation in citations:
                if not isinstance(citation, dict) or not citation.get("source"):
                    problems.append(f"{label}: every record cites a known source")
                elif citation["source"] not in known["sources"]:
                    problems.append(
                        f"{label}: cites source '{citation['source']}', which is neither in the "
                        "register nor in sources.yaml"
                    )
    return problems


def _results(record: Mapping[str, Any]) -> dict[str, Any]:
    return dict(record.get("results") or {})


# The lists of data/reference/casework.yaml.
CASEWORK_LISTS = ("cases", "operations", "joint_investigation_teams")


def casework_load(*, path: Any) -> dict[str, int]:
    """Create the cases, operations and JITs of `path` that are missing (by reference or key),
    all or nothing; never change or delete a record. Every record names its source in the
    file; JITs keep their citations (cases and operations are operational: a source's page,
    which every role reads, must not list them). Returns how many were created and
    how many were already there."""
    import yaml

    from liaison.reference.loader import ReferenceDataError, reference_sources_ensure
    from liaison.reference.records import cited_sources

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise CaseworkDataError([f"{path.name}: {error}"]) from error
    with transaction.atomic():  # all or nothing, the sources it brings included
        # A register loaded before this file existed may lack the sources it cites (an
        # upgrade): they come from sources.yaml.
        try:
            reference_sources_ensure(
                directory=Path(settings.REFERENCE_DATA_DIR),
                keys=cited_sources(data, CASEWORK_LISTS),
            )
        except ReferenceDataError as error:
            raise CaseworkDataError(error.problems) from error
        return _casework_write(data, path)


def _casework_write(data: Any, path: Any) -> dict[str, int]:
    from liaison.sources.models import Source
    from liaison.sources.services import CitationInput, citations_add

    sources = {source.key: source for source in Source.objects.all()}
    partner_by_code = {p.code: p for p in Partner.objects.all()}
    known = {
        "sources": set(sources),
        "partners": set(partner_by_code),
        "cases": set(Case.objects.values_list("cms_reference", flat=True)),
    }
    problems = _check_reference(data, known)
    if problems:
        raise CaseworkDataError([f"{path.name}, {problem}" for problem in problems])
    counts = {"created": 0, "present": 0}

    def codes(record: Mapping[str, Any], field: str) -> list[Partner]:
        return [partner_by_code[code] for code in record.get(field) or []]

    def cite(obj: Any, record: Mapping[str, Any]) -> None:
        citations_add(
            cited=obj,
            citations=[
                CitationInput(
                    sources[c["source"]],
                    location=str(c.get("at", "")),
                    confidence=c.get("confidence", "checked"),
                )
                for c in record["cite"]
            ],
        )

    try:
        with transaction.atomic():
            for record in data.get("cases") or []:
                if Case.objects.filter(cms_reference=record["cms_reference"]).exists():
                    counts["present"] += 1
                    continue
                fields = {k: v for k, v in record.items() if k in CASE_FIELDS}
                case_create(data={**fields, **_results(record)}, partners=codes(record, "partners"))
                counts["created"] += 1
            for record in data.get("operations") or []:
                if Operation.objects.filter(key=record["key"]).exists():
                    counts["present"] += 1
                    continue
                fields = {k: v for k, v in record.items() if k in OPERATION_FIELDS}
                operation_create(
                    case=Case.objects.get(cms_reference=record["case"]),
                    data={**fields, **_results(record)},
                    partners=codes(record, "partners"),
                    liaison_prosecutors_of=codes(record, "liaison_prosecutors_of"),
                )
                counts["created"] += 1
            for record in data.get("joint_investigation_teams") or []:
                if JointInvestigationTeam.objects.filter(key=record["key"]).exists():
                    counts["present"] += 1
                    continue
                fields = {k: v for k, v in record.items() if k in JIT_FIELDS and k != "case"}
                jit = jit_create(
                    data=fields,
                    partners=codes(record, "partners"),
                    participants=codes(record, "participants"),
                )
                cite(jit, record)
                counts["created"] += 1
    except ValidationError as error:
        raise CaseworkDataError(
            [f"{path.name}: {message}" for message in error.messages]
        ) from error
    return counts
