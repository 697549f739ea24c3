"""Assessing a transfer: check the request, gather the partner's facts as of a date, ask the
engine, record question and answer. The one door every caller (API, web form, CLI) uses."""

from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import fields as dataclass_fields
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from liaison.core.dates import today
from liaison.core.history import history_actor
from liaison.core.permissions import ADD, user_can
from liaison.core.querysets import attached_rows
from liaison.instruments.choices import ProposalStatus
from liaison.instruments.models import Instrument
from liaison.instruments.permissions import may_approve, may_reject
from liaison.notifications.services import proposal_decided_notify, proposal_waiting_notify
from liaison.partners.countries import NON_ISO_COUNTRY_CODES, iso_country
from liaison.partners.models import Partner
from liaison.transfers import eudpr, rules
from liaison.transfers.choices import (
    DENMARK_NOT_A_SUPPLYING_STATE,
    SUPPLYING_MEMBER_STATES,
    ProvisionVerdict,
)
from liaison.transfers.models import NOTE_MAX_LENGTH, ProvisionReview, TransferAssessment
from liaison.transfers.selectors import checked_provision_keys, partner_facts


def _one_of(value: str, allowed: Any, what: str) -> str:
    return _("“%(value)s” is not %(what)s: use one of %(allowed)s.") % {
        "value": value,
        "what": what,
        "allowed": ", ".join(allowed),
    }


def _code(value: str | None) -> str | None:
    """A code as given, upper case; None when absent or blank."""
    if value is None or not value.strip():
        return None
    return value.strip().upper()


def transfer_request(
    *, data_category: str, as_of: datetime.date | None = None, **fields: Any
) -> rules.TransferRequest:
    """The engine's request from what a door received: `as_of` today (in Liaison's time zone,
    LIAISON_TIME_ZONE, wherever the caller is) when not given; texts stripped; codes upper
    case, and blank ones None. Unknown field names raise TypeError (a door's own error)."""
    on = as_of or today()
    for name in _CODE_FIELDS:
        if name in fields:
            fields[name] = _code(fields[name])
    for name in _CHOICE_FIELDS:
        if fields.get(name) is not None:
            fields[name] = fields[name].strip() or None
    if "eudpr_conditions" in fields:
        # In the order of the law's list, once each (the register keeps a stable record);
        # codes the law does not know are kept, last, for _request_errors to name.
        given = list(dict.fromkeys(fields["eudpr_conditions"] or ()))
        fields["eudpr_conditions"] = tuple(
            [code for code in eudpr.DEROGATION_CONDITIONS if code in given]
            + [code for code in given if code not in eudpr.DEROGATION_CONDITIONS]
        )
    for name in _TEXT_FIELDS:
        if name in fields:
            fields[name] = (fields[name] or "").strip()
    return rules.TransferRequest(data_category=data_category, as_of=on, **fields)


_CODE_FIELDS = ("originating_member_state", "onward_transfer_to")
# The longest statement a request keeps (necessity, weighing, justification...): several
# paragraphs; the register is not the place for whole documents.
TEXT_MAX_LENGTH = 10_000
_CHOICE_FIELDS = ("derogation", "recipient_sector", "eudpr_derogation")
_TEXT_FIELDS = (
    "necessity",
    "receiving_authority",
    "onward_weighing",
    "justification",
    "rights_balancing",
)


