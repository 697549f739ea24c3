"""The necessity score: pure functions over plain per-partner counts (no Django, no database).

A partner's need for a new instrument is the sum of four components, each a weight times
log2(1 + a count), so that every extra exchange, case, operation or transfer without a
basis adds to the need, by less and less (a hundred more exchanges with a partner that has
ten thousand do not outweigh the rest):

- volume: exchanges with the partner in the window, both directions;
- seriousness: the cases involving the partner, a case in an EU crime priority of the
  cycle in force counting 1 and any other `other_crime` (0.25 by default);
- operations: joint investigation teams and coordinated action days with the partner;
- structural need without a basis: operational personal data sent under a derogation
  (Art. 59) or the agency's own assessment (Art. 58(1)(b)), and transfers refused for lack
  of a basis, weighted 3 by default: the strongest signal.

The trend (second half of the window against the first) is shown, never scored: a score
that fell when earlier exchanges were found would punish a partner for a long history.
An agreement in force (or another basis for systematic transfers) meets the need: the
partner's score is 0. A working arrangement is no basis for operational personal data, so
it does not. Fewer than `min_exchanges` exchanges in the window is thin evidence: the
partner is listed apart, "not enough evidence", and not ranked.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any

SEEK_AGREEMENT = "seek_agreement"
SEEK_WORKING_ARRANGEMENT = "seek_working_arrangement"
CURRENT_AGREEMENT_SUFFICES = "current_agreement_suffices"
CURRENT_INSTRUMENTS_SUFFICE = "current_instruments_suffice"
NOT_ENOUGH_EVIDENCE = "not_enough_evidence"
CONCLUDE_AGREEMENT = "conclude_agreement"

RECOMMENDATIONS = {
    SEEK_AGREEMENT: "seek a Council mandate for an agreement",
    SEEK_WORKING_ARRANGEMENT: "seek a working arrangement",
    CURRENT_AGREEMENT_SUFFICES: "the current agreement suffices",
    CURRENT_INSTRUMENTS_SUFFICE: "the current instruments suffice",
    NOT_ENOUGH_EVIDENCE: "not enough evidence",
    CONCLUDE_AGREEMENT: "conclude the agreement under way",
}
COMPONENTS = ("volume", "seriousness", "operations", "structural")


@dataclass(frozen=True)
class Weights:
    """The documented defaults; every one can be overridden (a parameter of the same name)."""

    volume: float = 1.0
    seriousness: float = 1.0
    operations: float = 1.0
    structural: float = 3.0
    # How much a case outside the EU crime priorities counts against one inside them.
    other_crime: float = 0.25
    # Fewer exchanges than this in the window: not enough evidence, not ranked.
    min_exchanges: int = 10
    # Transfers without a basis (Art. 59, Art. 58(1)(b), refused) that show a structural need.
    structural_min: int = 5
    # A score from which an agreement is recommended even without such transfers.
    agreement_score: float = 12.0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(item.name for item in fields(cls))


@dataclass(frozen=True)
class PartnerFacts:
    """What the register says about one partner over the window (counts only)."""

    code: str
    name: str
    exchanges_first_half: int = 0
    exchanges_second_half: int = 0
    priority_cases: int = 0
    other_cases: int = 0
    jits: int = 0
    action_days: int = 0
    derogations: int = 0
    self_assessments: int = 0
    refusals: int = 0
    # Operational personal data sent under an agreement or another basis (shown, not scored).
    transfers_with_basis: int = 0
    # The instrument that is a basis for systematic transfers, in force (its title), if any.
    agreement: str = ""
    # Whether that basis is an agreement (else: an adequacy decision or another instrument).
    basis_is_agreement: bool = True
    working_arrangement: str = ""
    # An agreement under way, its mandate given: "its title (its status)", if any.
    agreement_under_way: str = ""

    @property
    def exchanges(self) -> int:
        return self.exchanges_first_half + self.exchanges_second_half

    @property
    def without_basis(self) -> int:
        return self.derogations + self.self_assessments + self.refusals


@dataclass(frozen=True)
class PartnerScore:
    facts: PartnerFacts
    components: dict[str, float]
    score: float
    recommendation: str
    evidence: tuple[str, ...]
    rank: int | None = None

    @property
    def thin(self) -> bool:
        return self.recommendation == NOT_ENOUGH_EVIDENCE

    def to_dict(self) -> dict[str, Any]:
        facts = asdict(self.facts)
        facts["exchanges"] = self.facts.exchanges
        facts["without_basis"] = self.facts.without_basis
        return {
            "code": self.facts.code,
            "name": self.facts.name,
            "rank": self.rank,
            "score": self.score,
            "components": dict(self.components),
            "recommendation": self.recommendation,
            "recommendation_text": RECOMMENDATIONS[self.recommendation],
            "evidence": list(self.evidence),
            "facts": facts,
        }


def _points(weight: float, count: float) -> float:
    return round(weight * math.log2(1 + max(count, 0)), 2)


def components(facts: PartnerFacts, weights: Weights) -> dict[str, float]:
    """Each component's points, before an instrument in force is taken into account."""
    return {
        "volume": _points(weights.volume, facts.exchanges),
        "seriousness": _points(
            weights.seriousness, facts.priority_cases + weights.other_crime * facts.other_cases
        ),
        "operations": _points(weights.operations, facts.jits + facts.action_days),
        "structural": _points(weights.structural, facts.without_basis),
    }


