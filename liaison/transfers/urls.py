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
    path("provisions/", views.ProvisionListView.as_view(), name="provision_list"),
    path(
        "provisions/<slug:key>/review/",
        views.ProvisionReviewCreateView.as_view(),
        name="provision_review_create",
    ),
    path(
        "provision-reviews/<int:pk>/",
        views.ProvisionReviewDetailView.as_view(),
        name="provision_review_detail",
    ),
    path(
        "provision-reviews/<int:pk>/approve/",
        views.ProvisionReviewDecisionView.as_view(approve=True),
        name="provision_review_approve",
    ),
    path(
        "provision-reviews/<int:pk>/reject/",
        views.ProvisionReviewDecisionView.as_view(approve=False),
        name="provision_review_reject",
    ),
]
