"""The transfer-assessment engine: may the agency send this data to this partner, and why.

Pure: plain facts in, a `Decision` out, no Django. The law itself (provisions, route
order, derogation grounds, every text) is in provisions.yaml next to this module, read
once at import; legal-basis.md is the rule set it encodes.

Choices where the text is silent
--------------------------------
- Non-personal information is allowed for any partner in the register, on the basis
  Art. 47(2) (route `non_personal_exchange`); the gates of Art. 56 do not apply to it.
- Evidence of core international crimes needs the providing State's approval whatever
  the data category (it is the evidence, not the personal data, that the State
  approves sharing): without it even non-personal evidence is refused. Administrative
  personal data is referred before this is looked at.
- Administrative personal data is answered by eudpr.py (Chapter V of Regulation (EU)
  2018/1725, provisions_eudpr.yaml); operational personal data for a Member State or an EU
  body is `referred` (Art. 56 governs third countries and international organisations).
  A GDPR adequacy decision (`adequacy_act` gdpr_45) never opens the operational route (the
  route's `act` is led_36, see below); it still counts for administrative data. Judicial
  networks go through the gates like anyone else; the competence fact decides gate (b).
- Every gate and condition is evaluated, never stopping at the first failure, so that
  `missing` is complete. A refusal carries no legal bases, conditions or follow-ups;
  its reasons still name a route that would have held.
- Gate (c) applies only when `originating_member_state` is set; `member_state_authorisation`
  and `urgent_threat` are ignored otherwise. With `none` and an urgent threat the transfer
  can at best be allowed with conditions: inform that State's authority (a condition and a
  follow-up).
- An onward transfer the agency authorised still fails when the originating State has
  not authorised the transfer (`none`), urgency or not: the agency may authorise onward
  transfers only after that State did, and urgency (Art. 56(4)) excuses gate (c) alone.
  The whole transfer is then refused, since the gates are cumulative.
- Every instrument route in force is listed as a basis, in the order of the routes, one
  per instrument. When one holds, a self-assessment or derogation in the request is
  ignored, with a short reason saying so. A self-assessment comes before a derogation.
- Working arrangements, memoranda of understanding, exchanges of letters and dialogues
  are named as "not a legal basis" in every assessment of operational data, whatever
  their status; those other than a working arrangement cite Art. 56(2), the exhaustive
  list of routes, since legal-basis.md gives them no provision. `strategic` changes nothing.
- Instruments of a route's type that are not in force are named with their status and
  the date it began; on a refusal each also appears in `missing` ("... in force").
  `missing` asks for an Art. 218 TFEU agreement only when none is recorded at all.
- A derogation needs one of the four grounds of Art. 59(1), a non-blank justification and,
  for ground (d) only, a non-blank balancing statement; it is documented but, unlike a
  self-assessment,
  does not ask for the EDPS to be informed of the category of transfers.
- Blank or whitespace-only text counts as absent: `necessity`, `justification`,
  `rights_balancing`, and "" for `originating_member_state`, `onward_transfer_to` and
  `derogation`.
- Unknown codes raise `ValueError`: data category, authorisation, derogation ground,
  partner kind, instrument type and instrument status. An instrument with no status on
  the as-of date (no event yet) did not exist then: the caller leaves it out.
- Corrections of the legal review (legal-basis.md, section 8): gate (b) is answered for the
  named receiving authority (none named: refused; the partner recorded as not competent:
  refused whatever the asker states); an onward transfer needs the originating State's
  authorisation of it (when a State supplied the data) and the agency's, with its weighing;
  urgency needs `authorisation_not_in_time`; a cooperation agreement counts only if its
  known dates of conclusion and entry into force are before the route's `concluded_before`
  (no date known: it does not count); an adequacy decision only if made under the route's
  `act`. An instrument of a route applied provisionally makes the answer `referred` when no
  instrument in force holds (a gate failing still refuses), unless the caller's policy
  `provisional_application_counts` lets it count.
- Dates in texts read "9 November 2023"; a citation of an unverified provision reads
  "... (unverified)" in every text, and the mark is set on each reason and basis.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable, Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

PROVISIONS_PATH = Path(__file__).with_name("provisions.yaml")

PARTNER_KINDS = (
    "country",
    "member_state",
    "international_organisation",
    "judicial_network",
    "eu_body",
)
INSTRUMENT_TYPES = (
    "cooperation_agreement",
    "international_agreement",
    "adequacy_decision",
    "appropriate_safeguards_instrument",
    "working_arrangement",
    "memorandum_of_understanding",
    "exchange_of_letters",
    "dialogue",
)
INSTRUMENT_STATUSES = (
    "planned",
    "proposed",
    "negotiating",
    "signed",
    "provisionally_applied",
    "in_force",
    "suspended",
    "ended",
)
IN_FORCE = "in_force"
PROVISIONALLY_APPLIED = "provisionally_applied"
DECISIONS = ("allowed", "allowed_with_conditions", "refused", "referred")

# The codes the engine's logic branches on; provisions.yaml must define exactly these.
_CATEGORIES = ("non_personal", "administrative_personal_data", "operational_personal_data")
_AUTHORISATIONS = ("prior", "general", "none")
# The acts an adequacy decision can be made under (legal-basis.md, 8.6).
ADEQUACY_ACTS = ("led_36", "gdpr_45")
_SELF_ASSESSMENT = "safeguards_self_assessment"
_DEROGATION = "derogation"
_ROUTE_CODES = (
    "international_agreement",
    "cooperation_agreement",
    "adequacy_decision",
    "appropriate_safeguards_instrument",
    _SELF_ASSESSMENT,
    _DEROGATION,
)
_WORDS = (
    "date",
    "months",
    "unverified_mark",
    "ground_one",
    "grounds_many",
    "and",
    "act_not_recorded",
)
_TEXT_CODES = {
    "reasons": (
        "non_personal_exchange administrative_referred union_partner_referred necessity_stated "
        "necessity_missing recipient_competent recipient_not_competent origin_authorised "
        "origin_urgent origin_urgent_not_in_time origin_not_authorised onward_authorised "
        "onward_not_authorised onward_no_weighing onward_origin_authorised onward_without_origin "
        "receiving_authority_missing partner_not_competent core_crimes_approved "
        "core_crimes_not_approved route_holds instrument_not_in_force not_a_basis "
        "cooperation_agreement_too_late cooperation_agreement_undated adequacy_wrong_act "
        "provisional_referred provisional_counts no_instrument_route self_assessment_basis "
        "self_assessment_not_needed derogation_not_needed derogation_basis balancing_stated "
        "derogation_no_justification derogation_no_balancing no_route"
    ),
    "missing": (
        "necessity receiving_authority competent_recipient origin_authorisation "
        "onward_authorisation onward_weighing onward_origin_authorisation provider_approval "
        "instrument_in_force international_agreement self_assessment derogation "
        "derogation_justification derogation_balancing"
    ),
    "conditions": "urgency_inform record_transfer inform_edps individual_only derogation_record",
    "follow_ups": "urgency_inform",
}


# --- Facts in, decision out -------------------------------------------------------------


@dataclass(frozen=True)
class InstrumentFact:
    """One instrument of the partner, as it stood on the as-of date."""

    id: int | None
    type: str
    title: str
    status: str
    status_since: date | None
    strategic: bool = False
    unverified: bool = False
    # Adequacy decisions: the act made under (one of ADEQUACY_ACTS: led_36, gdpr_45) and the
    # recipients covered (all_sectors, private_sector_only, limited); None when not recorded.
    adequacy_act: str | None = None
    adequacy_scope: str | None = None
    # Administrative arrangements: the EDPS authorisation (EUDPR Art. 48(3)(b)), if any.
    edps_authorisation_reference: str = ""
    edps_authorised_on: date | None = None
    # The first dates it was concluded (signed, ratified, concluded) and entered into force,
    # when recorded: a cooperation agreement counts only if both are before 12 December 2019.
    concluded_on: date | None = None
    in_force_from: date | None = None


@dataclass(frozen=True)
class PartnerFacts:
    code: str
    name: str  # as written inside a sentence: "the International Criminal Court"
    kind: str
    competent_in_criminal_matters: bool
    instruments: tuple[InstrumentFact, ...] = ()


@dataclass(frozen=True)
class TransferRequest:
    """The request fields of domain.md, already type-checked by the caller."""

    data_category: str
    as_of: date
    necessity: str = ""
    # The authority that receives the data, and whether the asker states it is competent
    # for law enforcement and criminal matters (Art. 56(1)(b) is answered for it).
    receiving_authority: str = ""
    receiving_authority_competent: bool = False
    originating_member_state: str | None = None
    member_state_authorisation: str = "none"
    urgent_threat: bool = False
    # Art. 56(4): the prior authorisation cannot be obtained in good time.
    authorisation_not_in_time: bool = False
    onward_transfer_to: str | None = None
    onward_transfer_authorised: bool = False
    # The originating Member State authorised the onward transfer itself, and the agency's
    # weighing (seriousness, purpose of the original transfer, protection at destination).
    onward_origin_authorised: bool = False
    onward_weighing: str = ""
    safeguards_self_assessment: bool = False
    derogation: str | None = None
    justification: str = ""
    rights_balancing: str = ""
    core_international_crimes_evidence: bool = False
    provider_approval: bool = False
    # Administrative personal data (eudpr.py): the recipient's sector (public, private),
    # a derogation of EUDPR Art. 50 and the codes of its conditions the requester confirms.
    recipient_sector: str | None = None
    eudpr_derogation: str | None = None
    eudpr_conditions: tuple[str, ...] = ()


@dataclass(frozen=True)
class LegalBasis:
    route: str
    provision: str
    instrument_id: int | None
    instrument_title: str | None
    unverified: bool


@dataclass(frozen=True)
class Reason:
    code: str
    text: str
    provision: str
    unverified: bool


@dataclass(frozen=True)
class Decision:
    decision: str
    legal_bases: tuple[LegalBasis, ...]
    reasons: tuple[Reason, ...]
    conditions: tuple[str, ...]
    missing: tuple[str, ...]
    follow_ups: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The decision as JSON-ready data."""
        return {
            "decision": self.decision,
            "legal_bases": [
                {
                    "route": basis.route,
                    "provision": basis.provision,
                    "instrument": None
                    if basis.instrument_id is None and basis.instrument_title is None
                    else {"id": basis.instrument_id, "title": basis.instrument_title},
                    "unverified": basis.unverified,
                }
                for basis in self.legal_bases
            ],
            "reasons": [
                {
                    "code": reason.code,
                    "text": reason.text,
                    "provision": reason.provision,
                    "unverified": reason.unverified,
                }
                for reason in self.reasons
            ],
            "conditions": list(self.conditions),
            "missing": list(self.missing),
            "follow_ups": list(self.follow_ups),
        }


