"""The engine follows the corrections of the legal review (legal-basis.md, section 8):
each test is a wrong answer the engine gave before."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from liaison.transfers.rules import InstrumentFact, PartnerFacts, TransferRequest, assess

AS_OF = date(2025, 6, 1)
NECESSITY = "To identify the accomplices of a suspect in a joint investigation."
WEIGHING = (
    "Serious organised crime; the original purpose (the joint investigation) is kept; "
    "Montenegro's prosecution service protects the data adequately."
)
PROSECUTOR = "Public Prosecutor's Office of Serbia"


def agreement(
    type: str = "cooperation_agreement",
    *,
    status: str = "in_force",
    since: date | None = date(2019, 11, 12),
    concluded_on: date | None = date(2019, 11, 12),
    in_force_from: date | None = date(2019, 11, 12),
    adequacy_act: str | None = None,
) -> InstrumentFact:
    return InstrumentFact(
        id=7,
        type=type,
        title="Cooperation agreement with Serbia",
        status=status,
        status_since=since,
        concluded_on=concluded_on,
        in_force_from=in_force_from,
        adequacy_act=adequacy_act,
    )


def serbia(*instruments: InstrumentFact, competent: bool = True) -> PartnerFacts:
    return PartnerFacts(
        code="RS",
        name="Serbia",
        kind="country",
        competent_in_criminal_matters=competent,
        instruments=instruments or (agreement(),),
    )


def ask(**fields: object) -> TransferRequest:
    base = TransferRequest(
        data_category="operational_personal_data",
        as_of=AS_OF,
        necessity=NECESSITY,
        receiving_authority=PROSECUTOR,
        receiving_authority_competent=True,
    )
    return replace(base, **fields)  # type: ignore[arg-type]


def test_it_allows_the_pre_2019_serbian_agreement_with_a_named_competent_authority() -> None:
    answer = assess(serbia(), ask())
    assert answer.decision == "allowed", answer.to_dict()
    assert [basis.route for basis in answer.legal_bases] == ["cooperation_agreement"]


# --- Cooperation agreements count only if concluded before 12 December 2019 (80(5)) -----


def test_it_refuses_a_cooperation_agreement_that_entered_into_force_after_12_december_2019():
    late = agreement(since=date(2020, 3, 1), in_force_from=date(2020, 3, 1))
    answer = assess(serbia(late), ask())
    assert answer.decision == "refused"
    assert not answer.legal_bases
    assert any(
        "12 December 2019" in reason.text and "80(5)" in reason.provision
        for reason in answer.reasons
    )


def test_it_refuses_a_cooperation_agreement_concluded_after_12_december_2019() -> None:
    late = agreement(concluded_on=date(2019, 12, 20), in_force_from=None, since=None)
    assert assess(serbia(late), ask()).decision == "refused"


def test_it_refuses_a_cooperation_agreement_concluded_on_the_day_itself() -> None:
    """ "Before 12 December 2019": the day itself is too late."""
    late = agreement(concluded_on=date(2019, 12, 12), in_force_from=date(2019, 12, 12))
    assert assess(serbia(late), ask()).decision == "refused"


def test_it_refuses_a_cooperation_agreement_whose_dates_are_unknown() -> None:
    unknown = agreement(concluded_on=None, in_force_from=None, since=None)
    answer = assess(serbia(unknown), ask())
    assert answer.decision == "refused"
    assert any("not recorded" in reason.text for reason in answer.reasons)


# --- Onward transfers: the origin's authorisation of the onward transfer, the weighing ----


def onward(**fields: object) -> TransferRequest:
    values: dict[str, object] = {
        "originating_member_state": "SE",
        "member_state_authorisation": "prior",
        "onward_transfer_to": "ME",
        "onward_transfer_authorised": True,
        "onward_origin_authorised": True,
        "onward_weighing": WEIGHING,
    }
    values.update(fields)
    return ask(**values)


def test_it_allows_an_onward_transfer_authorised_by_the_state_and_the_agency_after_weighing():
    answer = assess(serbia(), onward())
    assert answer.decision == "allowed", answer.to_dict()


def test_it_refuses_an_onward_transfer_with_only_the_agencys_flag() -> None:
    answer = assess(serbia(), onward(onward_origin_authorised=False, onward_weighing=""))
    assert answer.decision == "refused"
    assert any("Authorisation by SE of the onward transfer" in item for item in answer.missing)
    assert any("seriousness of the offence" in item for item in answer.missing)


def test_it_refuses_an_onward_transfer_the_state_authorised_only_as_a_first_transfer() -> None:
    answer = assess(serbia(), onward(onward_origin_authorised=False))
    assert answer.decision == "refused"
    assert len(answer.missing) == 1


def test_it_refuses_an_onward_transfer_without_the_agencys_weighing() -> None:
    answer = assess(serbia(), onward(onward_weighing="  "))
    assert answer.decision == "refused"
    assert len(answer.missing) == 1
    assert "purpose of the original transfer" in answer.missing[0]


def test_it_needs_no_state_authorisation_for_an_onward_transfer_of_data_from_no_state():
    answer = assess(serbia(), onward(originating_member_state=None, onward_origin_authorised=False))
    assert answer.decision == "allowed"


# --- Urgency (56(4)) needs that authorisation cannot be obtained in good time ------------


def urgent(**fields: object) -> TransferRequest:
    values: dict[str, object] = {
        "originating_member_state": "SE",
        "member_state_authorisation": "none",
        "urgent_threat": True,
    }
    values.update(fields)
    return ask(**values)


def test_it_refuses_urgency_without_the_statement_that_authorisation_comes_too_late() -> None:
    answer = assess(serbia(), urgent())
    assert answer.decision == "refused"
    assert any("cannot be obtained in good time" in item for item in answer.missing)


def test_it_allows_urgency_with_the_statement_on_condition_of_informing_the_state() -> None:
    answer = assess(serbia(), urgent(authorisation_not_in_time=True))
    assert answer.decision == "allowed_with_conditions"
    assert any("56(4)" in reason.provision for reason in answer.reasons)
    assert len(answer.follow_ups) == 1


# --- Provisional application is not entry into force ------------------------------------

TCA = InstrumentFact(
    id=9,
    type="international_agreement",
    title="EU-UK Trade and Cooperation Agreement",
    status="provisionally_applied",
    status_since=date(2021, 1, 1),
)
UK = PartnerFacts(
    code="GB",
    name="United Kingdom",
    kind="country",
    competent_in_criminal_matters=True,
    instruments=(TCA,),
)


def test_it_refers_a_transfer_resting_on_a_provisionally_applied_agreement() -> None:
    answer = assess(UK, ask(as_of=date(2021, 2, 1)))
    assert answer.decision == "referred"
    assert not answer.legal_bases
    assert any(
        "provisionally applied since 1 January 2021" in reason.text for reason in answer.reasons
    )


def test_it_lets_a_configured_policy_count_provisional_application() -> None:
    answer = assess(UK, ask(as_of=date(2021, 2, 1)), provisional_application_counts=True)
    assert answer.decision == "allowed"
    assert [basis.route for basis in answer.legal_bases] == ["international_agreement"]


def test_it_does_not_refer_when_another_instrument_in_force_holds() -> None:
    led = InstrumentFact(
        id=10,
        type="adequacy_decision",
        title="Adequacy decision (LED)",
        status="in_force",
        status_since=date(2021, 6, 28),
        adequacy_act="led_36",
    )
    answer = assess(replace(UK, instruments=(TCA, led)), ask(as_of=date(2021, 7, 1)))
    assert answer.decision == "allowed"
    assert [basis.route for basis in answer.legal_bases] == ["adequacy_decision"]


def test_it_refuses_rather_than_refers_when_a_gate_fails() -> None:
    answer = assess(UK, ask(as_of=date(2021, 2, 1), necessity=""))
    assert answer.decision == "refused"


# --- Only an adequacy decision under Art. 36 LED opens operational transfers -------------


def adequacy(act: str | None) -> InstrumentFact:
    return InstrumentFact(
        id=11,
        type="adequacy_decision",
        title="Commission adequacy decision",
        status="in_force",
        status_since=date(2021, 6, 28),
        adequacy_act=act,
    )


def test_it_allows_on_an_adequacy_decision_under_article_36_of_the_led() -> None:
    answer = assess(serbia(adequacy("led_36")), ask())
    assert [basis.route for basis in answer.legal_bases] == ["adequacy_decision"]


def test_it_never_allows_operational_data_on_a_gdpr_adequacy_decision() -> None:
    answer = assess(serbia(adequacy("gdpr_45")), ask())
    assert answer.decision == "refused"
    assert any("Art. 45" in reason.text for reason in answer.reasons)


def test_it_does_not_rely_on_an_adequacy_decision_whose_act_is_not_recorded() -> None:
    assert assess(serbia(adequacy(None)), ask()).decision == "refused"


# --- Competence is a property of the receiving authority (56(1)(b)) --------------------


def test_it_refuses_when_no_receiving_authority_is_named() -> None:
    answer = assess(serbia(), ask(receiving_authority="", receiving_authority_competent=False))
    assert answer.decision == "refused"
    assert any("authority of Serbia that receives the data" in item for item in answer.missing)


def test_it_refuses_a_named_authority_not_stated_competent() -> None:
    answer = assess(
        serbia(),
        ask(receiving_authority="Ministry of Finance", receiving_authority_competent=False),
    )
    assert answer.decision == "refused"
    assert any("Ministry of Finance" in reason.text for reason in answer.reasons)


def test_it_names_the_receiving_authority_it_found_competent() -> None:
    answer = assess(serbia(), ask())
    assert any(
        PROSECUTOR in reason.text and "56(1)(b)" in reason.provision for reason in answer.reasons
    )


def test_it_refuses_an_authority_of_a_partner_recorded_as_not_competent() -> None:
    answer = assess(serbia(competent=False), ask())
    assert answer.decision == "refused"


# --- Citations ----------------------------------------------------------------------------


def test_it_cites_58_2_for_informing_the_edps_and_58_3_for_the_documentation() -> None:
    answer = assess(replace(serbia(), instruments=()), ask(safeguards_self_assessment=True))
    document, inform = answer.conditions
    assert "Document the transfer" in document and "Art. 58(3)" in document
    assert "Inform the EDPS" in inform and "Art. 58(2)" in inform


def test_it_states_the_conditions_of_article_47_2_for_non_personal_information() -> None:
    answer = assess(serbia(), TransferRequest(data_category="non_personal", as_of=AS_OF))
    text = answer.reasons[0].text
    assert "relevant to the agency's tasks" in text
    assert "Art. 21(8)" in text and "Art. 76" in text
