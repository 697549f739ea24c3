"""Liaison's admin site: for administrators (the role, or a superuser), whose login went
through Liaison's own login page (lock-out, second factor)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from liaison.core.roles import ADMINISTRATOR


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

    def login(self, request: HttpRequest, extra_context: object = None) -> HttpResponse:
        """One login page for the whole of Liaison, with its lock-out and second factor."""
        target = request.GET.get("next") or reverse("admin:index")
        return redirect(f"{reverse('login')}?{urlencode({'next': target})}")
