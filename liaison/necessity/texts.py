"""The engine's recommendations and evidence in the reader's language, chosen when shown.

The engine (pure, no Django) and every saved analysis keep the recommendation's code, its
English words and the evidence as English sentences, with the counts behind them. A page,
CSV or PDF shows the words of the active language: the recommendation's from its code, the
evidence written again from the counts kept. Where the English kept differs from what
today's English would be (an analysis saved under an older wording), the words kept are
shown, so nothing an analysis showed changes. The JSON API is not localised: it answers the
codes and the English words, stable for the programs that read them."""

from __future__ import annotations

import copy
from dataclasses import fields
from typing import Any

from django.utils import translation
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from liaison.necessity import engine
from liaison.necessity.engine import PartnerFacts, Weights

RECOMMENDATION_TEXTS = {
    engine.SEEK_AGREEMENT: _("seek a Council mandate for an agreement"),
    engine.SEEK_WORKING_ARRANGEMENT: _("seek a working arrangement"),
    engine.CURRENT_AGREEMENT_SUFFICES: _("the current agreement suffices"),
    engine.CURRENT_INSTRUMENTS_SUFFICE: _("the current instruments suffice"),
    engine.NOT_ENOUGH_EVIDENCE: _("not enough evidence"),
    engine.CONCLUDE_AGREEMENT: _("conclude the agreement under way"),
}


def recommendation_text(code: str, stored: str) -> str:
    """The words for `code` in the active language; `stored` when it is not today's English."""
    if code not in RECOMMENDATION_TEXTS or stored != engine.RECOMMENDATIONS.get(code):
        return stored
    return str(RECOMMENDATION_TEXTS[code])


def _trend(facts: PartnerFacts) -> str:
    first, second = facts.exchanges_first_half, facts.exchanges_second_half
    values = {"first": first, "second": second}
    if second > first:
        return (
            gettext("rising: %(first)s in the first half of the window, %(second)s in the second")
            % values
        )
    if second < first:
        return (
            gettext("falling: %(first)s in the first half of the window, %(second)s in the second")
            % values
        )
    return (
        gettext("steady: %(first)s in the first half of the window, %(second)s in the second")
        % values
    )


def evidence(facts: PartnerFacts, weights: Weights) -> tuple[str, ...]:
    """engine.evidence in the active language (in English, the same sentences)."""
    lines = [
        ngettext(
            "%(n)s exchange in the window (%(trend)s).",
            "%(n)s exchanges in the window (%(trend)s).",
            facts.exchanges,
        )
        % {"n": facts.exchanges, "trend": _trend(facts)}
    ]
    if facts.priority_cases or facts.other_cases:
        lines.append(
            ngettext(
                "%(n)s case in an EU crime priority and %(other)s in other crime areas.",
                "%(n)s cases in an EU crime priority and %(other)s in other crime areas.",
                facts.priority_cases,
            )
            % {"n": facts.priority_cases, "other": facts.other_cases}
        )
    if facts.jits or facts.action_days:
        teams = ngettext(
            "%(n)s joint investigation team", "%(n)s joint investigation teams", facts.jits
        ) % {"n": facts.jits}
        days = ngettext(
            "%(n)s coordinated action day", "%(n)s coordinated action days", facts.action_days
        ) % {"n": facts.action_days}
        lines.append(gettext("%(teams)s and %(days)s.") % {"teams": teams, "days": days})
    if facts.without_basis:
        lines.append(
            gettext(
                "Operational personal data without a basis for systematic transfers: "
                "%(derogations)s sent under a derogation (Art. 59), %(self_assessments)s "
                "under the agency's own assessment of safeguards (Art. 58(1)(b)), "
                "%(refusals)s refused for lack of a basis."
            )
            % {
                "derogations": facts.derogations,
                "self_assessments": facts.self_assessments,
                "refusals": facts.refusals,
            }
        )
        if facts.derogations + facts.self_assessments >= weights.structural_min:
            lines.append(
                gettext(
                    "Art. 59 serves individual cases, never systematic or structural "
                    "transfers: a partner that keeps needing it needs an agreement."
                )
            )
    if facts.transfers_with_basis:
        lines.append(
            ngettext(
                "%(n)s transfer of operational personal data under a basis for systematic "
                "transfers.",
                "%(n)s transfers of operational personal data under a basis for systematic "
                "transfers.",
                facts.transfers_with_basis,
            )
            % {"n": facts.transfers_with_basis}
        )
    if facts.agreement:
        lines.append(
            gettext("In force: %(title)s, a basis for systematic transfers.")
            % {"title": facts.agreement}
        )
    if facts.agreement_under_way and not facts.agreement:
        lines.append(
            gettext("Under way: %(title)s, its mandate given.")
            % {"title": facts.agreement_under_way}
        )
    if facts.working_arrangement:
        lines.append(
            gettext("In force: %(title)s, which is no basis for operational personal data.")
            % {"title": facts.working_arrangement}
        )
    if facts.exchanges < weights.min_exchanges:
        lines.append(
            gettext("Fewer than %(n)s exchanges in the window: the evidence is thin.")
            % {"n": weights.min_exchanges}
        )
    return tuple(lines)


