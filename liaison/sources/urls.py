from django.urls import path

from liaison.sources import views

app_name = "sources"
urlpatterns = [
    path("", views.SourceListView.as_view(), name="source_list"),
    path("<slug:key>/", views.SourceDetailView.as_view(), name="source_detail"),
]
