"""Who may do what: every URL and method of the web UI and the API, for anonymous and
each role. A new URL that is not in the matrix fails the completeness test."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from rest_framework.test import APIClient

from conftest import PERSONAS, make_persona
from liaison.core.services import api_token_create
from liaison.engagements.services import calendar_feed_key_create
from liaison.transfers.services import provision_review_propose
from liaison.transfers.testing import assessment_record

pytestmark = [pytest.mark.django_db]

ROLES = ["anonymous", *PERSONAS]  # alice, bob, carol, dave, erin, nora
READERS = {"alice", "bob", "carol", "dave", "erin"}
WRITERS = {"alice", "erin"}
SIGNED_IN = {"alice", "bob", "carol", "dave", "erin", "nora"}  # their own account pages
ACCESS_LOG_READERS = {"dave", "erin"}
TRANSFER_ASKERS = {"alice", "carol", "erin"}  # each sees their own assessments
TRANSFER_READERS = TRANSFER_ASKERS | {"dave"}
TRANSFER_REVIEWERS = {"dave", "erin"}  # see, export and report every assessment
CHANGE_LOG_READERS = {"alice", "dave", "erin"}
JOURNAL_WRITERS = {"alice", "carol", "dave", "erin"}
NOTE = {"kind": "info", "date": "2024-01-01", "text": "Met the liaison prosecutor."}
PERSONAL_DATA_READERS = {"alice", "carol", "dave", "erin"}  # contact details, interactions
CONTACT_WRITERS = {"alice", "erin"}
PROVISION_REVIEWERS = {"alice", "dave", "erin"}  # propose and approve reviews of provisions
NEW_PROVISION_REVIEW = {"verdict": "unverified", "note": "The English text reads otherwise."}

# What an answer means for the matrix.
LOGIN = "login"  # sent to the login page
OK = "ok"  # allowed (2xx, 3xx that is not the login page, or a 400 about the input)
DENIED = "denied"  # 403
UNAUTHENTICATED = "unauthenticated"  # 401
NOT_ALLOWED = "not_allowed"  # 405: the method is refused to everyone signed in


def page(readers: set[str]) -> dict[str, str]:
    return {
        role: LOGIN if role == "anonymous" else OK if role in readers else DENIED for role in ROLES
    }


def api(allowed: set[str]) -> dict[str, str]:
    return {
        role: UNAUTHENTICATED if role == "anonymous" else OK if role in allowed else DENIED
        for role in ROLES
    }


NOBODY_MAY_CHANGE = {
    role: UNAUTHENTICATED if role == "anonymous" else NOT_ALLOWED for role in ROLES
}


PARTNER = {"code": "RS"}
REGION = {"code": "western-balkans"}
SOURCE = {"key": "seed-002-strategy"}
NEW_PARTNER = {"code": "KE", "kind": "country"}
NEW_REGION = {"code": "test-region", "name": "Test region"}
NEW_SOURCE = {"key": "test-source", "title": "Test", "document_type": "report"}
NEW_ASSESSMENT = {"partner": "RS", "data_category": "non_personal"}
PROVISION = {"key": "art_58_1_b"}

# (url name, kwargs or a callable giving them, method, body, expected per role)
MATRIX: list[tuple[str, Any, str, dict[str, Any] | None, dict[str, str]]] = [
    ("home", {}, "get", None, page(READERS)),
    ("login", {}, "get", None, {role: OK for role in ROLES}),
    # Open to everyone: a barrier that keeps someone from logging in must still be reportable.
    ("accessibility_statement", {}, "get", None, {role: OK for role in ROLES}),
    ("logout", {}, "post", None, {role: LOGIN for role in ROLES}),  # back to the login page
    # The browser's icon: a redirect to the static file, for anyone.
    ("favicon", {}, "get", None, {role: OK for role in ROLES}),
    # The language switcher is on every page, the login page included; the saved
    # preference is each signed-in person's own.
    ("language_switch", {}, "post", {"language": "fr", "next": "/"}, {role: OK for role in ROLES}),
    ("account_language", {}, "post", {"language": "pt"}, page(SIGNED_IN)),
    # One search for everything: for every reader of the register (each group of results
    # checks its own permission: its tests).
    ("search:results", {}, "get", None, page(READERS)),
    ("search", {}, "get", None, api(READERS)),
    # A source recorded from the web: for those who may edit the register.
    ("sources:source_create", {}, "get", None, page(WRITERS)),
    ("sources:source_create", {}, "post", {"key": "new-source", "title": "T"}, page(WRITERS)),
    # The documentation holds no data: every signed-in person may read it.
    ("help", {}, "get", None, page(SIGNED_IN)),
    ("help_page", {"path": "guide/index.html"}, "get", None, page(SIGNED_IN)),
    # Probes for load balancers: anyone may ask, the answer is alive, ready or unready only.
    ("healthz", {}, "get", None, {role: OK for role in ROLES}),
    ("readyz", {}, "get", None, {role: OK for role in ROLES}),
    ("account", {}, "get", None, page(SIGNED_IN)),
    ("api_token_create", {}, "post", {"name": "sync", "days": 30}, page(SIGNED_IN)),
    ("api_token_revoke", "own_token", "post", None, page(SIGNED_IN)),
    # A secret calendar address: for those who may read engagements; each revokes their own.
    ("calendar_feed_key_create", {}, "post", None, page(READERS)),
    ("calendar_feed_key_revoke", "own_feed_key", "post", None, page(SIGNED_IN)),
    ("logout_everywhere", {}, "get", None, page(SIGNED_IN)),
    ("logout_everywhere", {}, "post", None, {role: LOGIN for role in ROLES}),
    ("second_factor_verify", {}, "get", None, page(SIGNED_IN)),
    ("second_factor_verify", {}, "post", {"code": "123456"}, page(SIGNED_IN)),
    ("second_factor_setup", {}, "get", None, page(SIGNED_IN)),
    ("second_factor_setup", {}, "post", {"code": "123456"}, page(SIGNED_IN)),
    ("access_log_list", {}, "get", None, page(ACCESS_LOG_READERS)),
    ("access_log_export", {}, "get", None, page(ACCESS_LOG_READERS)),
    ("access_log_export", {}, "post", None, page(ACCESS_LOG_READERS)),
    # Each person's own background exports; the file only while they may export its rows.
    ("exports:export_list", {}, "get", None, page(SIGNED_IN)),
    ("exports:export_detail", "own_export", "get", None, page(SIGNED_IN)),
    ("exports:export_download", "own_export", "get", None, page(TRANSFER_REVIEWERS)),
    # Each person's own notifications and preferences (what each role receives: its tests).
    ("notifications:notification_list", {}, "get", None, page(SIGNED_IN)),
    ("notifications:notification_open", "own_notification", "get", None, page(SIGNED_IN)),
    ("notifications:notification_read", "own_notification", "post", {}, page(SIGNED_IN)),
    ("notifications:notification_read_all", {}, "post", {}, page(SIGNED_IN)),
    ("notifications:preferences", {}, "get", None, page(SIGNED_IN)),
    ("notifications:preferences", {}, "post", {}, page(SIGNED_IN)),
    ("change_log_list", {}, "get", None, page(CHANGE_LOG_READERS)),
    ("partners:partner_list", {}, "get", None, page(READERS)),
    ("partners:world_map", {}, "get", None, page(READERS)),
    ("partners:partner_detail", PARTNER, "get", None, page(READERS)),
    ("partners:partner_channels", PARTNER, "get", None, page(READERS)),
    ("partners:partner_casework", PARTNER, "get", None, page(READERS)),
    ("partners:partner_journal_add", PARTNER, "post", NOTE, page(JOURNAL_WRITERS)),
    ("instruments:instrument_journal_add", "instrument", "post", NOTE, page(JOURNAL_WRITERS)),
    ("instruments:instrument_list", {}, "get", None, page(READERS)),
    ("instruments:instrument_detail", "instrument", "get", None, page(READERS)),
    ("instruments:instrument_transition", "instrument", "get", None, page(WRITERS)),
    ("instruments:instrument_transition", "instrument", "post", {"kind": "x"}, page(WRITERS)),
    ("instruments:instrument_event_change", "instrument_event", "get", None, page(WRITERS)),
    ("instruments:instrument_event_change", "instrument_event", "post", {}, page(WRITERS)),
    ("instruments:proposal_list", {}, "get", None, page(READERS)),
    ("instruments:proposal_detail", "proposal", "get", None, page(READERS)),
    ("instruments:proposal_approve", "proposal", "post", None, page(WRITERS)),
    ("instruments:proposal_reject", "proposal", "post", None, page(WRITERS)),
    ("sources:source_list", {}, "get", None, page(READERS)),
    ("sources:source_detail", SOURCE, "get", None, page(READERS)),
    ("sources:source_attachment_add", SOURCE, "post", {}, page(WRITERS)),
    ("sources:source_attachment", "attachment", "get", None, page(READERS)),
    ("sources:facts_without_source", {}, "get", None, page(READERS)),
    ("sources:unverified_facts", {}, "get", None, page(READERS)),
    ("api-schema", {}, "get", None, api(READERS)),
    ("api-docs", {}, "get", None, {**page(READERS)}),
    ("api-root", {}, "get", None, api(READERS)),
    ("partner-list", {}, "get", None, api(READERS)),
    ("partner-list", {}, "post", NEW_PARTNER, api(WRITERS)),
    ("partner-detail", PARTNER, "get", None, api(READERS)),
    ("partner-history", PARTNER, "get", None, api(READERS)),
    ("partner-detail", PARTNER, "put", {"code": "RS", "kind": "country"}, api(WRITERS)),
    ("partner-detail", PARTNER, "patch", {"aliases": ["Srbija"]}, api(WRITERS)),
    ("partner-detail", {"code": "WACAP"}, "delete", None, api(WRITERS)),
    ("instrument-list", {}, "get", None, api(READERS)),
    ("instrument-list", {}, "post", {"key": "x"}, api(WRITERS)),
    ("instrument-detail", "instrument", "get", None, api(READERS)),
    ("instrument-history", "instrument", "get", None, api(READERS)),
    ("instrument-events", "instrument", "post", {"kind": "x"}, api(WRITERS)),
    ("instrument-event", "instrument_event", "patch", {"date": "x"}, api(WRITERS)),
    ("proposal-list", {}, "get", None, api(READERS)),
    ("proposal-detail", "proposal", "get", None, api(READERS)),
    ("proposal-approve", "proposal", "post", {}, api(WRITERS)),
    ("provision-list", {}, "get", None, api(READERS)),
    ("provision-detail", PROVISION, "get", None, api(READERS)),
    ("proposal-reject", "proposal", "post", {}, api(WRITERS)),
    ("instrument-detail", "instrument", "put", {"title": "x"}, api(WRITERS)),
    ("instrument-detail", "instrument", "patch", {"notes": "x"}, api(WRITERS)),
    ("instrument-detail", "instrument", "delete", None, api(WRITERS)),
    ("region-list", {}, "get", None, api(READERS)),
    ("region-list", {}, "post", NEW_REGION, api(WRITERS)),
    ("region-detail", REGION, "get", None, api(READERS)),
    ("region-history", REGION, "get", None, api(READERS)),
    (
        "region-detail",
        REGION,
        "put",
        {"code": "western-balkans", "name": "Western Balkans"},
        api(WRITERS),
    ),
    ("region-detail", REGION, "patch", {"description": "x"}, api(WRITERS)),
    ("region-detail", REGION, "delete", None, api(WRITERS)),
    ("source-list", {}, "get", None, api(READERS)),
    ("source-list", {}, "post", NEW_SOURCE, api(WRITERS)),
    ("source-detail", SOURCE, "get", None, api(READERS)),
    ("source-history", SOURCE, "get", None, api(READERS)),
    ("change-list", {}, "get", None, api(CHANGE_LOG_READERS)),
    ("change-detail", "change", "get", None, api(CHANGE_LOG_READERS)),
    (
        "source-detail",
        SOURCE,
        "put",
        {"key": "seed-002-strategy", "title": "x", "document_type": "strategy"},
        api(WRITERS),
    ),
    ("source-detail", SOURCE, "patch", {"issuer": "x"}, api(WRITERS)),
    ("source-detail", SOURCE, "delete", None, api(WRITERS)),
    ("transfers:assessment_list", {}, "get", None, page(TRANSFER_READERS)),
    ("transfers:assessment_create", {}, "get", None, page(TRANSFER_ASKERS)),
    ("transfers:assessment_create", {}, "post", NEW_ASSESSMENT, page(TRANSFER_ASKERS)),
    ("transfers:assessment_detail", "own_assessment", "get", None, page(TRANSFER_READERS)),
    ("transfers:assessment_export", {}, "get", None, page(TRANSFER_REVIEWERS)),
    # Too large for one request: written in the background (see liaison.exports).
    ("transfers:assessment_export", {}, "post", None, page(TRANSFER_REVIEWERS)),
    ("transfers:self_assessed_transfers", {}, "get", None, page(TRANSFER_REVIEWERS)),
    ("transfers:provision_list", {}, "get", None, page(READERS)),
    ("transfers:provision_review_create", PROVISION, "get", None, page(PROVISION_REVIEWERS)),
    (
        "transfers:provision_review_create",
        PROVISION,
        "post",
        NEW_PROVISION_REVIEW,
        page(PROVISION_REVIEWERS),
    ),
    ("transfers:provision_review_detail", "provision_review", "get", None, page(READERS)),
    (
        "transfers:provision_review_approve",
        "provision_review",
        "post",
        None,
        page(PROVISION_REVIEWERS),
    ),
    (
        "transfers:provision_review_reject",
        "provision_review",
        "post",
        None,
        page(PROVISION_REVIEWERS),
    ),
    ("transfer-assessment-list", {}, "get", None, api(TRANSFER_READERS)),
    ("transfer-assessment-list", {}, "post", NEW_ASSESSMENT, api(TRANSFER_ASKERS)),
    ("transfer-assessment-detail", "own_assessment", "get", None, api(TRANSFER_READERS)),
    ("transfer-assessment-detail", "own_assessment", "put", NEW_ASSESSMENT, NOBODY_MAY_CHANGE),
    (
        "transfer-assessment-detail",
        "own_assessment",
        "patch",
        {"decision": "allowed"},
        NOBODY_MAY_CHANGE,
    ),
    ("transfer-assessment-detail", "own_assessment", "delete", None, NOBODY_MAY_CHANGE),
]


def _contact_point() -> dict[str, Any]:
    from liaison.contacts.tests.conftest import appoint
    from liaison.partners.models import Partner

    return {"pk": appoint(Partner.objects.get(code="RS")).pk}


def _liaison_officer() -> dict[str, Any]:
    from liaison.contacts.models import LiaisonOfficer
    from liaison.partners.models import Partner

    officer = LiaisonOfficer.objects.create(
        kind="liaison_prosecutor",
        partner=Partner.objects.get(code="RS"),
        name="Demo Prosecutor",
        started_on="2020-03-01",
    )
    return {"pk": officer.pk}


def _interaction() -> dict[str, Any]:
    import datetime

    from liaison.contacts.services import interaction_create
    from liaison.partners.models import Partner

    made = interaction_create(
        kind="call",
        date=datetime.date(2024, 1, 1),
        summary="Demo call",
        partners=[Partner.objects.get(code="RS")],
    )
    return {"pk": made.pk}


def _meeting() -> dict[str, Any]:
    import datetime

    from liaison.contacts.services import meeting_create

    return {"pk": meeting_create(title="Demo meeting", date=datetime.date(2026, 1, 1)).pk}


NEW_CONTACT_POINT = {
    "partner": "RS",
    "name": "Demo Contact",
    "organisation": "Demo ministry",
    "appointing_body": "Demo ministry",
    "appointing_body_kind": "competent_authority",
    "appointed_on": "2024-01-01",
}
NEW_INTERACTION = {"kind": "call", "date": "2024-01-01", "summary": "Demo", "partners": ["RS"]}
NEW_OFFICER = {
    "kind": "liaison_prosecutor",
    "partner": "RS",
    "name": "Demo Prosecutor",
    "started_on": "2024-01-01",
}

MATRIX += [
    ("contacts:reach", {}, "get", None, page(READERS)),
    ("contacts:channel_list", PARTNER, "get", None, page(READERS)),
    ("contacts:coverage", {}, "get", None, page(READERS)),
    ("contacts:guide", {"language": "fr"}, "get", None, page(READERS)),
    ("contacts:contactpoint_list", {}, "get", None, page(PERSONAL_DATA_READERS)),
    ("contacts:contactpoint_detail", _contact_point, "get", None, page(PERSONAL_DATA_READERS)),
    ("contacts:activity", {}, "get", None, page(PERSONAL_DATA_READERS)),
    ("contacts:partner_activity_list", {}, "get", None, page(PERSONAL_DATA_READERS)),
    # The old address only redirects (signed in) to the new one, which checks the role.
    ("contacts:engagement_moved", {}, "get", None, page(SIGNED_IN)),
    ("contacts:interaction_create", {}, "get", None, page(CONTACT_WRITERS)),
    ("contacts:interaction_create", {}, "post", NEW_INTERACTION, page(CONTACT_WRITERS)),
    ("contacts:meeting_list", {}, "get", None, page(PERSONAL_DATA_READERS)),
    ("contacts:meeting_detail", _meeting, "get", None, page(PERSONAL_DATA_READERS)),
    ("partner-channels", PARTNER, "get", None, api(READERS)),
    ("contact-point-list", {}, "get", None, api(PERSONAL_DATA_READERS)),
    ("contact-point-list", {}, "post", NEW_CONTACT_POINT, api(CONTACT_WRITERS)),
    ("contact-point-detail", _contact_point, "get", None, api(PERSONAL_DATA_READERS)),
    ("contact-point-history", _contact_point, "get", None, api(PERSONAL_DATA_READERS)),
    ("contact-point-detail", _contact_point, "patch", {"name": "x"}, NOBODY_MAY_CHANGE),
    ("contact-point-detail", _contact_point, "put", NEW_CONTACT_POINT, NOBODY_MAY_CHANGE),
    ("contact-point-detail", _contact_point, "delete", None, NOBODY_MAY_CHANGE),
    (
        "contact-point-end",
        _contact_point,
        "post",
        {"status": "lapsed", "on": "2025-01-01"},
        api(CONTACT_WRITERS),
    ),
    (
        "contact-point-replace",
        _contact_point,
        "post",
        {"appointed_on": "2025-01-01", "name": "Demo Successor"},
        api(CONTACT_WRITERS),
    ),
    ("meeting-list", {}, "get", None, api(PERSONAL_DATA_READERS)),
    ("meeting-list", {}, "post", {"title": "Demo", "date": "2026-01-01"}, api(CONTACT_WRITERS)),
    ("meeting-detail", _meeting, "get", None, api(PERSONAL_DATA_READERS)),
    ("meeting-history", _meeting, "get", None, api(PERSONAL_DATA_READERS)),
    ("meeting-detail", _meeting, "delete", None, NOBODY_MAY_CHANGE),
    ("meeting-attendance", _meeting, "post", {"attended": []}, api(CONTACT_WRITERS)),
    ("liaison-officer-list", {}, "get", None, api(PERSONAL_DATA_READERS)),
    ("liaison-officer-list", {}, "post", NEW_OFFICER, api(CONTACT_WRITERS)),
    ("liaison-officer-detail", _liaison_officer, "get", None, api(PERSONAL_DATA_READERS)),
    ("liaison-officer-history", _liaison_officer, "get", None, api(PERSONAL_DATA_READERS)),
    ("liaison-officer-detail", _liaison_officer, "delete", None, NOBODY_MAY_CHANGE),
    ("interaction-list", {}, "get", None, api(PERSONAL_DATA_READERS)),
    ("interaction-list", {}, "post", NEW_INTERACTION, api(CONTACT_WRITERS)),
    ("interaction-detail", _interaction, "get", None, api(PERSONAL_DATA_READERS)),
    ("interaction-history", _interaction, "get", None, api(PERSONAL_DATA_READERS)),
    ("interaction-detail", _interaction, "patch", {"summary": "x"}, NOBODY_MAY_CHANGE),
]

STRATEGY = {"key": "international-partners-2024-2027"}


def _strategy() -> dict[str, str]:
    from liaison.strategy.models import Strategy

    Strategy.objects.get_or_create(
        key=STRATEGY["key"],
        defaults={
            "title": "Strategy 2024-2027",
            "period_start": datetime.date(2024, 1, 1),
            "period_end": datetime.date(2027, 12, 31),
        },
    )
    return STRATEGY


def _strategy_loaded() -> dict[str, str]:
    _strategy()
    return {}


def _engagement() -> dict[str, str]:
    from liaison.engagements.models import Engagement

    Engagement.objects.get_or_create(
        key="demo-conference",
        defaults={"kind": "conference", "title": "Demo", "start_date": datetime.date(2024, 1, 1)},
    )
    return {"key": "demo-conference"}


def _calendar_feed() -> dict[str, str]:
    """A calendar address of a cooperation officer: it answers whoever asks, signed in or not."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    owner, _created = get_user_model().objects.get_or_create(username="subscriber")
    owner.groups.add(Group.objects.get(name="cooperation_officer"))
    return {"key": calendar_feed_key_create(user=owner)[1]}


