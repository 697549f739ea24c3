from django.urls import path

from liaison.partners import views

app_name = "partners"
urlpatterns = [
    path("", views.PartnerListView.as_view(), name="partner_list"),
    path("<str:code>/", views.PartnerDetailView.as_view(), name="partner_detail"),
]