# --- The law, loaded from provisions.yaml -----------------------------------------------


@dataclass(frozen=True)
class LegalAct:
    """An act the provisions belong to, with the address of its official text ("" when
    no address has been checked: the page says so)."""

    key: str
    title: str
    name: str
    url: str


@dataclass(frozen=True)
class ProvisionCheck:
    """The record, in provisions.yaml, that a provision was checked against the official
    text: by whom, on which day, against which text."""

    by: str
    day: date
    against: str


# The review marks in force for the assessments made inside `review_marks()`: the keys of
# the provisions checked. None: the marks of provisions.yaml.
_CHECKED_KEYS: ContextVar[frozenset[str] | None] = ContextVar("liaison_checked_provisions")


@contextlib.contextmanager
def review_marks(checked: Iterable[str]) -> Iterator[None]:
    """Inside the block, a provision counts as checked only if its key is in `checked`:
    how the caller passes in review states recorded elsewhere (the engine reads no database)."""
    token = _CHECKED_KEYS.set(frozenset(checked))
    try:
        yield
    finally:
        _CHECKED_KEYS.reset(token)


@dataclass(frozen=True)
class Provision:
    key: str
    citation: str
    summary: str
    article: str = ""
    acts: tuple[LegalAct, ...] = ()
    checked: ProvisionCheck | None = None

    @property
    def unverified(self) -> bool:
        """Not checked against the official text: no check recorded in provisions.yaml, or,
        inside `review_marks()`, not among the provisions the caller says are checked."""
        marks = _CHECKED_KEYS.get(None)
        if marks is not None:
            return self.key not in marks
        return self.checked is None

    @property
    def cited(self) -> str:
        """The citation as texts show it, marked when unverified."""
        if not self.unverified:
            return self.citation
        return f"{self.citation} {_LAW.words['unverified_mark']}"


