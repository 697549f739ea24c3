"""Administrative personal data (a contact point's details) is answered under EUDPR Chapter V,
in the order of legal-basis.md section 9: adequacy covering the recipient's sector, then a
binding instrument or an EDPS-authorised arrangement (Art. 48), then a derogation (Art. 50)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import pytest

from liaison.transfers.rules import Decision, InstrumentFact, PartnerFacts, TransferRequest, assess

AS_OF = date(2025, 6, 1)
TASK = "To send the invitation to the annual meeting of contact points."
JUSTIFICATION = "The contact point's deputy must be reached today about a hearing."
ART_47 = "Art. 47 of Regulation (EU) 2018/1725"
ART_48_2_A = "Art. 48(2)(a) of Regulation (EU) 2018/1725"
ART_48_3_B = "Art. 48(3)(b) of Regulation (EU) 2018/1725"
ART_50 = "Art. 50 of Regulation (EU) 2018/1725"


def adequacy(
    scope: str | None,
    act: str | None = "gdpr_45",
    status: str = "in_force",
    *,
    id: int = 1,
    title: str = "Commission adequacy decision",
) -> InstrumentFact:
    return InstrumentFact(
        id=id,
        type="adequacy_decision",
        title=title,
        status=status,
        status_since=date(2021, 6, 28),
        adequacy_act=act,
        adequacy_scope=scope,
    )


def arrangement(
    reference: str = "",
    authorised_on: date | None = None,
    status: str = "in_force",
    *,
    type: str = "working_arrangement",
) -> InstrumentFact:
    return InstrumentFact(
        id=7,
        type=type,
        title="Working arrangement",
        status=status,
        status_since=date(2020, 1, 15),
        edps_authorisation_reference=reference,
        edps_authorised_on=authorised_on,
    )


def country(code: str, name: str, *instruments: InstrumentFact) -> PartnerFacts:
    return PartnerFacts(code, name, "country", True, instruments)


SWITZERLAND = country("CH", "Switzerland", adequacy("all_sectors"))
UNITED_KINGDOM = country(
    "GB",
    "United Kingdom",
    adequacy("limited", "led_36", id=1, title="LED decision"),
    adequacy("all_sectors", "gdpr_45", id=2, title="GDPR decision"),
)
CANADA = country("CA", "Canada", adequacy("private_sector_only"))
JAPAN = country("JP", "Japan", adequacy("private_sector_only"))
UNITED_STATES = country("US", "United States", adequacy("private_sector_only"))
ISRAEL = country("IL", "Israel", adequacy("limited"))
SERBIA = country("RS", "Serbia")
INTERPOL = PartnerFacts("INTERPOL", "Interpol", "international_organisation", True, ())
INTERPOL_WITH_DECISION = replace(INTERPOL, instruments=(adequacy("all_sectors"),))
AUTHORISED = country(
    "RS", "Serbia", arrangement("EDPS 2024-0123", date(2024, 5, 2), type="working_arrangement")
)


def ask(**fields: object) -> TransferRequest:
    base = TransferRequest(
        data_category="administrative_personal_data", as_of=AS_OF, necessity=TASK
    )
    return replace(base, **fields)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Expected:
    decision: str
    routes: tuple[str, ...] = ()
    cites: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()


REMAINING = (ART_48_2_A, ART_48_3_B, ART_50)


def check(answer: Decision, expected: Expected) -> None:
    assert answer.decision == expected.decision, answer.to_dict()
    assert tuple(basis.route for basis in answer.legal_bases) == expected.routes
    texts = " ".join(reason.text for reason in answer.reasons)
    for citation in expected.cites:
        assert citation in texts, (citation, texts)
    missing = " ".join(answer.missing)
    for wanted in expected.missing:
        assert wanted in missing, (wanted, answer.missing)


SCENARIOS = [
    pytest.param(
        SWITZERLAND,
        ask(recipient_sector="public"),
        Expected("allowed", ("eudpr_adequacy",), (ART_47,)),
        id="switzerland-ministry-on-adequacy",
    ),
    pytest.param(
        SWITZERLAND,
        ask(),
        Expected("allowed", ("eudpr_adequacy",), (ART_47,)),
        id="switzerland-needs-no-sector-when-every-sector-is-covered",
    ),
    pytest.param(
        SWITZERLAND,
        ask(necessity=""),
        Expected("refused", (), (ART_47,), ("task within the agency's competence", *REMAINING)),
        id="switzerland-refused-without-the-task-it-serves",
    ),
    pytest.param(
        UNITED_KINGDOM,
        ask(recipient_sector="public"),
        Expected("allowed", ("eudpr_adequacy",), (ART_47,)),
        id="united-kingdom-on-the-gdpr-decision",
    ),
    pytest.param(
        CANADA,
        ask(recipient_sector="public"),
        Expected("refused", (), (ART_47,), REMAINING),
        id="canada-ministry-refused-with-art-48-and-50",
    ),
    pytest.param(
        CANADA,
        ask(recipient_sector="private"),
        Expected("allowed_with_conditions", ("eudpr_adequacy",), (ART_47,)),
        id="canada-company-on-adequacy-with-a-scope-check",
    ),
    pytest.param(
        CANADA,
        ask(),
        Expected("refused", (), (ART_47,), ("public authority or a private organisation",)),
        id="canada-without-sector-asks-for-it",
    ),
    pytest.param(
        JAPAN,
        ask(recipient_sector="public"),
        Expected("refused", (), (ART_47,), REMAINING),
        id="japan-ministry-refused",
    ),
    pytest.param(
        JAPAN,
        ask(recipient_sector="private"),
        Expected("allowed_with_conditions", ("eudpr_adequacy",)),
        id="japan-business-operator-on-adequacy",
    ),
    pytest.param(
        UNITED_STATES,
        ask(recipient_sector="public"),
        Expected("refused", (), (ART_47,), REMAINING),
        id="united-states-federal-authority-refused",
    ),
    pytest.param(
        ISRAEL,
        ask(recipient_sector="public"),
        Expected("referred", (), (ART_47, ART_48_2_A, ART_50)),
        id="israel-limited-scope-referred-to-the-dpo",
    ),
    pytest.param(
        INTERPOL,
        ask(),
        Expected("refused", (), (ART_47,), REMAINING),
        id="international-organisation-has-no-adequacy",
    ),
    pytest.param(
        INTERPOL_WITH_DECISION,
        ask(recipient_sector="public"),
        Expected("refused", (), (), REMAINING),
        id="international-organisation-never-rests-on-adequacy",
    ),
    pytest.param(
        AUTHORISED,
        ask(),
        Expected("allowed", ("eudpr_authorised_arrangement",), (ART_48_3_B, "EDPS 2024-0123")),
        id="edps-authorised-arrangement",
    ),
    pytest.param(
        country("RS", "Serbia", arrangement("EDPS 2025-0456", date(2025, 9, 1))),
        ask(),
        Expected("refused", (), (ART_48_3_B,), REMAINING),
        id="arrangement-authorised-after-the-date-is-no-basis",
    ),
    pytest.param(
        country("RS", "Serbia", arrangement()),
        ask(),
        Expected("refused", (), (ART_48_3_B,), REMAINING),
        id="working-arrangement-without-edps-authorisation-is-no-basis",
    ),
    pytest.param(
        country("RS", "Serbia", arrangement("EDPS 2024-0123", date(2024, 5, 2), "suspended")),
        ask(),
        Expected("refused", (), (), REMAINING),
        id="authorised-arrangement-not-in-force-is-no-basis",
    ),
    pytest.param(
        country(
            "RS",
            "Serbia",
            InstrumentFact(3, "appropriate_safeguards_instrument", "Binding", "in_force", None),
        ),
        ask(),
        Expected("allowed", ("eudpr_binding_instrument",), (ART_48_2_A,)),
        id="binding-instrument-between-public-authorities",
    ),
    pytest.param(
        SERBIA,
        ask(
            eudpr_derogation="vital_interests",
            eudpr_conditions=("vital_interests_necessary", "subject_cannot_consent"),
            justification=JUSTIFICATION,
        ),
        Expected("allowed_with_conditions", ("eudpr_derogation",), (ART_50,)),
        id="derogation-on-vital-interests-with-its-conditions",
    ),
    pytest.param(
        SERBIA,
        ask(
            eudpr_derogation="vital_interests",
            eudpr_conditions=("vital_interests_necessary",),
            justification=JUSTIFICATION,
        ),
        Expected("refused", (), (ART_50,), ("incapable of giving consent",)),
        id="derogation-refused-when-a-condition-is-not-confirmed",
    ),
    pytest.param(
        SERBIA,
        ask(
            eudpr_derogation="explicit_consent",
            eudpr_conditions=("consent_after_risks", "not_public_powers"),
        ),
        Expected("refused", (), (ART_50,), ("written justification",)),
        id="derogation-refused-without-justification",
    ),
    pytest.param(
        SWITZERLAND,
        ask(eudpr_derogation="defence_of_legal_claims", justification=JUSTIFICATION),
        Expected("allowed", ("eudpr_adequacy",)),
        id="derogation-not-needed-when-adequacy-holds",
    ),
    pytest.param(
        PartnerFacts("SE", "Sweden", "member_state", True, ()),
        ask(),
        Expected("referred"),
        id="member-state-referred",
    ),
]


@pytest.mark.parametrize(("partner", "request_", "expected"), SCENARIOS)
def test_it_answers_administrative_personal_data_under_eudpr_chapter_v(
    partner: PartnerFacts, request_: TransferRequest, expected: Expected
) -> None:
    check(assess(partner, request_), expected)


def test_a_canadian_ministry_is_refused_naming_the_decision_and_what_remains() -> None:
    answer = assess(CANADA, ask(recipient_sector="public"))
    [reason] = [r for r in answer.reasons if r.provision == ART_47]
    assert "private organisations only" in reason.text and "not covered" in reason.text
    assert len(answer.missing) == 3
    assert answer.missing[0].startswith("A legally binding and enforceable instrument")
    assert "EDPS" in answer.missing[1] and ART_50 in answer.missing[2]


def test_the_derogations_are_marked_unverified() -> None:
    answer = assess(
        SERBIA,
        ask(
            eudpr_derogation="public_interest",
            eudpr_conditions=("public_interest_in_union_law",),
            justification=JUSTIFICATION,
        ),
    )
    assert [basis.unverified for basis in answer.legal_bases] == [True]
    assert "(unverified)" in answer.conditions[0]


def test_an_unverified_decision_makes_an_unverified_basis() -> None:
    decision = replace(adequacy("all_sectors"), unverified=True)
    answer = assess(country("CH", "Switzerland", decision), ask())
    assert [basis.unverified for basis in answer.legal_bases] == [True]


@pytest.mark.parametrize(
    "fields",
    [
        {"recipient_sector": "ngo"},
        {"eudpr_derogation": "legitimate_interests"},
        {"eudpr_conditions": ("consent",)},
    ],
)
def test_it_rejects_unknown_codes(fields: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="Unknown"):
        assess(SWITZERLAND, ask(**fields))


def test_a_gdpr_decision_never_opens_operational_transfers() -> None:
    answer = assess(
        CANADA,
        TransferRequest(
            data_category="operational_personal_data",
            as_of=AS_OF,
            necessity="To identify a suspect.",
        ),
    )
    assert answer.decision == "refused"
    assert answer.legal_bases == ()
