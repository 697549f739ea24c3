from django.urls import path, register_converter

from liaison.journal.views import JournalEntryCreateView
from liaison.partners import views
from liaison.partners.models import Partner


class PartnerCodeConverter:
    """Partner codes as domain.md writes them (RS, XK, INTERPOL, GENOCIDE-NETWORK)."""

    regex = "[A-Za-z0-9-]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(PartnerCodeConverter, "partner_code")

app_name = "partners"
urlpatterns = [
    path("", views.PartnerListView.as_view(), name="partner_list"),
    # Lower case, before the partner codes (upper case): no partner can take this address.
    path("world-map/", views.WorldMapView.as_view(), name="world_map"),
    path("<partner_code:code>/", views.PartnerDetailView.as_view(), name="partner_detail"),
    path(
        "<partner_code:code>/channels/",
        views.PartnerPanelView.as_view(panel="channels"),
        name="partner_channels",
    ),
    path(
        "<partner_code:code>/casework/",
        views.PartnerPanelView.as_view(panel="casework"),
        name="partner_casework",
    ),
    path(
        "<partner_code:code>/journal/",
        JournalEntryCreateView.as_view(about_model=Partner, lookup_field="code"),
        name="partner_journal_add",
    ),
]
