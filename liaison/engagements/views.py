"""Engagements: the list, recording, changing and deleting one (with its participants), and
the calendar feeds of upcoming ones."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseNotFound
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.generic import View

from liaison.core.dates import today
from liaison.core.forms import form_add_service_error
from liaison.core.middleware import second_factor_not_required
from liaison.core.permissions import ADD, CHANGE, DELETE, VIEW, user_can
from liaison.core.services import access_record
from liaison.core.views import ObjectDetailView, ObjectListView, PermissionRequiredMixin
from liaison.engagements.calendar import upcoming_engagements_ics
from liaison.engagements.filtersets import EngagementFilterSet, with_known_count
from liaison.engagements.forms import (
    PARTICIPANTS_PREFIX,
    BaseParticipantFormSet,
    EngagementForm,
    participant_formset,
)
from liaison.engagements.models import Engagement, EngagementParticipant
from liaison.engagements.selectors import (
    PROJECT_ENGAGEMENTS_NAMED,
    engagement_detail,
    engagement_list,
    project_detail,
    project_engagements,
    project_summaries,
)
from liaison.engagements.services import (
    calendar_feed_owner,
    engagement_create,
    engagement_delete,
    engagement_update,
)
from liaison.partners.selectors import partner_from_query

PARTICIPANT_ACTIONS = ("add", "change", "delete")


def may_edit_participants(user: Any) -> bool:
    """Whether the user may add, change and remove participants (personal data)."""
    return all(user_can(user, action, EngagementParticipant) for action in PARTICIPANT_ACTIONS)


class EngagementListView(ObjectListView):
    """Engagements, filtered and paginated, with the EU-funded projects below."""

    queryset = Engagement.objects.all()
    filterset_class = EngagementFilterSet
    template_name = "engagements/engagement_list.html"
    results_template_name = "engagements/engagement_results.html"

    def get_queryset(self) -> QuerySet[Engagement]:
        return engagement_list()

    def get_paginator(self, queryset: Any, per_page: int, *args: Any, **kwargs: Any) -> Any:
        paginator = super().get_paginator(queryset, per_page, *args, **kwargs)
        return with_known_count(paginator, self.request)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["projects"] = project_summaries()
        return context


class _EngagementFormView(PermissionRequiredMixin, View):
    """The engagement form, with its participants for those who may edit them; both are
    saved by one service call, in one transaction."""

    queryset = Engagement.objects.all()
    template_name = "engagements/engagement_form.html"

    def engagement(self) -> Engagement | None:
        return None

    def page(
        self,
        request: HttpRequest,
        form: EngagementForm,
        formset: BaseParticipantFormSet | None,
        status: int = 200,
    ) -> HttpResponse:
        if formset is not None:
            # The rows show names: personal data, so their display is logged.
            shown = [f.instance for f in formset.forms if f.instance.pk is not None]
            access_record(user=request.user, objects=shown, request=request)
        context = {"form": form, "formset": formset, "engagement": self.engagement()}
        return render(request, self.template_name, context, status=status)

    def formset(self, request: HttpRequest, data: Any = None) -> BaseParticipantFormSet | None:
        if not may_edit_participants(request.user):
            return None
        if data is not None and f"{PARTICIPANTS_PREFIX}-TOTAL_FORMS" not in data:
            return None  # a form sent without participant rows leaves them as they are
        return participant_formset(engagement=self.engagement(), data=data)

    def save(self, data: dict[str, Any], participants: list[dict[str, Any]] | None) -> Engagement:
        raise NotImplementedError

    def post(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        # The form validates a copy: the page keeps the saved title if nothing is saved.
        saved = self.engagement()
        copy = Engagement.objects.get(pk=saved.pk) if saved is not None else None
        form = EngagementForm(request.POST, instance=copy)
        formset = self.formset(request, request.POST)
        valid = form.is_valid()
        if formset is not None:
            valid = formset.is_valid() and valid
        if valid:
            participants = formset.participants() if formset is not None else None
            try:
                engagement = self.save(dict(form.cleaned_data), participants)
            except ValidationError as error:
                form_add_service_error(form, error)
            else:
                return redirect(engagement.get_absolute_url())
        return self.page(request, form, formset, status=400)


class EngagementCreateView(_EngagementFormView):
    """Record an engagement (cooperation officers and administrators)."""

    permission_action = ADD

    def get(self, request: HttpRequest) -> HttpResponse:
        initial: dict[str, Any] = {"start_date": today()}
        # Recorded from a partner's page: that partner is chosen already.
        partner = partner_from_query(request.GET)
        if partner is not None:
            initial["partners"] = [partner.pk]
        form = EngagementForm(initial=initial)
        return self.page(request, form, self.formset(request))

    def save(self, data: dict[str, Any], participants: list[dict[str, Any]] | None) -> Engagement:
        engagement = engagement_create(data=data, participants=participants)
        messages.success(self.request, _("The engagement is recorded."))
        return engagement


class EngagementUpdateView(_EngagementFormView):
    """Change an engagement and its participants (cooperation officers and administrators)."""

    permission_action = CHANGE

    def engagement(self) -> Engagement:
        if not hasattr(self, "_engagement"):
            self._engagement = get_object_or_404(Engagement, key=self.kwargs["key"])
        return self._engagement

    def get(self, request: HttpRequest, key: str) -> HttpResponse:
        form = EngagementForm(instance=self.engagement())
        return self.page(request, form, self.formset(request))

    def save(self, data: dict[str, Any], participants: list[dict[str, Any]] | None) -> Engagement:
        engagement = engagement_update(
            engagement=self.engagement(), data=data, participants=participants
        )
        messages.success(self.request, _("The engagement is changed."))
        return engagement


class EngagementDeleteView(PermissionRequiredMixin, View):
    """GET says what would be deleted; POST deletes the engagement and its participants."""

    permission_action = DELETE
    queryset = Engagement.objects.all()

    def get(self, request: HttpRequest, key: str) -> HttpResponse:
        engagement = get_object_or_404(Engagement, key=key)
        context = {
            "engagement": engagement,
            "participant_count": engagement.participants.count(),
        }
        return render(request, "engagements/engagement_confirm_delete.html", context)

    def post(self, request: HttpRequest, key: str) -> HttpResponse:
        engagement = get_object_or_404(Engagement, key=key)
        title = engagement.title
        engagement_delete(engagement=engagement)
        messages.success(request, _("“%(title)s” is deleted.") % {"title": title})
        return redirect(reverse("engagements:engagement_list"))


class EngagementCalendarView(PermissionRequiredMixin, View):
    """Upcoming engagements as an iCalendar file (RFC 5545)."""

    queryset = Engagement.objects.all()

    def get(self, request: HttpRequest) -> HttpResponse:
        response = HttpResponse(
            upcoming_engagements_ics(), content_type="text/calendar; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="liaison-engagements.ics"'
        return response


def _feed_not_found() -> HttpResponse:
    # Logged like any 404; the logs mask the key in the path (liaison.core.log_masking).
    return HttpResponseNotFound(
        _("There is no calendar at this address."), content_type="text/plain; charset=utf-8"
    )


@method_decorator(login_not_required, name="dispatch")
@method_decorator(second_factor_not_required, name="dispatch")
class EngagementCalendarFeedView(View):
    """The calendar at a secret address, for calendar apps that cannot log in. It answers
    only while its key is unrevoked and its owner active and allowed to read engagements;
    otherwise 404, the same as for a key that never existed."""

    http_method_names = ["get", "head"]

    def get(self, request: HttpRequest, key: str) -> HttpResponse:
        owner = calendar_feed_owner(key=key)
        if owner is None or not user_can(owner, VIEW, Engagement):
            return _feed_not_found()
        response = HttpResponse(
            upcoming_engagements_ics(), content_type="text/calendar; charset=utf-8"
        )
        response["Cache-Control"] = "private, no-cache"
        response["Referrer-Policy"] = "no-referrer"
        return response


class EngagementDetailView(ObjectDetailView):
    """One engagement with its history; its participants (and their changes) only for roles
    that may see personal data, each read written to the access log."""

    template_name = "engagements/engagement_detail.html"
    queryset = engagement_detail()
    slug_field = "key"
    slug_url_kwarg = "key"
    context_object_name = "engagement"
    # Participants' entries are personal data: the history shows them only to roles that may
    # see personal data, and logs them (liaison.core.history.history_readable, history_read).
    history_children = {"engagements.engagementparticipant": "engagement"}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        may_see_participants = user_can(user, VIEW, EngagementParticipant)
        context = super().get_context_data(**kwargs)
        context["may_see_participants"] = may_see_participants
        if may_see_participants:
            participants = list(self.object.participants.select_related("partner"))
            access_record(user=user, objects=participants, request=self.request)
            context["participants"] = participants
        return context


class ProjectDetailView(ObjectDetailView):
    """An EU-funded project: funding, period, regions, partners, the engagements it
    supported and its sources."""

    template_name = "engagements/project_detail.html"
    queryset = project_detail()
    slug_field = "key"
    slug_url_kwarg = "key"
    context_object_name = "project"
    # The newest few, like the API: the rest are paged by the engagement list filtered by
    # the project, so the page costs the same however many the project supported.
    engagements_shown = PROJECT_ENGAGEMENTS_NAMED

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        engagements, count = project_engagements(project=self.object, limit=self.engagements_shown)
        context.update(engagements=engagements, engagement_count=count)
        return context
