"""Root URLs: the web UI, the REST API under /api/, the admin."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from liaison.core import health_views
from liaison.exports.access_log_views import AccessLogExportView
from liaison.partners.views import HomeView

urlpatterns = [
    # For load balancers and monitoring (no login; they reveal nothing but ready or not).
    path("healthz", health_views.healthz, name="healthz"),
    path("readyz", health_views.readyz, name="readyz"),
    path("metrics", health_views.metrics, name="metrics"),
    path("", HomeView.as_view(), name="home"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="core/login.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("liaison.core.urls")),
    # The access log is core's; its export is an export (it may run in the background).
    path("access-log/export.csv", AccessLogExportView.as_view(), name="access_log_export"),
    path("partners/", include("liaison.partners.urls")),
    path("instruments/", include("liaison.instruments.urls")),
    path("sources/", include("liaison.sources.urls")),
    path("transfer-assessments/", include("liaison.transfers.urls")),
    path("", include("liaison.contacts.urls")),
    path("strategy/", include("liaison.strategy.urls")),
    path("engagements/", include("liaison.engagements.urls")),
    # The calendar subscription is the engagements app's, on the account page.
    path("", include("liaison.engagements.account_urls")),
    path("exports/", include("liaison.exports.urls")),
    path("notifications/", include("liaison.notifications.urls")),
    path("cases/", include("liaison.cases.urls")),
    path("necessity/", include("liaison.necessity.urls")),
    path("search/", include("liaison.search.urls")),
    path("api/", include("config.api_urls")),
    path("admin/", admin.site.urls),
]

handler404 = "liaison.core.errors.page_not_found"
handler500 = "liaison.core.errors.server_error"