def _project() -> dict[str, str]:
    from liaison.engagements.models import Project

    Project.objects.get_or_create(
        key="demo-project", defaults={"name": "Demo", "funding_instrument": "NDICI"}
    )
    return {"key": "demo-project"}


# The strategy and its progress: every role reads it; nobody changes it through the API.
MATRIX += [
    ("strategy:dashboard", {}, "get", None, page(READERS)),
    ("strategy:history", {}, "get", None, page(READERS)),
    ("strategy:region_list", {}, "get", None, page(READERS)),
    ("strategy:region_detail", REGION, "get", None, page(READERS)),
    ("strategy:report", _strategy_loaded, "get", None, page(READERS)),
    ("strategy:report_csv", _strategy_loaded, "get", None, page(READERS)),
    ("strategy:report_pdf", _strategy_loaded, "get", None, page(READERS)),
    ("strategy-list", {}, "get", None, api(READERS)),
    ("strategy-list", {}, "post", {"key": "x"}, NOBODY_MAY_CHANGE),
    ("strategy-detail", _strategy, "get", None, api(READERS)),
    ("strategy-detail", _strategy, "delete", None, NOBODY_MAY_CHANGE),
    ("strategy-progress", _strategy, "get", None, api(READERS)),
    ("strategy-regions", _strategy, "get", None, api(READERS)),
    ("strategy-snapshots", _strategy, "get", None, api(READERS)),
    ("strategy-history", _strategy, "get", None, api(READERS)),
    ("engagements:engagement_list", {}, "get", None, page(READERS)),
    ("engagement-list", {}, "get", None, api(READERS)),
    (
        "engagement-list",
        {},
        "post",
        {"kind": "conference", "title": "Demo", "start_date": "2026-01-01"},
        api(WRITERS),
    ),
    ("engagement-detail", _engagement, "get", None, api(READERS)),
    ("engagement-detail", _engagement, "patch", {"title": "Demo changed"}, api(WRITERS)),
    ("engagement-detail", _engagement, "put", {"title": "x"}, NOBODY_MAY_CHANGE),
    ("engagement-detail", _engagement, "delete", None, api(WRITERS)),
    ("engagement-history", _engagement, "get", None, api(READERS)),
    ("engagement-participants", _engagement, "get", None, api(PERSONAL_DATA_READERS)),
    ("engagement-calendar", {}, "get", None, api(READERS)),
    ("project-list", {}, "get", None, api(READERS)),
    ("project-detail", _project, "get", None, api(READERS)),
    ("project-detail", _project, "patch", {"name": "x"}, NOBODY_MAY_CHANGE),
    ("project-history", _project, "get", None, api(READERS)),
    ("engagements:engagement_calendar", {}, "get", None, page(READERS)),
    ("engagements:engagement_calendar_feed", _calendar_feed, "get", None, {r: OK for r in ROLES}),
    ("engagements:engagement_detail", _engagement, "get", None, page(READERS)),
    ("engagements:project_detail", _project, "get", None, page(READERS)),
    ("engagements:engagement_create", {}, "get", None, page(WRITERS)),
    (
        "engagements:engagement_create",
        {},
        "post",
        {"kind": "conference", "title": "Demo", "start_date": "2026-01-01"},
        page(WRITERS),
    ),
    ("engagements:engagement_update", _engagement, "get", None, page(WRITERS)),
    (
        "engagements:engagement_update",
        _engagement,
        "post",
        {"kind": "conference", "title": "Demo changed", "start_date": "2026-01-01"},
        page(WRITERS),
    ),
    ("engagements:engagement_delete", _engagement, "get", None, page(WRITERS)),
    ("engagements:engagement_delete", _engagement, "post", None, page(WRITERS)),
]

