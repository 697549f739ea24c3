"""The lifecycle doors of the web UI: record the next step, list, approve and reject proposals."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, View

from liaison.core.forms import form_add_service_error
from liaison.core.permissions import ADD, CHANGE
from liaison.core.views import ObjectListView, PermissionRequiredMixin
from liaison.instruments.choices import EventKind, ProposalStatus
from liaison.instruments.filtersets import ProposalFilterSet
from liaison.instruments.forms import (
    InstrumentEventChangeForm,
    InstrumentTransitionForm,
    ProposalDecisionForm,
)
from liaison.instruments.lifecycle import carries_personal_data
from liaison.instruments.models import ChangeProposal, Instrument, InstrumentEvent
from liaison.instruments.permissions import may_approve, may_reject
from liaison.instruments.selectors import instrument_next_kinds, proposal_effects, proposal_list
from liaison.instruments.services import (
    change_proposal_approve,
    change_proposal_reject,
    instrument_event_change,
    instrument_transition,
)


def _first_message(error: ValidationError) -> str:
    return " ".join(error.messages)


class InstrumentTransitionView(PermissionRequiredMixin, FormView):
    """A form for one next step of an instrument's life (the kind comes from its button)."""

    permission_action = ADD
    form_class = InstrumentTransitionForm
    template_name = "instruments/instrument_transition.html"

    def permission_model(self) -> type[Model]:
        return InstrumentEvent

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.instrument = get_object_or_404(
            Instrument.objects.select_related("partner"), pk=kwargs["pk"]
        )
        self.kind = request.POST.get("kind") or request.GET.get("kind") or ""
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        allowed = instrument_next_kinds(instrument=self.instrument)
        context.update(
            instrument=self.instrument,
            kind=self.kind,
            kind_label=EventKind(self.kind).label if self.kind in EventKind.values else "",
            kind_known=self.kind in EventKind.values,
            allowed=[(kind, EventKind(kind).label) for kind in allowed],
            four_eyes=carries_personal_data(self.instrument.type),
        )
        return context

    def form_valid(self, form: InstrumentTransitionForm) -> HttpResponse:
        data = form.cleaned_data
        try:
            result = instrument_transition(
                instrument=self.instrument,
                event_kind=self.kind,
                date=data["date"],
                date_precision=data["date_precision"],
                source=data["source"],
                location=data["location"],
                confidence=data["confidence"],
                note=data["note"],
                user=self.request.user,
            )
        except ValidationError as error:
            form_add_service_error(form, error)
            return self.form_invalid(form)
        if isinstance(result, ChangeProposal):
            messages.info(
                self.request,
                _(
                    "Proposed: “%(kind)s” changes a legal basis, so it waits for a second "
                    "person to approve it."
                )
                % {"kind": result.get_kind_display()},
            )
            return redirect(result.get_absolute_url())
        messages.success(self.request, _("Recorded: %(event)s.") % {"event": str(result)})
        return redirect(self.instrument.get_absolute_url())


class ProposalListView(ObjectListView):
    queryset = proposal_list()
    filterset_class = ProposalFilterSet
    template_name = "instruments/proposal_list.html"
    results_template_name = "instruments/proposal_results.html"
    paginate_by = 20

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["effects"] = {
            proposal.pk: proposal_effects(proposal)
            for proposal in context["object_list"]
            if proposal.status == ProposalStatus.PENDING
        }
        return context


class ProposalDetailView(PermissionRequiredMixin, DetailView):
    queryset = proposal_list()
    template_name = "instruments/proposal_detail.html"
    context_object_name = "proposal"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["effects"] = proposal_effects(self.object)
        context["decision_form"] = ProposalDecisionForm()
        return context


class ProposalDecisionView(PermissionRequiredMixin, View):
    """Approve or reject (POST only); the answer is the proposal's page with a message.

    Who may decide is `may_approve` / `may_reject` (liaison.instruments.permissions): a
    role that may not decide at all is refused (403), any other refusal is the message."""

    approve = True

    def permission_model(self) -> type[Model]:
        return ChangeProposal

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        proposal = get_object_or_404(ChangeProposal, pk=pk)
        form = ProposalDecisionForm(request.POST)
        if not self.approve and not form.is_valid():
            # A reason that cannot be kept is not silently dropped: nothing is decided.
            messages.error(request, " ".join(form.errors.get("reason", [])))
            return redirect(proposal.get_absolute_url())
        reason = form.cleaned_data["reason"] if form.is_valid() else ""
        ask = may_approve if self.approve else may_reject
        refusal = ask(request.user, proposal)
        if refusal is not None:
            if refusal.by_role:
                raise PermissionDenied(refusal.message)
            messages.error(request, refusal.message)
            return redirect(proposal.get_absolute_url())
        try:
            if self.approve:
                change_proposal_approve(proposal=proposal, user=request.user)
                messages.success(request, _("Approved: the change is now in the register."))
            else:
                change_proposal_reject(proposal=proposal, user=request.user, reason=reason)
                messages.success(request, _("Rejected: nothing in the register changed."))
        except ValidationError as error:
            messages.error(request, _first_message(error))
        except PermissionDenied as error:
            messages.error(request, str(error))
        return redirect(proposal.get_absolute_url())


class InstrumentEventChangeView(PermissionRequiredMixin, FormView):
    """Correct an event's date or note; for a legal basis a new date is a proposal."""

    permission_action = CHANGE
    form_class = InstrumentEventChangeForm
    template_name = "instruments/instrument_event_change.html"

    def permission_model(self) -> type[Model]:
        return InstrumentEvent

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.event = get_object_or_404(
            InstrumentEvent.objects.select_related("instrument__partner"),
            pk=kwargs["event_id"],
            instrument_id=kwargs["pk"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self) -> dict[str, Any]:
        return {
            "date": self.event.date,
            "date_precision": self.event.date_precision,
            "note": self.event.note,
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            event=self.event,
            instrument=self.event.instrument,
            four_eyes=carries_personal_data(self.event.instrument.type),
        )
        return context

    def form_valid(self, form: InstrumentEventChangeForm) -> HttpResponse:
        data = form.cleaned_data
        try:
            result = instrument_event_change(
                event=self.event,
                date=data["date"],
                date_precision=data["date_precision"],
                note=data["note"],
                user=self.request.user,
            )
        except ValidationError as error:
            form_add_service_error(form, error)
            return self.form_invalid(form)
        if isinstance(result, ChangeProposal):
            messages.info(
                self.request,
                _(
                    "Proposed: a new date for a legal basis waits for a second person "
                    "to approve it."
                ),
            )
            return redirect(result.get_absolute_url())
        messages.success(self.request, _("Corrected: %(event)s.") % {"event": str(result)})
        return redirect(self.event.instrument.get_absolute_url())
