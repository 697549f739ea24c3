from django.urls import path

from liaison.search import views

app_name = "search"

urlpatterns = [
    path("", views.SearchView.as_view(), name="results"),
]
