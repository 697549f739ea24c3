"""The necessity score, computed by hand on a small caseload, and its properties."""

from __future__ import annotations

import math
from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from liaison.necessity import engine

WEIGHTS = engine.Weights()


def test_it_scores_a_small_caseload_as_computed_by_hand():
    # 15 exchanges, 3 cases in a priority and 4 outside (4 x 0.25 = 1), one JIT and no
    # action day, 5 derogations + 1 self-assessment + 1 refusal = 7 without a basis.
    facts = engine.PartnerFacts(
        code="NG",
        name="Nigeria",
        exchanges_first_half=5,
        exchanges_second_half=10,
        priority_cases=3,
        other_cases=4,
        jits=1,
        derogations=5,
        self_assessments=1,
        refusals=1,
    )
    score = engine.partner_score(facts, WEIGHTS)
    assert score.components == {
        "volume": 4.0,  # log2(1 + 15)
        "seriousness": 2.32,  # log2(1 + 3 + 1) = 2.3219...
        "operations": 1.0,  # log2(1 + 1)
        "structural": 9.0,  # 3 x log2(1 + 7)
    }
    assert score.score == 16.32
    assert score.recommendation == engine.SEEK_AGREEMENT
    assert "15 exchanges in the window (rising: 5 in the first half" in score.evidence[0]
    assert any("5 sent under a derogation (Art. 59)" in line for line in score.evidence)


def test_an_agreement_in_force_meets_the_need_and_a_working_arrangement_does_not():
    facts = engine.PartnerFacts(code="RS", name="Serbia", exchanges_second_half=63)
    with_arrangement = engine.partner_score(replace(facts, working_arrangement="WA"), WEIGHTS)
    assert with_arrangement.score == 6.0
    assert with_arrangement.recommendation == engine.CURRENT_INSTRUMENTS_SUFFICE
    with_agreement = engine.partner_score(replace(facts, agreement="Agreement"), WEIGHTS)
    assert with_agreement.score == 0
    assert with_agreement.recommendation == engine.CURRENT_AGREEMENT_SUFFICES
    assert engine.RECOMMENDATIONS[with_agreement.recommendation] == "the current agreement suffices"
    assert engine.partner_score(facts, WEIGHTS).recommendation == engine.SEEK_WORKING_ARRANGEMENT


def test_thin_evidence_is_said_and_not_ranked():
    thin = engine.PartnerFacts(code="BO", name="Bolivia", exchanges_first_half=9, derogations=9)
    busy = engine.PartnerFacts(code="PE", name="Peru", exchanges_first_half=10)
    result = engine.ranking([thin, busy], WEIGHTS)
    assert [s.facts.code for s in result.ranked] == ["PE"]
    assert result.ranked[0].rank == 1
    assert [s.recommendation for s in result.thin] == [engine.NOT_ENOUGH_EVIDENCE]
    assert "the evidence is thin" in result.thin[0].evidence[-1]


counts = st.integers(min_value=0, max_value=5000)
facts_strategy = st.builds(
    engine.PartnerFacts,
    code=st.sampled_from(["AA", "BB", "CC", "DD", "EE", "FF"]),
    name=st.just("x"),
    exchanges_first_half=counts,
    exchanges_second_half=counts,
    priority_cases=counts,
    other_cases=counts,
    jits=counts,
    action_days=counts,
    derogations=counts,
    self_assessments=counts,
    refusals=counts,
    working_arrangement=st.sampled_from(["", "WA"]),
)


@given(
    facts_strategy,
    st.integers(min_value=1, max_value=1000),
    st.sampled_from(
        [
            "exchanges_first_half",
            "exchanges_second_half",
            "derogations",
            "self_assessments",
            "refusals",
        ]
    ),
)
def test_more_exchanges_or_derogations_never_lower_the_need(facts, more, name):
    before = engine.partner_score(facts, WEIGHTS).score
    after = engine.partner_score(replace(facts, **{name: getattr(facts, name) + more}), WEIGHTS)
    assert after.score >= before


@given(facts_strategy)
def test_an_agreement_coming_into_force_never_raises_the_need_for_one(facts):
    before = engine.partner_score(facts, WEIGHTS)
    after = engine.partner_score(replace(facts, agreement="Agreement"), WEIGHTS)
    assert after.score <= before.score
    assert after.recommendation != engine.SEEK_AGREEMENT


@given(st.lists(facts_strategy, min_size=1, max_size=6, unique_by=lambda f: f.code), st.randoms())
def test_the_ranking_is_the_same_whatever_the_order_of_the_data(facts, chooser):
    shuffled = list(facts)
    chooser.shuffle(shuffled)
    assert engine.ranking(facts, WEIGHTS) == engine.ranking(shuffled, WEIGHTS)


def test_points_grow_as_log2():
    assert engine.components(engine.PartnerFacts(code="X", name="X"), WEIGHTS) == dict.fromkeys(
        engine.COMPONENTS, 0.0
    )
    assert math.isclose(engine._points(2.0, 3), 4.0)