def _request_errors(request: rules.TransferRequest) -> dict[str, str]:
    """What in `request` the engine cannot assess, field by field."""
    errors: dict[str, str] = {}
    if request.data_category not in rules.DATA_CATEGORIES:
        errors["data_category"] = _one_of(
            request.data_category, rules.DATA_CATEGORIES, _("a data category")
        )
    if request.member_state_authorisation not in rules.AUTHORISATION_CHOICES:
        errors["member_state_authorisation"] = _one_of(
            request.member_state_authorisation, rules.AUTHORISATION_CHOICES, _("an authorisation")
        )
    if request.derogation is not None and request.derogation not in rules.DEROGATION_GROUNDS:
        errors["derogation"] = _one_of(
            request.derogation, rules.DEROGATION_GROUNDS, _("a derogation ground")
        )
    sector = request.recipient_sector
    if sector is not None and sector not in eudpr.RECIPIENT_SECTORS:
        errors["recipient_sector"] = _one_of(
            sector, eudpr.RECIPIENT_SECTORS, _("a recipient's sector")
        )
    eudpr_ground = request.eudpr_derogation
    if eudpr_ground is not None and eudpr_ground not in eudpr.DEROGATION_GROUNDS:
        errors["eudpr_derogation"] = _one_of(
            eudpr_ground, eudpr.DEROGATION_GROUNDS, _("a derogation of Art. 50 EUDPR")
        )
    unknown_conditions = [
        code for code in request.eudpr_conditions if code not in eudpr.DEROGATION_CONDITIONS
    ]
    if unknown_conditions:
        errors["eudpr_conditions"] = _one_of(
            ", ".join(unknown_conditions),
            eudpr.DEROGATION_CONDITIONS,
            _("a condition of a derogation of Art. 50 EUDPR"),
        )
    origin = request.originating_member_state
    if origin == "DK":
        errors["originating_member_state"] = str(DENMARK_NOT_A_SUPPLYING_STATE)
    elif origin is not None and origin not in SUPPLYING_MEMBER_STATES:
        errors["originating_member_state"] = _one_of(
            origin, SUPPLYING_MEMBER_STATES, _("the code of an EU Member State")
        )
    onward = request.onward_transfer_to
    if onward is not None and not _is_recipient_code(onward):
        errors["onward_transfer_to"] = _(
            "“%(code)s” is neither a partner code of the register nor an ISO 3166 country "
            "code: give the code of the final recipient (e.g. RS, INTERPOL)."
        ) % {"code": onward}
    if request.data_category == "operational_personal_data" and not request.receiving_authority:
        # Competence (Art. 56(1)(b)) is the receiving authority's, not the partner's as a
        # whole (legal-basis.md 8.3): without its name the question cannot be assessed.
        errors["receiving_authority"] = _(
            "Name the authority that receives the data (e.g. “Public Prosecutor's Office of "
            "Serbia”) and say whether it is competent for law enforcement and criminal "
            "matters (receiving_authority_competent): Art. 56(1)(b) of Regulation (EU) "
            "2018/1727 is answered for that authority, not for the partner as a whole."
        )
    for name in _TEXT_FIELDS:
        value = getattr(request, name, None) or ""
        if len(value) > TEXT_MAX_LENGTH:
            errors[name] = _("Keep this under %(limit)s characters.") % {"limit": TEXT_MAX_LENGTH}
    return errors