# Casework: cases, exchanges and operations are operational personal data (never the
# viewer's); case officers keep them, cooperation officers and the DPO read them. Every role
# reads JITs.
CASE_READERS = {"alice", "carol", "dave", "erin"}
CASE_WRITERS = {"carol", "erin"}
CASE_DELETERS = {"erin"}
NEW_CASE = {
    "cms_reference": "2024/0099",
    "title": "Demo case",
    "crime_areas": ["drug_trafficking"],
    "member_states": ["SE"],
    "requesting_member_state": "SE",
    "partners": ["RS"],
    "opened_on": "2024-01-01",
}
CASE_FORM = {**NEW_CASE, **dict.fromkeys(("arrests", "searches", "seizures"), "0")}
CASE_FORM.update(dict.fromkeys(("extraditions", "surrenders", "convictions"), "0"))
CASE_FORM["status"] = "open"
NEW_EXCHANGE = {
    "partner": "RS",
    "kind": "request_for_information",
    "direction": "incoming",
    "channel": "liaison_prosecutor",
    "data_category": "non_personal",
    "outcome": "pending",
}


def _case() -> dict[str, Any]:
    from liaison.cases.models import Case
    from liaison.cases.services import case_create
    from liaison.partners.models import Partner

    found = Case.objects.filter(cms_reference="2023/0412").first()
    if found is None:
        found = case_create(
            data={
                "cms_reference": "2023/0412",
                "title": "Demo case",
                "crime_areas": ["drug_trafficking"],
                "member_states": ["SE"],
                "requesting_member_state": "SE",
                "opened_on": datetime.date(2023, 5, 2),
            },
            partners=[Partner.objects.get(code="RS")],
        )
    return {"pk": found.pk}


