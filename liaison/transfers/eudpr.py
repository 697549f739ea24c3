"""Administrative personal data: may the agency send it to this partner under Chapter V of
Regulation (EU) 2018/1725 (EUDPR), and why.

Pure like rules.py, whose facts and answer it shares: `rules.assess` hands it every request
for `administrative_personal_data`. The law is in provisions_eudpr.yaml, read once at import.

Choices where the text is silent
--------------------------------
- Member States, EU bodies and judicial networks are `referred` (Chapter V governs
  transfers to third countries and international organisations; a network's members, not
  the network, would receive the data).
- The routes are checked in order (adequacy, binding instrument, EDPS-authorised
  arrangement, derogation); every instrument route that holds is a basis, the first the
  primary one, and a derogation asked for is then ignored with a reason saying so.
- An adequacy decision holds when in force, when its scope covers the recipient's sector
  (asked: `public` or `private`) and when the request states the task the transfer serves
  (the `necessity` text: EUDPR Art. 47 allows transfers "solely" for the agency's tasks).
  A decision for private organisations only holds with a condition: check that the
  recipient is within the decision's scope (e.g. certified under the Data Privacy
  Framework). A decision whose scope is `limited` or not recorded is never a basis by
  itself: when nothing else holds and the request states its purpose, the answer is
  `referred` (the DPO checks the scope), naming the routes that remain.
- No adequacy decision applies to an international organisation.
- An administrative arrangement holds only once the EDPS has authorised it (a reference
  and a date on or before the assessment date) and while it is in force.
- A derogation holds with a written justification and every condition of its ground
  confirmed; it is allowed with conditions (this specific situation only).
- A refusal lists what would satisfy each route that remains, Art. 48 and Art. 50 always.
- Unknown codes raise `ValueError`: sector, derogation ground, condition.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from liaison.transfers import rules
from liaison.transfers.rules import (
    Decision,
    PartnerFacts,
    Provision,
    TransferRequest,
)

PROVISIONS_PATH = Path(__file__).with_name("provisions_eudpr.yaml")

ADEQUACY = "eudpr_adequacy"
BINDING_INSTRUMENT = "eudpr_binding_instrument"
AUTHORISED_ARRANGEMENT = "eudpr_authorised_arrangement"
DEROGATION = "eudpr_derogation"
_ROUTE_CODES = (ADEQUACY, BINDING_INSTRUMENT, AUTHORISED_ARRANGEMENT, DEROGATION)
_ORGANISATION = "international_organisation"
_COVERAGE = ("covered", "not_covered", "check")
_UNKNOWN = "unknown"
_TEXT_CODES = {
    "reasons": (
        "governed_by_eudpr partner_referred no_adequacy_for_organisation adequacy_covers "
        "adequacy_not_covering adequacy_sector_unknown adequacy_to_check "
        "adequacy_without_purpose instrument_holds instrument_not_in_force "
        "arrangement_not_authorised arrangement_authorised_later arrangement_authorised "
        "derogation_not_needed derogation_basis derogation_conditions_unmet "
        "derogation_no_justification referred_to_check no_route"
    ),
    "missing": (
        "purpose sector binding_instrument authorised_arrangement instrument_in_force "
        "arrangement_authorisation derogation derogation_conditions derogation_justification"
    ),
    "conditions": "specific_situation sector_scope",
}


@dataclass(frozen=True)
class Route:
    code: str
    label: str
    instrument_types: tuple[str, ...]
    provision: Provision


@dataclass(frozen=True)
class Ground:
    code: str
    label: str
    conditions: tuple[str, ...]


@dataclass(frozen=True)
class _Scope:
    label: str
    coverage: Mapping[str, str]


@dataclass(frozen=True)
class _Law:
    provisions: Mapping[str, Provision]
    referred_kinds: Mapping[str, str]
    sectors: Mapping[str, str]
    sector_not_asked: str
    scopes: Mapping[str, _Scope]
    acts: Mapping[str, str]
    routes: Mapping[str, Route]
    grounds: Mapping[str, Ground]
    conditions: Mapping[str, str]
    texts: Mapping[str, Mapping[str, tuple[str, Provision | None]]]


def _law_error(problem: str) -> ValueError:
    return ValueError(f"{PROVISIONS_PATH.name}: {problem}")


def _words(value: object) -> str:
    return " ".join(str(value).split())


def _read(path: Path) -> Any:
    with path.open(encoding="utf-8") as stream:
        return yaml.safe_load(stream)


def _load_law(source: Path | Mapping[str, Any]) -> _Law:
    """The law of a file (English) or of its data already read (in any language)."""
    raw = _read(source) if isinstance(source, Path) else source
    # The same provision schema and acts as provisions.yaml (rules._provision checks them).
    provisions = {
        key: rules._provision(key, entry, rules.ACTS) for key, entry in raw["provisions"].items()
    }

    def provision(key: str) -> Provision:
        if key not in provisions:
            raise _law_error(f"unknown provision {key!r}; known: {', '.join(provisions)}")
        return provisions[key]

    routes = {
        entry["code"]: Route(
            code=entry["code"],
            label=_words(entry["label"]),
            instrument_types=tuple(entry.get("instrument_types", ())),
            provision=provision(entry["provision"]),
        )
        for entry in raw["routes"]
    }
    if tuple(routes) != _ROUTE_CODES:
        raise _law_error(f"routes must be, in this order: {', '.join(_ROUTE_CODES)}")
    for route in routes.values():
        unknown = set(route.instrument_types) - set(rules.INSTRUMENT_TYPES)
        if unknown:
            raise _law_error(f"route {route.code}: unknown instrument types {sorted(unknown)}")
    sectors = {code: _words(label) for code, label in raw["recipient_sectors"].items()}
    scopes = {}
    for code, entry in raw["adequacy_scopes"].items():
        coverage = {sector: entry[sector] for sector in sectors}
        if not set(coverage.values()) <= set(_COVERAGE):
            raise _law_error(f"adequacy scope {code}: coverage must be one of {_COVERAGE}")
        scopes[code] = _Scope(label=_words(entry["label"]), coverage=MappingProxyType(coverage))
    if _UNKNOWN not in scopes or _UNKNOWN not in raw["adequacy_acts"]:
        raise _law_error("adequacy_scopes and adequacy_acts need an 'unknown' entry")
    conditions = {code: _words(text) for code, text in raw["derogation_conditions"].items()}
    grounds = {}
    for entry in raw["derogation_grounds"]:
        wanted = tuple(entry["conditions"])
        if not wanted or set(wanted) - set(conditions):
            raise _law_error(f"derogation {entry['code']}: unknown or no conditions {wanted}")
        grounds[entry["code"]] = Ground(entry["code"], _words(entry["label"]), wanted)
    texts: dict[str, Mapping[str, tuple[str, Provision | None]]] = {}
    for section, codes in _TEXT_CODES.items():
        found = raw[section]
        if sorted(found) != sorted(codes.split()):
            raise _law_error(f"{section} must be exactly: {codes}")
        texts[section] = MappingProxyType(
            {
                code: (
                    _words(entry["text"]),
                    provision(entry["provision"]) if "provision" in entry else None,
                )
                for code, entry in found.items()
            }
        )
    return _Law(
        provisions=MappingProxyType(provisions),
        referred_kinds=MappingProxyType(dict(raw["referred_partner_kinds"])),
        sectors=MappingProxyType(sectors),
        sector_not_asked=_words(raw["sector_not_asked"]),
        scopes=MappingProxyType(scopes),
        acts=MappingProxyType(dict(raw["adequacy_acts"])),
        routes=MappingProxyType(routes),
        grounds=MappingProxyType(grounds),
        conditions=MappingProxyType(conditions),
        texts=MappingProxyType(texts),
    )


# The law in each language (provisions_eudpr.LANG.yaml beside this file, checked complete
# as rules.translated_laws says), read in the language of `rules.texts_in()`.
_LAWS: dict[str, _Law] = {
    language: _load_law(raw)
    for language, raw in rules.translated_laws(PROVISIONS_PATH, _read(PROVISIONS_PATH)).items()
}
_LAW: _Law = rules.InLanguage(_LAWS)  # type: ignore[assignment]

PROVISIONS: Mapping[str, Provision] = _LAW.provisions
# Every provision either part of the engine cites (operational data: provisions.yaml;
# administrative data: provisions_eudpr.yaml): the provisions page lists and reviews these.
ALL_PROVISIONS: Mapping[str, Provision] = MappingProxyType({**rules.PROVISIONS, **PROVISIONS})
ROUTES: tuple[str, ...] = tuple(_LAW.routes)
ROUTE_INSTRUMENT_TYPES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {code: route.instrument_types for code, route in _LAW.routes.items() if route.instrument_types}
)
RECIPIENT_SECTORS: Mapping[str, str] = _LAW.sectors
DEROGATION_GROUNDS: Mapping[str, str] = MappingProxyType(
    {code: ground.label for code, ground in _LAW.grounds.items()}
)
DEROGATION_CONDITIONS: Mapping[str, str] = _LAW.conditions
GROUND_CONDITIONS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {code: ground.conditions for code, ground in _LAW.grounds.items()}
)
# Citations in texts follow the review marks in force, as the operational texts' do.
_CITES = rules._Citations(_LAW)


def _grounds_text() -> str:
    return "; ".join(ground.label for ground in _LAW.grounds.values())


def provision_in_language(key: str, language: str | None) -> Provision:
    """Any provision the engine cites, with its citation and summary in `language`."""
    with rules.texts_in(language):
        return _LAW.provisions.get(key) or rules._LAW.provisions[key]


def validate(request: TransferRequest) -> None:
    """Raise ValueError for a code of the administrative-data request the law does not know."""
    if request.recipient_sector and request.recipient_sector not in _LAW.sectors:
        raise ValueError(
            f"Unknown recipient_sector {request.recipient_sector!r}: expected null or one of "
            f"{', '.join(_LAW.sectors)}."
        )
    if request.eudpr_derogation and request.eudpr_derogation not in _LAW.grounds:
        raise ValueError(
            f"Unknown eudpr_derogation {request.eudpr_derogation!r}: expected null or one of "
            f"{', '.join(_LAW.grounds)}."
        )
    unknown = [code for code in request.eudpr_conditions if code not in _LAW.conditions]
    if unknown:
        raise ValueError(
            f"Unknown eudpr_conditions {', '.join(map(repr, unknown))}: expected some of "
            f"{', '.join(_LAW.conditions)}."
        )


@dataclass
class _Found(rules.Findings):
    """The findings for administrative personal data (EUDPR Chapter V)."""

    # An adequacy decision might hold but the request lacks what it needs (sector, purpose).
    incomplete: bool = False
    # An adequacy decision might hold but its scope must be checked by the DPO.
    to_check: bool = False
    # An adequacy decision would hold if the request said which task the transfer serves.
    purpose_missing: bool = False

    def _text(self, section: str, code: str) -> tuple[str, Provision | None]:
        return _LAW.texts[section][code]

    def _placeholders(self) -> dict[str, str]:
        return {"grounds": _grounds_text()}

    def _citations(self) -> Mapping[str, str]:
        return _CITES

    def _provision_in_language(self, provision: Provision) -> Provision:
        if provision.key in _LAW.provisions:
            return _LAW.provisions[provision.key]
        return super()._provision_in_language(provision)


def assess_administrative(partner: PartnerFacts, request: TransferRequest) -> Decision:
    """The answer of EUDPR Chapter V for administrative personal data. `rules.assess` calls
    it after checking the codes it knows; raises ValueError for an unknown one here."""
    validate(request)
    found = _Found(partner, request)
    if partner.kind in _LAW.referred_kinds:
        found.reason("partner_referred", kind=_LAW.referred_kinds[partner.kind])
        return Decision("referred", (), tuple(found.reasons), (), ())
    found.reason("governed_by_eudpr")
    _check_adequacy(found)
    _check_instruments(found)
    ground = _LAW.grounds.get(request.eudpr_derogation or "")
    if found.bases:
        if ground:
            found.reason("derogation_not_needed")
        return Decision(
            "allowed_with_conditions" if found.conditions else "allowed",
            tuple(found.bases),
            tuple(found.reasons),
            tuple(found.conditions),
            (),
        )
    if ground and _derogation_holds(found, ground):
        found.basis(_LAW.routes[DEROGATION])
        found.require("specific_situation")
        return Decision(
            "allowed_with_conditions",
            tuple(found.bases),
            tuple(found.reasons),
            tuple(found.conditions),
            (),
        )
    routes = _remaining_routes()
    if found.to_check and not found.incomplete:
        found.reason("referred_to_check", routes=routes)
        return Decision("referred", (), tuple(found.reasons), (), ())
    found.reason("no_route", routes=routes)
    found.lack("binding_instrument")
    found.lack("authorised_arrangement")
    if ground is None:
        found.lack("derogation")
    else:
        unmet = _unmet_conditions(request, ground)
        if unmet:
            found.lack("derogation_conditions", ground=ground.label, conditions=unmet)
        if rules._blank(request.justification):
            found.lack("derogation_justification", ground=ground.label)
    return Decision("refused", (), tuple(found.reasons), (), tuple(found.missing))


def _remaining_routes() -> str:
    return "; ".join(
        f"{_LAW.routes[code].label} ({_LAW.routes[code].provision.cited})"
        for code in (BINDING_INSTRUMENT, AUTHORISED_ARRANGEMENT, DEROGATION)
    )


def _check_adequacy(found: _Found) -> None:
    """EUDPR Art. 47: a decision in force that covers the recipient's sector, for a transfer
    solely serving the agency's tasks."""
    route = _LAW.routes[ADEQUACY]
    decisions = [i for i in found.partner.instruments if i.type in route.instrument_types]
    if found.partner.kind == _ORGANISATION:
        found.reason("no_adequacy_for_organisation")
        return
    sector = found.request.recipient_sector or None
    purpose = not rules._blank(found.request.necessity)
    for decision in decisions:
        status = rules._status_text(decision)
        if decision.status != rules.IN_FORCE:
            found.reason(
                "instrument_not_in_force",
                route.provision,
                unverified=decision.unverified,
                title=decision.title,
                status=status,
            )
            found.lack("instrument_in_force", route.provision, title=decision.title, status=status)
            continue
        scope = _LAW.scopes.get(decision.adequacy_scope or _UNKNOWN, _LAW.scopes[_UNKNOWN])
        values = {
            "title": decision.title,
            "status": status,
            "scope": scope.label,
            "act": _LAW.acts.get(decision.adequacy_act or _UNKNOWN, _LAW.acts[_UNKNOWN]),
        }
        coverage = set(scope.coverage.values())
        if sector is None and len(coverage) > 1:
            found.reason(
                "adequacy_sector_unknown", route.provision, unverified=decision.unverified, **values
            )
            found.incomplete = True
            found.lack("sector", route.provision, **values)
            continue
        # With one coverage for every sector, the sector need not be asked.
        covered = scope.coverage[sector] if sector else next(iter(coverage))
        words = _LAW.sectors[sector] if sector else _LAW.sector_not_asked
        if covered == "not_covered":
            found.reason(
                "adequacy_not_covering",
                route.provision,
                unverified=decision.unverified,
                sector=words,
                **values,
            )
            continue
        if not purpose:
            found.reason(
                "adequacy_without_purpose",
                route.provision,
                unverified=decision.unverified,
                **values,
            )
            found.incomplete = found.purpose_missing = True
            continue
        if covered == "check":
            found.reason(
                "adequacy_to_check",
                route.provision,
                unverified=decision.unverified,
                sector=words,
                **values,
            )
            found.to_check = True
            continue
        found.reason(
            "adequacy_covers",
            route.provision,
            unverified=decision.unverified,
            sector=words,
            **values,
        )
        found.basis(route, decision)
        if len(coverage) > 1 or "not_covered" in scope.coverage.values():
            found.require("sector_scope", title=decision.title, scope=scope.label)
    if found.purpose_missing:
        found.lack("purpose")


