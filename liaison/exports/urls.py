from __future__ import annotations

from django.urls import path

from liaison.exports import views

app_name = "exports"

urlpatterns = [
    path("", views.ExportListView.as_view(), name="export_list"),
    path("<uuid:pk>/", views.ExportDetailView.as_view(), name="export_detail"),
    path("<uuid:pk>/download/", views.ExportDownloadView.as_view(), name="export_download"),
]
