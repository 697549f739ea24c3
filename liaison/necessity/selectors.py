"""Reads: the facts of operational necessity, gathered with a few aggregate queries (GROUP BY
partner, conditional counts: never the exchanges themselves into Python), the ranking the
engine makes of them, and the ranking against the strategy's named partners."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Count, Q, QuerySet

from liaison.cases.choices import Direction
from liaison.cases.models import Case, Exchange, JointInvestigationTeam, Operation
from liaison.core.dates import today
from liaison.core.permissions import VIEW, user_can
from liaison.instruments.choices import AdequacyAct, InstrumentStatus, InstrumentType
from liaison.instruments.models import Instrument, InstrumentEvent
from liaison.necessity import engine
from liaison.necessity.models import CrimePriority, CrimePriorityCycle
from liaison.partners.choices import PartnerKind
from liaison.partners.models import Partner
from liaison.sources.models import Citation
from liaison.strategy.models import KeyAction, Strategy
from liaison.transfers.choices import DataCategory, Decision, Route
from liaison.transfers.models import TransferAssessment
from liaison.transfers.rules import COOPERATION_AGREEMENTS_BEFORE
from liaison.transfers.selectors import _CONCLUDING as CONCLUDING
from liaison.transfers.selectors import _ENTRY_INTO_FORCE as ENTRY_INTO_FORCE
from liaison.transfers.selectors import UNION_PARTIES

DEFAULT_WINDOW_YEARS = 3
MAX_WINDOW_YEARS = 10
# The partners an agreement or a working arrangement can be with.
PARTNER_KINDS = (PartnerKind.COUNTRY, PartnerKind.INTERNATIONAL_ORGANISATION)
AGREEMENT_TYPES = (InstrumentType.INTERNATIONAL_AGREEMENT, InstrumentType.COOPERATION_AGREEMENT)
# Other bases for systematic transfers of operational personal data.
OTHER_BASIS_TYPES = (
    InstrumentType.ADEQUACY_DECISION,
    InstrumentType.APPROPRIATE_SAFEGUARDS_INSTRUMENT,
)
# The routes of the transfer engine that are a basis for systematic transfers.
BASIS_ROUTES = (
    Route.INTERNATIONAL_AGREEMENT,
    Route.COOPERATION_AGREEMENT,
    Route.ADEQUACY_DECISION,
    Route.APPROPRIATE_SAFEGUARDS_INSTRUMENT,
)
# The key actions that name partners: 1.1 (Council mandates for agreements) and 2.1 (working
# arrangements), by priority and number, with what each expects.
NAMED_KEY_ACTIONS = ((1, 1, "agreement"), (2, 1, "working_arrangement"))
# How many of the best-ranked partners the comparison looks at for those the strategy omits.
HIGHLY_RANKED = 10
# An agreement whose Council mandate is given: negotiated, signed or provisionally applied.
AGREEMENT_UNDER_WAY = (
    InstrumentStatus.NEGOTIATING,
    InstrumentStatus.SIGNED,
    InstrumentStatus.PROVISIONALLY_APPLIED,
)
# The transfer engine's reason when no route is a basis for the transfer.
NO_ROUTE = "no_route"


@dataclass(frozen=True)
class NecessityParameters:
    as_of: datetime.date = field(default_factory=today)
    window_years: int = DEFAULT_WINDOW_YEARS
    weights: engine.Weights = field(default_factory=engine.Weights)
    include_demo: bool = False
    # The day the strategy comparison ranks the partners as of: None, its adoption.
    compare_on: datetime.date | None = None

    @property
    def start(self) -> datetime.date:
        return years_before(self.as_of, self.window_years) + datetime.timedelta(days=1)

    @property
    def middle(self) -> datetime.date:
        """The first day of the window's second half."""
        return self.start + (self.as_of - self.start + datetime.timedelta(days=1)) / 2

    def to_dict(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(),
            "window": self.window_years,
            "include_demo": self.include_demo,
            "weights": self.weights.to_dict(),
            "compare_on": self.compare_on.isoformat() if self.compare_on else None,
        }


