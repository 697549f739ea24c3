from __future__ import annotations

from django.urls import path

from liaison.exports import import_views, views

app_name = "exports"

urlpatterns = [
    path("", views.ExportListView.as_view(), name="export_list"),
    path("<uuid:pk>/", views.ExportDetailView.as_view(), name="export_detail"),
    # Every list's export: /exports/lists/partners.xlsx?kind=state (the list's filters).
    path(
        "lists/<slug:kind>.<str:file_format>",
        views.ListExportView.as_view(),
        name="list_export",
    ),
    path("imports/", import_views.ImportStartView.as_view(), name="import_start"),
    path(
        "imports/<uuid:pk>/confirm/",
        import_views.ImportConfirmView.as_view(),
        name="import_confirm",
    ),
    path("<uuid:pk>/download/", views.ExportDownloadView.as_view(), name="export_download"),
]