def _trend(facts: PartnerFacts) -> str:
    first, second = facts.exchanges_first_half, facts.exchanges_second_half
    if second > first:
        word = "rising"
    elif second < first:
        word = "falling"
    else:
        word = "steady"
    return f"{word}: {first} in the first half of the window, {second} in the second"


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def evidence(facts: PartnerFacts, weights: Weights) -> tuple[str, ...]:
    """The figures behind the score, as sentences."""
    lines = [
        f"{_plural(facts.exchanges, 'exchange', 'exchanges')} in the window ({_trend(facts)})."
    ]
    if facts.priority_cases or facts.other_cases:
        lines.append(
            f"{_plural(facts.priority_cases, 'case', 'cases')} in an EU crime priority and "
            f"{facts.other_cases} in other crime areas."
        )
    if facts.jits or facts.action_days:
        teams = _plural(facts.jits, "joint investigation team", "joint investigation teams")
        days = _plural(facts.action_days, "coordinated action day", "coordinated action days")
        lines.append(f"{teams} and {days}.")
    if facts.without_basis:
        lines.append(
            f"Operational personal data without a basis for systematic transfers: "
            f"{facts.derogations} sent under a derogation (Art. 59), {facts.self_assessments} "
            f"under the agency's own assessment of safeguards (Art. 58(1)(b)), "
            f"{facts.refusals} refused for lack of a basis."
        )
        if facts.derogations + facts.self_assessments >= weights.structural_min:
            lines.append(
                "Art. 59 serves individual cases, never systematic or structural transfers: "
                "a partner that keeps needing it needs an agreement."
            )
    if facts.transfers_with_basis:
        lines.append(
            f"{_plural(facts.transfers_with_basis, 'transfer', 'transfers')} of operational "
            "personal data under a basis for systematic transfers."
        )
    if facts.agreement:
        lines.append(f"In force: {facts.agreement}, a basis for systematic transfers.")
    if facts.agreement_under_way and not facts.agreement:
        lines.append(f"Under way: {facts.agreement_under_way}, its mandate given.")
    if facts.working_arrangement:
        lines.append(
            f"In force: {facts.working_arrangement}, which is no basis for operational "
            "personal data."
        )
    if facts.exchanges < weights.min_exchanges:
        lines.append(
            f"Fewer than {weights.min_exchanges} exchanges in the window: the evidence is thin."
        )
    return tuple(lines)


def recommendation(facts: PartnerFacts, total: float, weights: Weights) -> str:
    if facts.exchanges < weights.min_exchanges:
        return NOT_ENOUGH_EVIDENCE
    if facts.agreement:
        return (
            CURRENT_AGREEMENT_SUFFICES if facts.basis_is_agreement else CURRENT_INSTRUMENTS_SUFFICE
        )
    if facts.without_basis >= weights.structural_min or total >= weights.agreement_score:
        return CONCLUDE_AGREEMENT if facts.agreement_under_way else SEEK_AGREEMENT
    if not facts.working_arrangement:
        return SEEK_WORKING_ARRANGEMENT
    return CURRENT_INSTRUMENTS_SUFFICE


def partner_score(facts: PartnerFacts, weights: Weights) -> PartnerScore:
    """One partner's need for a new instrument: 0 once an agreement is in force."""
    points = components(facts, weights)
    total = round(sum(points.values()), 2)
    need = 0.0 if facts.agreement else total
    return PartnerScore(
        facts=facts,
        components=points,
        score=need,
        recommendation=recommendation(facts, total, weights),
        evidence=evidence(facts, weights),
    )


@dataclass(frozen=True)
class RankingResult:
    ranked: tuple[PartnerScore, ...]
    thin: tuple[PartnerScore, ...] = field(default_factory=tuple)


def ranking(facts: Iterable[PartnerFacts], weights: Weights) -> RankingResult:
    """Partners with enough evidence by score (highest need first, then by code, so the
    order of the facts never matters), then those with thin evidence, by code."""
    scores = [partner_score(item, weights) for item in facts]
    ranked = sorted((s for s in scores if not s.thin), key=lambda s: (-s.score, s.facts.code))
    thin = sorted((s for s in scores if s.thin), key=lambda s: s.facts.code)
    return RankingResult(
        ranked=tuple(replace(s, rank=number) for number, s in enumerate(ranked, start=1)),
        thin=tuple(thin),
    )