def years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def crime_cycle_on(day: datetime.date) -> CrimePriorityCycle | None:
    """The cycle in force on `day`; else the latest that started before it."""
    started = CrimePriorityCycle.objects.filter(starts_on__lte=day)
    return started.filter(ends_on__gte=day).first() or started.first()


def _priority_areas(cycle: CrimePriorityCycle | None) -> list[str]:
    if cycle is None:
        return []
    areas: set[str] = set()
    for listed in CrimePriority.objects.filter(cycle=cycle).values_list("crime_areas", flat=True):
        areas.update(listed or [])
    return sorted(areas)


def _exchanges(params: NecessityParameters) -> QuerySet[Exchange]:
    return _exchanges_between(params.start, params.as_of, include_demo=params.include_demo)


def _exchanges_between(
    start: datetime.date, end: datetime.date, *, include_demo: bool
) -> QuerySet[Exchange]:
    found = Exchange.objects.filter(sent_on__gte=start, sent_on__lte=end)
    if not include_demo:
        # The demo cases are few: an anti-join on them, not a join of every exchange's case.
        found = found.exclude(case_id__in=Case.objects.filter(demo=True).values("pk"))
    return found


def _counts(rows: Iterable[dict[str, Any]], into: list[dict[int, dict[str, int]]]) -> None:
    """Add each row's `w<window>_<name>` counts to `into[window][partner][name]`."""
    for row in rows:
        partner = row.pop("partner_id")
        for key, value in row.items():
            window, name = key[1:].split("_", 1)
            found = into[int(window)][partner]
            found[name] = found.get(name, 0) + (value or 0)


def _in_priority(areas: list[str]) -> Q:
    """A case is in a priority when one of its crime areas is. On PostgreSQL the jsonb `?|`
    operator tests the list's elements directly; elsewhere the JSON list is read as text.
    No priority: no such case."""
    if not areas:
        return Q(case_id__isnull=True)
    if connection.vendor == "postgresql":
        return Q(case__crime_areas__has_any_keys=areas)
    in_priority = Q()
    for area in areas:
        in_priority |= Q(case__crime_areas__icontains=f'"{area}"')
    return in_priority


def _active(opened: str, closed: str, start: datetime.date, end: datetime.date) -> Q:
    """Active at some time between `start` and `end`: begun by the end, not over before."""
    return Q(**{f"{opened}__lte": end}) & (
        Q(**{f"{closed}__isnull": True}) | Q(**{f"{closed}__gte": start})
    )


def partner_facts_gather(
    *, params: NecessityParameters, priority_areas: list[str]
) -> list[engine.PartnerFacts]:
    """Every non-EU country and international organisation with its counts over the window:
    one aggregate query per kind of evidence, whatever the number of exchanges."""
    return partner_facts_gather_windows(windows=[(params, priority_areas)])[0]


