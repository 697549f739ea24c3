from django.urls import path

from liaison.strategy import views

app_name = "strategy"
urlpatterns = [
    path("", views.StrategyDashboardView.as_view(), name="dashboard"),
    path("history/", views.StrategyHistoryView.as_view(), name="history"),
]