class _Citations(Mapping[str, str]):
    """Every provision's citation as texts show it, read when a text is written (so that
    `review_marks()` applies to `{cite[...]}` as well)."""

    def __init__(self, law: Any) -> None:
        self._law = law

    def __getitem__(self, key: str) -> str:
        return str(self._law.provisions[key].cited)

    def __iter__(self) -> Iterator[str]:
        return iter(self._law.provisions)

    def __len__(self) -> int:
        return len(self._law.provisions)


@dataclass(frozen=True)
class Route:
    code: str
    label: str
    instrument_type: str | None
    provision: Provision
    # An instrument of the route counts only if concluded and in force before this date.
    concluded_before: date | None = None
    # For adequacy decisions: the act a decision must be made under to count.
    act: str | None = None


@dataclass(frozen=True)
class DerogationGround:
    code: str
    letter: str
    label: str
    provision: Provision
    needs_balancing: bool


@dataclass(frozen=True)
class _Text:
    template: str
    provision: Provision | None


@dataclass(frozen=True)
class _Law:
    acts: Mapping[str, LegalAct]
    provisions: Mapping[str, Provision]
    categories: Mapping[str, str]
    authorisations: Mapping[str, str]
    union_kinds: Mapping[str, str]
    routes: tuple[Route, ...]
    non_personal_route: Route
    non_basis: Mapping[str, Provision]
    adequacy_acts: Mapping[str, str]
    grounds: Mapping[str, DerogationGround]
    statuses: Mapping[str, tuple[str, str]]
    texts: Mapping[str, Mapping[str, _Text]]
    words: Mapping[str, Any]


def _law_error(problem: str) -> ValueError:
    return ValueError(f"{PROVISIONS_PATH.name}: {problem}")


def _expect_keys(what: str, found: object, expected: tuple[str, ...]) -> None:
    if not isinstance(found, Mapping) or sorted(found) != sorted(expected):
        keys = ", ".join(found) if isinstance(found, Mapping) else repr(found)
        raise _law_error(
            f"{what} must be exactly, in any order: {', '.join(expected)}; found {keys}"
        )


def _words(value: object) -> str:
    return " ".join(str(value).split())


def _legal_act(key: str, entry: Mapping[str, Any]) -> LegalAct:
    url = str(entry.get("url") or "")
    if url and not url.startswith(("http://", "https://")):
        raise _law_error(f"acts.{key}.url must be a web address or empty, not {url!r}")
    return LegalAct(key=key, title=_words(entry["title"]), name=_words(entry["name"]), url=url)


def _provision(key: str, entry: Mapping[str, Any], acts: Mapping[str, LegalAct]) -> Provision:
    """One provision; checked only with a `checked` record (by, date, against), and never
    both checked and marked `unverified`."""
    act_keys = entry.get("act") or ()
    if isinstance(act_keys, str):
        act_keys = (act_keys,)
    unknown = [act for act in act_keys if act not in acts]
    if unknown:
        raise _law_error(f"provisions.{key}: unknown act {unknown}; known: {', '.join(acts)}")
    record = entry.get("checked")
    check = None
    if record is not None:
        if entry.get("unverified"):
            raise _law_error(f"provisions.{key} is both `checked` and `unverified: true`")
        _expect_keys(f"provisions.{key}.checked", record, ("by", "date", "against"))
        if not isinstance(record["date"], date) or not all(
            _words(record[part]) for part in ("by", "against")
        ):
            raise _law_error(
                f"provisions.{key}.checked needs who (by), a day (date: YYYY-MM-DD) and the "
                "text checked against (against)"
            )
        check = ProvisionCheck(
            by=_words(record["by"]), day=record["date"], against=_words(record["against"])
        )
    return Provision(
        key=key,
        citation=_words(entry["citation"]),
        summary=_words(entry["summary"]),
        article=_words(entry.get("article") or ""),
        acts=tuple(acts[act] for act in act_keys),
        checked=check,
    )


# --- The law's texts in each language ----------------------------------------------------
#
# provisions.yaml is the law in English. Each other language has its texts beside it, in
# provisions.LANG.yaml: one entry per text of the English file, keyed by its path
# ("reasons.necessity_stated.text", "routes.derogation.label"), with the same placeholders.
# A missing, blank or extra text, or one whose placeholders differ, stops the load.

