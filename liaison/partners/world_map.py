"""The world map: every partner coloured by one question on one date, computed in a few
queries for the whole register, and the country shapes shipped with Liaison."""

from __future__ import annotations

import datetime
import functools
import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Q
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from liaison.core.text import whole_number
from liaison.instruments.choices import EventKind, InstrumentStatus, InstrumentType
from liaison.partners.choices import PartnerKind
from liaison.partners.models import Partner, Region

DATA_FILE = Path(__file__).parent / "world_map_data" / "countries.json"
FIRST_YEAR = 2010  # the replay starts here: the register's history before is sparse

MODES: dict[str, Any] = {
    "transfer": _("May operational personal data go?"),
    "instrument": _("Strongest instrument in force"),
    "mandate": _("Council mandates under negotiation"),
    "contacts": _("Contact-point coverage"),
    "exchanges": _("Exchange volume (last 12 months)"),
}
DEFAULT_MODE = "transfer"

# Each mode's categories, in legend order: key -> label. The keys name CSS classes
# (map-k-<key>) whose colours are chosen to be told apart without colour vision too
# (lightness steps), and the table says each category in words.
CATEGORIES: dict[str, dict[str, Any]] = {
    "transfer": {
        "allowed": _("yes, on a legal basis"),
        "referred": _("referred (to the Union, the DPO or a check)"),
        "refused": _("no legal basis"),
    },
    "instrument": {
        "agreement": _("international agreement or adequacy decision"),
        "cooperation": _("cooperation agreement"),
        "arrangement": _("working arrangement or memorandum"),
        "none": _("none in force"),
    },
    "mandate": {
        "mandate": _("mandate given, negotiating"),
        "none": _("no mandate under negotiation"),
    },
    "contacts": {
        "covered": _("active contact point"),
        "none": _("no active contact point"),
    },
    "exchanges": {
        "high": _("100 or more"),
        "medium": _("10 to 99"),
        "low": _("1 to 9"),
        "none": _("none"),
    },
}

_STRENGTH = {
    InstrumentType.INTERNATIONAL_AGREEMENT: "agreement",
    InstrumentType.ADEQUACY_DECISION: "agreement",
    InstrumentType.COOPERATION_AGREEMENT: "cooperation",
    InstrumentType.APPROPRIATE_SAFEGUARDS_INSTRUMENT: "arrangement",
    InstrumentType.WORKING_ARRANGEMENT: "arrangement",
    InstrumentType.MEMORANDUM_OF_UNDERSTANDING: "arrangement",
    InstrumentType.EXCHANGE_OF_LETTERS: "arrangement",
}
# Asked about: non-EU countries, and the organisations and networks listed beside the map.
_ASKED_KINDS = (
    PartnerKind.COUNTRY,
    PartnerKind.INTERNATIONAL_ORGANISATION,
    PartnerKind.JUDICIAL_NETWORK,
)
_STRENGTH_ORDER = ("agreement", "cooperation", "arrangement", "none")


@dataclass(frozen=True)
class Shape:
    code: str
    name: str
    d: str


@dataclass(frozen=True)
class Shapes:
    width: float
    height: float
    shapes: tuple[Shape, ...]


@functools.cache
def world_shapes() -> Shapes:
    """The country outlines (read once per process from the committed data file)."""
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return Shapes(
        width=data["width"],
        height=data["height"],
        shapes=tuple(Shape(item["code"], item["name"], item["d"]) for item in data["countries"]),
    )


@dataclass
class MapEntry:
    partner: Partner
    category: str
    label: str
    detail: str = ""


@dataclass
class WorldMap:
    mode: str
    mode_label: str
    on: datetime.date
    countries: list[MapEntry]
    others: list[MapEntry]  # organisations and networks
    legend: list[tuple[str, str, int]]  # key, label, count of countries
    region: Region | None = None
    member_states: list[MapEntry] = field(default_factory=list)

    def shapes(self) -> list[tuple[Shape, MapEntry | None]]:
        """Every outline with the partner it draws (None when no partner has that code, or
        when the map is narrowed to a region the country is not in)."""
        by_code = {entry.partner.code: entry for entry in self.countries + self.member_states}
        return [(shape, by_code.get(shape.code)) for shape in world_shapes().shapes]

    def svg_shapes(self) -> SafeString:
        """The outlines as SVG markup, each partner's a link named by its answer. Built here,
        not in the template: a template loop over 240 outlines took a fifth of a second."""
        parts = []
        for shape, entry in self.shapes():
            if entry is None:
                parts.append(f'<path class="map-blank" aria-hidden="true" d="{shape.d}"/>')
                continue
            name = escape(f"{entry.partner.display_name}: {entry.label}")
            parts.append(
                f'<a href="{escape(entry.partner.get_absolute_url())}" aria-label="{name}">'
                f'<path class="map-k-{entry.category}" data-code="{escape(entry.partner.code)}" '
                f'd="{shape.d}"><title>{name}</title></path></a>'
            )
        return mark_safe("".join(parts))  # noqa: S308 (names escaped; outlines are numbers)

    @property
    def width(self) -> float:
        return world_shapes().width

    @property
    def height(self) -> float:
        return world_shapes().height

    @property
    def undrawn(self) -> list[MapEntry]:
        """Partners too small for the map's scale (listed under it, and in the table)."""
        drawn = {shape.code for shape in world_shapes().shapes}
        return [entry for entry in self.countries if entry.partner.code not in drawn]


