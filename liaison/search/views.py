"""The results page of the search box in the menu."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.views.generic import TemplateView

from liaison.contacts.models import ContactPoint
from liaison.core.permissions import VIEW, user_can
from liaison.core.views import PermissionRequiredMixin
from liaison.partners.models import Partner
from liaison.search.selectors import MAX_LENGTH, search_everything, search_text_cleaned


class SearchView(PermissionRequiredMixin, TemplateView):
    """Everything the user may see that matches the text, grouped, with why it matched."""

    template_name = "search/results.html"
    # Anyone who may see the register may search it; each group checks its own permission.
    queryset = Partner.objects.all()

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        text = search_text_cleaned(request.GET.get("q"))
        answer = search_everything(user=request.user, text=text, request=request) if text else None
        return self.render_to_response(
            self.get_context_data(
                q=text,
                answer=answer,
                max_length=MAX_LENGTH,
                can_see_personal=user_can(request.user, VIEW, ContactPoint),
            )
        )