TEXT_LANGUAGES = ("en", "fr", "pt", "es")
# Keys of an entry that are the law's structure, not words (never translated).
_STRUCTURE_KEYS = frozenset(
    {
        "code",
        "provision",
        "instrument_type",
        "instrument_types",
        "act",
        "url",
        "letter",
        "needs_balancing",
        "concluded_before",
        "checked",
        "unverified",
        "article",
        "conditions",
    }
)
# Keys that are structure inside an entry but words as a section's codes (recipient_sectors).
_ENTRY_STRUCTURE_KEYS = frozenset({"public", "private"})
# Sections that hold no words at all.
_STRUCTURE_SECTIONS = frozenset({"non_basis_instruments", "specification_check"})
_PLACEHOLDER = re.compile(r"{([a-z_]+)(?:\[[a-z_0-9]+\])?}")


def _entry_name(index: int, entry: object) -> str:
    return str(entry["code"]) if isinstance(entry, Mapping) and "code" in entry else str(index)


def law_texts(raw: Mapping[str, Any]) -> dict[str, str]:
    """Every text of a law file, keyed by its path (a list's entries by their `code`)."""
    texts: dict[str, str] = {}

    def walk(path: tuple[str, ...], value: object) -> None:
        if isinstance(value, str):
            texts[".".join(path)] = _words(value)
        elif isinstance(value, Mapping):
            for key, item in value.items():
                if key in _STRUCTURE_KEYS or (len(path) >= 2 and key in _ENTRY_STRUCTURE_KEYS):
                    continue
                walk((*path, str(key)), item)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, Mapping):
                    walk((*path, _entry_name(index, item)), item)

    for section, value in raw.items():
        if section not in _STRUCTURE_SECTIONS:
            walk((str(section),), value)
    return texts


def _placeholders_of(text: str) -> list[str]:
    return sorted(_PLACEHOLDER.findall(text))


def translation_problems(english: Mapping[str, str], translated: Mapping[str, Any]) -> list[str]:
    """What is wrong with a language's texts against the English ones (empty: complete)."""
    problems = []
    for key, text in english.items():
        given = translated.get(key)
        if given is None or not _words(given):
            problems.append(f"{key}: missing")
        elif _placeholders_of(_words(given)) != _placeholders_of(text):
            problems.append(
                f"{key}: placeholders {_placeholders_of(_words(given))}, "
                f"expected {_placeholders_of(text)}"
            )
    problems.extend(
        f"{key}: not a text of the English file" for key in translated if key not in english
    )
    return problems


def _with_texts(raw: Any, texts: Mapping[str, Any], path: tuple[str, ...] = ()) -> Any:
    """A copy of `raw` whose texts are replaced by those of `texts` (keyed by path)."""
    if isinstance(raw, str):
        key = ".".join(path)
        return _words(texts[key]) if key in texts else raw
    if isinstance(raw, Mapping):
        return {key: _with_texts(item, texts, (*path, str(key))) for key, item in raw.items()}
    if isinstance(raw, list):
        return [
            _with_texts(item, texts, (*path, _entry_name(index, item)))
            for index, item in enumerate(raw)
        ]
    return raw


def translated_laws(path: Path, raw: Mapping[str, Any]) -> dict[str, Any]:
    """The raw law of `path` in each of TEXT_LANGUAGES: English as read, the others with the
    texts of path's language files. Raises ValueError naming every text missing or wrong."""
    english = law_texts(raw)
    laws: dict[str, Any] = {"en": raw}
    for language in TEXT_LANGUAGES[1:]:
        language_path = path.with_name(f"{path.stem}.{language}.yaml")
        if not language_path.exists():
            raise ValueError(f"{language_path.name}: missing (the law's texts in {language})")
        with language_path.open(encoding="utf-8") as stream:
            texts = yaml.safe_load(stream) or {}
        problems = translation_problems(english, texts)
        if problems:
            raise ValueError(
                f"{language_path.name}: {len(problems)} text(s) missing or wrong: "
                + "; ".join(problems)
            )
        laws[language] = _with_texts(raw, texts)
    return laws


# The language the engine writes its texts in, inside `texts_in()` (English outside).
_TEXT_LANGUAGE: ContextVar[str] = ContextVar("liaison_engine_language", default="en")


@contextlib.contextmanager
def texts_in(language: str | None) -> Iterator[None]:
    """Inside the block, the engine's reasons, conditions, labels and summaries are in
    `language` (its two-letter code; English for a language it has no texts in)."""
    code = (language or "en").split("-")[0].lower()
    token = _TEXT_LANGUAGE.set(code if code in TEXT_LANGUAGES else "en")
    try:
        yield
    finally:
        _TEXT_LANGUAGE.reset(token)


def text_language() -> str:
    return _TEXT_LANGUAGE.get()


class InLanguage:
    """Stands for one object per language (the law read in each): an attribute is read from
    the one of the language the engine writes in now (`texts_in`)."""

    def __init__(self, by_language: Mapping[str, Any]) -> None:
        self._by_language = by_language

    def __getattr__(self, name: str) -> Any:
        by_language = self.__dict__["_by_language"]
        return getattr(by_language.get(_TEXT_LANGUAGE.get()) or by_language["en"], name)

    def in_language(self, language: str) -> Any:
        return self._by_language.get(language) or self._by_language["en"]


def _read(path: Path) -> Any:
    with path.open(encoding="utf-8") as stream:
        return yaml.safe_load(stream)