def available_modes(user: Any) -> dict[str, Any]:
    """The modes `user` may colour by: contact coverage and casework only for roles that
    see contact points and cases."""
    modes = dict(MODES)
    if not user.has_perm("contacts.view_contactpoint"):
        modes.pop("contacts")
    if not user.has_perm("cases.view_exchange"):
        modes.pop("exchanges")
    return modes


def _real_partners(region: Region | None) -> list[Partner]:
    from liaison.contacts.models import DEMO_PARTNER_NOTE

    partners = Partner.objects.exclude(description=DEMO_PARTNER_NOTE).order_by("name")
    if region is not None:
        partners = partners.filter(Q(regions=region) | ~Q(kind=PartnerKind.COUNTRY)).distinct()
    return list(partners)


def _transfer(partners: list[Partner], on: datetime.date) -> dict[int, tuple[str, str]]:
    from liaison.transfers.selectors import transfer_outlooks

    outlooks = transfer_outlooks(partners=partners, on=on)
    return {pk: (outlook.decision, outlook.route_label) for pk, outlook in outlooks.items()}


def _instrument(partners: list[Partner], on: datetime.date) -> dict[int, tuple[str, str]]:
    from liaison.transfers.selectors import partners_instruments

    found: dict[int, tuple[str, str]] = {}
    for pk, instruments in partners_instruments(partners=partners).items():
        best, title = "none", ""
        for instrument in instruments:
            if instrument.status_on(on) != InstrumentStatus.IN_FORCE:
                continue
            strength = _STRENGTH.get(instrument.type, "none")
            if _STRENGTH_ORDER.index(strength) < _STRENGTH_ORDER.index(best):
                best, title = strength, instrument.title
        found[pk] = (best, title)
    return found


def _mandate(partners: list[Partner], on: datetime.date) -> dict[int, tuple[str, str]]:
    from liaison.transfers.selectors import partners_instruments

    found: dict[int, tuple[str, str]] = {}
    for pk, instruments in partners_instruments(partners=partners).items():
        found[pk] = ("none", "")
        for instrument in instruments:
            mandated = any(
                event.kind == EventKind.MANDATE and event.date is not None and event.date <= on
                for event in instrument.events.all()
            )
            if mandated and instrument.status_on(on) == InstrumentStatus.NEGOTIATING:
                found[pk] = ("mandate", instrument.title)
    return found


def _contacts(partners: list[Partner], on: datetime.date) -> dict[int, tuple[str, str]]:
    from liaison.contacts.models import ContactPoint, demo_email_q

    # Appointed by then and not ended by then, whatever the status says today.
    counts = dict(
        ContactPoint.objects.filter(partner__in=partners, appointed_on__lte=on)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=on))
        .exclude(demo_email_q())
        .order_by()
        .values_list("partner")
        .annotate(count=Count("pk"))
    )
    return {
        partner.pk: ("covered", "") if counts.get(partner.pk) else ("none", "")
        for partner in partners
    }


def _exchanges(partners: list[Partner], on: datetime.date) -> dict[int, tuple[str, str]]:
    from liaison.cases.models import Exchange

    start = on - datetime.timedelta(days=365)
    counts = dict(
        Exchange.objects.real()
        .filter(partner__in=partners, sent_on__gt=start, sent_on__lte=on)
        .order_by()
        .values_list("partner")
        .annotate(count=Count("pk"))
    )
    found = {}
    for partner in partners:
        count = counts.get(partner.pk, 0)
        category = (
            "high" if count >= 100 else "medium" if count >= 10 else "low" if count else "none"
        )
        found[partner.pk] = (category, str(count))
    return found


_COMPUTE = {
    "transfer": _transfer,
    "instrument": _instrument,
    "mandate": _mandate,
    "contacts": _contacts,
    "exchanges": _exchanges,
}


# The colourings read from instruments, their events and sources: asking the engine about
# every partner costs a few hundred milliseconds, so the answers are kept until the register
# changes (any new change-history entry) or for a minute at most (a change committed late
# by a slow transaction, with an older entry number, is then seen within the minute).
_CACHED_MODES = frozenset({"transfer", "instrument", "mandate"})
CACHE_SECONDS = 60


