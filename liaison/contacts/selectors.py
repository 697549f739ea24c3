"""Reads of the contact-point network: the channels to a partner, contact activity, coverage."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet, Sum
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from liaison.contacts.channel_ranking import Offer, in_rank_order
from liaison.contacts.choices import ChannelKind, ContactPointStatus, OfficerKind
from liaison.contacts.models import (
    DEMO_PARTNER_NOTE,
    ContactPoint,
    LiaisonOfficer,
    PartnerInteractionDay,
    activity_level,
    activity_window,
    demo_email_q,
    demo_interaction_q,
)
from liaison.contacts.services import guide_language
from liaison.partners.choices import PartnerKind
from liaison.partners.models import Partner, Region
from liaison.transfers.selectors import TransferOutlook, transfer_outlook

# A channel names its longest-appointed contact points, then links to the list of all of
# them: a partner with hundreds would otherwise fill the page, the API answer and the
# access log.
CHANNEL_CONTACTS_SHOWN = 10

# The strategy's baseline: contact points "in more than 70 countries" (seed 002, Priority 3).
STRATEGY_CONTACT_POINT_BASELINE = 70
INTERPOL_CODE = "INTERPOL"


@dataclass
class Channel:
    """One way to reach a partner's authorities: why it applies and what it may carry."""

    rank: int
    kind: str
    organisation: str
    why: str
    outlook: TransferOutlook | None
    carries: str
    fallback: bool = False
    via: Partner | None = None
    contacts: list[Any] = field(default_factory=list)
    contacts_total: int | None = None
    # Whose active contact points the channel names (for the link to all of them).
    contacts_of: Partner | None = None

    def __post_init__(self) -> None:
        if self.contacts_total is None:
            self.contacts_total = len(self.contacts)

    @property
    def contacts_more(self) -> int:
        """How many of its contact points the channel does not name."""
        return (self.contacts_total or 0) - len(self.contacts)

    @property
    def kind_label(self) -> str:
        return str(ChannelKind(self.kind).label)

    def to_dict(self, *, show_contacts: bool, list_url: str | None = None) -> dict[str, Any]:
        """The channel for the API; `list_url`, when the channel names only some of its
        contact points, is where the paginated list of all of them is."""
        return {
            "rank": self.rank,
            "kind": self.kind,
            "kind_label": self.kind_label,
            "organisation": self.organisation,
            "why": self.why,
            "fallback": self.fallback,
            "via": {"code": self.via.code, "name": self.via.name} if self.via else None,
            "carries": self.carries,
            "operational_personal_data": self.outlook.to_dict() if self.outlook else None,
            "contacts": [contact_dict(contact) for contact in self.contacts]
            if show_contacts
            else None,
            "contacts_total": self.contacts_total,
            "contacts_more": self.contacts_more,
            # No link a caller who may not see contact points could not follow.
            "all_contacts": list_url if self.contacts_more and show_contacts else None,
        }

    @property
    def contacts_list_query(self) -> str | None:
        """The query of the contact-point list that holds all of the channel's ones."""
        if self.contacts_of is None:
            return None
        return urlencode({"partner": self.contacts_of.code, "status": ContactPointStatus.ACTIVE})


def contact_dict(contact: Any) -> dict[str, Any]:
    """A contact point's or liaison officer's details, for those who may see them."""
    if isinstance(contact, ContactPoint):
        return {
            "id": contact.pk,
            "name": contact.name,
            "mailbox": contact.is_mailbox,
            "role": contact.role,
            "organisation": contact.organisation,
            "email": contact.email,
            "phone": contact.phone,
            "languages": contact.languages,
            "guide_language": guide_language(contact_point=contact),
            "activity": getattr(contact, "activity", None),
            # Deprecated alias of "activity" (its name until the rename), kept for clients.
            "engagement": getattr(contact, "activity", None),
            "last_interaction": _iso(getattr(contact, "last_interaction", None)),
        }
    return {
        "id": contact.pk,
        "name": contact.name,
        "mailbox": False,
        "role": contact.get_kind_display(),
        "organisation": "",
        "email": contact.email,
        "phone": contact.phone,
        "languages": [],
        "guide_language": None,
        "activity": None,
        "engagement": None,
        "last_interaction": None,
        "serving_since": _iso(contact.started_on),
    }