def _load_law(source: Path | Mapping[str, Any]) -> _Law:
    """The law of a file (English) or of its data already read (in any language)."""
    raw = _read(source) if isinstance(source, Path) else source
    acts = {key: _legal_act(key, entry) for key, entry in (raw.get("acts") or {}).items()}
    provisions = {key: _provision(key, entry, acts) for key, entry in raw["provisions"].items()}

    def provision(key: str) -> Provision:
        if key not in provisions:
            raise _law_error(f"unknown provision {key!r}; known: {', '.join(provisions)}")
        return provisions[key]

    def route(entry: Mapping[str, Any]) -> Route:
        return Route(
            code=entry["code"],
            label=entry["label"],
            instrument_type=entry.get("instrument_type"),
            provision=provision(entry["provision"]),
            concluded_before=entry.get("concluded_before"),
            act=entry.get("act"),
        )

    _expect_keys("data_categories", raw["data_categories"], _CATEGORIES)
    _expect_keys("member_state_authorisation", raw["member_state_authorisation"], _AUTHORISATIONS)
    _expect_keys("statuses", raw["statuses"], INSTRUMENT_STATUSES)
    _expect_keys("adequacy_acts", raw["adequacy_acts"], ADEQUACY_ACTS)
    routes = tuple(route(entry) for entry in raw["routes"])
    if sorted(r.code for r in routes) != sorted(_ROUTE_CODES):
        raise _law_error(f"routes must be, in any order: {', '.join(_ROUTE_CODES)}")
    if [r.code for r in routes[-2:]] != [_SELF_ASSESSMENT, _DEROGATION] or any(
        r.instrument_type is not None for r in routes[-2:]
    ):
        raise _law_error(f"routes must end with {_SELF_ASSESSMENT} then {_DEROGATION}")
    route_types = [r.instrument_type for r in routes[:-2]]
    by_code = {r.code: r for r in routes}
    if not isinstance(by_code["cooperation_agreement"].concluded_before, date):
        raise _law_error("the cooperation_agreement route needs a concluded_before date")
    if by_code["adequacy_decision"].act not in ADEQUACY_ACTS:
        raise _law_error(f"the adequacy_decision route needs an act, one of {ADEQUACY_ACTS}")
    non_basis = {kind: provision(key) for kind, key in raw["non_basis_instruments"].items()}
    if sorted([*map(str, route_types), *non_basis]) != sorted(INSTRUMENT_TYPES):
        raise _law_error(
            "each instrument type must be either one route's or a non-basis type: "
            f"{', '.join(INSTRUMENT_TYPES)}"
        )
    grounds = {
        entry["code"]: DerogationGround(
            code=entry["code"],
            letter=str(entry["letter"]),
            label=" ".join(str(entry["label"]).split()),
            provision=provision(entry["provision"]),
            needs_balancing=bool(entry["needs_balancing"]),
        )
        for entry in raw["derogation_grounds"]
    }
    texts: dict[str, Mapping[str, _Text]] = {}
    for section, codes in _TEXT_CODES.items():
        _expect_keys(section, raw[section], tuple(codes.split()))
        texts[section] = MappingProxyType(
            {
                code: _Text(
                    template=" ".join(str(entry["text"]).split()),
                    provision=provision(entry["provision"]) if "provision" in entry else None,
                )
                for code, entry in raw[section].items()
            }
        )
    return _Law(
        acts=MappingProxyType(acts),
        provisions=MappingProxyType(provisions),
        categories=MappingProxyType(dict(raw["data_categories"])),
        authorisations=MappingProxyType(dict(raw["member_state_authorisation"])),
        union_kinds=MappingProxyType(dict(raw["union_partner_kinds"])),
        routes=routes,
        non_personal_route=route(raw["non_personal_route"]),
        non_basis=MappingProxyType(non_basis),
        adequacy_acts=MappingProxyType(dict(raw["adequacy_acts"])),
        grounds=MappingProxyType(grounds),
        statuses=MappingProxyType(
            {code: (entry["dated"], entry["undated"]) for code, entry in raw["statuses"].items()}
        ),
        texts=MappingProxyType(texts),
        words=MappingProxyType(_engine_words(raw["words"])),
    )


def _engine_words(entry: Mapping[str, Any]) -> dict[str, Any]:
    _expect_keys("words", entry, _WORDS)
    months = tuple(_words(month) for month in str(entry["months"]).split(","))
    if len(months) != 12 or not all(months):
        raise _law_error("words.months must name the twelve months, separated by commas")
    return {**{key: _words(entry[key]) for key in _WORDS}, "months": months}


# The law in each language; read through `_LAW`, in the language of `texts_in()`.
_LAWS: dict[str, _Law] = {
    language: _load_law(raw)
    for language, raw in translated_laws(PROVISIONS_PATH, _read(PROVISIONS_PATH)).items()
}
_LAW: _Law = InLanguage(_LAWS)  # type: ignore[assignment]

PROVISIONS: Mapping[str, Provision] = _LAW.provisions
ACTS: Mapping[str, LegalAct] = _LAW.acts
DATA_CATEGORIES: tuple[str, ...] = tuple(_LAW.categories)
AUTHORISATION_CHOICES: tuple[str, ...] = tuple(_LAW.authorisations)
ROUTES: tuple[str, ...] = tuple(route.code for route in _LAW.routes)
NON_PERSONAL_ROUTE: str = _LAW.non_personal_route.code
ROUTE_INSTRUMENT_TYPES: Mapping[str, str] = MappingProxyType(
    {r.code: r.instrument_type for r in _LAW.routes if r.instrument_type is not None}
)
NON_BASIS_INSTRUMENT_TYPES: frozenset[str] = frozenset(_LAW.non_basis)
DEROGATION_GROUNDS: Mapping[str, str] = MappingProxyType(
    {code: ground.label for code, ground in _LAW.grounds.items()}
)
GROUNDS_NEEDING_BALANCING: frozenset[str] = frozenset(
    code for code, ground in _LAW.grounds.items() if ground.needs_balancing
)
ADEQUACY_ACT_LABELS: Mapping[str, str] = _LAW.adequacy_acts
# Art. 80(5): a cooperation agreement is a basis only if concluded before this date.
COOPERATION_AGREEMENTS_BEFORE: date = next(
    r.concluded_before for r in _LAW.routes if r.concluded_before is not None
)

