from django.urls import path
from django.views.generic import RedirectView

from liaison.contacts import views

app_name = "contacts"
urlpatterns = [
    path("channels/", views.ReachCountryView.as_view(), name="reach"),
    path("channels/<partner_code:code>/", views.ChannelListView.as_view(), name="channel_list"),
    path("contacts/", views.ContactPointListView.as_view(), name="contactpoint_list"),
    path("contacts/<int:pk>/", views.ContactPointDetailView.as_view(), name="contactpoint_detail"),
    path(
        "contacts/interactions/new/",
        views.InteractionCreateView.as_view(),
        name="interaction_create",
    ),
    path("contacts/activity/", views.ContactActivityView.as_view(), name="activity"),
    path(
        "contacts/activity/partners/",
        views.PartnerActivityListView.as_view(),
        name="partner_activity_list",
    ),
    # The page's address before it was renamed (it was called "engagement", a word the
    # engagements app uses for events): bookmarks land on the new one, query kept.
    path(
        "contacts/engagement/",
        RedirectView.as_view(pattern_name="contacts:activity", permanent=True, query_string=True),
        name="engagement_moved",
    ),
    path("contacts/coverage/", views.CoverageView.as_view(), name="coverage"),
    path("contacts/meetings/", views.MeetingListView.as_view(), name="meeting_list"),
    path("contacts/meetings/<int:pk>/", views.MeetingDetailView.as_view(), name="meeting_detail"),
    path("contacts/guide/<str:language>/", views.GuideView.as_view(), name="guide"),
]
