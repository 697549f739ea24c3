"""The calendar subscription on a person's account page: making and revoking the secret
addresses from which a calendar app fetches the upcoming engagements."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from liaison.core.account_views import AccountView
from liaison.core.contributions import account_section_shown
from liaison.core.forms import ApiTokenCreateForm
from liaison.engagements.models import CalendarFeedKey
from liaison.engagements.services import calendar_feed_key_create, calendar_feed_key_revoke

# The account page's section this app contributes (see EngagementsConfig).
CALENDAR_SECTION = "calendar-feeds"


class CalendarFeedKeyCreateView(AccountView):
    """A new secret calendar address, shown on this answer only."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> HttpResponse:
        if not account_section_shown(CALENDAR_SECTION, request.user):
            raise PermissionDenied
        _feed_key, key = calendar_feed_key_create(user=request.user)
        url = request.build_absolute_uri(
            reverse("engagements:engagement_calendar_feed", kwargs={"key": key})
        )
        response = self.page(request, ApiTokenCreateForm(), extra={"new_feed_url": url})
        response["Cache-Control"] = "no-store"
        return response


class CalendarFeedKeyRevokeView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        feed_key = get_object_or_404(CalendarFeedKey, pk=pk, user=request.user)
        calendar_feed_key_revoke(feed_key=feed_key)
        messages.success(
            request,
            _("The calendar address starting “%(prefix)s” is revoked: it shows nothing any more.")
            % {"prefix": feed_key.prefix},
        )
        return redirect(reverse("account") + "#" + CALENDAR_SECTION)
