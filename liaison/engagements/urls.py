from django.urls import path

from liaison.engagements import views

app_name = "engagements"
urlpatterns = [
    path("", views.EngagementListView.as_view(), name="engagement_list"),
    path("new/", views.EngagementCreateView.as_view(), name="engagement_create"),
    path("calendar.ics", views.EngagementCalendarView.as_view(), name="engagement_calendar"),
    path(
        "calendar/<slug:key>.ics",
        views.EngagementCalendarFeedView.as_view(),
        name="engagement_calendar_feed",
    ),
    path("projects/<slug:key>/", views.ProjectDetailView.as_view(), name="project_detail"),
    path("<slug:key>/", views.EngagementDetailView.as_view(), name="engagement_detail"),
    path("<slug:key>/edit/", views.EngagementUpdateView.as_view(), name="engagement_update"),
    path("<slug:key>/delete/", views.EngagementDeleteView.as_view(), name="engagement_delete"),
]
