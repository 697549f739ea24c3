"""Reads of the transfer-assessment register and of the facts an assessment rests on."""

from __future__ import annotations

import copy
import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Max, Min, Q, QuerySet
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from liaison.core.permissions import REVIEW, user_can
from liaison.core.querysets import attached_rows, rows_attach
from liaison.instruments.choices import STATUS_AFTER_EVENT, EventKind, ProposalStatus
from liaison.instruments.models import (
    Instrument,
    InstrumentEvent,
    status_and_since_from_events,
)
from liaison.partners.models import Partner
from liaison.sources.choices import Confidence
from liaison.sources.models import Citation
from liaison.transfers import eudpr, rules
from liaison.transfers.choices import Decision as DecisionChoice
from liaison.transfers.choices import ProvisionVerdict, Route
from liaison.transfers.models import ProvisionReview, TransferAssessment


def assessment_list(*, user: Any) -> QuerySet[TransferAssessment]:
    """The assessments `user` may see: all of them for a reviewer (the data protection
    officer), otherwise only those the user asked for; newest first."""
    queryset = TransferAssessment.objects.select_related("partner").order_by("-assessed_at", "-pk")
    if user is None or not user.is_authenticated:
        return queryset.none()
    if user_can(user, REVIEW, TransferAssessment):
        return queryset
    return queryset.filter(requested_by=user)


# EU-side parties whose instruments can bind the agency: the Union and the Commission.
UNION_PARTIES = ("EU", "COM")


@dataclass(frozen=True)
class ProposedHistory:
    """An instrument's dated history as a pending change would leave it, to ask the engine
    "what if": the events (the proposed one unsaved, or a saved one with its new date) and
    how the proposed step's source is marked."""

    instrument_id: int
    events: tuple[InstrumentEvent, ...]
    proposed_unverified: bool = False


def _binds_the_agency(instrument: Instrument) -> bool:
    party = instrument.eu_party
    return party is None or party.code in UNION_PARTIES


def _prefetched_instruments(partner: Partner) -> list[Instrument] | None:
    """The partner's instruments as its page already read them (`partner_detail`), with
    their events and sources; None when they were not all read."""
    cache = getattr(partner, "_prefetched_objects_cache", {})
    instruments = cache.get("instruments")
    if instruments is None:
        return None
    found = list(instruments)
    for instrument in found:
        read = getattr(instrument, "_prefetched_objects_cache", {})
        if "events" not in read or "citations" not in read:
            return None
        if instrument.eu_party_id is not None and "eu_party" not in instrument._state.fields_cache:
            return None
    return found


def partner_instruments(*, partner: Partner) -> list[Instrument]:
    """The partner's instruments that can bind the agency, each with its sources and dated
    events with theirs: what the engine's facts are built from, on any date. Taken from
    what the partner's page already read when it did, else read here."""
    prefetched = _prefetched_instruments(partner)
    if prefetched is not None:
        return sorted(
            (instrument for instrument in prefetched if _binds_the_agency(instrument)),
            key=lambda instrument: (instrument.type, instrument.key),
        )
    instruments = list(
        Instrument.objects.filter(partner=partner)
        # The agency's own instruments and the Union's (Art. 218 agreements, Commission
        # decisions); another EU body's arrangement (Frontex, Europol...) binds that body only.
        .filter(Q(eu_party__isnull=True) | Q(eu_party__code__in=UNION_PARTIES))
        .order_by("type", "key")
    )
    _events_and_citations_attach(instruments)
    return instruments


def partners_instruments(*, partners: list[Partner]) -> dict[int, list[Instrument]]:
    """`partner_instruments` for many partners in three queries (the world map asks the
    engine about every partner at once): partner id -> its instruments, in the same order."""
    instruments = list(
        Instrument.objects.filter(partner__in=partners)
        .filter(Q(eu_party__isnull=True) | Q(eu_party__code__in=UNION_PARTIES))
        .select_related("eu_party")
        .order_by("type", "key")
    )
    _events_and_citations_attach(instruments)
    found: dict[int, list[Instrument]] = {partner.pk: [] for partner in partners}
    for instrument in instruments:
        found[instrument.partner_id].append(instrument)
    return found


