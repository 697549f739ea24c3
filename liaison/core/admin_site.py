"""Liaison's admin site: for administrators (the role, or a superuser), whose login went
through Liaison's own login page (lock-out, second factor)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast
from urllib.parse import urlencode

from django.contrib import admin
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from liaison.core.forms import RELATION_FORM_FIELDS
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

    def register(self, model_or_iterable: Any, admin_class: Any = None, **options: Any) -> None:
        """Every admin page, and its inlines, chooses related records with Liaison's choice
        fields: a malformed id is a form error, not a server error."""
        super().register(model_or_iterable, admin_class, **options)
        models = (
            model_or_iterable
            if isinstance(model_or_iterable, list | tuple)
            else [model_or_iterable]
        )
        for model in models:
            model_admin = self._registry[model]
            for target in [model_admin, *model_admin.inlines]:
                overrides = dict(target.formfield_overrides)
                for field_class, kwargs in RELATION_FORM_FIELDS.items():
                    overrides[field_class] = {**kwargs, **overrides.get(field_class, {})}
                target.formfield_overrides = overrides

    def admin_view(self, view: _View, cacheable: bool = False) -> _View:
        """A signed-in person who is not an administrator gets the 403 page: sending them to
        the login page, where they are already signed in, would send them back here."""
        guarded = super().admin_view(view, cacheable)

        @wraps(guarded)
        def refuse_or_answer(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            if request.user.is_authenticated and not self.has_permission(request):
                raise PermissionDenied
            if any("\x00" in key or "\x00" in value for key, value in request.GET.items()):
                # No record holds one, and PostgreSQL refuses it in any text it compares:
                # a list filtered or searched by it would be a server error.
                raise BadRequest("A filter or search holds a NUL character.")
            return guarded(request, *args, **kwargs)

        return cast(_View, refuse_or_answer)

    def login(self, request: HttpRequest, extra_context: object = None) -> HttpResponse:
        """One login page for the whole of Liaison, with its lock-out and second factor."""
        if request.user.is_authenticated and not self.has_permission(request):
            raise PermissionDenied
        target = request.GET.get("next") or reverse("admin:index")
        return redirect(f"{reverse('login')}?{urlencode({'next': target})}")
