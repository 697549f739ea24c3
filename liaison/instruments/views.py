from __future__ import annotations

from django.db.models import QuerySet

from liaison.core.views import AsOfMixin, ObjectDetailView, ObjectListView
from liaison.instruments.filtersets import InstrumentFilterSet
from liaison.instruments.models import Instrument
from liaison.instruments.selectors import instrument_detail, instrument_list


class InstrumentListView(AsOfMixin, ObjectListView):
    queryset = Instrument.objects.all()
    filterset_class = InstrumentFilterSet
    template_name = "instruments/instrument_list.html"
    results_template_name = "instruments/instrument_results.html"

    def get_queryset(self) -> QuerySet[Instrument]:
        return instrument_list(on=self.as_of)


class InstrumentDetailView(AsOfMixin, ObjectDetailView):
    queryset = Instrument.objects.all()
    template_name = "instruments/instrument_detail.html"
    history_children = {"instruments.instrumentevent": "instrument"}

    def get_queryset(self) -> QuerySet[Instrument]:
        return instrument_detail(on=self.as_of)