_INSTRUMENT_ROUTES = tuple(route for route in _LAW.routes if route.instrument_type is not None)
_ROUTE_BY_CODE = {route.code: route for route in _LAW.routes}
_CITES = _Citations(_LAW)


def _grounds_text() -> str:
    """Every derogation ground, "(a) ...; (b) ...", in the language of the texts."""
    return "; ".join(f"({g.letter}) {g.label}" for g in _LAW.grounds.values())


def _balancing_text() -> str:
    """The grounds that need a balancing statement: "ground (d)"."""
    letters = [f"({g.letter})" for g in _LAW.grounds.values() if g.needs_balancing]
    words = _LAW.words
    form = words["ground_one"] if len(letters) == 1 else words["grounds_many"]
    return form.format(letters=f" {words['and']} ".join(letters))


def _route_label(route: Route) -> str:
    """A route's label in the language of the texts."""
    return next((r.label for r in _LAW.routes if r.code == route.code), route.label)


def _in_language(provision: Provision, provisions: Mapping[str, Provision]) -> Provision:
    """The same provision with its citation in the language of the texts."""
    return provisions.get(provision.key, provision)


# --- The assessment -----------------------------------------------------------------------


def _day(value: date) -> str:
    words = _LAW.words
    return str(words["date"]).format(
        day=value.day, month=words["months"][value.month - 1], year=value.year
    )


def _blank(text: str | None) -> bool:
    return not text or not text.strip()


def _status_text(instrument: InstrumentFact) -> str:
    dated, undated = _LAW.statuses[instrument.status]
    if instrument.status_since is None:
        return undated
    return dated.format(date=_day(instrument.status_since))


def _one_of(name: str, value: object, known: Mapping[str, object] | tuple[str, ...]) -> None:
    if value not in known:
        raise ValueError(f"Unknown {name} {value!r}: expected one of {', '.join(known)}.")


def _validate(partner: PartnerFacts, request: TransferRequest) -> None:
    _one_of("data_category", request.data_category, DATA_CATEGORIES)
    _one_of("member_state_authorisation", request.member_state_authorisation, _AUTHORISATIONS)
    if request.derogation and request.derogation not in _LAW.grounds:
        raise ValueError(
            f"Unknown derogation {request.derogation!r}: expected null or one of "
            f"{', '.join(_LAW.grounds)}."
        )
    _one_of("partner kind", partner.kind, PARTNER_KINDS)
    for instrument in partner.instruments:
        _one_of(f"type of instrument {instrument.title!r}", instrument.type, INSTRUMENT_TYPES)
        if instrument.adequacy_act is not None:
            _one_of(f"act of {instrument.title!r}", instrument.adequacy_act, ADEQUACY_ACTS)
        if instrument.status not in INSTRUMENT_STATUSES:
            raise ValueError(
                f"Unknown status {instrument.status!r} of instrument {instrument.title!r}: "
                f"expected its status on the as-of date, one of {', '.join(INSTRUMENT_STATUSES)} "
                "(leave out an instrument that has no status yet on that date)."
            )


@dataclass
class Findings:
    """What an assessment has found so far: its bases, reasons, conditions and what is
    missing, each text rendered from the law's data with the provision it cites. Both parts
    of the engine keep their findings so: operational data here (`_Assessment`), EUDPR
    Chapter V in eudpr.py; each says where its texts live and what they may name."""

    partner: PartnerFacts
    request: TransferRequest
    bases: list[LegalBasis] = field(default_factory=list)
    reasons: list[Reason] = field(default_factory=list)
    conditions: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    def _text(self, section: str, code: str) -> tuple[str, Provision | None]:
        """The template of a text and the provision it cites of its own, if any."""
        raise NotImplementedError

    def _placeholders(self) -> dict[str, str]:
        """What a text may name besides the partner, the date and its citations."""
        return {}

    def _citations(self) -> Mapping[str, str]:
        """`{cite[KEY]}` in a text: the provisions it may cite, marked as reviewed."""
        return _CITES

    def _provision_in_language(self, provision: Provision) -> Provision:
        """`provision` with its citation in the language of the texts."""
        return _in_language(provision, _LAW.provisions)

    def _render(
        self, section: str, code: str, provision: Provision | None, values: Mapping[str, str]
    ) -> tuple[str, Provision]:
        template, own = self._text(section, code)
        cited = own or provision
        if cited is None:
            raise _law_error(f"{section}.{code} needs a provision")
        cited = self._provision_in_language(cited)
        rendered = template.format(
            partner=self.partner.name,
            as_of=_day(self.request.as_of),
            citation=cited.cited,
            cite=self._citations(),
            **{**self._placeholders(), **values},
        )
        # A text may open with the partner's name, which may start with "the".
        return rendered[:1].upper() + rendered[1:], cited

    def reason(
        self,
        code: str,
        provision: Provision | None = None,
        *,
        unverified: bool = False,
        **values: str,
    ) -> None:
        text, cited = self._render("reasons", code, provision, values)
        self.reasons.append(Reason(code, text, cited.citation, cited.unverified or unverified))

    def lack(self, code: str, provision: Provision | None = None, **values: str) -> None:
        """Record what is missing for the transfer to be lawful."""
        self.missing.append(self._render("missing", code, provision, values)[0])

    def require(self, code: str, **values: str) -> None:
        self.conditions.append(self._render("conditions", code, None, values)[0])

    def basis(self, route: Route, instrument: InstrumentFact | None = None) -> None:
        self.bases.append(
            LegalBasis(
                route=route.code,
                provision=self._provision_in_language(route.provision).citation,
                instrument_id=instrument.id if instrument else None,
                instrument_title=instrument.title if instrument else None,
                unverified=route.provision.unverified
                or (instrument is not None and instrument.unverified),
            )
        )