def evidence_text(row: dict[str, Any], weights: dict[str, Any]) -> list[str]:
    """A row's evidence in the active language; the sentences kept when they are not
    today's English for the counts kept (or the counts cannot be read back)."""
    stored = list(row["evidence"])
    try:
        names = {item.name for item in fields(PartnerFacts)}
        facts = PartnerFacts(**{k: v for k, v in row["facts"].items() if k in names})
        kept = Weights(**{k: v for k, v in weights.items() if k in Weights.names()})
        with translation.override("en"):
            english = list(evidence(facts, kept))
    except (KeyError, TypeError, ValueError):
        return stored
    if english != stored:
        return stored
    return list(evidence(facts, kept))


def movement(before: int | None, now: int | None, *, on: str | None) -> str:
    """selectors._movement in the active language; `on` the day compared with, None for
    the strategy's adoption."""
    then = _("at adoption") if on is None else _("on %(day)s") % {"day": on}
    values = {"before": before, "now": now, "then": then}
    if before is None and now is None:
        return gettext("not ranked then or now")
    if before is None:
        return gettext("not ranked %(then)s, now %(now)s") % values
    if now is None:
        return gettext("ranked %(before)s %(then)s, not ranked now") % values
    if before == now:
        return gettext("unchanged at %(now)s") % values
    if now < before:
        return gettext("up from %(before)s to %(now)s") % values
    return gettext("down from %(before)s to %(now)s") % values


def movement_text(row: dict[str, Any], strategy: dict[str, Any]) -> str:
    """A named partner's movement in the active language; the words kept when they are not
    today's English for the ranks kept."""
    stored = row["movement"]
    if "rank_at_adoption" not in row or "rank" not in row:
        return stored
    on = None if strategy.get("compared_on_adoption", True) else strategy.get("compared_on")
    with translation.override("en"):
        english = movement(row["rank_at_adoption"], row["rank"], on=on)
    if english != stored:
        return stored
    return movement(row["rank_at_adoption"], row["rank"], on=on)


def localised(ranking: dict[str, Any]) -> dict[str, Any]:
    """A copy of `ranking` (live or saved): its recommendations, evidence and the strategy's
    movements in the active language."""
    shown = copy.deepcopy(ranking)
    strategy = shown.get("strategy") or {}
    rows = [
        *shown.get("ranked", []),
        *shown.get("thin", []),
        *strategy.get("named", []),
        *strategy.get("not_named", []),
    ]
    weights = (shown.get("parameters") or {}).get("weights") or {}
    for row in [*shown.get("ranked", []), *shown.get("thin", [])]:
        if "evidence" in row and "facts" in row:
            row["evidence"] = evidence_text(row, weights)
    for row in strategy.get("named", []):
        if "movement" in row:
            row["movement"] = movement_text(row, strategy)
    for row in rows:
        if "recommendation" in row and "recommendation_text" in row:
            row["recommendation_text"] = recommendation_text(
                row["recommendation"], row["recommendation_text"]
            )
    return shown
