"""The calendar subscription's actions, at the account page's addresses (outside the
engagements namespace, so that the addresses people already use stay the same)."""

from django.urls import path

from liaison.engagements import account_views

urlpatterns = [
    path(
        "account/calendar-feeds/",
        account_views.CalendarFeedKeyCreateView.as_view(),
        name="calendar_feed_key_create",
    ),
    path(
        "account/calendar-feeds/<int:pk>/revoke/",
        account_views.CalendarFeedKeyRevokeView.as_view(),
        name="calendar_feed_key_revoke",
    ),
]
