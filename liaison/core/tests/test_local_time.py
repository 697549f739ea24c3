"""Every page shows a moment one way: local time with its zone, never bare UTC beside it
(the change history showed its entries in local time and changed times in UTC)."""

from __future__ import annotations

import datetime

import pytest
from django.template import Context, Template
from django.test import override_settings

from liaison.core.dates import local_time_text
from liaison.core.history import ChangeRow, change_rows

WINTER_UTC = datetime.datetime(2026, 1, 7, 10, 15, 3, tzinfo=datetime.UTC)
SUMMER_UTC = datetime.datetime(2026, 7, 7, 10, 15, 3, tzinfo=datetime.UTC)


@override_settings(TIME_ZONE="Europe/Amsterdam")
def test_a_moment_is_shown_in_local_time_with_its_zone():
    assert local_time_text(WINTER_UTC) == "2026-01-07 11:15 CET"
    assert local_time_text(SUMMER_UTC, seconds=True) == "2026-07-07 12:15:03 CEST"


@override_settings(TIME_ZONE="Europe/Amsterdam")
def test_the_utc_text_a_history_stores_is_shown_in_local_time_too():
    assert local_time_text("2026-01-07 10:15:03.123456+00:00") == "2026-01-07 11:15 CET"


def test_text_that_is_no_moment_is_left_alone():
    assert local_time_text("2026-01-07") == "2026-01-07"
    assert local_time_text("Serbia") == "Serbia"
    assert local_time_text(None) == ""


@override_settings(TIME_ZONE="Europe/Amsterdam")
def test_the_template_filter_gives_the_same_text():
    rendered = Template('{% load liaison %}{{ at|local_time }} / {{ at|local_time:"seconds" }}')
    assert rendered.render(Context({"at": WINTER_UTC})) == (
        "2026-01-07 11:15 CET / 2026-01-07 11:15:03 CET"
    )


class _Entry:
    """What change_rows reads of an auditlog entry."""

    class content_type:  # noqa: N801
        @staticmethod
        def model_class():
            from liaison.instruments.models import ChangeProposal

            return ChangeProposal

    changes_dict = {"decided_at": ["None", "2026-01-07 10:15:03.5+00:00"]}


@override_settings(TIME_ZONE="Europe/Amsterdam")
@pytest.mark.django_db
def test_a_changed_moment_in_the_history_is_in_local_time_like_the_entry():
    (row,) = change_rows(_Entry())
    assert row == ChangeRow(row.field, "", "2026-01-07 11:15:03 CET")
