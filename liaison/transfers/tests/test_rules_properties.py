"""Properties the transfer engine keeps for any partner and any well-formed request."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from liaison.transfers import eudpr
from liaison.transfers.rules import (
    AUTHORISATION_CHOICES,
    DATA_CATEGORIES,
    DECISIONS,
    DEROGATION_GROUNDS,
    INSTRUMENT_STATUSES,
    INSTRUMENT_TYPES,
    NON_BASIS_INSTRUMENT_TYPES,
    NON_PERSONAL_ROUTE,
    PARTNER_KINDS,
    PROVISIONS,
    ROUTE_INSTRUMENT_TYPES,
    InstrumentFact,
    PartnerFacts,
    TransferRequest,
    assess,
)

EXAMPLES = settings(max_examples=200, deadline=None)
ALLOWED = {"allowed", "allowed_with_conditions"}

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2035, 12, 31))
texts = st.sampled_from(["", " ", "\n\t", "Needed to identify a suspect."]) | st.text(max_size=12)
instrument_shapes = st.tuples(
    st.sampled_from(INSTRUMENT_TYPES),
    # In force half the time, so that routes often hold.
    st.sampled_from(INSTRUMENT_STATUSES) | st.just("in_force"),
    st.none() | days,
    st.booleans(),
    # An adequacy decision's act and scope, an EDPS authorisation (dropped by other types).
    st.sampled_from([None, "led_36", "gdpr_45"]),
    st.sampled_from([None, "all_sectors", "private_sector_only", "limited"]),
    st.none() | st.tuples(st.sampled_from(["", "EDPS 2024-01"]), st.none() | days),
    # Conclusion date (cooperation agreements).
    st.none() | days,
)


@st.composite
def partners(draw: st.DrawFn) -> PartnerFacts:
    shapes = draw(st.lists(instrument_shapes, max_size=6))
    return PartnerFacts(
        code=draw(st.sampled_from(["RS", "NG", "ICC", "IBERRED", "SE", "EUROPOL"])),
        name=draw(st.sampled_from(["Serbia", "Nigeria", "International Criminal Court"])),
        kind=draw(st.sampled_from(PARTNER_KINDS)),
        competent_in_criminal_matters=draw(st.booleans()),
        instruments=tuple(
            InstrumentFact(
                id=number,
                type=type,
                title=f"Instrument {number} ({type})",
                status=status,
                status_since=since,
                strategic=type == "working_arrangement" and draw(st.booleans()),
                unverified=unverified,
                adequacy_act=act if type == "adequacy_decision" else None,
                adequacy_scope=scope if type == "adequacy_decision" else None,
                edps_authorisation_reference=authorisation[0] if authorisation else "",
                edps_authorised_on=authorisation[1] if authorisation else None,
                concluded_on=concluded,
                in_force_from=since if status == "in_force" else None,
            )
            for number, (
                type,
                status,
                since,
                unverified,
                act,
                scope,
                authorisation,
                concluded,
            ) in enumerate(shapes, start=1)
        ),
    )


requests = st.builds(
    TransferRequest,
    # Operational personal data, the interesting case, most of the time.
    data_category=st.sampled_from(DATA_CATEGORIES) | st.just("operational_personal_data"),
    as_of=days,
    necessity=texts,
    receiving_authority=st.sampled_from(["", " ", "Public Prosecutor's Office"]),
    receiving_authority_competent=st.booleans(),
    authorisation_not_in_time=st.booleans(),
    onward_origin_authorised=st.booleans(),
    onward_weighing=texts,
    originating_member_state=st.sampled_from([None, "", "SE", "FR"]),
    member_state_authorisation=st.sampled_from(AUTHORISATION_CHOICES),
    urgent_threat=st.booleans(),
    onward_transfer_to=st.sampled_from([None, "", "ME", "US"]),
    onward_transfer_authorised=st.booleans(),
    safeguards_self_assessment=st.booleans(),
    derogation=st.sampled_from([None, "", *DEROGATION_GROUNDS]),
    justification=texts,
    rights_balancing=texts,
    core_international_crimes_evidence=st.booleans(),
    provider_approval=st.booleans(),
    recipient_sector=st.sampled_from([None, *eudpr.RECIPIENT_SECTORS]),
    eudpr_derogation=st.sampled_from([None, "", *eudpr.DEROGATION_GROUNDS]),
    eudpr_conditions=st.lists(st.sampled_from(sorted(eudpr.DEROGATION_CONDITIONS))).map(tuple)
    | st.sampled_from(sorted(eudpr.GROUND_CONDITIONS.values())),
)


def _without_authorisation(request: TransferRequest) -> TransferRequest:
    return replace(request, member_state_authorisation="none", urgent_threat=False)


WEAKENINGS: dict[str, Callable[[TransferRequest], TransferRequest]] = {
    "member state authorisation": _without_authorisation,
    "urgency": lambda request: replace(request, urgent_threat=False),
    "onward authorisation": lambda request: replace(request, onward_transfer_authorised=False),
    "onward origin authorisation": lambda request: replace(request, onward_origin_authorised=False),
    "onward weighing": lambda request: replace(request, onward_weighing=""),
    "not in good time": lambda request: replace(request, authorisation_not_in_time=False),
    "receiving authority": lambda request: replace(request, receiving_authority=""),
    "authority competence": lambda request: replace(request, receiving_authority_competent=False),
    "provider approval": lambda request: replace(request, provider_approval=False),
    "self-assessment": lambda request: replace(request, safeguards_self_assessment=False),
    "necessity": lambda request: replace(request, necessity=""),
    "justification": lambda request: replace(request, justification=""),
    "rights balancing": lambda request: replace(request, rights_balancing=""),
    "recipient sector": lambda request: replace(request, recipient_sector=None),
    "derogation conditions": lambda request: replace(request, eudpr_conditions=()),
    "one derogation condition": lambda request: replace(
        request, eudpr_conditions=request.eudpr_conditions[1:]
    ),
}


@EXAMPLES
@given(partners(), requests)
def test_it_allows_only_on_a_legal_basis(partner: PartnerFacts, request: TransferRequest) -> None:
    decision = assess(partner, request)
    assert decision.decision in DECISIONS
    if decision.decision in ALLOWED:
        assert decision.legal_bases
        assert (decision.decision == "allowed_with_conditions") == bool(decision.conditions)
    else:
        assert decision.legal_bases == () and decision.conditions == ()
        assert decision.follow_ups == ()


@EXAMPLES
@given(partners(), requests)
def test_it_never_rests_on_an_instrument_that_is_no_basis_or_not_in_force(
    partner: PartnerFacts, request: TransferRequest
) -> None:
    instruments = {instrument.id: instrument for instrument in partner.instruments}
    for basis in assess(partner, request).legal_bases:
        if basis.route in eudpr.ROUTE_INSTRUMENT_TYPES:
            instrument = instruments[basis.instrument_id]
            assert request.data_category == "administrative_personal_data"
            assert instrument.type in eudpr.ROUTE_INSTRUMENT_TYPES[basis.route]
            assert instrument.status == "in_force"
            if basis.route == "eudpr_authorised_arrangement":
                assert instrument.edps_authorisation_reference.strip()
                assert (
                    instrument.edps_authorised_on and instrument.edps_authorised_on <= request.as_of
                )
            if basis.route == "eudpr_adequacy":
                assert partner.kind == "country"
                assert instrument.adequacy_scope in {"all_sectors", "private_sector_only"}
        elif basis.route in ROUTE_INSTRUMENT_TYPES:
            instrument = instruments[basis.instrument_id]
            assert instrument.type == ROUTE_INSTRUMENT_TYPES[basis.route]
            assert instrument.type not in NON_BASIS_INSTRUMENT_TYPES
            assert instrument.status == "in_force"
            assert basis.instrument_title == instrument.title
        else:
            assert basis.instrument_id is None and basis.instrument_title is None
            assert basis.route in {
                NON_PERSONAL_ROUTE,
                "safeguards_self_assessment",
                "derogation",
                "eudpr_derogation",
            }


@EXAMPLES
@given(partners(), requests, st.sampled_from(sorted(WEAKENINGS)))
def test_it_never_allows_more_when_an_authorisation_or_statement_is_taken_away(
    partner: PartnerFacts, request: TransferRequest, weakening: str
) -> None:
    weaker = WEAKENINGS[weakening](request)
    if assess(partner, weaker).decision in ALLOWED:
        assert assess(partner, request).decision in ALLOWED, weakening


@EXAMPLES
@given(partners(), requests)
def test_it_says_what_is_missing_whenever_it_refuses(
    partner: PartnerFacts, request: TransferRequest
) -> None:
    decision = assess(partner, request)
    if decision.decision == "refused":
        assert decision.missing
        assert all(item.strip() for item in decision.missing)
    else:
        assert decision.missing == ()


@EXAMPLES
@given(partners(), requests)
def test_it_cites_a_provision_for_every_reason_and_marks_unverified_ones(
    partner: PartnerFacts, request: TransferRequest
) -> None:
    decision = assess(partner, request)
    assert decision.reasons
    provisions = [*PROVISIONS.values(), *eudpr.PROVISIONS.values()]
    unverified = {p.citation for p in provisions if p.unverified}
    for reason in decision.reasons:
        assert reason.provision.strip() and reason.text.strip() and reason.code
        if reason.provision in unverified:
            assert reason.unverified
    for basis in decision.legal_bases:
        assert basis.provision.strip()
        if basis.provision in unverified:
            assert basis.unverified


@EXAMPLES
@given(partners(), requests)
def test_it_answers_every_valid_request_in_json_ready_data(
    partner: PartnerFacts, request: TransferRequest
) -> None:
    data = assess(partner, request).to_dict()
    assert json.loads(json.dumps(data)) == data


@EXAMPLES
@given(partners(), requests)
def test_it_never_rests_operational_data_on_a_gdpr_adequacy_decision(
    partner: PartnerFacts, request: TransferRequest
) -> None:
    gdpr = {i.id for i in partner.instruments if i.adequacy_act == "gdpr_45"}
    operational = replace(request, data_category="operational_personal_data")
    assert not {basis.instrument_id for basis in assess(partner, operational).legal_bases} & gdpr


@EXAMPLES
@given(partners(), requests)
def test_it_never_allows_administrative_data_without_a_chapter_v_route(
    partner: PartnerFacts, request: TransferRequest
) -> None:
    administrative = replace(request, data_category="administrative_personal_data")
    decision = assess(partner, administrative)
    if decision.decision in ALLOWED:
        assert {basis.route for basis in decision.legal_bases} <= set(eudpr.ROUTES)
    if partner.kind in {"member_state", "eu_body", "judicial_network"}:
        assert decision.decision == "referred"