def partner_facts_gather_windows(
    *, windows: Sequence[tuple[NecessityParameters, list[str]]]
) -> list[list[engine.PartnerFacts]]:
    """The facts of each window (the same `include_demo`), in one pass over the data: each
    aggregate query reads the rows of all the windows once, with a conditional count per
    window (the ranking now and as of the strategy's adoption cost one ranking, not two)."""
    include_demo = windows[0][0].include_demo
    low = min(params.start for params, _areas in windows)
    high = max(params.as_of for params, _areas in windows)
    counts: list[dict[int, dict[str, int]]] = [defaultdict(dict) for _ in windows]
    exchanges = _exchanges_between(low, high, include_demo=include_demo)
    halves: dict[str, Count] = {}
    sent: dict[str, Count] = {}
    for n, (params, _areas) in enumerate(windows):
        in_window = Q(sent_on__gte=params.start, sent_on__lte=params.as_of)
        halves[f"w{n}_exchanges_first_half"] = Count(
            "pk", filter=in_window & Q(sent_on__lt=params.middle)
        )
        halves[f"w{n}_exchanges_second_half"] = Count(
            "pk", filter=in_window & Q(sent_on__gte=params.middle)
        )
        route = "transfer_assessment__route"
        sent[f"w{n}_derogations"] = Count("pk", filter=in_window & Q(**{route: Route.DEROGATION}))
        sent[f"w{n}_self_assessments"] = Count(
            "pk", filter=in_window & Q(**{route: Route.SAFEGUARDS_SELF_ASSESSMENT})
        )
        sent[f"w{n}_transfers_with_basis"] = Count(
            "pk", filter=in_window & Q(**{f"{route}__in": BASIS_ROUTES})
        )
    _counts(exchanges.order_by().values("partner_id").annotate(**halves), counts)
    # Operational personal data sent: the few exchanges that carry an assessment, by the
    # route it found (without a basis for systematic transfers, or under one).
    _counts(
        exchanges.filter(
            direction=Direction.OUTGOING,
            data_category=DataCategory.OPERATIONAL_PERSONAL_DATA,
            transfer_assessment__isnull=False,
        )
        .order_by()
        .values("partner_id")
        .annotate(**sent),
        counts,
    )
    # Refused for lack of a basis: the engine found no route ("no_route"); a refusal for
    # another reason (an authority not competent, no authorisation...) says nothing of need.
    refused = TransferAssessment.objects.filter(
        decision=Decision.REFUSED,
        data_category=DataCategory.OPERATIONAL_PERSONAL_DATA,
        as_of__gte=low,
        as_of__lte=high,
    ).filter(
        Q(reasons__contains=[{"code": NO_ROUTE}])
        if connection.vendor == "postgresql"
        else Q(reasons__icontains=f'"code": "{NO_ROUTE}"')
    )
    if not include_demo:
        refused = refused.exclude(case__demo=True)
    _counts(
        refused.order_by()
        .values("partner_id")
        .annotate(
            **{
                f"w{n}_refusals": Count(
                    "pk", filter=Q(as_of__gte=params.start, as_of__lte=params.as_of)
                )
                for n, (params, _areas) in enumerate(windows)
            }
        ),
        counts,
    )
    through = Case.partners.through
    cases = through.objects.filter(_active("case__opened_on", "case__closed_on", low, high))
    if not include_demo:
        cases = cases.filter(case__demo=False)
    case_counts: dict[str, Count] = {}
    for n, (params, areas) in enumerate(windows):
        active = _active("case__opened_on", "case__closed_on", params.start, params.as_of)
        case_counts[f"w{n}_priority_cases"] = Count("case_id", filter=active & _in_priority(areas))
        case_counts[f"w{n}_all_cases"] = Count("case_id", filter=active)
    _counts(cases.order_by().values("partner_id").annotate(**case_counts), counts)
    jits = JointInvestigationTeam.objects.filter(_active("signed_on", "ends_on", low, high))
    if not include_demo:
        jits = jits.filter(demo=False)
    for jit_through in (
        JointInvestigationTeam.partners.through,
        JointInvestigationTeam.participants.through,
    ):
        _counts(
            jit_through.objects.filter(jointinvestigationteam_id__in=jits.values("pk"))
            .order_by()
            .values("partner_id")
            .annotate(
                **{
                    f"w{n}_jits": Count(
                        "pk",
                        filter=_active(
                            "jointinvestigationteam__signed_on",
                            "jointinvestigationteam__ends_on",
                            params.start,
                            params.as_of,
                        ),
                    )
                    for n, (params, _areas) in enumerate(windows)
                }
            ),
            counts,
        )
    operations = Operation.objects.filter(date__gte=low, date__lte=high)
    if not include_demo:
        operations = operations.filter(case__demo=False)
    _counts(
        Operation.partners.through.objects.filter(operation_id__in=operations.values("pk"))
        .order_by()
        .values("partner_id")
        .annotate(
            **{
                f"w{n}_action_days": Count(
                    "pk",
                    filter=Q(operation__date__gte=params.start, operation__date__lte=params.as_of),
                )
                for n, (params, _areas) in enumerate(windows)
            }
        ),
        counts,
    )
    partners = list(Partner.objects.filter(kind__in=PARTNER_KINDS).order_by("code"))
    return [
        _facts(partners, counts[n], *_instruments_in_force(params.as_of))
        for n, (params, _areas) in enumerate(windows)
    ]


