"""Pages of the contact-point network: reach a country, channels, contact points, contact activity,
coverage, meetings and the guide. Contact details only for roles that may see personal
data; every read of them is in the access log."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from liaison.cases.selectors import responsiveness
from liaison.contacts.choices import GUIDE_LANGUAGES
from liaison.contacts.demo import demo_record_count
from liaison.contacts.filtersets import ContactPointFilterSet
from liaison.contacts.forms import InteractionForm
from liaison.contacts.models import ContactPoint, Interaction, Meeting, MeetingInvitation
from liaison.contacts.selectors import (
    CHANNEL_CONTACTS_SHOWN,
    PARTNER_ACTIVITY_PAGE_SIZE,
    PARTNER_ACTIVITY_SORTS,
    PARTNERS_IN_NEED_SHOWN,
    channel_contacts,
    channels_for,
    contact_point_activity,
    coverage,
    due_for_contact,
    partner_activity_sorted,
)
from liaison.contacts.services import appointment_history, guide_language, interaction_create
from liaison.core.dates import today
from liaison.core.forms import form_add_service_error
from liaison.core.permissions import ADD, VIEW, user_can
from liaison.core.services import access_record
from liaison.core.text import whole_number
from liaison.core.views import (
    IncludeDemoMixin,
    ObjectDetailView,
    ObjectListView,
    PermissionRequiredMixin,
)
from liaison.partners.models import Partner
from liaison.partners.selectors import partner_from_query


def channels_context(request: HttpRequest, partner: Partner) -> dict[str, Any]:
    """The channels to `partner` today, with contact details only for those who may see
    them (the read is then logged)."""
    on = today()
    channels = channels_for(partner=partner, on=on, contacts_limit=CHANNEL_CONTACTS_SHOWN)
    show_contacts = user_can(request.user, VIEW, ContactPoint)
    if show_contacts:
        access_record(user=request.user, objects=channel_contacts(channels), request=request)
    # Measured responsiveness beside each channel (liaison.cases): evidence, never a ranking.
    measured = responsiveness(end=on, partner_ids=[partner.pk])
    for channel in channels:
        channel.responsiveness = measured.per_channel.get((partner.pk, channel.kind))  # type: ignore[attr-defined]
    return {
        "partner": partner,
        "channels": channels,
        "show_contacts": show_contacts,
        "channels_on": on,
    }


class ReachCountryView(PermissionRequiredMixin, TemplateView):
    """ "Reach a country": one search, then straight to the channels when one partner matches."""

    template_name = "contacts/reach.html"
    queryset = Partner.objects.all()

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        text = request.GET.get("q", "").strip()[:100]
        matches: list[Partner] = []
        if text:
            matches = list(Partner.objects.search(text)[:30])
            exact = [partner for partner in matches if partner.code == text.upper()]
            if len(matches) == 1 or exact:
                chosen = exact[0] if exact else matches[0]
                return redirect(reverse("contacts:channel_list", kwargs={"code": chosen.code}))
        context = self.get_context_data(q=text, matches=matches)
        return self.render_to_response(context)


class ChannelListView(PermissionRequiredMixin, TemplateView):
    """The ranked channels to one partner."""

    template_name = "contacts/channel_list.html"
    queryset = Partner.objects.all()

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        code = kwargs["code"]
        if code != code.upper():
            return redirect(reverse("contacts:channel_list", kwargs={"code": code.upper()}))
        partner = get_object_or_404(Partner, code=code)
        return self.render_to_response(self.get_context_data(**channels_context(request, partner)))


class ContactPointListView(ObjectListView):
    queryset = ContactPoint.objects.all()
    filterset_class = ContactPointFilterSet
    template_name = "contacts/contactpoint_list.html"
    results_template_name = "contacts/contactpoint_results.html"

    def get_queryset(self) -> QuerySet[ContactPoint]:
        return ContactPoint.objects.select_related("partner").order_by(
            "partner__name", "-appointed_on", "pk"
        )


class ContactPointDetailView(ObjectDetailView):
    queryset = ContactPoint.objects.select_related("partner")
    template_name = "contacts/contactpoint_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        contact_point = self.object
        context["history"] = appointment_history(contact_point=contact_point)
        context["interactions"] = list(contact_point.interactions.order_by("-date", "-pk")[:50])
        # The other appointments of the chain and the interactions are personal data too.
        access_record(
            user=self.request.user,
            objects=[*context["history"], *context["interactions"]],
            request=self.request,
        )
        context["guide_language"] = guide_language(contact_point=contact_point)
        context["guide_language_name"] = GUIDE_LANGUAGES[context["guide_language"]]
        counted = contact_point_activity(on=today()).filter(pk=contact_point.pk).first()
        context["activity"] = counted.activity if counted else None  # type: ignore[attr-defined]
        return context


class InteractionCreateView(PermissionRequiredMixin, View):
    """Record a meeting, call, letter or visit (cooperation officers)."""

    permission_action = ADD
    queryset = Interaction.objects.all()
    template_name = "contacts/interaction_form.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        initial: dict[str, Any] = {"date": today()}
        chosen = whole_number(request.GET.get("contact_point", ""), digits=18)
        if chosen is not None:
            initial["contact_points"] = [chosen]
        # Recorded from a partner's page: that partner is named already.
        partner = partner_from_query(request.GET)
        if partner is not None:
            initial["partners"] = partner.code
        return self.page(request, InteractionForm(initial=initial))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = InteractionForm(request.POST)
        if form.is_valid():
            try:
                interaction_create(user=request.user, **form.cleaned_data)
            except ValidationError as error:
                form_add_service_error(form, error)
            else:
                messages.success(request, _("The interaction is recorded."))
                return redirect(reverse("contacts:activity"))
        return self.page(request, form, status=400)

    def page(self, request: HttpRequest, form: InteractionForm, status: int = 200) -> HttpResponse:
        # The choices name contact points: personal data, so their display is logged.
        field = form.fields["contact_points"]
        access_record(user=request.user, objects=list(field.queryset), request=request)  # type: ignore[attr-defined]
        return render(request, self.template_name, {"form": form}, status=status)


class ContactActivityView(PermissionRequiredMixin, IncludeDemoMixin, TemplateView):
    """Contact activity per contact point and per partner, and who is due for contact."""

    template_name = "contacts/activity.html"
    queryset = ContactPoint.objects.all()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        on = today()
        due = due_for_contact(
            on=on, page=self.request.GET.get("page"), include_demo=self.include_demo
        )
        # Only the contact points shown are read: only they go to the access log.
        access_record(user=self.request.user, objects=due.object_list, request=self.request)
        # The partners most in need of contact; all of them are on their own paginated page.
        partners, _sort = partner_activity_sorted(on=on, include_demo=self.include_demo)
        context.update(
            on=on,
            due=due,
            page_obj=due,
            partners=partners[:PARTNERS_IN_NEED_SHOWN],
            partners_total=len(partners),
            demo_records=demo_record_count(),
        )
        return context


class PartnerActivityListView(PermissionRequiredMixin, IncludeDemoMixin, TemplateView):
    """Every partner with an active contact point and its contact activity, a page at a
    time, in the order chosen (most in need of contact first by default)."""

    template_name = "contacts/partner_activity_list.html"
    queryset = ContactPoint.objects.all()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        on = today()
        partners, sort = partner_activity_sorted(
            on=on, sort=self.request.GET.get("sort"), include_demo=self.include_demo
        )
        page = Paginator(partners, PARTNER_ACTIVITY_PAGE_SIZE).get_page(
            self.request.GET.get("page")
        )
        context.update(
            on=on,
            partners=page.object_list,
            page_obj=page,
            sort=sort,
            sorts=[(value, label) for value, (label, _key) in PARTNER_ACTIVITY_SORTS.items()],
            demo_records=demo_record_count(),
        )
        return context


class CoverageView(PermissionRequiredMixin, IncludeDemoMixin, TemplateView):
    """Which countries and networks have a contact point, against the strategy's 70+."""

    template_name = "contacts/coverage.html"
    queryset = Partner.objects.all()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["coverage"] = coverage(include_demo=self.include_demo)
        context["demo_records"] = demo_record_count()
        return context