def _check_instruments(found: _Found) -> None:
    """EUDPR Art. 48: a binding instrument in force, then an administrative arrangement in
    force that the EDPS authorised by the assessment date."""
    as_of = found.request.as_of
    for code in (BINDING_INSTRUMENT, AUTHORISED_ARRANGEMENT):
        route = _LAW.routes[code]
        for instrument in found.partner.instruments:
            if instrument.type not in route.instrument_types:
                continue
            values = {"title": instrument.title, "status": rules._status_text(instrument)}
            marked = instrument.unverified
            authorised_on = instrument.edps_authorised_on
            authorised = bool(instrument.edps_authorisation_reference.strip()) and (
                authorised_on is not None
            )
            if code == AUTHORISED_ARRANGEMENT and not authorised:
                found.reason(
                    "arrangement_not_authorised", route.provision, unverified=marked, **values
                )
                continue
            if instrument.status != rules.IN_FORCE:
                found.reason(
                    "instrument_not_in_force", route.provision, unverified=marked, **values
                )
                continue
            if code == AUTHORISED_ARRANGEMENT:
                assert authorised_on is not None
                dated = {
                    "authorised_on": rules._day(authorised_on),
                    "reference": instrument.edps_authorisation_reference.strip(),
                }
                if authorised_on > as_of:
                    found.reason(
                        "arrangement_authorised_later",
                        route.provision,
                        unverified=marked,
                        **values,
                        **dated,
                    )
                    continue
                found.reason(
                    "arrangement_authorised", route.provision, unverified=marked, **values, **dated
                )
            else:
                found.reason(
                    "instrument_holds",
                    route.provision,
                    unverified=marked,
                    route=route.label,
                    **values,
                )
            found.basis(route, instrument)


def _unmet_conditions(request: TransferRequest, ground: Ground) -> str:
    unmet = [
        _LAW.conditions[code] for code in ground.conditions if code not in request.eudpr_conditions
    ]
    return "; and that ".join(unmet)


def _derogation_holds(found: _Found, ground: Ground) -> bool:
    """Art. 50: every condition of the ground confirmed, and a written justification."""
    holds = True
    unmet = _unmet_conditions(found.request, ground)
    if unmet:
        found.reason("derogation_conditions_unmet", ground=ground.label, conditions=unmet)
        holds = False
    if rules._blank(found.request.justification):
        found.reason("derogation_no_justification", ground=ground.label)
        holds = False
    if holds:
        found.reason("derogation_basis", ground=ground.label)
    return holds