def _facts(
    partners: list[Partner],
    counts: dict[int, dict[str, int]],
    bases: dict[int, tuple[str, bool]],
    arrangements: dict[int, str],
    under_way: dict[int, tuple[str, str]],
) -> list[engine.PartnerFacts]:
    facts = []
    for partner in partners:
        found = counts.get(partner.pk, {})
        basis = bases.get(partner.pk)
        facts.append(
            engine.PartnerFacts(
                code=partner.code,
                name=partner.name,
                exchanges_first_half=found.get("exchanges_first_half", 0),
                exchanges_second_half=found.get("exchanges_second_half", 0),
                priority_cases=found.get("priority_cases", 0),
                other_cases=found.get("all_cases", 0) - found.get("priority_cases", 0),
                jits=found.get("jits", 0),
                action_days=found.get("action_days", 0),
                derogations=found.get("derogations", 0),
                self_assessments=found.get("self_assessments", 0),
                refusals=found.get("refusals", 0),
                transfers_with_basis=found.get("transfers_with_basis", 0),
                agreement=basis[0] if basis else "",
                basis_is_agreement=basis[1] if basis else True,
                working_arrangement=arrangements.get(partner.pk, ""),
                agreement_under_way=(
                    "{} ({})".format(*under_way[partner.pk]) if partner.pk in under_way else ""
                ),
            )
        )
    return facts


def _instruments_in_force(
    day: datetime.date,
) -> tuple[dict[int, tuple[str, bool]], dict[int, str], dict[int, tuple[str, str]]]:
    """Per partner: the basis for systematic transfers in force on `day` (its title, and
    whether it is an agreement), the working arrangement in force (its title), and an
    agreement under way, its mandate given (its title and status)."""
    bases: dict[int, tuple[str, bool]] = {}
    arrangements: dict[int, str] = {}
    under_way: dict[int, tuple[str, str]] = {}
    annotated: Any = Instrument.objects.with_status(day)  # `status` is an annotation
    rows = (
        annotated.filter(
            type__in=(*AGREEMENT_TYPES, *OTHER_BASIS_TYPES, InstrumentType.WORKING_ARRANGEMENT)
        )
        # As the transfer engine: another EU body's instrument binds that body, not the agency.
        .filter(Q(eu_party__isnull=True) | Q(eu_party__code__in=UNION_PARTIES))
        .order_by("partner_id", "key")
        .values_list("pk", "partner_id", "type", "status", "title", "adequacy_act")
    )
    too_late = _cooperation_agreements_too_late(day)
    for pk, partner_id, kind, status, title, act in rows:
        if kind in AGREEMENT_TYPES and status in AGREEMENT_UNDER_WAY:
            under_way.setdefault(partner_id, (title, str(InstrumentStatus(status).label)))
        if status != InstrumentStatus.IN_FORCE:
            continue
        if kind == InstrumentType.WORKING_ARRANGEMENT:
            arrangements.setdefault(partner_id, title)
        elif kind == InstrumentType.ADEQUACY_DECISION and act != AdequacyAct.LED_36:
            continue  # only a law-enforcement decision opens operational transfers
        elif kind == InstrumentType.COOPERATION_AGREEMENT and pk in too_late:
            continue  # Art. 80(5): concluded and in force before the cut-off, or no basis
        else:
            is_agreement = kind in AGREEMENT_TYPES
            current = bases.get(partner_id)
            if current is None or (is_agreement and not current[1]):
                bases[partner_id] = (title, is_agreement)
    return bases, arrangements, under_way


