"""The transfer engine decides each scenario of legal-basis.md as the rules say, and says why."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date

import pytest
import yaml

from liaison.transfers import rules
from liaison.transfers.rules import (
    AUTHORISATION_CHOICES,
    DATA_CATEGORIES,
    DEROGATION_GROUNDS,
    GROUNDS_NEEDING_BALANCING,
    PROVISIONS,
    ROUTES,
    Decision,
    InstrumentFact,
    PartnerFacts,
    TransferRequest,
    assess,
)

AS_OF = date(2025, 6, 1)
NECESSITY = "To identify the accomplices of a suspect in a joint investigation."
JUSTIFICATION = "A kidnapped child's life is at risk; the partner can locate the kidnappers."
BALANCING = "The suspect's rights do not override the public interest in finding the child."


def instrument(
    type: str,
    status: str = "in_force",
    since: date | None = date(2019, 3, 1),
    *,
    id: int = 1,
    title: str | None = None,
    unverified: bool = False,
) -> InstrumentFact:
    return InstrumentFact(
        id=id,
        type=type,
        title=title or f"{type.replace('_', ' ').capitalize()} with Serbia",
        status=status,
        status_since=since,
        unverified=unverified,
        # A cooperation agreement concluded well before 12 December 2019; an adequacy
        # decision under Art. 36 LED: the routes as they hold (corrections tested apart).
        concluded_on=date(2009, 1, 1) if type == "cooperation_agreement" else None,
        adequacy_act="led_36" if type == "adequacy_decision" else None,
    )


def partner(
    *instruments: InstrumentFact,
    kind: str = "country",
    competent: bool = True,
    code: str = "RS",
    name: str = "Serbia",
) -> PartnerFacts:
    return PartnerFacts(
        code=code,
        name=name,
        kind=kind,
        competent_in_criminal_matters=competent,
        instruments=instruments,
    )


def request(**fields: object) -> TransferRequest:
    base = TransferRequest(
        data_category="operational_personal_data",
        as_of=AS_OF,
        necessity=NECESSITY,
        receiving_authority="the prosecution service",
        receiving_authority_competent=True,
    )
    return replace(base, **fields)  # type: ignore[arg-type]


SERBIA = partner(instrument("cooperation_agreement"))
NO_INSTRUMENT = partner()
ICC = partner(code="ICC", name="International Criminal Court", kind="international_organisation")
UNODC = partner(code="UNODC", name="UNODC", kind="international_organisation", competent=False)
IBERRED = partner(code="IBERRED", name="IberRed", kind="judicial_network", competent=False)
SWEDEN = partner(code="SE", name="Sweden", kind="member_state")
EUROPOL = partner(code="EUROPOL", name="Europol", kind="eu_body")

ART_56_2_C = "Art. 56(2)(c) of Regulation (EU) 2018/1727"
ART_COOPERATION = "Art. 56(2)(b) and Art. 80(5) of Regulation (EU) 2018/1727"
ART_ADEQUACY = "Art. 56(2)(a) and Art. 57 of Regulation (EU) 2018/1727"
ART_58_1_A = "Art. 58(1)(a) of Regulation (EU) 2018/1727"
ART_58_1_B = "Art. 58(1)(b) of Regulation (EU) 2018/1727"

INSTRUMENT_ROUTE_ITEMS = (
    "international agreement between the Union and Serbia under Art. 218 TFEU",
    "documented assessment that appropriate safeguards exist",
    "derogation for a specific situation",
)
RECORD = "Document the transfer: date and time, receiving authority, justification"
EDPS = "Inform the EDPS of this category of transfers"
INDIVIDUAL = "An individual transfer only, never systematic, massive or structural"
DEROGATION_RECORD = "Document the transfer as one made on the agency's own assessment"


@dataclass(frozen=True)
class Expected:
    decision: str
    routes: tuple[str, ...] = ()
    cites: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    conditions: tuple[str, ...] = ()
    follow_ups: int = 0


def allowed(*routes: str, cites: tuple[str, ...] = ()) -> Expected:
    return Expected("allowed", routes, cites)


def refused(*missing: str, cites: tuple[str, ...] = ()) -> Expected:
    return Expected("refused", (), cites, missing)


def check(decision: Decision, expected: Expected) -> None:
    assert decision.decision == expected.decision, decision.to_dict()
    assert tuple(basis.route for basis in decision.legal_bases) == expected.routes
    cited = [reason.provision for reason in decision.reasons]
    for provision in expected.cites:
        assert any(provision in citation for citation in cited), (provision, cited)
    assert len(decision.missing) == len(expected.missing), decision.missing
    for wanted, item in zip(expected.missing, decision.missing, strict=True):
        assert wanted in item
    assert len(decision.conditions) == len(expected.conditions), decision.conditions
    for wanted, condition in zip(expected.conditions, decision.conditions, strict=True):
        assert wanted in condition
    assert len(decision.follow_ups) == expected.follow_ups


def statuses_not_in_force() -> list[object]:
    return [
        pytest.param(
            partner(instrument("international_agreement", status, date(2024, 10, 28))),
            request(),
            refused(
                "International agreement with Serbia in force on the date of the transfer",
                *INSTRUMENT_ROUTE_ITEMS[1:],
                cites=(ART_56_2_C,),
            ),
            id=f"it-refuses-on-an-agreement-{status}-not-in-force",
        )
        for status in ("planned", "proposed", "negotiating", "signed", "suspended", "ended")
    ]


def derogations() -> list[object]:
    cases = []
    for ground in DEROGATION_GROUNDS:
        letter = "abcde"[list(DEROGATION_GROUNDS).index(ground)]
        citation = f"Art. 59(1)({letter}) of Regulation (EU) 2018/1727"
        cases.append(
            pytest.param(
                NO_INSTRUMENT,
                request(derogation=ground, justification=JUSTIFICATION, rights_balancing=BALANCING),
                Expected(
                    "allowed_with_conditions",
                    ("derogation",),
                    (citation,),
                    conditions=(INDIVIDUAL, DEROGATION_RECORD),
                ),
                id=f"it-allows-a-derogation-on-{ground}-with-justification",
            )
        )
        cases.append(
            pytest.param(
                NO_INSTRUMENT,
                request(derogation=ground, rights_balancing=BALANCING),
                refused(
                    *INSTRUMENT_ROUTE_ITEMS[:2],
                    f"A written justification for the derogation on ground ({letter})",
                    cites=(citation,),
                ),
                id=f"it-refuses-a-derogation-on-{ground}-without-justification",
            )
        )
        if ground in GROUNDS_NEEDING_BALANCING:
            cases.append(
                pytest.param(
                    NO_INSTRUMENT,
                    request(derogation=ground, justification=JUSTIFICATION),
                    refused(
                        *INSTRUMENT_ROUTE_ITEMS[:2],
                        f"fundamental rights and freedoms do not override the public interest "
                        f"in the transfer, which ground ({letter}) requires",
                        cites=(citation,),
                    ),
                    id=f"it-refuses-a-derogation-on-{ground}-without-balancing",
                )
            )
        else:
            cases.append(
                pytest.param(
                    NO_INSTRUMENT,
                    request(derogation=ground, justification=JUSTIFICATION),
                    Expected(
                        "allowed_with_conditions",
                        ("derogation",),
                        (citation,),
                        conditions=(INDIVIDUAL, DEROGATION_RECORD),
                    ),
                    id=f"it-allows-a-derogation-on-{ground}-without-balancing",
                )
            )
    return cases


SCENARIOS = [
    # The three kinds of data.
    pytest.param(
        SERBIA,
        request(data_category="non_personal", necessity=""),
        allowed("non_personal_exchange", cites=("Art. 47(2)",)),
        id="it-allows-non-personal-data-to-a-partner",
    ),
    pytest.param(
        IBERRED,
        request(data_category="non_personal"),
        allowed("non_personal_exchange", cites=("Art. 47(2)",)),
        id="it-allows-non-personal-data-to-a-network-not-competent",
    ),
    pytest.param(
        SWEDEN,
        request(data_category="non_personal"),
        allowed("non_personal_exchange"),
        id="it-allows-non-personal-data-to-a-member-state",
    ),
    pytest.param(
        SERBIA,
        request(data_category="administrative_personal_data"),
        refused(
            "legally binding and enforceable instrument",
            "administrative arrangement",
            "derogation for a specific situation",
            cites=("Art. 26 of Regulation (EU) 2018/1727", "2018/1725"),
        ),
        id="it-answers-administrative-personal-data-under-eudpr-chapter-v",
    ),
    pytest.param(
        SERBIA,
        request(),
        allowed("cooperation_agreement", cites=(ART_COOPERATION,)),
        id="it-allows-operational-data-on-a-cooperation-agreement",
    ),
    pytest.param(
        SWEDEN,
        request(),
        Expected("referred", cites=("Art. 56 of Regulation (EU) 2018/1727",)),
        id="it-refers-operational-data-for-a-member-state",
    ),
    pytest.param(
        EUROPOL,
        request(),
        Expected("referred", cites=("Art. 56 of Regulation (EU) 2018/1727",)),
        id="it-refers-operational-data-for-an-eu-body",
    ),
    # Gate (a): necessity.
    pytest.param(
        SERBIA,
        request(necessity=""),
        refused("necessary for one of the agency's tasks", cites=("Art. 56(1)(a)",)),
        id="it-refuses-without-necessity",
    ),
    pytest.param(
        SERBIA,
        request(necessity="  \n\t"),
        refused("necessary for one of the agency's tasks"),
        id="it-refuses-with-a-blank-necessity",
    ),
    # Gate (b): competent recipient.
    pytest.param(
        replace(UNODC, instruments=(instrument("cooperation_agreement"),)),
        request(),
        refused("competent for law enforcement and criminal matters", cites=("Art. 56(1)(b)",)),
        id="it-refuses-a-recipient-not-competent",
    ),
    pytest.param(
        replace(IBERRED, instruments=(instrument("cooperation_agreement"),)),
        request(),
        refused("competent for law enforcement and criminal matters"),
        id="it-refuses-a-judicial-network-not-competent",
    ),
    # Gate (c): the originating Member State's authorisation, and urgency.
    pytest.param(
        SERBIA,
        request(originating_member_state="SE", member_state_authorisation="prior"),
        allowed("cooperation_agreement", cites=("Art. 56(1)(c)",)),
        id="it-allows-with-prior-authorisation-of-the-member-state",
    ),
    pytest.param(
        SERBIA,
        request(originating_member_state="SE", member_state_authorisation="general"),
        allowed("cooperation_agreement", cites=("Art. 56(1)(c)",)),
        id="it-allows-with-general-authorisation-of-the-member-state",
    ),
    pytest.param(
        SERBIA,
        request(originating_member_state="SE"),
        refused("Authorisation of the transfer by the competent authority of SE"),
        id="it-refuses-without-authorisation-of-the-member-state",
    ),
    pytest.param(
        SERBIA,
        request(originating_member_state="SE", urgent_threat=True, authorisation_not_in_time=True),
        Expected(
            "allowed_with_conditions",
            ("cooperation_agreement",),
            ("Art. 56(4)",),
            conditions=("Inform the competent authority of SE of the transfer without delay",),
            follow_ups=1,
        ),
        id="it-allows-without-authorisation-on-urgency-with-conditions",
    ),
    pytest.param(
        SERBIA,
        request(member_state_authorisation="none", urgent_threat=True),
        allowed("cooperation_agreement"),
        id="it-needs-no-authorisation-when-no-member-state-supplied-the-data",
    ),
    # Gate (d): onward transfer.
    pytest.param(
        SERBIA,
        request(onward_transfer_to="ME"),
        refused("prior authorisation of the onward transfer to ME", cites=("Art. 56(1)(d)",)),
        id="it-refuses-an-onward-transfer-the-agency-has-not-authorised",
    ),
    pytest.param(
        SERBIA,
        request(onward_transfer_to="ME", originating_member_state="SE"),
        refused(
            "Authorisation of the transfer by the competent authority of SE",
            "Authorisation by SE of the onward transfer to ME itself",
            "prior authorisation of the onward transfer to ME, given after weighing",
        ),
        id="it-refuses-an-unauthorised-onward-transfer-and-names-the-member-state",
    ),
    pytest.param(
        SERBIA,
        request(
            onward_transfer_to="ME", onward_transfer_authorised=True, onward_weighing="Weighed."
        ),
        allowed("cooperation_agreement", cites=("Art. 56(1)(d)",)),
        id="it-allows-an-authorised-onward-transfer",
    ),
    pytest.param(
        SERBIA,
        request(
            onward_transfer_to="ME",
            onward_transfer_authorised=True,
            onward_weighing="Weighed.",
            onward_origin_authorised=True,
            originating_member_state="SE",
            member_state_authorisation="prior",
        ),
        allowed("cooperation_agreement"),
        id="it-allows-an-onward-transfer-authorised-after-the-member-state",
    ),
    pytest.param(
        SERBIA,
        request(
            onward_transfer_to="ME",
            onward_transfer_authorised=True,
            onward_weighing="Weighed.",
            originating_member_state="SE",
            urgent_threat=True,
            authorisation_not_in_time=True,
        ),
        refused("Authorisation by SE of the onward transfer to ME"),
        id="it-refuses-an-onward-transfer-the-member-state-has-not-authorised-even-if-urgent",
    ),
    # Evidence of core international crimes.
    pytest.param(
        ICC,
        request(
            core_international_crimes_evidence=True,
            provider_approval=True,
            safeguards_self_assessment=True,
        ),
        Expected(
            "allowed_with_conditions",
            ("safeguards_self_assessment",),
            ("Art. 4(1)(j)", ART_58_1_B),
            conditions=(RECORD, EDPS),
        ),
        id="it-allows-core-crimes-evidence-to-the-icc-with-approval-and-assessment",
    ),
    pytest.param(
        ICC,
        request(core_international_crimes_evidence=True, safeguards_self_assessment=True),
        refused("Approval of the State that provided the evidence", cites=("Art. 4(1)(j)",)),
        id="it-refuses-core-crimes-evidence-without-approval-of-the-provider",
    ),
    pytest.param(
        ICC,
        request(core_international_crimes_evidence=True, provider_approval=True),
        refused(
            "International Criminal Court under Art. 218 TFEU",
            *INSTRUMENT_ROUTE_ITEMS[1:],
        ),
        id="it-refuses-core-crimes-evidence-to-the-icc-without-a-route",
    ),
    pytest.param(
        ICC,
        request(data_category="non_personal", core_international_crimes_evidence=True),
        refused("Approval of the State that provided the evidence"),
        id="it-refuses-non-personal-core-crimes-evidence-without-approval",
    ),
    # The routes, in order.
    pytest.param(
        partner(instrument("international_agreement")),
        request(),
        allowed("international_agreement", cites=(ART_56_2_C,)),
        id="it-allows-on-an-international-agreement",
    ),
    pytest.param(
        partner(instrument("adequacy_decision")),
        request(),
        allowed("adequacy_decision", cites=(ART_ADEQUACY,)),
        id="it-allows-on-an-adequacy-decision",
    ),
    pytest.param(
        partner(instrument("appropriate_safeguards_instrument")),
        request(),
        allowed("appropriate_safeguards_instrument", cites=(ART_58_1_A,)),
        id="it-allows-on-an-instrument-with-appropriate-safeguards",
    ),
    pytest.param(
        NO_INSTRUMENT,
        request(safeguards_self_assessment=True),
        Expected(
            "allowed_with_conditions",
            ("safeguards_self_assessment",),
            (ART_58_1_B,),
            conditions=(RECORD, EDPS),
        ),
        id="it-allows-on-the-agencys-own-assessment-with-conditions",
    ),
    pytest.param(
        SERBIA,
        request(safeguards_self_assessment=True, derogation="vital_interests"),
        allowed("cooperation_agreement"),
        id="it-ignores-assessment-and-derogation-when-an-agreement-holds",
    ),
    pytest.param(
        NO_INSTRUMENT,
        request(
            safeguards_self_assessment=True,
            derogation="vital_interests",
            justification=JUSTIFICATION,
        ),
        Expected(
            "allowed_with_conditions",
            ("safeguards_self_assessment",),
            conditions=(RECORD, EDPS),
        ),
        id="it-prefers-the-assessment-to-a-derogation",
    ),
    pytest.param(
        partner(
            instrument("cooperation_agreement", id=1),
            instrument("appropriate_safeguards_instrument", id=2),
            instrument("international_agreement", id=3),
        ),
        request(),
        allowed(
            "international_agreement", "cooperation_agreement", "appropriate_safeguards_instrument"
        ),
        id="it-lists-every-route-that-holds-in-the-order-of-the-routes",
    ),
    pytest.param(
        NO_INSTRUMENT,
        request(),
        refused(*INSTRUMENT_ROUTE_ITEMS, cites=("Art. 56(2) of",)),
        id="it-refuses-without-any-route-and-lists-the-routes-still-open",
    ),
    pytest.param(
        partner(
            instrument("memorandum_of_understanding", id=1),
            instrument("exchange_of_letters", id=2),
            instrument("dialogue", id=3),
        ),
        request(),
        refused(*INSTRUMENT_ROUTE_ITEMS, cites=("Art. 56(2) of",)),
        id="it-refuses-on-a-memorandum-letters-or-dialogue",
    ),
    pytest.param(
        partner(instrument("cooperation_agreement", "suspended", date(2022, 3, 4))),
        request(),
        refused(
            "Cooperation agreement with Serbia in force on the date of the transfer; "
            "on 1 June 2025 it is suspended since 4 March 2022",
            *INSTRUMENT_ROUTE_ITEMS,
        ),
        id="it-refuses-on-a-suspended-cooperation-agreement",
    ),
    *statuses_not_in_force(),
    *derogations(),
]


@pytest.mark.parametrize(("partner_facts", "transfer", "expected"), SCENARIOS)
def test_it_decides_as_the_rules_say(
    partner_facts: PartnerFacts, transfer: TransferRequest, expected: Expected
) -> None:
    check(assess(partner_facts, transfer), expected)


def test_it_refuses_transfer_without_necessity() -> None:
    decision = assess(SERBIA, request(necessity=""))
    assert decision.decision == "refused"
    assert [r.code for r in decision.reasons if r.code.startswith("necessity")] == [
        "necessity_missing"
    ]
    assert decision.legal_bases == ()


def test_it_reports_every_failing_gate_not_only_the_first() -> None:
    decision = assess(
        replace(NO_INSTRUMENT, competent_in_criminal_matters=False),
        request(
            necessity="",
            originating_member_state="SE",
            onward_transfer_to="ME",
            core_international_crimes_evidence=True,
        ),
    )
    assert decision.decision == "refused"
    for wanted in (
        "Art. 56(1)(a)",
        "Art. 56(1)(b)",
        "Art. 56(1)(c)",
        "Art. 56(1)(d)",
        "Art. 4(1)(j)",
        "Art. 56(2)(c)",
        "Art. 58(1)(b)",
        "Art. 59 of",
    ):
        assert any(wanted in item for item in decision.missing), wanted
    # Onward: the State's authorisation of the onward transfer and the agency's own.
    assert len(decision.missing) == 9


def test_it_lists_agreement_then_adequacy_for_the_united_kingdom() -> None:
    uk = PartnerFacts(
        code="GB",
        name="United Kingdom",
        kind="country",
        competent_in_criminal_matters=True,
        instruments=(
            InstrumentFact(
                7,
                "adequacy_decision",
                "Adequacy decision (Directive (EU) 2016/680)",
                "in_force",
                date(2021, 6, 28),
                adequacy_act="led_36",
            ),
            InstrumentFact(
                3,
                "international_agreement",
                "EU-UK Trade and Cooperation Agreement, Part Three",
                "in_force",
                date(2021, 5, 1),
            ),
            InstrumentFact(
                9,
                "working_arrangement",
                "Working arrangement with the United Kingdom",
                "in_force",
                date(2021, 1, 1),
            ),
        ),
    )
    decision = assess(uk, request())
    assert decision.decision == "allowed"
    assert [(b.route, b.provision, b.instrument_id) for b in decision.legal_bases] == [
        ("international_agreement", ART_56_2_C, 3),
        ("adequacy_decision", ART_ADEQUACY, 7),
    ]
    assert decision.legal_bases[0].instrument_title == (
        "EU-UK Trade and Cooperation Agreement, Part Three"
    )
    assert decision.missing == ()


def test_it_names_the_nigerian_working_arrangement_when_it_refuses() -> None:
    nigeria = PartnerFacts(
        code="NG",
        name="Nigeria",
        kind="country",
        competent_in_criminal_matters=True,
        instruments=(
            InstrumentFact(
                4,
                "working_arrangement",
                "Working arrangement between the agency and Nigeria",
                "in_force",
                date(2023, 11, 9),
            ),
        ),
    )
    decision = assess(nigeria, request())
    assert decision.decision == "refused"
    [named] = [reason for reason in decision.reasons if reason.code == "not_a_basis"]
    assert named.text == (
        "Working arrangement between the agency and Nigeria, in force since 9 November 2023: "
        "not a legal basis for personal data (Art. 47(3) of Regulation (EU) 2018/1727)."
    )
    assert named.provision == "Art. 47(3) of Regulation (EU) 2018/1727"
    assert decision.missing[0].startswith(
        "An international agreement between the Union and Nigeria under Art. 218 TFEU"
    )
    assert "Art. 58(1)(b)" in decision.missing[1]
    assert (
        "Art. 59 of" in decision.missing[2] and "for ground (d) a statement" in decision.missing[2]
    )


def test_it_refuses_as_of_a_date_before_the_agreement_came_into_force() -> None:
    title = "Agreement between the EU and Armenia on cooperation with the agency"
    before = PartnerFacts(
        "AM",
        "Armenia",
        "country",
        True,
        (InstrumentFact(5, "international_agreement", title, "signed", date(2024, 10, 28)),),
    )
    after = replace(
        before,
        instruments=(
            InstrumentFact(5, "international_agreement", title, "in_force", date(2025, 5, 1)),
        ),
    )
    earlier = assess(before, request(as_of=date(2025, 1, 15)))
    later = assess(after, request(as_of=date(2025, 6, 1)))
    assert earlier.decision == "refused"
    [idle] = [r.text for r in earlier.reasons if r.code == "instrument_not_in_force"]
    assert idle.startswith(
        f"{title}, signed on 28 October 2024, not in force on 15 January 2025: not a legal basis"
    )
    assert earlier.missing[0].startswith(f"{title} in force on the date of the transfer")
    assert later.decision == "allowed"
    assert later.legal_bases[0].instrument_id == 5


def test_it_marks_what_rests_on_an_unverified_provision_or_record() -> None:
    safeguards = assess(partner(instrument("appropriate_safeguards_instrument")), request())
    assert safeguards.legal_bases[0].unverified
    assert any(r.unverified and "Art. 58(1)(a)" in r.provision for r in safeguards.reasons)

    record = assess(partner(instrument("cooperation_agreement", unverified=True)), request())
    assert record.legal_bases[0].unverified
    assert [r.unverified for r in record.reasons if r.code == "route_holds"] == [True]

    checked = assess(SERBIA, request())
    assert not checked.legal_bases[0].unverified
    assert not any(reason.unverified for reason in checked.reasons)

    assessed = assess(NO_INSTRUMENT, request(safeguards_self_assessment=True))
    assert all("(unverified)" in condition for condition in assessed.conditions)


def test_it_marks_the_provisions_legal_basis_md_marks_unverified() -> None:
    unverified = {key for key, provision in PROVISIONS.items() if provision.unverified}
    assert unverified == {
        "art_58_1_a",
        "art_58_1_b",
        "art_58_2",
        "art_58_3",
        "art_59",
        "art_59_1_a",
        "art_59_1_b",
        "art_59_1_c",
        "art_59_1_d",
    }


def test_it_exposes_the_vocabulary_the_forms_use() -> None:
    assert DATA_CATEGORIES == (
        "non_personal",
        "administrative_personal_data",
        "operational_personal_data",
    )
    assert AUTHORISATION_CHOICES == ("prior", "general", "none")
    assert ROUTES == (
        "international_agreement",
        "cooperation_agreement",
        "adequacy_decision",
        "appropriate_safeguards_instrument",
        "safeguards_self_assessment",
        "derogation",
    )
    assert list(DEROGATION_GROUNDS) == [
        "vital_interests",
        "data_subject_legitimate_interests",
        "public_security_threat",
        "individual_case_tasks",
    ]
    assert sorted(GROUNDS_NEEDING_BALANCING) == ["individual_case_tasks"]


@pytest.mark.parametrize(
    ("partner_facts", "transfer", "message"),
    [
        pytest.param(SERBIA, request(data_category="personal"), "data_category", id="category"),
        pytest.param(
            SERBIA,
            request(member_state_authorisation="yes"),
            "member_state_authorisation",
            id="authorisation",
        ),
        pytest.param(SERBIA, request(derogation="consent"), "derogation", id="derogation"),
        pytest.param(replace(SERBIA, kind="state"), request(), "partner kind", id="kind"),
        pytest.param(partner(instrument("treaty")), request(), "type of instrument", id="type"),
        pytest.param(
            partner(instrument("cooperation_agreement", "valid")),
            request(),
            "status",
            id="status",
        ),
    ],
)
def test_it_rejects_an_unknown_code_saying_what_it_expects(
    partner_facts: PartnerFacts, transfer: TransferRequest, message: str
) -> None:
    with pytest.raises(ValueError, match=rf"Unknown {message}.*expected"):
        assess(partner_facts, transfer)


def test_it_answers_in_json_ready_data() -> None:
    decision = assess(NO_INSTRUMENT, request(safeguards_self_assessment=True))
    data = json.loads(json.dumps(decision.to_dict()))
    assert data["decision"] == "allowed_with_conditions"
    assert data["legal_bases"] == [
        {
            "route": "safeguards_self_assessment",
            "provision": ART_58_1_B,
            "instrument": None,
            "unverified": True,
        }
    ]
    assert {"code", "text", "provision", "unverified"} == set(data["reasons"][0])
    assert data["missing"] == [] and len(data["conditions"]) == 2 and data["follow_ups"] == []
    cooperation = assess(SERBIA, request()).to_dict()
    assert cooperation["legal_bases"][0]["instrument"] == {
        "id": 1,
        "title": "Cooperation agreement with Serbia",
    }


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        pytest.param(
            lambda law: law["routes"][0].update(provision="art_999"),
            "unknown provision 'art_999'",
            id="unknown-provision",
        ),
        pytest.param(
            lambda law: law["non_basis_instruments"].pop("dialogue"),
            "each instrument type must be",
            id="instrument-type-left-out",
        ),
        pytest.param(
            lambda law: law["reasons"].pop("no_route"),
            "reasons must be",
            id="text-left-out",
        ),
    ],
)
def test_it_refuses_law_data_it_cannot_apply(tmp_path, change, problem) -> None:
    law = yaml.safe_load(rules.PROVISIONS_PATH.read_text(encoding="utf-8"))
    change(law)
    broken = tmp_path / "provisions.yaml"
    broken.write_text(yaml.safe_dump(law, sort_keys=False), encoding="utf-8")
    with pytest.raises(ValueError, match=problem):
        rules._load_law(broken)