def transfer_outlooks(*, partners: list[Partner], on: datetime.date) -> dict[int, TransferOutlook]:
    """`transfer_outlook` for each of `partners` on `on` (the standard question of the
    "May we send this?" indication), reading every partner's instruments at once."""
    read = partners_instruments(partners=partners)
    return {
        partner.pk: transfer_outlook(partner=partner, on=on, instruments=read[partner.pk])
        for partner in partners
    }


def _events_and_citations_attach(instruments: list[Instrument]) -> None:
    """Attach to the instruments their events, and to both their citations, in the models'
    order (`rows_attach`; read by `attached_rows`), in two queries instead of three: the
    citations of the instruments and of their events are read together. Each assessment
    reads them (their confidence marks the facts, their sources go into its digest)."""
    if not instruments:
        return
    events = list(InstrumentEvent.objects.filter(instrument__in=instruments))
    kinds = ContentType.objects.get_for_models(Instrument, InstrumentEvent)
    cited: dict[tuple[int, int], list[Citation]] = defaultdict(list)
    for citation in Citation.objects.select_related("source").filter(
        Q(content_type=kinds[Instrument], object_id__in=[item.pk for item in instruments])
        | Q(content_type=kinds[InstrumentEvent], object_id__in=[item.pk for item in events])
    ):
        cited[(citation.content_type_id, citation.object_id)].append(citation)
    by_instrument: dict[int, list[InstrumentEvent]] = defaultdict(list)
    for event in events:
        by_instrument[event.instrument_id].append(event)
        rows_attach(event, "citations", cited[(kinds[InstrumentEvent].pk, event.pk)])
    for instrument in instruments:
        for event in by_instrument[instrument.pk]:
            event._state.fields_cache["instrument"] = instrument
        rows_attach(instrument, "events", by_instrument[instrument.pk])
        rows_attach(instrument, "citations", cited[(kinds[Instrument].pk, instrument.pk)])


def _instrument_on(
    instrument: Instrument, events: list[InstrumentEvent], on: datetime.date
) -> Instrument | None:
    """A copy of the instrument with `status`, `status_since` and `status_since_precision`
    on `on` computed from `events`; None when it had no event yet (it did not exist)."""
    status, since = status_and_since_from_events(events, on)
    if status is None:
        return None
    beginning = [event for event in events if event.date == since and event.status_after == status]
    dated = copy.copy(instrument)
    dated.status = status  # type: ignore[attr-defined]
    dated.status_since = since  # type: ignore[attr-defined]
    dated.status_since_precision = (  # type: ignore[attr-defined]
        beginning[0].date_precision if since is not None and beginning else None
    )
    dated.status_since_stand_in = bool(  # type: ignore[attr-defined]
        since is not None and beginning and beginning[0].date_is_stand_in
    )
    return dated


def assessment_instruments(
    *,
    partner: Partner,
    on: datetime.date,
    instruments: list[Instrument] | None = None,
) -> list[Instrument]:
    """The partner's instruments that existed on `on` (had an event by then), each with its
    sources and dated events with theirs, and with `status`, `status_since` and
    `status_since_precision` on that date as `Instrument.objects.with_status(on)` gives them.

    The status is computed from the prefetched events by `status_and_since_from_events`, the
    Python twin of `with_status` that the instrument tests hold to it: compiling the SQL of
    `with_status` costs more than the rest of an assessment. `instruments`, when given, are
    those `partner_instruments` returned (to ask about several dates with one read)."""
    found = partner_instruments(partner=partner) if instruments is None else instruments
    existing = []
    for instrument in found:
        dated = _instrument_on(instrument, list(attached_rows(instrument, "events")), on)
        if dated is not None:
            existing.append(dated)
    return existing


