from django.urls import path

from liaison.instruments import lifecycle_views, views
from liaison.instruments.models import Instrument
from liaison.journal.views import JournalEntryCreateView

app_name = "instruments"
urlpatterns = [
    path("", views.InstrumentListView.as_view(), name="instrument_list"),
    path("<int:pk>/", views.InstrumentDetailView.as_view(), name="instrument_detail"),
    path(
        "<int:pk>/events/new/",
        lifecycle_views.InstrumentTransitionView.as_view(),
        name="instrument_transition",
    ),
    path(
        "<int:pk>/events/<int:event_id>/change/",
        lifecycle_views.InstrumentEventChangeView.as_view(),
        name="instrument_event_change",
    ),
    path(
        "<int:pk>/journal/",
        JournalEntryCreateView.as_view(about_model=Instrument),
        name="instrument_journal_add",
    ),
    path("proposals/", lifecycle_views.ProposalListView.as_view(), name="proposal_list"),
    path(
        "proposals/<int:pk>/", lifecycle_views.ProposalDetailView.as_view(), name="proposal_detail"
    ),
    path(
        "proposals/<int:pk>/approve/",
        lifecycle_views.ProposalDecisionView.as_view(approve=True),
        name="proposal_approve",
    ),
    path(
        "proposals/<int:pk>/reject/",
        lifecycle_views.ProposalDecisionView.as_view(approve=False),
        name="proposal_reject",
    ),
]