def _register_version() -> str:
    """The newest change-history entry: its number and time (a number alone could be
    given again after a rolled-back transaction, on SQLite)."""
    from auditlog.models import LogEntry

    newest = LogEntry.objects.order_by("-pk").values_list("pk", "timestamp").first()
    return f"{newest[0]}@{newest[1].isoformat()}" if newest else "0"


def _states(mode: str, partners: list[Partner], on: datetime.date) -> dict[int, tuple[str, str]]:
    if mode not in _CACHED_MODES:
        return _COMPUTE[mode](partners, on)
    ids = ",".join(str(partner.pk) for partner in partners)
    digest = hashlib.sha256(ids.encode()).hexdigest()[:16]
    key = f"world-map:{mode}:{on.isoformat()}:{_register_version()}:{digest}"
    found = cache.get(key)
    if found is None:
        found = _COMPUTE[mode](partners, on)
        cache.set(key, found, CACHE_SECONDS)
    return dict(found)


def world_map(*, mode: str, on: datetime.date, region: Region | None = None) -> WorldMap:
    """Every real partner (demo ones left out) in one category of `mode` on `on`; countries
    of `region` only, when given (organisations and networks are always listed)."""
    everyone = _real_partners(region)
    partners = [partner for partner in everyone if partner.kind in _ASKED_KINDS]
    states = _states(mode, partners, on)
    labels = CATEGORIES[mode]
    countries, others = [], []
    for partner in partners:
        category, detail = states[partner.pk]
        entry = MapEntry(partner, category, str(labels[category]), detail)
        (countries if partner.kind == PartnerKind.COUNTRY else others).append(entry)
    member_states = [
        MapEntry(partner, "eu", str(_("EU Member State")))
        for partner in everyone
        if partner.kind == PartnerKind.MEMBER_STATE
    ]
    counted = Counter(entry.category for entry in countries)
    return WorldMap(
        mode=mode,
        mode_label=str(MODES[mode]),
        on=on,
        countries=countries,
        others=others,
        legend=[(key, str(label), counted[key]) for key, label in labels.items()],
        region=region,
        member_states=member_states,
    )


@dataclass
class MapChoice:
    """What the map's form asked for, read leniently: a bad value is set aside with a
    message (shown by the form's field) and the default used."""

    mode: str
    on: datetime.date
    modes: dict[str, Any]
    first_year: int
    this_year: int
    errors: dict[str, str] = field(default_factory=dict)


def map_choice(*, params: Any, user: Any) -> MapChoice:
    """The mode and date from a query string (`colour`, `on`, `year`). The year slider wins
    when it names another year than the date field (it was moved, without script); else
    the date field, to the day."""
    from liaison.core.dates import today

    modes = available_modes(user)
    errors: dict[str, str] = {}
    now = today()
    mode = params.get("colour") or DEFAULT_MODE
    if mode not in modes:
        errors["colour"] = str(_("Choose one of the colourings offered."))
        mode = DEFAULT_MODE
    on = now
    raw = (params.get("on") or "").strip()
    if raw:
        try:
            on = datetime.date.fromisoformat(raw)
        except ValueError:
            errors["on"] = str(_("Write the date as YYYY-MM-DD."))
    if not datetime.date(FIRST_YEAR, 1, 1) <= on <= now:
        errors["on"] = str(
            _("Choose a date between %(first)s and today.")
            % {"first": datetime.date(FIRST_YEAR, 1, 1).isoformat()}
        )
        on = now
    # `shown`: the date the page showed. The date field was changed when it differs; else
    # the slider was moved when its year differs from that date's.
    try:
        shown = datetime.date.fromisoformat(params.get("shown") or "")
    except ValueError:
        shown = None
    # Only ASCII digits of a year's length: "²⁰¹⁹" or 5,000 digits are set aside.
    year = whole_number(params.get("year"), digits=4)
    date_changed = bool(raw) and shown is not None and raw != shown.isoformat()
    if (
        not date_changed
        and year is not None
        and FIRST_YEAR <= year <= now.year
        and year != (shown or on).year
    ):
        on = now if year == now.year else datetime.date(year, 1, 1)
    return MapChoice(mode, on, modes, FIRST_YEAR, now.year, errors)


def map_context(
    *, params: Any, user: Any, action: str, region: Region | None = None
) -> dict[str, Any]:
    """What `partners/includes_world_map.html` needs: the map on the date and in the mode
    the query string asks for; `action`, the page the form goes back to without script."""
    choice = map_choice(params=params, user=user)
    return {
        "map_choice": choice,
        "map_action": action,
        "world_map": world_map(mode=choice.mode, on=choice.on, region=region),
    }
