from django.urls import path

from liaison.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.CaseListView.as_view(), name="case_list"),
    path("new/", views.CaseCreateView.as_view(), name="case_create"),
    path("<int:pk>/", views.CaseDetailView.as_view(), name="case_detail"),
    path("<int:pk>/edit/", views.CaseUpdateView.as_view(), name="case_update"),
    path("<int:pk>/exchanges/new/", views.ExchangeCreateView.as_view(), name="exchange_create"),
    path("exchanges/overdue/", views.OverdueExchangeListView.as_view(), name="exchange_overdue"),
    path("exchanges/<int:pk>/edit/", views.ExchangeUpdateView.as_view(), name="exchange_update"),
    path("report/", views.CaseworkReportView.as_view(), name="report"),
    path("report.csv", views.CaseworkReportCsvView.as_view(), name="report_csv"),
    path("report.pdf", views.CaseworkReportPdfView.as_view(), name="report_pdf"),
    path("jits/", views.JointInvestigationTeamListView.as_view(), name="jit_list"),
    path("jits/<slug:key>/", views.JointInvestigationTeamDetailView.as_view(), name="jit_detail"),
]
