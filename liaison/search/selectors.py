"""One search for everything: partners by any name they are known by (typing slips
forgiven), the register's other records by their words, and personal data (contact points,
cases) only for the roles that may see it, every record shown written to the access log.

PostgreSQL answers with trigram indexes (pg_trgm) on each record's short text and full-text
indexes on its long text (migration search 0001); SQLite, the single-user default, with
LIKE and a small edit-distance pass over the partners' names, which are few."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.db import connection, transaction
from django.db.models import BooleanField, Model, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from liaison.cases.models import Case
from liaison.contacts.models import ContactPoint
from liaison.core.permissions import VIEW, holds_personal_data, user_can
from liaison.core.services import access_record
from liaison.core.text import fold
from liaison.engagements.models import Engagement, Project
from liaison.instruments.models import Instrument
from liaison.partners.countries import country_search_names
from liaison.partners.models import Partner
from liaison.sources.models import Source
from liaison.strategy.models import KeyAction

MAX_LENGTH = 100
PER_GROUP = 8
# A large table's newest records searched first (see RecordKind.first_matches), and the
# most matches of a rarer word put in order.
WINDOW = 1000
DENSE = 2000
# word_similarity() from which a partner's name counts as a slip of the keyboard: "serbai"
# against "serbia" scores 0.57, below pg_trgm's default of 0.6.
SIMILARITY_THRESHOLD = 0.5

# Why a record matched, as the results page says it.
REASONS: dict[str, Promise] = {
    "code": _("code"),
    "name": _("name"),
    "alias": _("alias"),
    "official name": _("official name"),
    "common name": _("common name"),
    "name in fr": _("name in French"),
    "name in pt": _("name in Portuguese"),
    "name in es": _("name in Spanish"),
    "names": _("words of its names"),
    "similar": _("similar spelling"),
    "title": _("title"),
    "text": _("text"),
    "partner": _("partner"),
}


@dataclass
class SearchHit:
    title: str
    url: str
    reason: str
    matched: str = ""  # the name or words that matched, when not the title itself
    detail: str = ""
    record: Model | None = field(default=None, repr=False)


@dataclass
class SearchGroup:
    key: str
    label: str
    hits: list[SearchHit]
    more_url: str = ""  # the full list filtered by the same text, when there are more
    personal_data: bool = False


@dataclass
class SearchAnswer:
    text: str
    groups: list[SearchGroup]

    @property
    def count(self) -> int:
        return sum(len(group.hits) for group in self.groups)


def search_text_cleaned(text: str | None) -> str:
    """The text as searched: stripped, at most MAX_LENGTH characters, no NUL character
    (PostgreSQL cannot even compare one)."""
    return (text or "").replace("\x00", "").strip()[:MAX_LENGTH]


def search_everything(*, user: Any, text: str, request: Any = None) -> SearchAnswer:
    """What `user` may see that matches `text`, grouped by kind of record, each with the
    reason it matched. Contact points and cases appear only for roles that may see them,
    and each one shown is written to the access log as a read of the record."""
    text = search_text_cleaned(text)
    words = fold(text).split()
    if not words:
        return SearchAnswer(text=text, groups=[])
    groups: list[SearchGroup] = []
    partners: list[Partner] = []
    if user_can(user, VIEW, Partner):
        partner_hits = partner_matches(text)
        partners = [partner for partner, _reason, _name in partner_hits]
        groups.append(
            SearchGroup(
                key="partners",
                label=str(_("Partners")),
                hits=[
                    SearchHit(
                        title=partner.name,
                        url=partner.get_absolute_url(),
                        reason=str(REASONS[reason]),
                        matched=name,
                        detail=partner.code,
                        record=partner,
                    )
                    for partner, reason, name in partner_hits[:PER_GROUP]
                ],
                more_url=_list_url("partners:partner_list", text)
                if len(partner_hits) > PER_GROUP
                else "",
            )
        )
    for kind in RECORD_KINDS:
        if not user_can(user, VIEW, kind.model):
            continue
        # Records keep their accents: words are matched as typed, in any case.
        groups.append(kind.search(text, text.split(), partners))
    groups = [group for group in groups if group.hits]
    personal = [
        hit.record for group in groups if group.personal_data for hit in group.hits if hit.record
    ]
    if personal:
        access_record(user=user, objects=personal, request=request)
    return SearchAnswer(text=text, groups=groups)


# Partners -------------------------------------------------------------------------------


def partner_names(partner: Partner) -> list[tuple[str, str]]:
    """Every name `partner` is searched by, each with its kind (a key of REASONS)."""
    names = [("code", partner.code), ("name", partner.name)]
    names += [("alias", alias) for alias in partner.aliases or [] if isinstance(alias, str)]
    if partner.is_state:
        names += country_search_names(partner.code)
    return names


def partner_matches(text: str) -> list[tuple[Partner, str, str]]:
    """Partners matching `text`, best first, each with the kind of name that matched and
    that name: an exact code, then a name that is the text, begins with it, contains its
    words, then names of similar spelling."""
    folded = fold(search_text_cleaned(text))
    words = folded.split()
    if not words:
        return []
    if connection.vendor == "postgresql":
        with transaction.atomic():
            similarity_threshold_set()
            candidates = list(partners_matching(folded, words))
    else:
        candidates = list(partners_matching(folded, words))
        found = {partner.pk for partner in candidates}
        candidates += [
            partner
            for partner in Partner.objects.filter(pk__in=_similar_partner_ids(words))
            if partner.pk not in found
        ]
    ranked = []
    for partner in candidates:
        rank, reason, name = _partner_match(partner, folded, words)
        ranked.append((rank, partner.name, partner, reason, name))
    ranked.sort(key=lambda row: (row[0], row[1]))
    return [(partner, reason, name) for _rank, _name, partner, reason, name in ranked]


def similarity_threshold_set() -> None:
    """For the current transaction only: the index answers `%>` at this threshold."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('pg_trgm.word_similarity_threshold', %s, true)",
            [str(SIMILARITY_THRESHOLD)],
        )


