"""The account pages, the access log, the accessibility statement and the documentation."""

from django.urls import path

from liaison.core import (
    access_log_views,
    account_views,
    docs_site,
    history_views,
    language_views,
    statement_views,
)

urlpatterns = [
    path("help/", docs_site.help_page, name="help"),
    path("help/<path:path>", docs_site.help_page, name="help_page"),
    path("language/", language_views.LanguageSwitchView.as_view(), name="language_switch"),
    # Browsers and tools that ask the root for it get the icon whitenoise serves.
    path(
        "favicon.ico",
        statement_views.FaviconView.as_view(),
        name="favicon",
    ),
    path(
        "accessibility/",
        statement_views.AccessibilityStatementView.as_view(),
        name="accessibility_statement",
    ),
    path("account/", account_views.AccountView.as_view(), name="account"),
    path("account/language/", account_views.AccountLanguageView.as_view(), name="account_language"),
    path("account/tokens/", account_views.ApiTokenCreateView.as_view(), name="api_token_create"),
    path(
        "account/tokens/<int:pk>/revoke/",
        account_views.ApiTokenRevokeView.as_view(),
        name="api_token_revoke",
    ),
    path(
        "account/log-out-everywhere/",
        account_views.LogOutEverywhereView.as_view(),
        name="logout_everywhere",
    ),
    path(
        "account/second-factor/",
        account_views.SecondFactorVerifyView.as_view(),
        name="second_factor_verify",
    ),
    path(
        "account/second-factor/setup/",
        account_views.SecondFactorSetupView.as_view(),
        name="second_factor_setup",
    ),
    path("changes/", history_views.ChangeLogListView.as_view(), name="change_log_list"),
    path("access-log/", access_log_views.AccessLogListView.as_view(), name="access_log_list"),
]
