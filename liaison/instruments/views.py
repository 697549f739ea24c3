from __future__ import annotations

from django.db.models import Prefetch

from liaison.core.views import ObjectDetailView, ObjectListView
from liaison.instruments.filtersets import InstrumentFilterSet
from liaison.instruments.models import Instrument, InstrumentEvent
from liaison.partners.selectors import citations_prefetch


class InstrumentListView(ObjectListView):
    queryset = Instrument.objects.with_status().select_related("partner", "eu_party")
    filterset_class = InstrumentFilterSet
    template_name = "instruments/instrument_list.html"
    results_template_name = "instruments/instrument_results.html"


class InstrumentDetailView(ObjectDetailView):
    queryset = (
        Instrument.objects.with_status()
        .select_related("partner", "eu_party")
        .prefetch_related(
            citations_prefetch(),
            Prefetch(
                "events", queryset=InstrumentEvent.objects.prefetch_related(citations_prefetch())
            ),
        )
    )
    template_name = "instruments/instrument_detail.html"