def _cooperation_agreements_too_late(day: datetime.date) -> set[int]:
    """The cooperation agreements that are no basis on `day`, by the transfer engine's rule
    (Art. 80(5)): no known date of conclusion or entry into force, or the later of the two
    on or after the cut-off."""
    dated: dict[int, dict[str, datetime.date]] = defaultdict(dict)
    events = InstrumentEvent.objects.filter(
        instrument__type=InstrumentType.COOPERATION_AGREEMENT,
        kind__in=(*CONCLUDING, *ENTRY_INTO_FORCE),
        date__isnull=False,
        date__lte=day,
    ).values_list("instrument_id", "kind", "date")
    for instrument_id, kind, date in events:
        if date is None:  # excluded by the query; for the type checker
            continue
        which = "concluded" if kind in CONCLUDING else "in_force"
        first = dated[instrument_id].get(which)
        dated[instrument_id][which] = date if first is None else min(first, date)
    agreements = Instrument.objects.filter(type=InstrumentType.COOPERATION_AGREEMENT)
    return {
        pk
        for pk in agreements.values_list("pk", flat=True)
        if not dated.get(pk) or max(dated[pk].values()) >= COOPERATION_AGREEMENTS_BEFORE
    }


def necessity_ranking(*, params: NecessityParameters, with_strategy: bool = True) -> dict[str, Any]:
    """The ranking as plain data (what the page, the API, the files and a saved analysis
    show): parameters, the crime priority cycle used, partners ranked, partners with thin
    evidence, and the comparison with the strategy (whose ranking as of the adoption, or of
    `params.compare_on` when chosen, is gathered in the same pass as the current one)."""
    strategy = strategy_on(params.as_of) if with_strategy else None
    windows = [params]
    if strategy is not None:
        windows.append(replace(params, as_of=params.compare_on or strategy_adopted_on(strategy)))
    cycles = [crime_cycle_on(window.as_of) for window in windows]
    areas = [_priority_areas(cycle) for cycle in cycles]
    facts = partner_facts_gather_windows(windows=list(zip(windows, areas, strict=True)))
    demo_present = Case.objects.filter(demo=True).exists()
    answers = [
        _ranking_answer(window, cycle, window_areas, window_facts, demo_present=demo_present)
        for window, cycle, window_areas, window_facts in zip(
            windows, cycles, areas, facts, strict=True
        )
    ]
    answer = answers[0]
    if strategy is not None:
        answer["strategy"] = strategy_comparison(
            params=params, ranking=answer, strategy=strategy, then=answers[1]
        )
    return answer


def _ranking_answer(
    params: NecessityParameters,
    cycle: CrimePriorityCycle | None,
    areas: list[str],
    facts: list[engine.PartnerFacts],
    *,
    demo_present: bool,
) -> dict[str, Any]:
    result = engine.ranking(facts, params.weights)
    active_thin = [s for s in result.thin if _has_activity(s.facts)]
    return {
        "parameters": params.to_dict(),
        "start": params.start.isoformat(),
        "end": params.as_of.isoformat(),
        "middle": params.middle.isoformat(),
        "demo_present": demo_present,
        "cycle": _cycle_dict(cycle, params.as_of, areas),
        "ranked": [score.to_dict() for score in result.ranked],
        "thin": [score.to_dict() for score in active_thin],
        "without_activity": len(result.thin) - len(active_thin),
        "strategy": None,
    }


def _has_activity(facts: engine.PartnerFacts) -> bool:
    return bool(
        facts.exchanges
        or facts.priority_cases
        or facts.other_cases
        or facts.jits
        or facts.action_days
        or facts.refusals
    )


