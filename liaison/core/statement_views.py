"""The accessibility statement, as EU bodies publish one for each of their sites."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.templatetags.static import static
from django.utils.decorators import method_decorator
from django.views.generic import RedirectView, TemplateView

# The date of the last review; change it with the statement.
LAST_REVIEWED = "2026-11-27"


@method_decorator(login_not_required, name="dispatch")
class AccessibilityStatementView(TemplateView):
    """Open to everyone, like the login page: someone whom a barrier keeps from logging in
    must still learn how to report it. It shows nothing of the register."""

    template_name = "core/accessibility_statement.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["last_reviewed"] = LAST_REVIEWED
        context["contact"] = settings.ACCESSIBILITY_CONTACT
        return context


@method_decorator(login_not_required, name="dispatch")
class FaviconView(RedirectView):
    """/favicon.ico, which browsers and tools ask the root for: the icon whitenoise serves
    (its hashed name is known only once the server runs, hence not a fixed address)."""

    permanent = False

    def get_redirect_url(self, *args: Any, **kwargs: Any) -> str:
        return static("liaison/icons/favicon.ico")