def _exchange() -> dict[str, Any]:
    from liaison.cases.models import Case
    from liaison.cases.services import exchange_create
    from liaison.partners.models import Partner

    case = Case.objects.get(pk=_case()["pk"])
    made = exchange_create(
        user=None,
        case=case,
        data={**NEW_EXCHANGE, "partner": Partner.objects.get(code="RS")},
    )
    return {"pk": made.pk}


def _operation() -> dict[str, Any]:
    from liaison.cases.models import Case
    from liaison.cases.services import operation_create

    case = Case.objects.get(pk=_case()["pk"])
    made = operation_create(
        case=case, data={"key": "demo-day", "title": "Demo day", "date": datetime.date(2023, 10, 1)}
    )
    return {"pk": made.pk}


def _jit() -> dict[str, str]:
    from liaison.cases.services import jit_create

    jit_create(data={"key": "demo-jit", "name": "Demo JIT", "member_states": ["SE"]})
    return {"key": "demo-jit"}


NOT_OFFERED = {role: UNAUTHENTICATED if role == "anonymous" else NOT_ALLOWED for role in ROLES}

MATRIX += [
    ("cases:case_list", {}, "get", None, page(CASE_READERS)),
    ("cases:case_create", {}, "get", None, page(CASE_WRITERS)),
    ("cases:case_create", {}, "post", CASE_FORM, page(CASE_WRITERS)),
    ("cases:case_detail", _case, "get", None, page(CASE_READERS)),
    ("cases:case_update", _case, "get", None, page(CASE_WRITERS)),
    (
        "cases:case_update",
        _case,
        "post",
        {**CASE_FORM, "cms_reference": "2023/0412"},
        page(CASE_WRITERS),
    ),
    ("cases:exchange_create", _case, "get", None, page(CASE_WRITERS)),
    (
        "cases:exchange_create",
        _case,
        "post",
        {**NEW_EXCHANGE, "action": "save"},
        page(CASE_WRITERS),
    ),
    ("cases:exchange_update", _exchange, "get", None, page(CASE_WRITERS)),
    (
        "cases:exchange_update",
        _exchange,
        "post",
        {**NEW_EXCHANGE, "action": "save"},
        page(CASE_WRITERS),
    ),
    ("cases:exchange_overdue", {}, "get", None, page(CASE_READERS)),
    ("cases:jit_list", {}, "get", None, page(READERS)),
    ("cases:report", {}, "get", None, page(READERS)),
    ("cases:report_csv", {}, "get", None, page(READERS)),
    ("cases:report_pdf", {}, "get", None, page(READERS)),
    ("cases:jit_detail", _jit, "get", None, page(READERS)),
    # Figures only, no case: every role, the viewer (bob) included.
    ("casework-figures", {}, "get", None, api(READERS)),
    ("case-list", {}, "get", None, api(CASE_READERS)),
    ("case-list", {}, "post", NEW_CASE, api(CASE_WRITERS)),
    ("case-detail", _case, "get", None, api(CASE_READERS)),
    ("case-detail", _case, "patch", {"title": "Renamed"}, api(CASE_WRITERS)),
    ("case-detail", _case, "put", NEW_CASE, NOT_OFFERED),
    ("case-detail", _case, "delete", None, api(CASE_DELETERS)),
    ("case-history", _case, "get", None, api(CASE_READERS)),
    ("case-exchanges", _case, "get", None, api(CASE_READERS)),
    ("case-exchanges", _case, "post", NEW_EXCHANGE, api(CASE_WRITERS)),
    ("exchange-list", {}, "get", None, api(CASE_READERS)),
    ("exchange-list", {}, "post", {**NEW_EXCHANGE, "case": 0}, api(CASE_WRITERS)),
    ("exchange-detail", _exchange, "get", None, api(CASE_READERS)),
    ("exchange-detail", _exchange, "patch", {"subject": "Bank records"}, api(CASE_WRITERS)),
    ("exchange-detail", _exchange, "put", NEW_EXCHANGE, NOT_OFFERED),
    ("exchange-detail", _exchange, "delete", None, api(CASE_WRITERS)),
    ("exchange-history", _exchange, "get", None, api(CASE_READERS)),
    ("operation-list", {}, "get", None, api(CASE_READERS)),
    (
        "operation-list",
        {},
        "post",
        {"key": "x", "title": "x", "date": "2023-10-01", "case": 0},
        api(CASE_WRITERS),
    ),
    ("operation-detail", _operation, "get", None, api(CASE_READERS)),
    ("operation-detail", _operation, "patch", {"arrests": 1}, api(CASE_WRITERS)),
    ("operation-detail", _operation, "put", {}, NOT_OFFERED),
    ("operation-detail", _operation, "delete", None, api(CASE_WRITERS)),
    ("operation-history", _operation, "get", None, api(CASE_READERS)),
    ("joint-investigation-team-list", {}, "get", None, api(READERS)),
    (
        "joint-investigation-team-list",
        {},
        "post",
        {"key": "new-jit", "name": "New JIT"},
        api(CASE_WRITERS),
    ),
    ("joint-investigation-team-detail", _jit, "get", None, api(READERS)),
    ("joint-investigation-team-detail", _jit, "patch", {"notes": "Extended"}, api(CASE_WRITERS)),
    ("joint-investigation-team-detail", _jit, "put", {}, NOT_OFFERED),
    ("joint-investigation-team-detail", _jit, "delete", None, api(CASE_WRITERS)),
    ("joint-investigation-team-history", _jit, "get", None, api(READERS)),
]

