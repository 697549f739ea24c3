from django.urls import path

from liaison.strategy import views

app_name = "strategy"
urlpatterns = [
    path("", views.StrategyDashboardView.as_view(), name="dashboard"),
    path("history/", views.StrategyHistoryView.as_view(), name="history"),
    path("regions/", views.RegionAlignmentListView.as_view(), name="region_list"),
    path("regions/<slug:code>/", views.RegionAlignmentDetailView.as_view(), name="region_detail"),
    path("report/", views.StrategyReportView.as_view(), name="report"),
    path("report.csv", views.StrategyReportCsvView.as_view(), name="report_csv"),
    path("report.pdf", views.StrategyReportPdfView.as_view(), name="report_pdf"),
]