@dataclass
class _Assessment(Findings):
    """The findings for non-personal and operational personal data."""

    refused: bool = False
    # A legal judgement the engine leaves to people (provisional application).
    referred: bool = False
    provisional_counts: bool = False
    follow_ups: list[str] = field(default_factory=list)

    def _text(self, section: str, code: str) -> tuple[str, Provision | None]:
        text = _LAW.texts[section][code]
        return text.template, text.provision

    def _placeholders(self) -> dict[str, str]:
        return {
            "state": self.request.originating_member_state or "",
            "authority": self.request.receiving_authority.strip(),
            "onward": self.request.onward_transfer_to or "",
            "grounds": _grounds_text(),
            "balancing_grounds": _balancing_text(),
        }

    def lack(self, code: str, provision: Provision | None = None, **values: str) -> None:
        """Record what is missing for the transfer to be lawful: the transfer is refused."""
        self.refused = True
        super().lack(code, provision, **values)

    def follow_up(self, code: str) -> None:
        self.follow_ups.append(self._render("follow_ups", code, None, {})[0])

    def decision(self) -> Decision:
        if self.refused:
            return Decision("refused", (), tuple(self.reasons), (), tuple(self.missing))
        if self.referred:
            return Decision("referred", (), tuple(self.reasons), (), ())
        return Decision(
            "allowed_with_conditions" if self.conditions else "allowed",
            tuple(self.bases),
            tuple(self.reasons),
            tuple(self.conditions),
            (),
            tuple(self.follow_ups),
        )


def assess(
    partner: PartnerFacts,
    request: TransferRequest,
    *,
    provisional_application_counts: bool = False,
) -> Decision:
    """Whether the agency may transfer the data in `request` to `partner`, and on what basis.

    `provisional_application_counts`: the configured policy that an instrument applied
    provisionally is a basis; otherwise a transfer resting on one is `referred`.
    Raises ValueError for a code the engine does not know."""
    _validate(partner, request)
    found = _Assessment(partner, request, provisional_counts=provisional_application_counts)
    if request.data_category == "administrative_personal_data":
        # EUDPR Chapter V, in its own module (which imports this one).
        from liaison.transfers import eudpr

        return eudpr.assess_administrative(partner, request)
    if request.data_category == "non_personal":
        found.reason("non_personal_exchange")
        found.basis(_LAW.non_personal_route)
        _check_core_crimes(found)
        return found.decision()
    if partner.kind in _LAW.union_kinds:
        found.reason("union_partner_referred", kind=_LAW.union_kinds[partner.kind])
        return Decision("referred", (), tuple(found.reasons), (), ())
    _check_gates(found)
    _check_core_crimes(found)
    _check_routes(found)
    return found.decision()


def _check_gates(found: _Assessment) -> None:
    """The four cumulative gates of Art. 56(1), each one reported."""
    request, partner = found.request, found.partner
    if _blank(request.necessity):
        found.reason("necessity_missing")
        found.lack("necessity")
    else:
        found.reason("necessity_stated")
    if _blank(request.receiving_authority):
        found.reason("receiving_authority_missing")
        found.lack("receiving_authority")
    elif not partner.competent_in_criminal_matters:
        found.reason("partner_not_competent")
        found.lack("competent_recipient")
    elif request.receiving_authority_competent:
        found.reason("recipient_competent")
    else:
        found.reason("recipient_not_competent")
        found.lack("competent_recipient")

    origin = not _blank(request.originating_member_state)
    origin_authorised = request.member_state_authorisation != "none"
    if origin and origin_authorised:
        found.reason(
            "origin_authorised",
            authorisation=_LAW.authorisations[request.member_state_authorisation],
        )
    elif origin and request.urgent_threat and request.authorisation_not_in_time:
        found.reason("origin_urgent")
        found.require("urgency_inform")
        found.follow_up("urgency_inform")
    elif origin and request.urgent_threat:
        found.reason("origin_urgent_not_in_time")
        found.lack("origin_authorisation")
    elif origin:
        found.reason("origin_not_authorised")
        found.lack("origin_authorisation")

    if _blank(request.onward_transfer_to):
        return
    # The sub-paragraph after 56(1)(d): the originating State authorises the onward transfer
    # itself, then the agency does, after weighing; each is asked and reported.
    if origin and request.onward_origin_authorised:
        found.reason("onward_origin_authorised")
    elif origin:
        found.reason("onward_without_origin")
        found.lack("onward_origin_authorisation")
    if not request.onward_transfer_authorised:
        found.reason("onward_not_authorised")
        found.lack("onward_authorisation")
    elif _blank(request.onward_weighing):
        found.reason("onward_no_weighing")
        found.lack("onward_weighing")
    else:
        found.reason("onward_authorised")


