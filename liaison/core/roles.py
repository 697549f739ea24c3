"""Roles: named groups of permissions that an administrator gives to people.

What each role may do is this table, kept in step with the database by `roles_sync`
after every migration. Later apps add their models to `REGISTER_MODELS` or to a role.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from liaison.core.permissions import (
    ADD,
    APPROVE,
    CHANGE,
    DELETE,
    EXPORT,
    REVIEW,
    VIEW,
    VIEW_PERSONAL_DATA,
    codename,
)

ADMINISTRATOR = "administrator"
COOPERATION_OFFICER = "cooperation_officer"
CASE_OFFICER = "case_officer"
DATA_PROTECTION_OFFICER = "data_protection_officer"
VIEWER = "viewer"
ROLES = (ADMINISTRATOR, COOPERATION_OFFICER, CASE_OFFICER, DATA_PROTECTION_OFFICER, VIEWER)

ALL_ACTIONS = (VIEW, ADD, CHANGE, DELETE)

# The partner register: app_label.model_name.
REGISTER_MODELS = (
    "partners.partner",
    "partners.region",
    "instruments.instrument",
    "instruments.instrumentevent",
    "sources.source",
    "sources.citation",
    "sources.sourceattachment",
    # Read by every role; proposed and approved only as PROPOSALS says.
    "instruments.changeproposal",
    # The strategy and its progress: read by every role, kept by cooperation officers.
    "strategy.strategy",
    "strategy.priority",
    "strategy.keyaction",
    "strategy.progresssnapshot",
    "strategy.policydocument",
    # Engagements and EU-funded projects (no personal data: participants are not recorded).
    "engagements.project",
    "engagements.engagement",
    # The EU crime priorities that weight operational necessity (reference data), and the
    # saved analyses of it: read by every role, saved (never changed) by cooperation officers.
    "necessity.crimeprioritycycle",
    "necessity.crimepriority",
    "necessity.savedanalysis",
)
# The journal: every role but the viewer adds notes.
JOURNAL = "journal.journalentry"
# Four eyes: proposing and approving changes to a legal basis (see liaison.instruments).
PROPOSALS = {"instruments.changeproposal": (VIEW, ADD, APPROVE)}
# The contact-point network: personal data (contains_personal_data), so user_can refuses
# it to the viewer whatever this table says; cooperation officers keep it up to date.
CONTACT_MODELS = (
    "contacts.contactpoint",
    "contacts.liaisonofficer",
    "contacts.interaction",
    "contacts.meeting",
    "contacts.meetinginvitation",
    # People who took part in engagements: administrative personal data as well.
    "engagements.engagementparticipant",
)
# Casework (liaison.cases): cases, exchanges and operations are operational personal data
# (user_can refuses them to the viewer); case officers keep them, cooperation officers and
# the DPO read them. Joint investigation teams name nobody: every role reads them.
CASE_MODELS = ("cases.case", "cases.exchange", "cases.operation")
JIT = "cases.jointinvestigationteam"
CASE_OFFICER_ACTIONS = {
    "cases.case": (VIEW, ADD, CHANGE),
    "cases.exchange": ALL_ACTIONS,
    "cases.operation": ALL_ACTIONS,
    JIT: ALL_ACTIONS,
}
ACCOUNT_MODELS = (
    "auth.user",
    "auth.group",
    "core.rolepolicy",
    "core.apitoken",
    "engagements.calendarfeedkey",
    "otp_totp.totpdevice",
)

READ = (VIEW,)
# The access log is read and exported, never written by hand.
ACCESS_LOG = {"core.accesslogentry": (VIEW, EXPORT)}
# Transfer assessments are asked for (each asker sees their own) and, by those who review
# the register (REVIEW), read whole and exported; never changed or deleted.
TRANSFER_ASSESSMENT = "transfers.transferassessment"
ASK_TRANSFERS = {TRANSFER_ASSESSMENT: (VIEW, ADD)}
# The review state of the provisions the transfer engine cites: every role reads it; those
# who keep the register or review transfers propose and approve it (four eyes, as PROPOSALS).
PROVISION_REVIEW = "transfers.provisionreview"
PROVISION_REVIEWS = {PROVISION_REVIEW: (VIEW, ADD, APPROVE)}
# The change log (django-auditlog's entries) is read, never written by hand.
CHANGE_LOG = {"auditlog.logentry": READ}

# Background jobs: administrators follow exports and the job queue (failures above all) in
# /admin/; the schedules themselves are defined in the code (liaison.exports.jobs).
JOBS = {
    "exports.export": READ,
    "django_q.failure": (VIEW, DELETE),
    "django_q.success": READ,
    "django_q.schedule": READ,
    "django_q.ormq": READ,
    # Notification mails: which were sent and which failed, with the error.
    "notifications.maildelivery": READ,
}

# role -> {model: actions}
ROLE_PERMISSIONS: dict[str, dict[str, tuple[str, ...]]] = {
    ADMINISTRATOR: {
        **{model: ALL_ACTIONS for model in (*REGISTER_MODELS, *ACCOUNT_MODELS, *CONTACT_MODELS)},
        **{model: ALL_ACTIONS for model in (*CASE_MODELS, JIT)},
        **ACCESS_LOG,
        TRANSFER_ASSESSMENT: (VIEW, ADD, EXPORT, REVIEW),
        **CHANGE_LOG,
        **PROPOSALS,
        **PROVISION_REVIEWS,
        JOURNAL: ALL_ACTIONS,
        **JOBS,
    },
    COOPERATION_OFFICER: {
        **{model: ALL_ACTIONS for model in (*REGISTER_MODELS, *CONTACT_MODELS)},
        **{model: READ for model in (*CASE_MODELS, JIT)},
        **ASK_TRANSFERS,
        **CHANGE_LOG,
        **PROPOSALS,
        **PROVISION_REVIEWS,
        JOURNAL: (VIEW, ADD),
    },
    CASE_OFFICER: {
        **{model: READ for model in (*REGISTER_MODELS, *CONTACT_MODELS)},
        **CASE_OFFICER_ACTIONS,
        **ASK_TRANSFERS,
        PROVISION_REVIEW: READ,
        JOURNAL: (VIEW, ADD),
    },
    DATA_PROTECTION_OFFICER: {
        **{model: READ for model in (*REGISTER_MODELS, *CONTACT_MODELS)},
        **{model: READ for model in (*CASE_MODELS, JIT)},
        **ACCESS_LOG,
        TRANSFER_ASSESSMENT: (VIEW, EXPORT, REVIEW),
        **PROVISION_REVIEWS,
        **CHANGE_LOG,
        JOURNAL: (VIEW, ADD),
    },
    VIEWER: {
        **{model: READ for model in REGISTER_MODELS},
        JIT: READ,
        JOURNAL: READ,
        PROVISION_REVIEW: READ,
    },
}

# Permissions that are not an action on a model: role -> ("app_label.codename", ...).
ROLE_EXTRA_PERMISSIONS: dict[str, tuple[str, ...]] = {
    ADMINISTRATOR: (VIEW_PERSONAL_DATA,),
    COOPERATION_OFFICER: (VIEW_PERSONAL_DATA,),
    CASE_OFFICER: (VIEW_PERSONAL_DATA,),
    DATA_PROTECTION_OFFICER: (VIEW_PERSONAL_DATA,),
    VIEWER: (),
}


def user_has_role(user: Any) -> bool:
    """Whether the user holds any role (a superuser holds them all)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return bool(user.is_superuser or user.groups.filter(name__in=ROLES).exists())


@transaction.atomic
def roles_sync() -> None:
    """Create the role groups and give each exactly the permissions of ROLE_PERMISSIONS and
    ROLE_EXTRA_PERMISSIONS; each role gets a policy (second factor not required) if it has
    none, which an administrator may then change."""
    from liaison.core.models import RolePolicy

    for role, models in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        RolePolicy.objects.get_or_create(role=group)
        wanted: list[Permission] = []
        for label, actions in models.items():
            app_label, model_name = label.split(".")
            wanted.extend(
                Permission.objects.filter(
                    content_type__app_label=app_label,
                    codename__in=[f"{action}_{model_name}" for action in actions],
                )
            )
        for label in ROLE_EXTRA_PERMISSIONS[role]:
            wanted.extend(
                Permission.objects.filter(
                    content_type__app_label=label.split(".")[0], codename=codename(label)
                )
            )
        group.permissions.set(wanted)