# Operational necessity: figures only, every role reads the ranking (the viewer without links
# to cases); cooperation officers and administrators save analyses, which nobody changes.
ANALYSIS_SAVERS = {"alice", "erin"}


def _analysis() -> dict[str, int]:
    from django.contrib.auth import get_user_model

    from liaison.necessity.selectors import NecessityParameters, necessity_ranking
    from liaison.necessity.services import saved_analysis_create

    params = NecessityParameters(as_of=datetime.date(2026, 1, 31))
    analysis = saved_analysis_create(
        user=get_user_model().objects.get_or_create(username="analyst")[0],
        as_of=params.as_of,
        parameters=params.to_dict(),
        result=necessity_ranking(params=params),
    )
    return {"pk": analysis.pk}


MATRIX += [
    ("necessity:ranking", {}, "get", None, page(READERS)),
    ("necessity:ranking_csv", {}, "get", None, page(READERS)),
    ("necessity:ranking_pdf", {}, "get", None, page(READERS)),
    ("necessity:analysis_list", {}, "get", None, page(READERS)),
    ("necessity:analysis_create", {}, "post", {"window": "3"}, page(ANALYSIS_SAVERS)),
    ("necessity:analysis_detail", _analysis, "get", None, page(READERS)),
    ("necessity:analysis_csv", _analysis, "get", None, page(READERS)),
    ("necessity:analysis_pdf", _analysis, "get", None, page(READERS)),
    ("necessity-ranking", {}, "get", None, api(READERS)),
    ("saved-analysis-list", {}, "get", None, api(READERS)),
    ("saved-analysis-list", {}, "post", {"window": 3}, api(ANALYSIS_SAVERS)),
    ("saved-analysis-detail", _analysis, "get", None, api(READERS)),
    ("saved-analysis-detail", _analysis, "patch", {"title": "x"}, NOBODY_MAY_CHANGE),
    ("saved-analysis-detail", _analysis, "delete", None, NOBODY_MAY_CHANGE),
]

