"""Your notifications: the list (newest first, paged), marking read, your preferences."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from liaison.notifications.choices import MailStatus
from liaison.notifications.forms import NotificationPreferencesForm
from liaison.notifications.models import MailDelivery, Notification
from liaison.notifications.services import (
    kinds_for,
    notification_mark_read,
    notification_preferences_set,
    notifications_mark_all_read,
    personal_records_access,
    preferences_of,
    visible_notifications,
)

PAGE_SIZE = 25


class NotificationListView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        paginator = Paginator(
            visible_notifications(request.user).select_related("content_type"), PAGE_SIZE
        )
        page = paginator.get_page(request.GET.get("page"))
        # A notification about an exchange or a contact point is a copy of that record.
        personal_records_access(user=request.user, notifications=page.object_list, request=request)
        return render(
            request,
            "notifications/notification_list.html",
            {
                "page_obj": page,
                "notifications": page.object_list,
                "has_kinds": bool(kinds_for(request.user)),
            },
        )


class NotificationOpenView(LoginRequiredMixin, View):
    """Follow a notification to the page that acts on it, marking it read on the way."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        # Only one's own; the page it opens decides by itself what the reader may see.
        notification = get_object_or_404(Notification, user=request.user, pk=pk)
        notification_mark_read(user=request.user, pk=notification.pk)
        return redirect(notification.url)


class NotificationReadView(LoginRequiredMixin, View):
    """Mark one notification (or, without a number, all of them) read."""

    def post(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        if pk is None:
            count = notifications_mark_all_read(user=request.user)
            messages.success(
                request, _("All notifications marked read (%(count)s).") % {"count": count}
            )
        else:
            notification_mark_read(user=request.user, pk=pk)
        return redirect("notifications:notification_list")


class NotificationPreferencesView(LoginRequiredMixin, View):
    def _form(self, request: HttpRequest) -> NotificationPreferencesForm:
        return NotificationPreferencesForm(
            request.POST or None,
            kinds=kinds_for(request.user),
            initial_frequencies=preferences_of(request.user),
        )

    def _render(self, request: HttpRequest, form: NotificationPreferencesForm) -> HttpResponse:
        # The latest attempt says whether mail reaches the person now.
        latest = (
            MailDelivery.objects.filter(user=request.user, attempted_at__isnull=False)
            .order_by("-attempted_at", "-pk")
            .first()
        )
        failed = latest if latest is not None and latest.status == MailStatus.FAILED else None
        return render(
            request,
            "notifications/preferences.html",
            {"form": form, "failed_mail": failed, "has_email": bool(request.user.email)},
            status=400 if form.is_bound and not form.is_valid() else 200,
        )

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(request, self._form(request))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = self._form(request)
        if not form.is_valid():
            return self._render(request, form)
        notification_preferences_set(user=request.user, frequencies=form.cleaned_data)
        messages.success(request, _("Your notification preferences are saved."))
        return redirect("notifications:preferences")
