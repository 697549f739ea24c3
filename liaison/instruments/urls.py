from django.urls import path

from liaison.instruments import views

app_name = "instruments"
urlpatterns = [
    path("", views.InstrumentListView.as_view(), name="instrument_list"),
    path("<int:pk>/", views.InstrumentDetailView.as_view(), name="instrument_detail"),
]
