from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from liaison.core.permissions import ADD, user_can
from liaison.core.views import AsOfMixin, ObjectDetailView, ObjectListView
from liaison.instruments.choices import EventKind, ProposalStatus
from liaison.instruments.filtersets import InstrumentFilterSet
from liaison.instruments.lifecycle import carries_personal_data
from liaison.instruments.models import Instrument, InstrumentEvent
from liaison.instruments.selectors import (
    instrument_detail,
    instrument_list,
    instrument_next_kinds,
    proposal_list,
)
from liaison.journal.views import JournalMixin


class InstrumentListView(AsOfMixin, ObjectListView):
    queryset = Instrument.objects.all()
    filterset_class = InstrumentFilterSet
    template_name = "instruments/instrument_list.html"
    results_template_name = "instruments/instrument_results.html"

    def get_queryset(self) -> QuerySet[Instrument]:
        return instrument_list(on=self.as_of)


class InstrumentDetailView(JournalMixin, AsOfMixin, ObjectDetailView):
    queryset = Instrument.objects.all()
    template_name = "instruments/instrument_detail.html"
    journal_url_name = "instruments:instrument_journal_add"
    history_children = {
        "instruments.instrumentevent": "instrument",
        "instruments.changeproposal": "instrument",
    }

    def get_queryset(self) -> QuerySet[Instrument]:
        return instrument_detail(on=self.as_of)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        instrument = self.object
        user = self.request.user
        if user_can(user, ADD, InstrumentEvent):
            context["next_moves"] = [
                (kind, EventKind(kind).label)
                for kind in instrument_next_kinds(instrument=instrument)
            ]
        context["four_eyes"] = carries_personal_data(instrument.type)
        context["pending_proposals"] = list(
            proposal_list().filter(instrument=instrument, status=ProposalStatus.PENDING)
        )
        return context