@transaction.atomic
def assessment_create(
    *, user: Any, partner_code: str, request: rules.TransferRequest
) -> TransferAssessment:
    """Assess whether the agency may send the data of `request` to the partner as of its date
    and record the assessment, refused ones included.

    Bad input (an unknown partner or code, a missing receiving authority for operational
    personal data) raises ValidationError, field by field, and records nothing."""
    errors: dict[str, str] = {}
    code = _code(partner_code) or ""
    partner = Partner.objects.filter(code=code).first() if code else None
    if partner is None:
        errors["partner"] = (
            _("There is no partner with the code “%(code)s” in the register.") % {"code": code}
            if code
            else _("Say which partner the data would go to (its code, e.g. RS).")
        )
    errors.update(_request_errors(request))
    if errors or partner is None:
        raise ValidationError(errors)

    instruments, facts = partner_facts(partner=partner, on=request.as_of)
    # The citations' "(unverified)" marks follow the review state the app records; the texts
    # are in the asker's language (the register keeps the answer as it was given).
    with rules.review_marks(checked_provision_keys()), rules.texts_in(get_language()):
        answer = rules.assess(
            facts,
            request,
            provisional_application_counts=settings.PROVISIONAL_APPLICATION_COUNTS,
        ).to_dict()
    bases = {basis["instrument"]["id"] for basis in answer["legal_bases"] if basis["instrument"]}
    # The request's fields are the register's columns of the same names.
    asked = {item.name: getattr(request, item.name) for item in dataclass_fields(request)}
    asked["eudpr_conditions"] = list(request.eudpr_conditions)  # a JSON list column
    assessment = TransferAssessment(
        requested_by=user,
        requested_by_username=user.get_username(),
        partner=partner,
        partner_code=partner.code,
        **asked,
        decision=answer["decision"],
        route=answer["legal_bases"][0]["route"] if answer["legal_bases"] else None,
        legal_bases=answer["legal_bases"],
        reasons=answer["reasons"],
        conditions=answer["conditions"],
        missing=answer["missing"],
        follow_ups=answer["follow_ups"],
        instruments_relied_on=[
            _instrument_record(instrument, fact, relied_on=instrument.pk in bases)
            for instrument, fact in instruments
        ],
    )
    assessment.save()
    return assessment


def _is_recipient_code(code: str) -> bool:
    if code in NON_ISO_COUNTRY_CODES or (len(code) == 2 and iso_country(code) is not None):
        return True
    return Partner.objects.filter(code=code).exists()


def _citations(fact: Any) -> list[list[str]]:
    return [
        [citation.source.key, citation.location, citation.confidence]
        for citation in attached_rows(fact, "citations")
    ]


