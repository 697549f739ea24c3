from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from liaison.core.views import AsOfMixin, ObjectDetailView, ObjectListView
from liaison.instruments.filtersets import InstrumentFilterSet
from liaison.instruments.models import Instrument, InstrumentEvent
from liaison.partners.selectors import citations_prefetch


class InstrumentListView(AsOfMixin, ObjectListView):
    queryset = Instrument.objects.all()
    filterset_class = InstrumentFilterSet
    template_name = "instruments/instrument_list.html"
    results_template_name = "instruments/instrument_results.html"

    def get_queryset(self) -> QuerySet[Instrument]:
        return Instrument.objects.with_status(self.as_of).select_related("partner", "eu_party")


class InstrumentDetailView(AsOfMixin, ObjectDetailView):
    queryset = Instrument.objects.all()
    template_name = "instruments/instrument_detail.html"

    def get_queryset(self) -> QuerySet[Instrument]:
        return (
            Instrument.objects.with_status(self.as_of)
            .select_related("partner", "eu_party")
            .prefetch_related(
                citations_prefetch(),
                Prefetch(
                    "events",
                    queryset=InstrumentEvent.objects.prefetch_related(citations_prefetch()),
                ),
            )
        )
