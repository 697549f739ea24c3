from __future__ import annotations

import datetime
from typing import Any

import django_filters
from django import forms
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import BooleanField, Exists, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import ExtractDay, ExtractMonth
from django.utils.translation import gettext_lazy as _

from liaison.core.dates import date_within_bounds
from liaison.core.views import CappedCountPaginator
from liaison.engagements.choices import EngagementKind
from liaison.engagements.models import Engagement, Project
from liaison.partners.models import Partner
from liaison.strategy.models import KeyAction


class EngagementFilterSet(django_filters.FilterSet):
    search = django_filters.CharFilter(
        method="filter_search",
        label=_("Search"),
        help_text=_("Words in the title, place or outcomes."),
    )
    kind = django_filters.MultipleChoiceFilter(
        widget=forms.CheckboxSelectMultiple, choices=EngagementKind.choices, label=_("Kind")
    )
    partner = django_filters.CharFilter(
        method="filter_partner",
        label=_("Partner code"),
        help_text=_("Involved or co-organising, e.g. RS or WACAP."),
    )
    project = django_filters.ModelChoiceFilter(
        queryset=Project.objects.order_by("name"), to_field_name="key", label=_("Project")
    )
    key_action = django_filters.ModelChoiceFilter(
        field_name="key_actions",
        queryset=KeyAction.objects.select_related("priority").order_by(
            "priority__number", "number"
        ),
        to_field_name="key",
        label=_("Key action served"),
    )
    date_from = django_filters.DateFilter(
        method="filter_dates",
        validators=[date_within_bounds],
        label=_("From"),
        help_text=_("Ending on or after this day (YYYY-MM-DD)."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        method="filter_dates",
        validators=[date_within_bounds],
        label=_("Until"),
        help_text=_("Starting on or before this day (YYYY-MM-DD)."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = Engagement
        fields = ["search", "kind", "partner", "project", "key_action", "date_from", "date_to"]

    def filter_search(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        for word in value.split()[:10]:
            queryset = queryset.filter(
                Q(title__icontains=word) | Q(place__icontains=word) | Q(outcomes__icontains=word)
            )
        return queryset

    def filter_partner(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        # An engagement shows once however it involves the partner. Two plans, chosen by
        # how many engagements the partner has (counted from its links, by index alone):
        # - a busy partner (and no other filter): the engagements are walked newest first
        #   (their index) and each is checked against the partner's links (one probe of
        #   the link index each), so a page stops after about a page of rows instead of
        #   sorting all of the partner's engagements; its number comes from the links;
        # - otherwise the partner's links are read (their index) and only those
        #   engagements sorted: few rows, or narrowed further by the other filters.
        partner = list(
            Partner.objects.filter(code__iexact=value.strip()).values_list("pk", flat=True)
        )
        if len(partner) == 1 and connection.vendor == "postgresql" and self._only_filter(name):
            # Counted as far as the lists count (their paginators' cap).
            involved = partner_engagement_count(partner[0], cap=CappedCountPaginator.cap)
            if involved >= BUSY_PARTNER:
                # Read by the list views instead of counting the rows again.
                setattr(self.request, KNOWN_COUNT_ATTRIBUTE, involved)
                if self._page_number() <= PROBED_PAGES:
                    return queryset.filter(_probes_links(partner[0]))
                # Deeper pages walk further: the partner's links are read once into a
                # hash (PostgreSQL's choice for these EXISTS) rather than probed per row.
                links = Engagement.partners.through.objects.filter(
                    partner_id=partner[0], engagement=OuterRef("pk")
                )
                co_organised = Engagement.co_organisers.through.objects.filter(
                    partner_id=partner[0], engagement=OuterRef("pk")
                )
                return queryset.filter(Exists(links) | Exists(co_organised))
        involved_links = (
            Engagement.partners.through.objects.filter(partner_id__in=partner)
            .values("engagement_id")
            .union(
                Engagement.co_organisers.through.objects.filter(partner_id__in=partner).values(
                    "engagement_id"
                )
            )
        )
        return queryset.filter(pk__in=involved_links)

    def _page_number(self) -> int:
        """The page asked for (the web list and the API both name it `page`)."""
        value = self.request.GET.get("page", "1") if self.request is not None else "1"
        return int(value) if str(value).isdigit() else 1

    def _only_filter(self, name: str) -> bool:
        """Whether `name` is the only filter given a value."""
        data = self.form.cleaned_data
        return all(field == name or data.get(field) in (None, "", []) for field in data)

    def filter_dates(self, queryset: QuerySet[Any], name: str, value: Any) -> QuerySet[Any]:
        return queryset  # both dates are applied together in filter_queryset

    def filter_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        queryset = super().filter_queryset(queryset)
        start, end = self.form.cleaned_data.get("date_from"), self.form.cleaned_data.get("date_to")
        if start is None and end is None:
            return queryset
        return queryset.filter(dated_between(start, end))


# A partner with at least this many engagements is read by walking the engagements newest
# first (see `filter_partner`); the capped count of the lists is the same as theirs.
BUSY_PARTNER = 2_000
# Up to this page, each engagement walked is checked by a probe of the link index (a
# page costs about page x 50 / share-of-the-partner probes); beyond, the links are hashed.
PROBED_PAGES = 10
KNOWN_COUNT_ATTRIBUTE = "engagement_count_known"


def partner_engagement_count(partner_id: int, *, cap: int) -> int:
    """How many engagements involve or are co-organised by the partner, exact up to `cap`
    (and `cap` + 1 beyond): its links as partner, then its co-organised engagements not
    already among them, each read from a link index alone and stopping at the cap. Two
    queries."""
    links = Engagement.partners.through.objects
    involved = links.filter(partner_id=partner_id).order_by().values("engagement_id")[: cap + 1]
    co_organised = (
        Engagement.co_organisers.through.objects.filter(partner_id=partner_id)
        .exclude(
            Exists(links.filter(partner_id=partner_id, engagement_id=OuterRef("engagement_id")))
        )
        .order_by()
        .values("engagement_id")[: cap + 1]
    )
    count = involved.count() + co_organised.count()
    return min(int(count), cap + 1)


def with_known_count(paginator: Paginator, request: Any) -> Paginator:
    """The paginator, given the count the partner filter already read, if it did (a
    capped paginator's count then costs no query)."""
    known = getattr(request, KNOWN_COUNT_ATTRIBUTE, None)
    if known is not None:
        paginator.__dict__["count"] = min(known, getattr(paginator, "cap", known) + 1)
    return paginator


def _probes_links(partner_id: int) -> RawSQL:
    """The engagement involves or is co-organised by the partner, checked for each row by
    a probe of the link indexes. (OFFSET 0 keeps PostgreSQL from reading every link of the
    partner into a hash first, which costs as much as the partner has engagements.)"""
    return RawSQL(
        "EXISTS (SELECT 1 FROM engagements_engagement_partners l "
        'WHERE l.engagement_id = "engagements_engagement"."id" AND l.partner_id = %s '
        "OFFSET 0) OR EXISTS (SELECT 1 FROM engagements_engagement_co_organisers c "
        'WHERE c.engagement_id = "engagements_engagement"."id" AND c.partner_id = %s '
        "OFFSET 0)",
        (partner_id, partner_id),
        output_field=BooleanField(),
    )


def dated_between(start: datetime.date | None, end: datetime.date | None) -> Q:
    """Engagements that take place between `start` and `end` (either may be open): a one-off
    one overlaps the range; a yearly one began by `end` and has a day inside the range."""
    once = Q(recurs_yearly=False)
    yearly = Q(recurs_yearly=True)
    if start is not None:
        once &= Q(end_date__gte=start) | Q(end_date__isnull=True, start_date__gte=start)
    if end is not None:
        once &= Q(start_date__lte=end)
        yearly &= Q(start_date__lte=end)
    if start is not None and end is not None and (end - start).days < 365:
        # Compare the day of the year as month * 100 + day, across New Year if need be.
        first, last = start.month * 100 + start.day, end.month * 100 + end.day
        day = Q(yearly_day__gte=first) & Q(yearly_day__lte=last)
        if first > last:
            day = Q(yearly_day__gte=first) | Q(yearly_day__lte=last)
        yearly_ids = (
            Engagement.objects.filter(yearly)
            .annotate(yearly_day=ExtractMonth("start_date") * 100 + ExtractDay("start_date"))
            .filter(day)
            .values("pk")
        )
        yearly = Q(pk__in=yearly_ids)
    return once | yearly
