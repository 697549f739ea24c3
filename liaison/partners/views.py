from __future__ import annotations

from typing import Any
from urllib.parse import urlencode, urlsplit

from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.generic import DetailView, TemplateView

from liaison.core.dates import today
from liaison.core.views import (
    AsOfMixin,
    ObjectDetailView,
    ObjectListView,
    PermissionRequiredMixin,
    is_htmx,
)
from liaison.instruments.choices import InstrumentStatus
from liaison.instruments.models import Instrument
from liaison.instruments.selectors import upcoming_deadlines
from liaison.journal.views import JournalMixin
from liaison.partners.choices import PartnerKind
from liaison.partners.filtersets import PartnerFilterSet
from liaison.partners.models import Partner, Region
from liaison.partners.selectors import partner_detail, partner_rows_attach, partner_timeline
from liaison.partners.world_map import map_context
from liaison.strategy.overview import overview
from liaison.strategy.selectors import current_strategy, strategy_progress


class HomeView(PermissionRequiredMixin, TemplateView):
    """The register at a glance: partners by kind, instruments by status today."""

    template_name = "partners/home.html"
    queryset = Partner.objects.all()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        kinds = dict(Partner.objects.values_list("kind").annotate(count=Count("pk")))
        statuses = dict(
            Instrument.objects.with_status().values_list("status").annotate(count=Count("pk"))
        )
        context["partner_kinds"] = [
            (value, label, kinds.get(value, 0)) for value, label in PartnerKind.choices
        ]
        context["instrument_statuses"] = [
            (value, label, statuses.get(value, 0)) for value, label in InstrumentStatus.choices
        ]
        context["partner_count"] = sum(kinds.values())
        context["deadlines"] = upcoming_deadlines()
        if context["partner_count"]:
            day = today()
            strategy = current_strategy()
            progress = strategy_progress(strategy=strategy, on=day) if strategy else None
            context["overview"] = overview(on=day, progress=progress)
            context.update(
                map_context(params=self.request.GET, user=self.request.user, action=reverse("home"))
            )
        return context


class WorldMapView(PermissionRequiredMixin, TemplateView):
    """The map alone (of the world, or of `?region=`): the fragment htmx swaps in when the
    colouring or the date changes, or a page of its own."""

    template_name = "partners/world_map.html"
    queryset = Partner.objects.all()

    def get_template_names(self) -> list[str]:
        if is_htmx(self.request):
            return ["partners/includes_world_map.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        code = self.request.GET.get("region") or ""
        # A NUL is in no region's code, and PostgreSQL refuses it in a query (DataError).
        region = Region.objects.filter(code=code).first() if code and "\x00" not in code else None
        action = (
            reverse("strategy:region_detail", args=[region.code])
            if region
            else reverse("partners:world_map")
        )
        context.update(
            map_context(
                params=self.request.GET, user=self.request.user, action=action, region=region
            )
        )
        return context

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().get(request, *args, **kwargs)
        patch_vary_headers(response, ["HX-Request"])
        if is_htmx(request):
            # The page's own address gets the choice, so that it can be reloaded or sent.
            page = urlsplit(request.headers.get("HX-Current-URL", "")).path or reverse("home")
            choice = response.context_data["map_choice"]  # type: ignore[attr-defined]
            query = urlencode({"colour": choice.mode, "on": choice.on.isoformat()})
            response["HX-Push-Url"] = f"{page}?{query}"
        return response


class PartnerListView(AsOfMixin, ObjectListView):
    queryset = Partner.objects.all()
    filterset_class = PartnerFilterSet
    template_name = "partners/partner_list.html"
    results_template_name = "partners/partner_results.html"

    def get_queryset(self) -> QuerySet[Partner]:
        # The page's regions and instruments are attached once it is cut (below).
        return Partner.objects.all()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        partner_rows_attach(list(context["object_list"]), on=self.as_of)
        return context


class PartnerDetailView(JournalMixin, AsOfMixin, ObjectDetailView):
    queryset = Partner.objects.all()
    slug_field = "code"
    slug_url_kwarg = "code"
    template_name = "partners/partner_detail.html"
    history_children = {"instruments.instrument": "partner"}
    journal_url_name = "partners:partner_journal_add"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        code = kwargs["code"]
        if code != code.upper():
            # Codes are upper case; /partners/tr/ is understood as /partners/TR/.
            url = reverse("partners:partner_detail", kwargs={"code": code.upper()})
            query = request.META.get("QUERY_STRING", "")
            return redirect(f"{url}?{query}" if query else url)
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[Partner]:
        return partner_detail(on=self.as_of)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["timeline"] = partner_timeline(partner=self.object)
        # The casework panel keeps the window asked for on the page (its form submits there).
        window = {
            name: self.request.GET[name]
            for name in ("casework_from", "casework_to")
            if name in self.request.GET
        }
        context["casework_query"] = urlencode(window)
        return context


class PartnerPanelView(PermissionRequiredMixin, DetailView):
    """One secondary panel of a partner's page (its channels, its casework): the page loads it
    with htmx once shown, and without JavaScript its link opens it as a page of its own. The
    panel checks permissions and logs the personal data it shows as it would inline."""

    queryset = Partner.objects.all()
    slug_field = "code"
    slug_url_kwarg = "code"
    context_object_name = "partner"
    panel = ""  # "channels" or "casework", set by the URL

    def get_template_names(self) -> list[str]:
        if is_htmx(self.request):
            return ["partners/includes_partner_panel.html"]
        return ["partners/partner_panel.html"]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["panel"] = self.panel
        return context

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        code = kwargs["code"]
        if code != code.upper():
            # As the page does: /partners/ng/channels/ is /partners/NG/channels/.
            name = request.resolver_match.view_name if request.resolver_match else ""
            url = reverse(name, kwargs={"code": code.upper()})
            query = request.META.get("QUERY_STRING", "")
            return redirect(f"{url}?{query}" if query else url)
        response = super().get(request, *args, **kwargs)
        # The same address gives a fragment or a whole page: caches must tell them apart.
        patch_vary_headers(response, ["HX-Request"])
        return response
