from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class EngagementKind(models.TextChoices):
    """Kinds of engagement (an event with partners). A contact point met there is recorded
    as an interaction; a contact-point meeting at the agency is contacts.Meeting."""

    TECHNICAL_MEETING = "technical_meeting", _("technical meeting")
    COUNTRY_VISIT = "country_visit", _("visit to a country")
    STUDY_VISIT = "study_visit", _("study visit to the agency")
    CONFERENCE = "conference", _("conference")
    JOINT_EVENT = "joint_event", _("joint event")
    NETWORK_MEETING = "network_meeting", _("network meeting")
    ACTION_DAY = "action_day", _("coordinated action day")