# URLs outside the matrix, each with the reason and the test that covers it.
OUTSIDE_MATRIX = {
    "admin": "Django's administration: see test_the_admin_is_for_administrators_only",
    "metrics": "for the monitoring system by token or network, never by role: see "
    "liaison/core/tests/test_metrics.py",
}


def answer_kind(response: Any) -> str:
    if response.status_code == 401:
        return UNAUTHENTICATED
    if response.status_code == 403:
        return DENIED
    if response.status_code == 405:
        return NOT_ALLOWED
    if response.status_code in (301, 302) and "/login/" in response.get("Location", ""):
        return LOGIN
    assert response.status_code < 500, response.status_code
    assert response.status_code != 404, "the matrix must point at records that exist"
    return OK


def client_for(role: str, django_user_model: Any) -> APIClient:
    client = APIClient()
    if role != "anonymous":
        client.force_login(make_persona(django_user_model, role))
    return client


@pytest.fixture
def register(db: Any, django_user_model: Any) -> dict[str, Any]:
    """The few records the matrix points at (the whole reference data would be slow here)."""
    from django.contrib.auth.models import Group

    from liaison.instruments.services import instrument_transition
    from liaison.instruments.testing.factories import (
        InstrumentFactory,
        SourceFactory,
        add_event,
        cite,
    )
    from liaison.partners.models import Partner, Region
    from liaison.sources.services import source_attachment_add

    source = SourceFactory(key="seed-002-strategy")
    region = Region.objects.create(code="western-balkans", name="Western Balkans")
    serbia = Partner.objects.create(code="RS", kind="country", name="Serbia")
    serbia.regions.add(region)
    Partner.objects.create(code="WACAP", kind="judicial_network", name="WACAP")
    instrument = InstrumentFactory(
        partner=serbia, key="rs-cooperation-agreement", type="cooperation_agreement"
    )
    cite(instrument, source)
    add_event(instrument, "signed", date=datetime.date(2019, 1, 1), source=source)
    proposer = django_user_model.objects.create_user("pat")
    proposer.groups.add(Group.objects.get(name="cooperation_officer"))
    proposal = instrument_transition(
        instrument=instrument,
        event_kind="in_force",
        date=datetime.date(2019, 6, 1),
        source=source,
        user=proposer,
    )
    attachment = source_attachment_add(
        source=source, upload=SimpleUploadedFile("decision.txt", b"Council decision"), user=proposer
    )
    provision_review = provision_review_propose(
        provision="art_56_1_a", verdict="unverified", user=proposer, note="Reads otherwise."
    )
    return {
        "instrument": instrument,
        "proposal": proposal,
        "attachment": attachment,
        "provision_review": provision_review,
    }


