from __future__ import annotations

from django.urls import path

from liaison.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.NotificationListView.as_view(), name="notification_list"),
    path("read/", views.NotificationReadView.as_view(), name="notification_read_all"),
    path("<int:pk>/", views.NotificationOpenView.as_view(), name="notification_open"),
    path("<int:pk>/read/", views.NotificationReadView.as_view(), name="notification_read"),
    path("preferences/", views.NotificationPreferencesView.as_view(), name="preferences"),
]