def self_assessed_transfer_categories(
    *, assessments: QuerySet[TransferAssessment]
) -> QuerySet[Any]:
    """Transfers allowed on the agency's own assessment of safeguards (Art. 58(1)(b)), by
    partner and data category, with their number and first and last dates: the categories
    of transfers the EDPS is to be told of."""
    return (
        assessments.filter(route=Route.SAFEGUARDS_SELF_ASSESSMENT)
        .order_by()
        .values("partner__code", "partner__name", "data_category")
        .annotate(count=Count("pk"), first=Min("assessed_at"), last=Max("assessed_at"))
        .order_by("partner__name", "data_category")
    )


def _citations_unverified(fact: Any) -> bool:
    return not any(
        citation.confidence == Confidence.CHECKED for citation in attached_rows(fact, "citations")
    )


def _unverified(
    instrument: Instrument,
    status: str,
    on: datetime.date,
    events: list[InstrumentEvent] | None = None,
    proposed_unverified: bool = False,
) -> bool:
    """Whether the instrument, or an event by `on` that gave it its status then, rests only
    on unverified sources (or on none). A proposed event not yet recorded counts as its
    proposal's source is marked."""
    if _citations_unverified(instrument):
        return True
    for event in attached_rows(instrument, "events") if events is None else events:
        if STATUS_AFTER_EVENT[event.kind] != status or (event.date is not None and event.date > on):
            continue
        if event.pk is None:
            if proposed_unverified:
                return True
        elif _citations_unverified(event):
            return True
    return False


_CONCLUDING: set[str] = {EventKind.SIGNED, EventKind.RATIFIED, EventKind.CONCLUDED}
_ENTRY_INTO_FORCE: set[str] = {EventKind.IN_FORCE}


def _first_date(events: list[InstrumentEvent], kinds: set[str], on: datetime.date) -> Any:
    dates = [e.date for e in events if e.kind in kinds and e.date is not None and e.date <= on]
    return min(dates, default=None)


def instrument_fact(
    instrument: Instrument,
    on: datetime.date,
    events: list[InstrumentEvent] | None = None,
    proposed_unverified: bool = False,
) -> rules.InstrumentFact:
    """The instrument as the engine sees it, on the date `assessment_instruments` gave it."""
    status: str = getattr(instrument, "status", None) or ""
    history = list(attached_rows(instrument, "events")) if events is None else events
    return rules.InstrumentFact(
        id=instrument.pk,
        type=instrument.type,
        title=instrument.title,
        status=status,
        status_since=getattr(instrument, "status_since", None),
        strategic=instrument.strategic,
        unverified=_unverified(instrument, status, on, events, proposed_unverified),
        adequacy_act=instrument.adequacy_act or None,
        adequacy_scope=instrument.adequacy_scope or None,
        edps_authorisation_reference=instrument.edps_authorisation_reference,
        edps_authorised_on=instrument.edps_authorised_on,
        concluded_on=_first_date(history, _CONCLUDING, on),
        in_force_from=_first_date(history, _ENTRY_INTO_FORCE, on),
    )


def partner_facts(
    *,
    partner: Partner,
    on: datetime.date,
    instruments: list[Instrument] | None = None,
    change: ProposedHistory | None = None,
) -> tuple[list[tuple[Instrument, rules.InstrumentFact]], rules.PartnerFacts]:
    """The partner as the engine sees it on `on`: its instruments then (each with its fact)
    and the facts `rules.assess` takes. Every door that asks the engine starts here: the
    assessment service, the channel panel and the proposal page (which passes the `change`
    a pending proposal would make). `instruments`: what `partner_instruments` returned, to
    ask about several dates or changes with one read."""
    found = partner_instruments(partner=partner) if instruments is None else instruments
    pairs = []
    for instrument in found:
        changed = change is not None and instrument.pk == change.instrument_id
        events = list(change.events) if change is not None and changed else None
        dated = _instrument_on(
            instrument,
            events if events is not None else list(attached_rows(instrument, "events")),
            on,
        )
        if dated is None:
            continue  # no event yet: the instrument did not exist then
        proposed_unverified = bool(change and changed and change.proposed_unverified)
        pairs.append((dated, instrument_fact(dated, on, events, proposed_unverified)))
    facts = rules.PartnerFacts(
        code=partner.code,
        name=partner.name_in_sentence,
        kind=partner.kind,
        competent_in_criminal_matters=partner.competent_in_criminal_matters,
        instruments=tuple(fact for _instrument, fact in pairs),
    )
    return pairs, facts