def _iso(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def _carries(outlook: TransferOutlook) -> str:
    return outlook.summary


def _organisations(contacts: list[ContactPoint]) -> str:
    return "; ".join(dict.fromkeys(contact.organisation for contact in contacts))


def channels_for(
    *, partner: Partner, on: datetime.date, contacts_limit: int | None = None
) -> list[Channel]:
    """The ways to reach `partner`'s authorities on `on`, in the order channels.yaml ranks
    them: its liaison prosecutor at the agency, the agency's contact points there, contact
    points of the networks it belongs to, a liaison magistrate posted there; otherwise the
    EU delegation or Interpol as a fallback.

    A constant number of queries, whatever the number of contact points and interactions
    (one outlook more per network that has a contact point). With `contacts_limit`, each
    channel names only its first contact points (the longest appointed), and
    `contacts_total` says how many it has."""
    offers: dict[str, Offer] = {}
    if partner.kind == PartnerKind.MEMBER_STATE:
        offers[ChannelKind.NATIONAL_MEMBER] = lambda: [
            {
                "organisation": _("National desk of %(name)s at the agency")
                % {"name": partner.name_in_sentence},
                "why": _("An EU Member State is represented at the agency by its National Member."),
                "outlook": None,
                "carries": _("Within the EU: no third-country transfer rules apply (Art. 56)."),
            }
        ]
        return _ranked(offers)
    outlook = transfer_outlook(partner=partner, on=on)
    officers = list(
        LiaisonOfficer.objects.serving(on)
        .filter(partner=partner)
        .select_related("partner")
        .order_by("started_on", "pk")
    )
    own = ContactPoint.objects.active().filter(partner=partner)
    own_contacts = list(
        own.select_related("partner").order_by("appointed_on", "pk")[:contacts_limit]
    )
    own_total = own.count() if contacts_limit is not None else len(own_contacts)
    network_contacts = (
        ContactPoint.objects.active().select_related("partner").order_by("appointed_on", "pk")
    )
    networks = list(
        partner.networks.filter(kind=PartnerKind.JUDICIAL_NETWORK)
        .annotate(
            active_total=Count(
                "contact_points",
                filter=Q(contact_points__status=ContactPointStatus.ACTIVE),
            )
        )
        .order_by("name")
        .prefetch_related(
            Prefetch(
                "contact_points",
                queryset=network_contacts[:contacts_limit],
                to_attr="active_contact_points",
            )
        )
    )
    # Their activity from the window's interactions of these contact points only.
    contacts_activity(
        own_contacts
        + [
            contact
            for network in networks
            for contact in network.active_contact_points  # type: ignore[attr-defined]
        ],
        on=on,
    )

    prosecutors = [o for o in officers if o.kind == OfficerKind.LIAISON_PROSECUTOR]
    magistrates = [o for o in officers if o.kind == OfficerKind.LIAISON_MAGISTRATE]
    if prosecutors:
        offers[ChannelKind.LIAISON_PROSECUTOR] = lambda: [
            {
                "organisation": _("Liaison prosecutor of %(name)s at the agency")
                % {"name": partner.name_in_sentence},
                "why": capfirst(
                    _(
                        "%(name)s has seconded a liaison prosecutor to the agency (Art. 54a): "
                        "the fastest way in, on the agency's premises."
                    )
                    % {"name": partner.name_in_sentence}
                ),
                "outlook": outlook,
                "carries": _carries(outlook),
                "contacts": prosecutors,
            }
        ]
    if own_contacts:
        offers[ChannelKind.CONTACT_POINT] = lambda: [
            {
                "organisation": _organisations(own_contacts),
                "why": _(
                    "Appointed by %(body)s as the agency's contact point for %(name)s "
                    "(Art. 52(3)); a contact point carries no data-exchange right of its own."
                )
                % {"body": own_contacts[0].appointing_body, "name": partner.name_in_sentence},
                "outlook": outlook,
                "carries": _carries(outlook),
                "contacts": own_contacts,
                "contacts_total": own_total,
                "contacts_of": partner,
            }
        ]
    reaching = [network for network in networks if network.active_contact_points]  # type: ignore[attr-defined]
    if reaching:
        offers[ChannelKind.NETWORK_CONTACT_POINT] = lambda: [
            _network_channel(partner=partner, network=network, on=on) for network in reaching
        ]
    if magistrates:
        offers[ChannelKind.LIAISON_MAGISTRATE] = lambda: [
            {
                "organisation": _("The agency's liaison magistrate in %(name)s")
                % {"name": partner.name_in_sentence},
                "why": _(
                    "The agency has posted a liaison magistrate to %(name)s under its working "
                    "arrangement (Art. 53)."
                )
                % {"name": partner.name_in_sentence},
                "outlook": outlook,
                "carries": _carries(outlook),
                "contacts": magistrates,
            }
        ]
    if partner.kind == PartnerKind.COUNTRY:
        offers[ChannelKind.EU_DELEGATION] = lambda: [
            {
                "organisation": _("EU delegation to %(name)s (EEAS)")
                % {"name": partner.name_in_sentence},
                "why": _(
                    "Fallback: no liaison prosecutor, contact point, network contact point or "
                    "liaison magistrate is recorded for %(name)s. The EU delegation can name "
                    "the competent authority."
                )
                % {"name": partner.name_in_sentence},
                "outlook": None,
                "carries": _(
                    "Contacts and non-personal information only: an EU delegation is not a "
                    "recipient of operational personal data."
                ),
            }
        ]
        offers[ChannelKind.INTERPOL] = lambda: [_interpol_channel(partner=partner, on=on)]
    return _ranked(offers)


def _ranked(offers: dict[str, Offer]) -> list[Channel]:
    return [
        Channel(rank=number, kind=rule.kind, fallback=rule.fallback, **fields)
        for number, (rule, fields) in enumerate(in_rank_order(offers), start=1)
    ]


def _network_channel(*, partner: Partner, network: Partner, on: datetime.date) -> dict[str, Any]:
    contacts = network.active_contact_points  # type: ignore[attr-defined]
    network_outlook = transfer_outlook(partner=network, on=on)
    return {
        "organisation": _organisations(contacts),
        "why": capfirst(
            _(
                "%(country)s is a member of %(network)s, whose contact point for the agency "
                "can reach its members."
            )
            % {"country": partner.name_in_sentence, "network": network.name_in_sentence}
        ),
        "outlook": network_outlook,
        "carries": _("To the network: %(answer)s") % {"answer": network_outlook.summary},
        "via": network,
        "contacts": contacts,
        "contacts_total": network.active_total,  # type: ignore[attr-defined]
        "contacts_of": network,
    }


def _interpol_channel(*, partner: Partner, on: datetime.date) -> dict[str, Any]:
    interpol = Partner.objects.filter(code=INTERPOL_CODE).first()
    interpol_outlook = transfer_outlook(partner=interpol, on=on) if interpol else None
    return {
        "organisation": _("Interpol, through the national central bureau of %(name)s")
        % {"name": partner.name_in_sentence},
        "why": _("Fallback: Interpol's network reaches the police of almost every country."),
        "outlook": interpol_outlook,
        "carries": _("To Interpol: %(answer)s") % {"answer": interpol_outlook.summary}
        if interpol_outlook
        else _("Interpol is not in the register: no assessment can be made."),
        "via": interpol,
    }


def contacts_activity(contacts: list[ContactPoint], *, on: datetime.date) -> None:
    """Sets `recent_interactions`, `last_interaction` and `activity` on each of `contacts`
    as `ContactPointQuerySet.with_activity` computes them (demo interactions counted),
    reading only their interactions: those of the window in one query (the window in WHERE),
    and the last before the window only for those silent in it. Two queries at most."""
    if not contacts:
        return
    through = ContactPoint.interactions.through
    start, end = activity_window(on)
    ids = [contact.pk for contact in contacts]
    recent = {
        pk: (count, last)
        for pk, count, last in through.objects.filter(
            contactpoint_id__in=ids, interaction__date__gt=start, interaction__date__lte=end
        )
        .order_by()
        .values("contactpoint_id")
        .annotate(recent=Count("interaction", distinct=True), last=Max("interaction__date"))
        .values_list("contactpoint_id", "recent", "last")  # type: ignore[misc]
    }
    silent = [pk for pk in ids if pk not in recent]
    before: dict[int, datetime.date] = {}
    if silent:
        before = dict(
            through.objects.filter(contactpoint_id__in=silent, interaction__date__lte=start)
            .order_by()
            .values("contactpoint_id")
            .annotate(last=Max("interaction__date"))
            .values_list("contactpoint_id", "last")  # type: ignore[misc]
        )
    for contact in contacts:
        count, last = recent.get(contact.pk, (0, before.get(contact.pk)))
        contact.recent_interactions = count  # type: ignore[attr-defined]
        contact.last_interaction = last  # type: ignore[attr-defined]
        contact.activity = activity_level(count)  # type: ignore[attr-defined]


def channel_contacts(channels: list[Channel]) -> list[Any]:
    """Every contact point and liaison officer the channels name: what a read logs."""
    return [contact for channel in channels for contact in channel.contacts]


def contact_point_activity(
    *, on: datetime.date, include_demo: bool = True
) -> QuerySet[ContactPoint]:
    """Active contact points with their contact activity on `on` (without the demo ones unless
    `include_demo`)."""
    contact_points = ContactPoint.objects.active()
    if not include_demo:
        contact_points = contact_points.real()
    return (
        contact_points.select_related("partner")
        .with_activity(on)
        .order_by("partner__name", "name", "pk")
    )


def _window_counts(
    through: Any, key: str, on: datetime.date, *, include_demo: bool = False
) -> dict[int, tuple[int, Any]]:
    """(interactions in the window, the last of them) by `key`, read from the interactions
    of the window only: the window is in WHERE, where the index on the date serves it.
    Demo interactions are left out unless `include_demo`."""
    start, end = activity_window(on)
    window = through.objects.filter(interaction__date__gt=start, interaction__date__lte=end)
    if not include_demo:
        window = window.exclude(demo_interaction_q("interaction__"))
    rows = (
        window.order_by()
        .values(key)
        .annotate(recent=Count("interaction", distinct=True), last=Max("interaction__date"))
        .values_list(key, "recent", "last")
    )
    return {row[0]: (row[1], row[2]) for row in rows}


def partner_activity(*, on: datetime.date, include_demo: bool = False) -> list[Partner]:
    """Partners that have an active contact point, with their contact activity:
    `recent_interactions`, `activity` and `last_interaction` (the last in the window, None
    if none). Summed from the per-partner daily counts of the window (a covering index),
    not from the interactions. Demo contact points and interactions are left out unless
    `include_demo`."""
    contact_points = ContactPoint.objects.active()
    if not include_demo:
        contact_points = contact_points.real()
    has_contact_point = contact_points.filter(partner=OuterRef("pk"))
    # Only what the tables show: the name and the code (for the link).
    partners = list(
        Partner.objects.filter(Exists(has_contact_point)).only("code", "name").order_by("name")
    )
    start, end = activity_window(on)
    days = PartnerInteractionDay.objects.filter(date__gt=start, date__lte=end, interactions__gt=0)
    if not include_demo:
        days = days.filter(demo=False)
    counts = {
        pk: (recent, last)
        for pk, recent, last in days.order_by()
        .values("partner_id")
        .annotate(recent=Sum("interactions"), last=Max("date"))
        .values_list("partner_id", "recent", "last")
    }
    for partner in partners:
        recent, last = counts.get(partner.pk, (0, None))
        partner.recent_interactions = recent  # type: ignore[attr-defined]
        partner.last_interaction = last  # type: ignore[attr-defined]
        partner.activity = activity_level(recent)  # type: ignore[attr-defined]
    return partners


# The contact activity page names the partners most in need of contact, then links to
# the list of all of them (a large register has about 240 partners with a contact point).
PARTNERS_IN_NEED_SHOWN = 10
PARTNER_ACTIVITY_PAGE_SIZE = 50


def _most_in_need(partner: Partner) -> tuple[int, datetime.date, str]:
    # Fewest interactions in the window first; then the longest silent (none in the
    # window before any date); then by name.
    last = partner.last_interaction or datetime.date.min  # type: ignore[attr-defined]
    return partner.recent_interactions, last, partner.name  # type: ignore[attr-defined]


def _most_active(partner: Partner) -> tuple[int, str]:
    return -partner.recent_interactions, partner.name  # type: ignore[attr-defined]


def _latest_first(partner: Partner) -> tuple[int, str]:
    last = partner.last_interaction or datetime.date.min  # type: ignore[attr-defined]
    return -last.toordinal(), partner.name


# How the list of partners' contact activity can be sorted: `?sort=` value -> (label,
# key). Ties fall back to the partner's name.
PARTNER_ACTIVITY_SORTS: dict[str, tuple[Any, Callable[[Partner], Any]]] = {
    "need": (gettext_lazy("most in need of contact first"), _most_in_need),
    "name": (gettext_lazy("partner name"), lambda partner: partner.name),
    "recent": (gettext_lazy("most interactions in the window first"), _most_active),
    "last": (gettext_lazy("latest interaction first"), _latest_first),
}
PARTNER_ACTIVITY_DEFAULT_SORT = "need"


def partner_activity_sorted(
    *, on: datetime.date, sort: str | None = None, include_demo: bool = False
) -> tuple[list[Partner], str]:
    """`partner_activity` in the order `sort` names (most in need of contact first when
    it names none known), with the sort applied."""
    chosen = sort if sort in PARTNER_ACTIVITY_SORTS else PARTNER_ACTIVITY_DEFAULT_SORT
    key = PARTNER_ACTIVITY_SORTS[chosen][1]
    partners = sorted(partner_activity(on=on, include_demo=include_demo), key=key)
    return partners, chosen


DUE_PAGE_SIZE = 50


class _DueOrder:
    """The active contact points in the order of who is due for contact, as the paginator
    reads them: those silent in the window (by appointment), then the others (by their last
    interaction), each part read by its own index on the active contact points, a slice at
    a time."""

    def __init__(self, contact_points: QuerySet[ContactPoint], start: datetime.date) -> None:
        silent = Q(last_interaction_on__isnull=True) | Q(last_interaction_on__lte=start)
        self.silent = contact_points.filter(silent).order_by("appointed_on", "pk")
        self.heard = contact_points.filter(last_interaction_on__gt=start).order_by(
            "last_interaction_on", "appointed_on", "pk"
        )
        self._silent_count: int | None = None

    def silent_count(self) -> int:
        if self._silent_count is None:
            self._silent_count = self.silent.count()
        return self._silent_count

    def count(self) -> int:
        return self.silent_count() + self.heard.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list[int]:
        low, high = window.start or 0, window.stop
        assert high is not None, "read a slice of the order, not all of it"
        split = self.silent_count()
        ids: list[int] = []
        if low < split:
            ids += self.silent.values_list("pk", flat=True)[low : min(high, split)]
        if high > split:
            ids += self.heard.values_list("pk", flat=True)[max(low - split, 0) : high - split]
        return ids


def due_for_contact(
    *,
    on: datetime.date,
    page: int | str | None = 1,
    per_page: int = DUE_PAGE_SIZE,
    include_demo: bool = False,
) -> Page[Any]:
    """A page of the active contact points due for contact: those without an interaction in
    the window first (the longest appointed first), then the longest silent. The order reads
    `last_interaction_on` (kept on each contact point), never the interactions; then each
    contact point of the page has `recent_interactions`, `activity` and `last_interaction`
    (the last up to `on`), read from its own interactions only. Demo contact points (and in
    the page's figures, demo interactions) are left out unless `include_demo`."""
    start, end = activity_window(on)
    contact_points = ContactPoint.objects.active()
    if not include_demo:
        contact_points = contact_points.real()
    paginator: Paginator[int] = Paginator(_DueOrder(contact_points, start), per_page)  # type: ignore[arg-type]
    shown = paginator.get_page(page)
    ids = list(shown.object_list)
    by_pk = ContactPoint.objects.select_related("partner").in_bulk(ids)
    links = ContactPoint.interactions.through.objects.filter(
        contactpoint_id__in=ids, interaction__date__lte=end
    )
    if not include_demo:
        links = links.exclude(demo_interaction_q("interaction__"))
    figures = {
        pk: (recent, last)
        for pk, recent, last in links.order_by()
        .values("contactpoint_id")
        .annotate(
            recent=Count("interaction", filter=Q(interaction__date__gt=start), distinct=True),
            last=Max("interaction__date"),
        )
        .values_list("contactpoint_id", "recent", "last")  # type: ignore[misc]
    }
    contacts = []
    for pk in ids:
        contact = by_pk[pk]
        recent, last = figures.get(pk, (0, None))
        contact.recent_interactions = recent  # type: ignore[attr-defined]
        contact.last_interaction = last  # type: ignore[attr-defined]
        contact.activity = activity_level(recent)  # type: ignore[attr-defined]
        contacts.append(contact)
    shown.object_list = contacts  # type: ignore[assignment]
    return shown


@dataclass
class RegionCoverage:
    name: str
    covered: list[Partner]
    uncovered: list[Partner]


@dataclass
class Coverage:
    countries_covered: int
    baseline: int
    regions: list[RegionCoverage]
    priority_without: list[Partner]
    networks_without: list[Partner]


def coverage(*, include_demo: bool = False) -> Coverage:
    """Which countries have an active contact point, by region, against the strategy's 70+;
    the strategy's priority countries (those with an instrument in the register) without one;
    networks that have appointed none. Demo contact points and the demo partners added for
    them are left out unless `include_demo`."""
    active = ContactPoint.objects.filter(partner=OuterRef("pk"), status=ContactPointStatus.ACTIVE)
    partners = Partner.objects.all()
    if not include_demo:
        active = active.exclude(demo_email_q())
        partners = partners.exclude(description=DEMO_PARTNER_NOTE)
    instruments = Partner.objects.filter(pk=OuterRef("pk"), instruments__isnull=False)
    countries = list(
        partners.filter(kind=PartnerKind.COUNTRY)
        .annotate(covered=Exists(active), priority=Exists(instruments))
        .prefetch_related(Prefetch("regions", queryset=Region.objects.order_by("name")))
        .order_by("name")
    )
    by_region: dict[str, RegionCoverage] = {}
    covered: dict[int, bool] = {country.pk: bool(country.covered) for country in countries}  # type: ignore[attr-defined]
    for country in countries:
        names = [region.name for region in country.regions.all()] or [_("No region recorded")]
        for name in names:
            entry = by_region.setdefault(name, RegionCoverage(name=name, covered=[], uncovered=[]))
            (entry.covered if covered[country.pk] else entry.uncovered).append(country)
    networks = list(
        partners.filter(kind=PartnerKind.JUDICIAL_NETWORK)
        .annotate(covered=Exists(active))
        .filter(covered=False)
        .order_by("name")
    )
    return Coverage(
        countries_covered=sum(covered.values()),
        baseline=STRATEGY_CONTACT_POINT_BASELINE,
        regions=sorted(by_region.values(), key=lambda entry: entry.name),
        priority_without=[
            country
            for country in countries
            if country.priority and not covered[country.pk]  # type: ignore[attr-defined]
        ],
        networks_without=networks,
    )
