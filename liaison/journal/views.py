"""Adding a note to a record's journal (POST from the record's page)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import View

from liaison.core.permissions import ADD, user_can
from liaison.core.views import PermissionRequiredMixin
from liaison.journal.forms import JournalEntryForm
from liaison.journal.models import JournalEntry
from liaison.journal.services import journal_entry_create


class JournalEntryCreateView(PermissionRequiredMixin, View):
    """Configured per record type with its model and the URL keyword that finds it."""

    permission_action = ADD
    about_model: type[Model] | None = None
    lookup_field = "pk"

    def permission_model(self) -> type[Model]:
        return JournalEntry

    def post(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        assert self.about_model is not None
        about: Any = get_object_or_404(
            self.about_model, **{self.lookup_field: kwargs[self.lookup_field]}
        )
        form = JournalEntryForm(request.POST)
        if form.is_valid():
            try:
                journal_entry_create(about=about, author=request.user, **form.cleaned_data)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect(about.get_absolute_url())
            else:
                messages.success(request, _("Note added to the journal."))
        else:
            problems = "; ".join(
                f"{form.fields[name].label}: {' '.join(errors)}"
                for name, errors in form.errors.items()
            )
            messages.error(
                request, _("The note was not added: %(problems)s") % {"problems": problems}
            )
            # To the top of the page, where the error is shown and takes the focus.
            return redirect(about.get_absolute_url())
        return redirect(about.get_absolute_url() + "#journal")


class JournalMixin:
    """Puts the object's journal, and the form to add to it, on its page."""

    request: HttpRequest
    object: Any
    journal_url_name = ""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)  # type: ignore[misc]
        context["journal_entries"] = list(self.object.journal.select_related("author"))
        if user_can(self.request.user, ADD, JournalEntry):
            context["journal_form"] = JournalEntryForm()
            lookup = (
                {"code": self.object.code}
                if "partner" in self.journal_url_name
                else {"pk": self.object.pk}
            )
            context["journal_url"] = reverse(self.journal_url_name, kwargs=lookup)
        return context