def _cycle_dict(
    cycle: CrimePriorityCycle | None, day: datetime.date, areas: list[str]
) -> dict[str, Any] | None:
    if cycle is None:
        return None
    return {
        "key": cycle.key,
        "title": cycle.title,
        "starts_on": cycle.starts_on.isoformat(),
        "ends_on": cycle.ends_on.isoformat(),
        "in_force": cycle.starts_on <= day <= cycle.ends_on,
        "crime_areas": areas,
        "unverified": Citation.objects.filter(
            content_type=ContentType.objects.get_for_model(CrimePriorityCycle),
            object_id=cycle.pk,
            confidence="unverified",
        ).exists(),
    }


def strategy_on(day: datetime.date) -> Strategy | None:
    strategies = Strategy.objects.all()
    return (
        strategies.filter(period_start__lte=day, period_end__gte=day).first()
        or strategies.filter(period_start__lte=day).first()
        or strategies.first()
    )


def strategy_adopted_on(strategy: Strategy) -> datetime.date:
    """The date of the document the strategy cites (its adoption), else its first day."""
    dated = (
        Citation.objects.filter(
            content_type=ContentType.objects.get_for_model(Strategy),
            object_id=strategy.pk,
            source__date__isnull=False,
        )
        .order_by("source__date")
        .values_list("source__date", flat=True)
        .first()
    )
    return dated or strategy.period_start


def strategy_comparison(
    *,
    params: NecessityParameters,
    ranking: dict[str, Any],
    strategy: Strategy,
    then: dict[str, Any],
) -> dict[str, Any]:
    """The ranking beside the partners `strategy` names in key actions 1.1 and 2.1: which
    the evidence supports, which highly ranked partners it does not name, and how each
    moved since the strategy was adopted (`then`: the same ranking as of that day, or of the
    day chosen instead). The keys `rank_at_adoption`, `score_at_adoption` keep their names
    for the API's clients and the saved analyses; `compared_on` says the day they are of."""
    adopted = strategy_adopted_on(strategy)
    compared = datetime.date.fromisoformat(then["end"])
    on_adoption = compared == adopted
    then_label = "at adoption" if on_adoption else f"on {compared.isoformat()}"
    now_rows = {row["code"]: row for row in (*ranking["ranked"], *ranking["thin"])}
    then_rows = {row["code"]: row for row in (*then["ranked"], *then["thin"])}
    names = dict(Partner.objects.values_list("code", "name"))
    named: list[dict[str, Any]] = []
    named_codes: set[str] = set()
    actions = KeyAction.objects.filter(priority__strategy=strategy).select_related("priority")
    for priority_number, number, expects in NAMED_KEY_ACTIONS:
        action = next(
            (a for a in actions if a.priority.number == priority_number and a.number == number),
            None,
        )
        if action is None:
            continue
        for code in (action.target or {}).get("partners", []):
            named_codes.add(code)
            row, before = now_rows.get(code), then_rows.get(code)
            recommendation = row["recommendation"] if row else engine.NOT_ENOUGH_EVIDENCE
            wanted = (
                {engine.SEEK_AGREEMENT, engine.CONCLUDE_AGREEMENT}
                if expects == "agreement"
                else {
                    engine.SEEK_AGREEMENT,
                    engine.CONCLUDE_AGREEMENT,
                    engine.SEEK_WORKING_ARRANGEMENT,
                }
            )
            named.append(
                {
                    "code": code,
                    "name": names.get(code, code),
                    "key_action": f"{priority_number}.{number}",
                    "expects": expects,
                    "rank": row["rank"] if row else None,
                    "score": row["score"] if row else 0,
                    "recommendation": recommendation,
                    "recommendation_text": engine.RECOMMENDATIONS[recommendation],
                    "supported": recommendation in wanted,
                    "rank_at_adoption": before["rank"] if before else None,
                    "score_at_adoption": before["score"] if before else 0,
                    "movement": _movement(
                        before["rank"] if before else None,
                        row["rank"] if row else None,
                        then=then_label,
                    ),
                }
            )
    not_named = [
        {
            "code": row["code"],
            "name": row["name"],
            "rank": row["rank"],
            "score": row["score"],
            "recommendation": row["recommendation"],
            "recommendation_text": row["recommendation_text"],
            "rank_at_adoption": then_rows[row["code"]]["rank"]
            if row["code"] in then_rows
            else None,
        }
        for row in ranking["ranked"][:HIGHLY_RANKED]
        if row["code"] not in named_codes
        and row["recommendation"]
        in (engine.SEEK_AGREEMENT, engine.CONCLUDE_AGREEMENT, engine.SEEK_WORKING_ARRANGEMENT)
    ]
    return {
        "key": strategy.key,
        "title": strategy.title,
        "adopted_on": adopted.isoformat(),
        "compared_on": compared.isoformat(),
        "compared_on_adoption": on_adoption,
        "named": named,
        "supported": [row["code"] for row in named if row["supported"]],
        "not_named": not_named,
    }