@dataclass(frozen=True)
class TransferOutlook:
    """What the engine would answer today for operational personal data, as an indication:
    nothing is recorded. A recorded assessment is asked on the "May we send this?" form."""

    on: datetime.date
    decision: str
    route: str | None
    route_label: str
    provision: str
    instrument_title: str | None
    summary: str

    @property
    def decision_label(self) -> str:
        return str(dict(DecisionChoice.choices).get(self.decision, self.decision))

    def to_dict(self) -> dict[str, Any]:
        return {
            "as_of": self.on.isoformat(),
            "data_category": "operational_personal_data",
            "decision": self.decision,
            "route": self.route,
            "route_label": self.route_label,
            "provision": self.provision,
            "instrument": self.instrument_title,
            "summary": self.summary,
        }


# The standard question behind an outlook: a necessary transfer of operational personal
# data that the originating Member State authorised beforehand, with no derogation and no
# self-assessment. What remains is whether the partner's instruments give a legal basis.
OUTLOOK_NECESSITY = "Standard question: the transfer is necessary for the agency's tasks."
OUTLOOK_ORIGIN = "NL"


def default_receiving_authority(partner_name: str) -> str:
    """The authority a form proposes (legal-basis.md 8.3): the partner's own authority
    competent in criminal matters, to be replaced by the real one's name."""
    return _("the authority of %(partner)s competent in criminal matters") % {
        "partner": partner_name
    }


def outlook_request(*, on: datetime.date, facts: rules.PartnerFacts) -> rules.TransferRequest:
    """The standard question every indication asks (channel panel, proposal page): to the
    partner's authority competent in criminal matters, where the register records one."""
    return rules.TransferRequest(
        data_category="operational_personal_data",
        as_of=on,
        necessity=OUTLOOK_NECESSITY,
        receiving_authority=default_receiving_authority(facts.name),
        receiving_authority_competent=facts.competent_in_criminal_matters,
        originating_member_state=OUTLOOK_ORIGIN,
        member_state_authorisation="prior",
    )


def transfer_outlook(
    *,
    partner: Partner,
    on: datetime.date,
    instruments: list[Instrument] | None = None,
    change: ProposedHistory | None = None,
) -> TransferOutlook:
    """The engine's answer for operational personal data to `partner` on `on`, without
    recording an assessment: the facts `partner_facts` gathers for every door, with the
    `change` of a pending proposal when one is given."""
    _instruments, facts = partner_facts(
        partner=partner, on=on, instruments=instruments, change=change
    )
    return transfer_outlook_from_facts(facts=facts, on=on)


def transfer_outlook_from_facts(*, facts: rules.PartnerFacts, on: datetime.date) -> TransferOutlook:
    with rules.texts_in(get_language()):
        answer = rules.assess(
            facts,
            outlook_request(on=on, facts=facts),
            provisional_application_counts=settings.PROVISIONAL_APPLICATION_COUNTS,
        )
    routes = dict(Route.choices)
    if answer.legal_bases:
        basis = answer.legal_bases[0]
        return TransferOutlook(
            on=on,
            decision=answer.decision,
            route=basis.route,
            route_label=str(routes.get(basis.route, basis.route)),
            provision=basis.provision,
            instrument_title=basis.instrument_title,
            summary=_("Operational personal data may go on the basis of %(route)s (%(provision)s).")
            % {"route": routes.get(basis.route, basis.route), "provision": basis.provision},
        )
    if answer.decision == "refused":
        summary = _(
            "No legal basis: only the agency's own assessment of safeguards (Art. 58(1)(b)) "
            "or a derogation (Art. 59) could allow operational personal data, case by case."
        )
    else:
        # Referred: the reason that refers it (to the Union, to the DPO, provisional application).
        referring = [reason.text for reason in answer.reasons if reason.code.endswith("referred")]
        summary = referring[0] if referring else answer.reasons[0].text if answer.reasons else ""
    return TransferOutlook(
        on=on,
        decision=answer.decision,
        route=None,
        route_label="",
        provision="",
        instrument_title=None,
        summary=summary,
    )


