"""Engagements: the list, recording one, and the calendar feed of upcoming ones."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from liaison.core.permissions import user_can
from liaison.core.services import access_record
from liaison.core.views import PermissionRequiredMixin
from liaison.engagements.calendar import engagements_ics
from liaison.engagements.forms import EngagementForm
from liaison.engagements.models import Engagement, EngagementParticipant, Project
from liaison.engagements.selectors import engagement_list, engagements_upcoming
from liaison.engagements.services import engagement_create


class EngagementListView(PermissionRequiredMixin, TemplateView):
    template_name = "engagements/engagement_list.html"
    queryset = Engagement.objects.all()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["engagements"] = engagement_list()
        context["projects"] = Project.objects.prefetch_related("regions", "partners")
        return context


class EngagementCreateView(PermissionRequiredMixin, View):
    """Record an engagement (cooperation officers and administrators)."""

    permission_action = "add"
    queryset = Engagement.objects.all()

    def get(self, request: HttpRequest) -> HttpResponse:
        form = EngagementForm(initial={"start_date": timezone.localdate()})
        return render(request, "engagements/engagement_form.html", {"form": form})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = EngagementForm(request.POST)
        if form.is_valid():
            try:
                engagement_create(data=dict(form.cleaned_data))
            except ValidationError as error:
                for field, problems in error.message_dict.items():
                    for problem in problems:
                        form.add_error(field if field in form.fields else None, problem)
            else:
                messages.success(request, _("The engagement is recorded."))
                return redirect(reverse("engagements:engagement_list"))
        return render(request, "engagements/engagement_form.html", {"form": form}, status=400)


class EngagementCalendarView(PermissionRequiredMixin, View):
    """Upcoming engagements as an iCalendar file (RFC 5545)."""

    queryset = Engagement.objects.all()

    def get(self, request: HttpRequest) -> HttpResponse:
        engagements = engagements_upcoming(on=timezone.localdate())
        body = engagements_ics(engagements, host=request.get_host().split(":")[0] or "liaison")
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="liaison-engagements.ics"'
        return response


class EngagementDetailView(PermissionRequiredMixin, TemplateView):
    """One engagement; its participants only for roles that may see personal data, each
    read written to the access log."""

    template_name = "engagements/engagement_detail.html"
    queryset = Engagement.objects.all()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        engagement = get_object_or_404(engagement_list(), key=self.kwargs["key"])
        context["engagement"] = engagement
        context["may_see_participants"] = user_can(self.request.user, "view", EngagementParticipant)
        if context["may_see_participants"]:
            participants = list(engagement.participants.select_related("partner"))
            access_record(user=self.request.user, objects=participants, request=self.request)
            context["participants"] = participants
        return context