def _check_core_crimes(found: _Assessment) -> None:
    """Evidence of core international crimes is shared only with its provider's approval."""
    if not found.request.core_international_crimes_evidence:
        return
    if found.request.provider_approval:
        found.reason("core_crimes_approved")
    else:
        found.reason("core_crimes_not_approved")
        found.lack("provider_approval")


def _check_routes(found: _Assessment) -> None:
    """The routes of Art. 56(2) in order; the instruments that are no basis are named."""
    request, partner = found.request, found.partner
    idle: list[tuple[Route, InstrumentFact]] = []
    provisional = False
    for route in _INSTRUMENT_ROUTES:
        for instrument in partner.instruments:
            if instrument.type != route.instrument_type:
                continue
            status = _status_text(instrument)
            if not _instrument_may_count(found, route, instrument, status):
                continue
            if instrument.status == PROVISIONALLY_APPLIED and not found.provisional_counts:
                provisional = True
                found.reason(
                    "provisional_referred",
                    route.provision,
                    unverified=instrument.unverified,
                    title=instrument.title,
                    status=status,
                )
            elif instrument.status in (IN_FORCE, PROVISIONALLY_APPLIED):
                if instrument.status == PROVISIONALLY_APPLIED:
                    found.reason("provisional_counts", title=instrument.title, status=status)
                found.basis(route, instrument)
                found.reason(
                    "route_holds",
                    route.provision,
                    unverified=instrument.unverified,
                    title=instrument.title,
                    status=status,
                    route=_route_label(route),
                )
            else:
                idle.append((route, instrument))
                found.reason(
                    "instrument_not_in_force",
                    route.provision,
                    unverified=instrument.unverified,
                    title=instrument.title,
                    status=status,
                )
    for instrument in partner.instruments:
        if instrument.type in _LAW.non_basis:
            found.reason(
                "not_a_basis",
                _LAW.non_basis[instrument.type],
                unverified=instrument.unverified,
                title=instrument.title,
                status=_status_text(instrument),
            )

    ground = _LAW.grounds.get(request.derogation or "")
    if found.bases:
        if request.safeguards_self_assessment:
            found.reason("self_assessment_not_needed")
        if ground:
            found.reason("derogation_not_needed")
        return
    if provisional:
        # Whether provisional application supports the route is a legal judgement; a
        # self-assessment or derogation is for where no other route exists, so it waits too.
        found.referred = True
        return
    found.reason("no_instrument_route")
    if request.safeguards_self_assessment:
        found.basis(_ROUTE_BY_CODE[_SELF_ASSESSMENT])
        found.reason("self_assessment_basis")
        found.require("record_transfer")
        found.require("inform_edps")
        if ground:
            found.reason("derogation_not_needed")
        return
    if ground and _derogation_holds(found, ground):
        found.basis(_ROUTE_BY_CODE[_DEROGATION])
        found.require("individual_only")
        found.require("derogation_record")
        return

    found.reason("no_route")
    for route, instrument in idle:
        found.lack(
            "instrument_in_force",
            route.provision,
            title=instrument.title,
            status=_status_text(instrument),
        )
    agreement_type = ROUTE_INSTRUMENT_TYPES["international_agreement"]
    if not any(instrument.type == agreement_type for instrument in partner.instruments):
        found.lack("international_agreement")
    found.lack("self_assessment")
    if ground is None:
        found.lack("derogation")
    else:
        if _blank(request.justification):
            found.lack(
                "derogation_justification",
                ground.provision,
                letter=ground.letter,
                ground=ground.label,
            )
        if ground.needs_balancing and _blank(request.rights_balancing):
            found.lack(
                "derogation_balancing", ground.provision, letter=ground.letter, ground=ground.label
            )


def _instrument_may_count(
    found: _Assessment, route: Route, instrument: InstrumentFact, status: str
) -> bool:
    """Whether an instrument of the route's type can be a basis at all, whatever its
    status: a cooperation agreement concluded and in force before the cut-off date of
    Art. 80(5), an adequacy decision made under the act the route names. Says why not."""
    if route.concluded_before is not None:
        dates = [d for d in (instrument.concluded_on, instrument.in_force_from) if d is not None]
        if not dates:
            found.reason(
                "cooperation_agreement_undated",
                route.provision,
                title=instrument.title,
                status=status,
                cutoff=_day(route.concluded_before),
            )
            return False
        if max(dates) >= route.concluded_before:
            found.reason(
                "cooperation_agreement_too_late",
                route.provision,
                title=instrument.title,
                status=status,
                cutoff=_day(route.concluded_before),
                late=_day(max(dates)),
            )
            return False
    if route.act is not None and instrument.adequacy_act != route.act:
        found.reason(
            "adequacy_wrong_act",
            route.provision,
            title=instrument.title,
            status=status,
            act=_LAW.adequacy_acts.get(
                instrument.adequacy_act or "", _LAW.words["act_not_recorded"]
            ),
            required=_LAW.adequacy_acts[route.act],
        )
        return False
    return True


def _derogation_holds(found: _Assessment, ground: DerogationGround) -> bool:
    """Art. 59: a known ground, a written justification and, for some grounds, a balancing."""
    request, letter, label = found.request, ground.letter, ground.label
    holds = True
    if _blank(request.justification):
        found.reason("derogation_no_justification", ground.provision, letter=letter, ground=label)
        holds = False
    if ground.needs_balancing and _blank(request.rights_balancing):
        found.reason("derogation_no_balancing", ground.provision, letter=letter, ground=label)
        holds = False
    if holds:
        found.reason("derogation_basis", ground.provision, letter=letter, ground=label)
        if ground.needs_balancing:
            found.reason("balancing_stated", ground.provision)
    return holds