def partners_matching(folded: str, words: Sequence[str]) -> QuerySet[Partner]:
    """Partners whose names hold every word; on PostgreSQL, or whose names are of similar
    spelling (call `similarity_threshold_set` in the same transaction first)."""
    contained = Q()
    for word in words:
        contained &= Q(search_text__contains=word)
    if connection.vendor != "postgresql":
        return Partner.objects.filter(contained)
    # A constant; the text is a parameter.
    similar = RawSQL('"partners_partner"."search_text" %%> %s', [folded], BooleanField())  # noqa: S611
    return Partner.objects.filter(contained | Q(similar))


def _partner_match(partner: Partner, folded: str, words: Sequence[str]) -> tuple[float, str, str]:
    """How well `partner` matches: (rank, lower is better; kind of name; the name)."""
    if folded == partner.code.casefold():
        return (0, "code", partner.code)
    best: tuple[float, str, str] | None = None
    for kind, name in partner_names(partner):
        if kind == "code":
            continue
        candidate = fold(name)
        if candidate == folded:
            rank = 1.0
        elif candidate.startswith(folded):
            rank = 2.0
        elif all(word in candidate for word in words):
            rank = 3.0
        else:
            continue
        if best is None or rank < best[0]:
            best = (rank, kind, name)
    if best is not None:
        return best
    if all(word in partner.search_text for word in words):
        return (4.0, "names", partner.name)
    # Similar spelling: the name closest to the text, word by word.
    closest = (0.0, partner.name)
    for _kind, name in partner_names(partner):
        for piece in [name, *name.split()]:
            score = difflib.SequenceMatcher(None, folded, fold(piece)).ratio()
            if score > closest[0]:
                closest = (score, name)
    return (6.0 - closest[0], "similar", closest[1])


def edit_distance(first: str, second: str, limit: int) -> int:
    """Damerau-Levenshtein distance (adjacent swaps count once), or limit + 1 when above."""
    if abs(len(first) - len(second)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(second) + 1))
    for i, char in enumerate(first, start=1):
        current = [i] + [0] * len(second)
        for j, other in enumerate(second, start=1):
            cost = 0 if char == other else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char == second[j - 2] and first[i - 2] == other:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _similar_partner_ids(words: Sequence[str]) -> set[int]:
    """SQLite's stand-in for trigram similarity: partners whose names have, for every word
    of four letters or more, a word at most one edit away (two for eight letters or more)."""
    long_words = [word for word in words if len(word) >= 4]
    if not long_words:
        return set()
    found = set()
    for pk, search_text in Partner.objects.values_list("pk", "search_text"):
        own = set(search_text.split())
        if all(
            any(
                edit_distance(word, candidate, 2 if len(word) >= 8 else 1)
                <= (2 if len(word) >= 8 else 1)
                for candidate in own
            )
            for word in long_words
        ):
            found.add(pk)
    return found


# The other records ----------------------------------------------------------------------