# --- Provisions of the law and their review state ------------------------------------------


@dataclass(frozen=True)
class ProvisionState:
    """A provision the engine cites and whether it is checked against the official text:
    by the last approved review in the app (four eyes), else by the record in
    provisions.yaml, else not. A review counts only for the citation and summary it
    reviewed: after a change of wording the provision is unverified until reviewed again."""

    provision: rules.Provision
    checked: bool
    checked_by: str
    checked_on: datetime.date | None
    checked_against: str
    approved_by: str
    review: ProvisionReview | None
    outdated_review: ProvisionReview | None
    pending: ProvisionReview | None

    @property
    def in_language(self) -> rules.Provision:
        """The provision with its citation and summary in the reader's language (reviews
        apply to the English text, the law's reference wording)."""
        return eudpr.provision_in_language(self.provision.key, get_language())

    @property
    def key(self) -> str:
        return self.provision.key


def _person(user: Any) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _reviews_match(review: ProvisionReview, provision: rules.Provision) -> bool:
    return review.citation == provision.citation and review.summary == provision.summary


def provision_states(*, unverified_only: bool = False) -> list[ProvisionState]:
    """Every provision of provisions.yaml in its order, with its review state (one query)."""
    latest: dict[str, ProvisionReview] = {}
    pending: dict[str, ProvisionReview] = {}
    reviews = (
        ProvisionReview.objects.exclude(status=ProposalStatus.REJECTED)
        .select_related("proposed_by", "decided_by")
        .order_by("decided_at", "pk")
    )
    for found in reviews:
        if found.status == ProposalStatus.APPROVED:
            latest[found.provision] = found
        else:
            pending.setdefault(found.provision, found)
    states = []
    for key, provision in eudpr.ALL_PROVISIONS.items():
        review = latest.get(key)
        in_force = review if review is not None and _reviews_match(review, provision) else None
        record = provision.checked
        if in_force is not None:
            checked = in_force.verdict == ProvisionVerdict.CHECKED
            state = ProvisionState(
                provision=provision,
                checked=checked,
                checked_by=_person(in_force.proposed_by) if checked else "",
                checked_on=in_force.checked_on if checked else None,
                checked_against=in_force.checked_against if checked else "",
                approved_by=_person(in_force.decided_by),
                review=in_force,
                outdated_review=None,
                pending=pending.get(key),
            )
        else:
            # Once reviewed in the app, a provision whose wording changed since is unverified
            # until reviewed again, whatever provisions.yaml records.
            record = record if review is None else None
            state = ProvisionState(
                provision=provision,
                checked=record is not None,
                checked_by=record.by if record else "",
                checked_on=record.day if record else None,
                checked_against=record.against if record else "",
                approved_by="",
                review=None,
                outdated_review=review,
                pending=pending.get(key),
            )
        if not (unverified_only and state.checked):
            states.append(state)
    return states


def checked_provision_keys() -> frozenset[str]:
    """The provisions checked as the app records it: what the engine's marks follow. The
    rule of `provision_states` (the latest approved review decides while the wording it
    reviewed is the current one; once reviewed, a reworded provision is unverified; never
    reviewed, provisions.yaml's mark stands), read without building every state: each
    assessment asks it."""
    latest: dict[str, ProvisionReview] = {}
    approved = (
        ProvisionReview.objects.filter(status=ProposalStatus.APPROVED)
        .order_by("decided_at", "pk")
        .only("provision", "citation", "summary", "verdict")
    )
    for found in approved:
        latest[found.provision] = found
    checked = set()
    for key, provision in eudpr.ALL_PROVISIONS.items():
        review = latest.get(key)
        if review is None:
            if provision.checked is not None:
                checked.add(key)
        elif _reviews_match(review, provision) and review.verdict == ProvisionVerdict.CHECKED:
            checked.add(key)
    return frozenset(checked)