class MeetingListView(PermissionRequiredMixin, TemplateView):
    template_name = "contacts/meeting_list.html"
    queryset = Meeting.objects.all()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        meetings = list(Meeting.objects.order_by("-date", "pk"))
        access_record(user=self.request.user, objects=meetings, request=self.request)
        context["meetings"] = meetings
        return context


class MeetingDetailView(ObjectDetailView):
    queryset = Meeting.objects.prefetch_related(
        Prefetch(
            "invitations",
            queryset=MeetingInvitation.objects.select_related("contact_point__partner"),
        )
    )
    template_name = "contacts/meeting_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        invitations = list(self.object.invitations.all())
        # The page names each invitee: their reading is logged with the meeting's.
        access_record(
            user=self.request.user,
            objects=[invitation.contact_point for invitation in invitations],
            request=self.request,
        )
        context["invitations"] = [
            (invitation, GUIDE_LANGUAGES[guide_language(contact_point=invitation.contact_point)])
            for invitation in invitations
        ]
        return context


class GuideView(PermissionRequiredMixin, TemplateView):
    """The contact-point guide in one of its four languages (Liaison's own text, not the
    agency's official guide or its translation)."""

    queryset = Partner.objects.all()

    def get_template_names(self) -> list[str]:
        return [f"contacts/guide_{self.kwargs['language']}.html"]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if kwargs["language"] not in GUIDE_LANGUAGES:
            raise Http404("The guide exists in English, French, Portuguese and Spanish.")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["languages"] = GUIDE_LANGUAGES
        return context