@dataclass(frozen=True)
class RecordKind:
    """A kind of record search finds: its short text (title, name: every word must be in
    it) and long text (notes, outcomes: full-text search), as SQL expressions that the
    indexes of migration search 0001 are built on, and as fields for SQLite."""

    key: str
    label: Promise
    model: type[Model]
    short_sql: str
    short_fields: tuple[str, ...]
    long_sql: str = ""
    long_fields: tuple[str, ...] = ()
    order_by: tuple[str, ...] = ("pk",)
    list_url: str = ""  # a list page whose `search` filter shows them all
    title: Callable[[Any], str] = str
    detail: Callable[[Any], str] = lambda record: ""
    url: Callable[[Any], str] = lambda record: record.get_absolute_url()
    partner_field: str = ""  # records of a matched partner are found too
    select_related: tuple[str, ...] = ()
    # For a large table: the order of `order_by` in SQL, on its own columns (see first_matches).
    window_order_sql: str = ""

    def queryset(self) -> QuerySet[Any]:
        return self.model._default_manager.select_related(*self.select_related)

    def condition(self, text: str, words: Sequence[str]) -> Q:
        if connection.vendor == "postgresql":
            # The SQL is this module's constants; the user's text is only ever a parameter.
            short = Q()
            for word in words:
                like = RawSQL(f"({self.short_sql}) ILIKE %s", [_like(word)], BooleanField())  # noqa: S611
                short &= Q(like)
            if not self.long_sql:
                return short
            full_text = RawSQL(  # noqa: S611
                f"to_tsvector('simple', {self.long_sql}) @@ plainto_tsquery('simple', %s)",
                [text],
                BooleanField(),
            )
            return short | Q(full_text)
        short = Q()
        for word in words:
            short &= _any_field_contains(self.short_fields, word)
        if not self.long_fields:
            return short
        long = Q()
        for word in words:
            long &= _any_field_contains(self.long_fields, word)
        return short | long

    def matching(
        self, text: str, words: Sequence[str], partners: Sequence[Partner] = ()
    ) -> QuerySet[Any]:
        condition = self.condition(text, words)
        # Records of the partners found (an instrument of Serbia when one searches "Serbai").
        if self.partner_field and partners:
            condition |= Q(**{f"{self.partner_field}__in": [p.pk for p in partners[:3]]})
        return self.queryset().filter(condition).order_by(*self.order_by)

    def search(self, text: str, words: Sequence[str], partners: Sequence[Partner]) -> SearchGroup:
        records = self.first_matches(text, words, partners)
        hits = []
        for record in records[:PER_GROUP]:
            title = self.title(record)
            reason, matched = self.reason(record, words, partners)
            hits.append(
                SearchHit(
                    title=title,
                    url=self.url(record),
                    reason=str(REASONS[reason]),
                    matched=matched,
                    detail=self.detail(record),
                    record=record,
                )
            )
        more = ""
        if len(records) > PER_GROUP and self.list_url:
            more = _list_url(self.list_url, text)
        return SearchGroup(
            key=self.key,
            label=str(self.label),
            hits=hits,
            more_url=more,
            personal_data=holds_personal_data(self.model),
        )

    def first_matches(
        self, text: str, words: Sequence[str], partners: Sequence[Partner]
    ) -> list[Any]:
        """The first PER_GROUP + 1 matches in order. On PostgreSQL, for a large table, the
        newest WINDOW records are searched first: a common word is found among them at once.
        A rarer one is then looked up in the indexes and only its matches put in order.
        (Asked in one query, PostgreSQL would walk the whole table in order for a word that
        matches nothing, or gather every match of a word every record has.)"""
        wanted = PER_GROUP + 1
        if connection.vendor != "postgresql" or not self.window_order_sql:
            return list(self.matching(text, words, partners)[:wanted])
        table = self.model._meta.db_table
        where, params = self.condition_sql(text, words)
        # The window takes the table's name, so the condition's column names apply to it.
        sql = (
            f'SELECT "{table}"."id" FROM (SELECT * FROM "{table}" '  # noqa: S608 (constants)
            f'ORDER BY {self.window_order_sql} LIMIT %s) AS "{table}" '
            f"WHERE {where} ORDER BY {self.window_order_sql} LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [WINDOW, *params, wanted])
            found = [row[0] for row in cursor.fetchall()]
        if len(found) < wanted:
            matching = self.matching(text, words, partners)
            found = list(matching.order_by().values_list("pk", flat=True)[:DENSE])
        by_pk = self.queryset().in_bulk(found)
        ordered = self.queryset().filter(pk__in=found).order_by(*self.order_by)
        return [by_pk[pk] for pk in ordered.values_list("pk", flat=True)[:wanted]]

    def condition_sql(self, text: str, words: Sequence[str]) -> tuple[str, list[Any]]:
        """The PostgreSQL condition of `condition`, as SQL and parameters."""
        short = " AND ".join(f"({self.short_sql}) ILIKE %s" for _word in words)
        params: list[Any] = [_like(word) for word in words]
        if not self.long_sql:
            return f"({short})", params
        full_text = f"to_tsvector('simple', {self.long_sql}) @@ plainto_tsquery('simple', %s)"
        return f"(({short}) OR {full_text})", [*params, text]

    def reason(
        self, record: Any, words: Sequence[str], partners: Sequence[Partner]
    ) -> tuple[str, str]:
        short = fold(" ".join(str(getattr(record, name) or "") for name in self.short_fields))
        if all(fold(word) in short for word in words):
            return ("title", "")
        if self.partner_field and partners:
            partner_id = getattr(record, f"{self.partner_field}_id", None)
            for partner in partners[:3]:
                if partner.pk == partner_id:
                    return ("partner", partner.name)
        return ("text", "")


def _like(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _any_field_contains(fields: Sequence[str], word: str) -> Q:
    condition = Q()
    for name in fields:
        condition |= Q(**{f"{name}__icontains": word})
    return condition


def _list_url(url_name: str, text: str) -> str:
    return f"{reverse(url_name)}?{urlencode({'search': text})}"


def _key_action_url(action: KeyAction) -> str:
    return f"{reverse('strategy:dashboard')}#{action.key}"


RECORD_KINDS: tuple[RecordKind, ...] = (
    RecordKind(
        key="instruments",
        label=_("Instruments"),
        model=Instrument,
        short_sql='"instruments_instrument"."title"',
        short_fields=("title",),
        long_sql='"instruments_instrument"."notes"',
        long_fields=("notes",),
        order_by=("title", "pk"),
        list_url="instruments:instrument_list",
        detail=lambda record: record.partner.name,
        partner_field="partner",
        select_related=("partner",),
    ),
    RecordKind(
        key="sources",
        label=_("Sources"),
        model=Source,
        short_sql='("sources_source"."title" || \' \' || "sources_source"."issuer")',
        short_fields=("title", "issuer"),
        order_by=("title", "pk"),
        list_url="sources:source_list",
        detail=lambda record: record.issuer,
    ),
    RecordKind(
        key="engagements",
        label=_("Engagements"),
        model=Engagement,
        short_sql='("engagements_engagement"."title" || \' \' || "engagements_engagement"."place")',
        short_fields=("title", "place"),
        long_sql=(
            '("engagements_engagement"."outcomes" || \' \' || '
            '"engagements_engagement"."follow_ups")'
        ),
        long_fields=("outcomes", "follow_ups"),
        order_by=("-start_date", "key"),
        window_order_sql='"start_date" DESC, "key"',
        list_url="engagements:engagement_list",
        title=lambda record: record.title,
        detail=lambda record: record.date_text,
    ),
    RecordKind(
        key="projects",
        label=_("Projects"),
        model=Project,
        short_sql='"engagements_project"."name"',
        short_fields=("name",),
        long_sql='"engagements_project"."description"',
        long_fields=("description",),
        order_by=("name", "pk"),
    ),
    RecordKind(
        key="key_actions",
        label=_("Key actions"),
        model=KeyAction,
        short_sql='"strategy_keyaction"."text"',
        short_fields=("text",),
        long_sql='"strategy_keyaction"."narrative"',
        long_fields=("narrative",),
        order_by=("priority__number", "number"),
        url=_key_action_url,
        select_related=("priority",),
    ),
    RecordKind(
        key="contact_points",
        label=_("Contact points"),
        model=ContactPoint,
        short_sql=(
            '("contacts_contactpoint"."name" || \' \' || "contacts_contactpoint"."organisation"'
            ' || \' \' || "contacts_contactpoint"."role")'
        ),
        short_fields=("name", "organisation", "role"),
        # The newest appointments first: an order the primary key's index gives.
        order_by=("-pk",),
        window_order_sql='"id" DESC',
        list_url="contacts:contactpoint_list",
        title=lambda record: record.name,
        detail=lambda record: f"{record.organisation} · {record.partner.name}",
        select_related=("partner",),
    ),
    RecordKind(
        key="cases",
        label=_("Cases"),
        model=Case,
        short_sql='("cases_case"."cms_reference" || \' \' || "cases_case"."title")',
        short_fields=("cms_reference", "title"),
        long_sql='"cases_case"."agency_role"',
        long_fields=("agency_role",),
        order_by=("-opened_on", "-pk"),
        window_order_sql='"opened_on" DESC, "id" DESC',
        list_url="cases:case_list",
        detail=lambda record: record.opened_on.isoformat(),
    ),
)