def _record_version(instrument: Instrument) -> str:
    """A digest of the instrument's record (its fields, events and sources): two assessments
    with the same digest rested on the same record."""
    record = {
        "key": instrument.key,
        "type": instrument.type,
        "title": instrument.title,
        "strategic": instrument.strategic,
        "eu_party_id": instrument.eu_party_id,
        # Only when set: the digest of a record without them stays what it was.
        **{
            name: str(value)
            for name in (
                "adequacy_act",
                "adequacy_scope",
                "edps_authorisation_reference",
                "edps_authorised_on",
            )
            if (value := getattr(instrument, name))
        },
        "citations": _citations(instrument),
        "events": [
            [
                event.kind,
                event.date.isoformat() if event.date else None,
                event.date_precision,
                event.date_is_stand_in,
                event.note,
                _citations(event),
            ]
            for event in attached_rows(instrument, "events")
        ],
    }
    text = json.dumps(record, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _instrument_record(
    instrument: Instrument, fact: rules.InstrumentFact, *, relied_on: bool
) -> dict[str, Any]:
    """What the register keeps of an instrument the engine was given."""
    return {
        "id": instrument.pk,
        "key": instrument.key,
        "title": instrument.title,
        "type": instrument.type,
        "status": fact.status,
        "status_since": fact.status_since.isoformat() if fact.status_since else None,
        "status_since_precision": getattr(instrument, "status_since_precision", None),
        "status_date_is_stand_in": bool(getattr(instrument, "status_since_stand_in", False)),
        "unverified": fact.unverified,
        "relied_on": relied_on,
        "last_updated": instrument.last_updated.isoformat(),
        "version": _record_version(instrument),
    }


# --- Review of the provisions the engine cites: four eyes ---------------------------------


@transaction.atomic
def provision_review_propose(
    *,
    provision: str,
    verdict: str,
    user: Any,
    checked_against: str = "",
    checked_on: datetime.date | None = None,
    note: str = "",
) -> ProvisionReview:
    """Propose a new review state for a provision: checked against the official text named
    (and on which day), or unverified (and why). It counts once a second person approves it."""
    if not user_can(user, ADD, ProvisionReview):
        raise PermissionDenied(_("Your role may not propose reviews of the law's provisions."))
    law = eudpr.ALL_PROVISIONS.get(provision)
    errors: dict[str, str] = {}
    if law is None:
        errors["provision"] = _one_of(
            provision, eudpr.ALL_PROVISIONS, _("a provision the engine cites")
        )
    if verdict not in ProvisionVerdict.values:
        errors["verdict"] = _one_of(verdict, ProvisionVerdict.values, _("a review"))
    checked_against, note = checked_against.strip(), note.strip()
    if len(note) > NOTE_MAX_LENGTH:
        errors["note"] = _("Keep the note under %(limit)s characters.") % {"limit": NOTE_MAX_LENGTH}
    if verdict == ProvisionVerdict.CHECKED:
        if not checked_against:
            errors["checked_against"] = _(
                "Name the official text you checked the provision against (act, language, version)."
            )
        if checked_on is None:
            errors["checked_on"] = _("Give the day you checked the provision.")
        elif checked_on > today():
            errors["checked_on"] = _("The day of the check cannot be in the future.")
    elif verdict == ProvisionVerdict.UNVERIFIED:
        if not note:
            errors["note"] = _("Say why the provision is to be marked unverified.")
        checked_against, checked_on = "", None
    if errors or law is None:
        raise ValidationError(errors)
    waiting = (
        ProvisionReview.objects.select_for_update()
        .filter(provision=provision, status=ProposalStatus.PENDING)
        .first()
    )
    if waiting is not None:
        raise ValidationError(
            _(
                "A review of this provision already waits for approval (#%(number)s): approve "
                "or reject it first."
            )
            % {"number": waiting.pk}
        )
    review = ProvisionReview(
        provision=provision,
        verdict=verdict,
        checked_against=checked_against,
        checked_on=checked_on,
        note=note,
        citation=law.citation,
        summary=law.summary,
        proposed_by=user,
    )
    review.full_clean(validate_constraints=False)
    try:
        # A savepoint: a review proposed at the same moment by someone else wins the race.
        with transaction.atomic(), history_actor(user):
            review.save()
            proposal_waiting_notify(proposal=review)
    except IntegrityError as error:
        raise ValidationError(
            _(
                "A review of this provision was proposed at the same moment and now waits for "
                "approval: approve or reject it first."
            )
        ) from error
    return review


def _pending_review(review: ProvisionReview) -> ProvisionReview:
    review = ProvisionReview.objects.select_for_update().get(pk=review.pk)
    if review.status != ProposalStatus.PENDING:
        raise ValidationError(
            _("This review was already %(status)s by %(user)s: nothing changed.")
            % {"status": review.get_status_display(), "user": review.decided_by}
        )
    return review


@transaction.atomic
def provision_review_approve(*, review: ProvisionReview, user: Any) -> ProvisionReview:
    """Approve a proposed review: a second person, never the proposer (four eyes), and only
    while the provision still reads as it did when the review was proposed."""
    review = _pending_review(review)
    # Who may approve is the one four-eyes rule of every proposal (instruments.permissions).
    refusal = may_approve(user, review)
    if refusal is not None:
        raise refusal.error()
    review.status = ProposalStatus.APPROVED
    review.decided_by = user
    review.decided_at = timezone.now()
    with history_actor(user):
        review.save()
    proposal_decided_notify(proposal=review)
    return review


@transaction.atomic
def provision_review_reject(
    *, review: ProvisionReview, user: Any, reason: str = ""
) -> ProvisionReview:
    """Reject a proposed review (its proposer may withdraw it): the state stays as it was."""
    review = _pending_review(review)
    refusal = may_reject(user, review)
    if refusal is not None:
        raise refusal.error()
    review.status = ProposalStatus.REJECTED
    review.decided_by = user
    review.decided_at = timezone.now()
    review.decision_note = reason.strip()
    with history_actor(user):
        review.save()
    proposal_decided_notify(proposal=review)
    return review
