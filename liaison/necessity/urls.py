from django.urls import path

from liaison.necessity import views

app_name = "necessity"

urlpatterns = [
    path("", views.NecessityRankingView.as_view(), name="ranking"),
    path("ranking.csv", views.NecessityRankingCsvView.as_view(), name="ranking_csv"),
    path("ranking.pdf", views.NecessityRankingPdfView.as_view(), name="ranking_pdf"),
    path("analyses/", views.SavedAnalysisListView.as_view(), name="analysis_list"),
    path("analyses/new/", views.SavedAnalysisCreateView.as_view(), name="analysis_create"),
    path("analyses/<int:pk>/", views.SavedAnalysisDetailView.as_view(), name="analysis_detail"),
    path("analyses/<int:pk>.csv", views.SavedAnalysisCsvView.as_view(), name="analysis_csv"),
    path("analyses/<int:pk>.pdf", views.SavedAnalysisPdfView.as_view(), name="analysis_pdf"),
]