def _own_notification(role: str, django_user_model: Any) -> Any:
    """A notification for the role's own user (anyone's, for the anonymous visitor)."""
    from django.contrib.contenttypes.models import ContentType

    from liaison.notifications.models import Notification
    from liaison.partners.models import Partner

    owner = django_user_model.objects.filter(username=role).first() or make_persona(
        django_user_model, "alice"
    )
    partner = Partner.objects.get(code="RS")
    return Notification.objects.create(
        user=owner,
        kind="instrument_ending",
        content_type=ContentType.objects.get_for_model(Partner),
        object_id=str(partner.pk),
        threshold="12",
        facts={"instrument": "Agreement", "partner": "RS", "date": "2027-01-01"},
        url="/partners/RS/",
    )


def _own_ready_export(role: str, django_user_model: Any) -> Any:
    """A finished export of transfer assessments, asked for by the role's own user."""
    from liaison.exports.models import Export
    from liaison.exports.services import export_storage

    owner = django_user_model.objects.filter(username=role).first() or make_persona(
        django_user_model, "alice"
    )
    export = Export.objects.create(
        user=owner,
        kind="transfer-assessments",
        status="ready",
        expires_at=timezone.now() + datetime.timedelta(days=1),
    )
    export_storage().save(export.file_key, ContentFile(b'"id"\r\n'))
    return export


# Every list as a file: the list's own readers (personal data only for those who see it).
def _list_export(kind: str, file_format: str) -> dict[str, str]:
    return {"kind": kind, "file_format": file_format}


