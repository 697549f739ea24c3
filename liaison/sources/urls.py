from django.urls import path

from liaison.sources import views

app_name = "sources"
urlpatterns = [
    path("", views.SourceListView.as_view(), name="source_list"),
    path("new/", views.SourceCreateView.as_view(), name="source_create"),
    path(
        "facts/without-source/",
        views.FactsWithoutSourceView.as_view(),
        name="facts_without_source",
    ),
    path("facts/unverified/", views.UnverifiedFactsView.as_view(), name="unverified_facts"),
    path("<slug:key>/", views.SourceDetailView.as_view(), name="source_detail"),
    path(
        "<slug:key>/attachments/",
        views.SourceAttachmentCreateView.as_view(),
        name="source_attachment_add",
    ),
    path(
        "<slug:key>/attachments/<int:pk>/",
        views.SourceAttachmentView.as_view(),
        name="source_attachment",
    ),
]
