from django.urls import path

from liaison.transfers import views

app_name = "transfers"
urlpatterns = [
    path("", views.AssessmentListView.as_view(), name="assessment_list"),
    path("new/", views.AssessmentCreateView.as_view(), name="assessment_create"),
    path("export.csv", views.AssessmentExportView.as_view(), name="assessment_export"),
    path(
        "self-assessed/",
        views.SelfAssessedTransferListView.as_view(),
        name="self_assessed_transfers",
    ),
    path("<int:pk>/", views.AssessmentDetailView.as_view(), name="assessment_detail"),
]