IMPORTERS = {"alice", "carol", "erin"}  # contact points, partners, engagements; cases

MATRIX += [
    ("exports:import_start", {}, "get", None, page(IMPORTERS)),
    ("exports:import_start", {}, "post", {"kind": "contact-points"}, page(IMPORTERS)),
    # Someone else's preview does not exist for you; your own only with the right to import.
    ("exports:import_confirm", "own_import", "post", None, page(CONTACT_WRITERS)),
    ("exports:list_export", _list_export("partners", "xlsx"), "get", None, page(READERS)),
    ("exports:list_export", _list_export("sources", "csv"), "get", None, page(READERS)),
    (
        "exports:list_export",
        _list_export("contact-points", "xlsx"),
        "get",
        None,
        page(PERSONAL_DATA_READERS),
    ),
    ("exports:list_export", _list_export("cases", "csv"), "get", None, page(CASE_READERS)),
    (
        "exports:list_export",
        _list_export("change-log", "xlsx"),
        "get",
        None,
        page(CHANGE_LOG_READERS),
    ),
    (
        "exports:list_export",
        _list_export("access-log", "xlsx"),
        "get",
        None,
        page(ACCESS_LOG_READERS),
    ),
    (
        "exports:list_export",
        _list_export("transfer-assessments", "xlsx"),
        "post",
        None,
        page(TRANSFER_REVIEWERS),
    ),
]


def _own_import(role: str, django_user_model: Any) -> Any:
    """A previewed contact-point import of the role's own user (its file no longer kept)."""
    from liaison.exports.models import Import

    owner = django_user_model.objects.filter(username=role).first() or make_persona(
        django_user_model, "alice"
    )
    return Import.objects.create(
        user=owner, kind="contact-points", file_name="points.csv", digest="0" * 64
    )


def case_id(case: tuple[Any, ...]) -> str:
    return f"{case[2].upper()} {case[0]}"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", MATRIX, ids=case_id)
def test_each_role_gets_the_answer_the_matrix_gives(case, role, register, django_user_model):
    name, kwargs, method, body, expected = case
    client = client_for(role, django_user_model)
    if kwargs == "instrument":
        kwargs = {"pk": register["instrument"].pk}
    elif kwargs == "instrument_event":
        instrument = register["instrument"]
        kwargs = {"pk": instrument.pk, "event_id": instrument.events.get().pk}
    elif kwargs == "attachment":
        attachment = register["attachment"]
        kwargs = {"key": attachment.source.key, "pk": attachment.pk}
    elif kwargs == "proposal":
        kwargs = {"pk": register["proposal"].pk}
    elif kwargs == "provision_review":
        kwargs = {"pk": register["provision_review"].pk}
    elif kwargs == "change":
        kwargs = {"pk": LogEntry.objects.order_by("pk").first().pk}
    elif kwargs == "own_token":
        owner = django_user_model.objects.filter(username=role).first() or make_persona(
            django_user_model, "alice"
        )
        kwargs = {"pk": api_token_create(user=owner, name="matrix", days=1)[0].pk}
    elif kwargs == "own_feed_key":
        owner = django_user_model.objects.filter(username=role).first() or make_persona(
            django_user_model, "alice"
        )
        kwargs = {"pk": calendar_feed_key_create(user=owner)[0].pk}
    elif kwargs == "own_assessment":
        # Asked by the role's own user, so that only the role decides whether it is shown.
        asker = django_user_model.objects.filter(username=role).first() or make_persona(
            django_user_model, "alice"
        )
        assessment = assessment_record(user=asker, partner_code="RS", data_category="non_personal")
        kwargs = {"pk": assessment.pk}
    elif kwargs == "own_notification":
        kwargs = {"pk": _own_notification(role, django_user_model).pk}
    elif kwargs == "own_export":
        kwargs = {"pk": _own_ready_export(role, django_user_model).pk}
    elif kwargs == "own_import":
        kwargs = {"pk": _own_import(role, django_user_model).pk}
    elif callable(kwargs):
        kwargs = kwargs()
    url = reverse(name, kwargs=kwargs)
    response = (
        getattr(client, method)(url, body, format="json")
        if body is not None
        else getattr(client, method)(url)
    )
    assert answer_kind(response) == expected[role], (method, url, role, response.status_code)


def route_names(resolver: URLResolver, namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= route_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_url_is_in_the_matrix_or_explained():
    covered = {case[0] for case in MATRIX}
    unexplained = {
        name for name in route_names(get_resolver()) if name.split(":")[0] not in OUTSIDE_MATRIX
    } - covered
    assert unexplained == set(), "add these URLs to the authorisation matrix"


@pytest.mark.parametrize("role", ROLES)
def test_the_admin_is_for_administrators_only(role, django_user_model):
    client = client_for(role, django_user_model)
    response = client.get("/admin/")
    if role == "erin":
        assert response.status_code == 200
    elif role == "anonymous":
        assert response.status_code == 302
        # The admin's own login page hands over to Liaison's (lock-out, second factor).
        response = client.get(response["Location"])
        assert response.status_code == 302
        assert response["Location"].startswith("/login/")
    else:
        # Signed in already: the login page would send them straight back (issue 12).
        assert response.status_code == 403


def test_a_user_without_a_role_is_told_to_ask_an_administrator(django_user_model, register):
    client = client_for("nora", django_user_model)
    response = client.get("/partners/")
    assert response.status_code == 403
    assert "ask an administrator" in response.content.decode().lower()
