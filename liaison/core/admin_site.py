"""Liaison's admin site: for administrators (the role, or a superuser), whose login went
through Liaison's own login page (lock-out, second factor)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast
from urllib.parse import urlencode

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from liaison.core.roles import ADMINISTRATOR

_View = TypeVar("_View", bound=Callable[..., HttpResponseBase])


class LiaisonAdminSite(admin.AdminSite):
    site_header = _("Liaison administration")
    site_title = _("Liaison administration")
    index_title = _("Users, roles and records")

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(
            user.is_active
            and (user.is_superuser or user.groups.filter(name=ADMINISTRATOR).exists())
        )

    def admin_view(self, view: _View, cacheable: bool = False) -> _View:
        """A signed-in person who is not an administrator gets the 403 page: sending them to
        the login page, where they are already signed in, would send them back here."""
        guarded = super().admin_view(view, cacheable)

        @wraps(guarded)
        def refuse_or_answer(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            if request.user.is_authenticated and not self.has_permission(request):
                raise PermissionDenied
            return guarded(request, *args, **kwargs)

        return cast(_View, refuse_or_answer)

    def login(self, request: HttpRequest, extra_context: object = None) -> HttpResponse:
        """One login page for the whole of Liaison, with its lock-out and second factor."""
        if request.user.is_authenticated and not self.has_permission(request):
            raise PermissionDenied
        target = request.GET.get("next") or reverse("admin:index")
        return redirect(f"{reverse('login')}?{urlencode({'next': target})}")