def _movement(before: int | None, now: int | None, *, then: str = "at adoption") -> str:
    """How a partner moved; `then` names the earlier day ("at adoption", "on 2024-01-31")."""
    if before is None and now is None:
        return "not ranked then or now"
    if before is None:
        return f"not ranked {then}, now {now}"
    if now is None:
        return f"ranked {before} {then}, not ranked now"
    if before == now:
        return f"unchanged at {now}"
    return f"{'up' if now < before else 'down'} from {before} to {now}"


# What a reader without the figures keeps of a partner's row: its place and the advice in words.
_ROW_WITHOUT_FIGURES = ("code", "name", "rank", "recommendation", "recommendation_text")
_NAMED_WITHOUT_FIGURES = (
    *_ROW_WITHOUT_FIGURES,
    "key_action",
    "expects",
    "supported",
    "rank_at_adoption",
    "movement",
)


def user_sees_figures(user: Any) -> bool:
    """The figures come from the cases: who may read cases (cooperation officers, case
    officers, the DPO, administrators) sees them; the viewer sees ranks and advice only."""
    return user_can(user, VIEW, Case)


def ranking_without_figures(ranking: dict[str, Any]) -> dict[str, Any]:
    """A ranking (live or saved) as the viewer reads it: each partner's rank and
    recommendation in words, no score, component, evidence count or link."""

    def keep(row: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
        return {name: row[name] for name in names if name in row}

    strategy = ranking.get("strategy")
    return {
        "parameters": ranking["parameters"],
        "start": ranking["start"],
        "end": ranking["end"],
        "middle": ranking["middle"],
        "demo_present": ranking["demo_present"],
        "cycle": ranking["cycle"],
        "figures_withheld": True,
        "ranked": [keep(row, _ROW_WITHOUT_FIGURES) for row in ranking["ranked"]],
        "thin": [keep(row, _ROW_WITHOUT_FIGURES) for row in ranking["thin"]],
        "without_activity": ranking["without_activity"],
        "strategy": None
        if not strategy
        else {
            "key": strategy["key"],
            "title": strategy["title"],
            "adopted_on": strategy["adopted_on"],
            # Saved before the comparison date could be chosen: compared at adoption.
            "compared_on": strategy.get("compared_on", strategy["adopted_on"]),
            "compared_on_adoption": strategy.get("compared_on_adoption", True),
            "named": [keep(row, _NAMED_WITHOUT_FIGURES) for row in strategy["named"]],
            "supported": strategy["supported"],
            "not_named": [
                keep(row, (*_ROW_WITHOUT_FIGURES, "rank_at_adoption"))
                for row in strategy["not_named"]
            ],
        },
    }


def ranking_for(user: Any, ranking: dict[str, Any]) -> dict[str, Any]:
    """The ranking as `user` may read it: every door passes its answer through this."""
    return ranking if user_sees_figures(user) else ranking_without_figures(ranking)
