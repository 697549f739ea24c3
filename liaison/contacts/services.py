"""Writes of the contact-point network: appointments and their succession, liaison officers
(with the Art. 53 and 54a conditions), interactions, meetings, and the retention rule."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from liaison.contacts.choices import (
    ENDED_STATUSES,
    GUIDE_LANGUAGES,
    ContactPointStatus,
    OfficerKind,
)
from liaison.contacts.models import (
    ANONYMISED_NAME,
    ContactPoint,
    Interaction,
    LiaisonOfficer,
    Meeting,
    MeetingInvitation,
)
from liaison.core.dates import today
from liaison.core.redaction import history_redact
from liaison.instruments.choices import InstrumentType
from liaison.instruments.models import Instrument
from liaison.partners.choices import PartnerKind
from liaison.partners.models import Partner

# Art. 54a: a liaison prosecutor needs an agreement that provides for it.
LIAISON_PROSECUTOR_INSTRUMENTS = (
    InstrumentType.COOPERATION_AGREEMENT,
    InstrumentType.INTERNATIONAL_AGREEMENT,
)
# Art. 53: a liaison magistrate needs a working arrangement with the country.
LIAISON_MAGISTRATE_INSTRUMENTS = (InstrumentType.WORKING_ARRANGEMENT,)


def _saved(obj: Any) -> Any:
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
def contact_point_create(
    *,
    partner: Partner,
    name: str,
    organisation: str,
    appointing_body: str,
    appointing_body_kind: str,
    appointed_on: datetime.date,
    appointment_basis: str = "",
    is_mailbox: bool = False,
    role: str = "",
    languages: list[str] | None = None,
    email: str = "",
    phone: str = "",
    predecessor: ContactPoint | None = None,
) -> ContactPoint:
    """Record an appointment. Bad input raises ValidationError, field by field."""
    contact_point: ContactPoint = _saved(
        ContactPoint(
            partner=partner,
            name=name.strip(),
            organisation=organisation.strip(),
            appointing_body=appointing_body.strip(),
            appointing_body_kind=appointing_body_kind,
            appointed_on=appointed_on,
            appointment_basis=appointment_basis.strip(),
            is_mailbox=is_mailbox,
            role=role.strip(),
            languages=list(languages or []),
            email=email.strip(),
            phone=phone.strip(),
            predecessor=predecessor,
        )
    )
    return contact_point


@transaction.atomic
def contact_point_end(
    *, contact_point: ContactPoint, status: str, on: datetime.date
) -> ContactPoint:
    """The appointment lapsed or was withdrawn on `on`; the record is kept."""
    if status not in ENDED_STATUSES:
        raise ValidationError(
            {
                "status": _("An appointment ends as “lapsed” or “withdrawn”, not “%(status)s”.")
                % {"status": status}
            }
        )
    if contact_point.status != ContactPointStatus.ACTIVE:
        raise ValidationError(
            {
                "status": _("This appointment already ended on %(date)s.")
                % {"date": contact_point.ended_on}
            }
        )
    contact_point.status = status
    contact_point.ended_on = on
    return _saved(contact_point)


@transaction.atomic
def contact_point_replace(
    *, predecessor: ContactPoint, appointed_on: datetime.date, **details: Any
) -> ContactPoint:
    """A successor replaces `predecessor` from `appointed_on`: the predecessor lapses that
    day and stays in the history, which the successor points back to."""
    contact_point_end(contact_point=predecessor, status=ContactPointStatus.LAPSED, on=appointed_on)
    details.setdefault("partner", predecessor.partner)
    details.setdefault("organisation", predecessor.organisation)
    details.setdefault("appointing_body", predecessor.appointing_body)
    details.setdefault("appointing_body_kind", predecessor.appointing_body_kind)
    return contact_point_create(predecessor=predecessor, appointed_on=appointed_on, **details)


def appointment_history(*, contact_point: ContactPoint) -> list[ContactPoint]:
    """The chain of appointments this one belongs to, first first."""
    chain = [contact_point]
    seen = {contact_point.pk}
    current = contact_point
    while current.predecessor_id is not None and current.predecessor_id not in seen:
        current = ContactPoint.objects.select_related("partner").get(pk=current.predecessor_id)
        seen.add(current.pk)
        chain.insert(0, current)
    current = contact_point
    while True:
        successor = (
            ContactPoint.objects.select_related("partner").filter(predecessor=current).first()
        )
        if successor is None or successor.pk in seen:
            break
        seen.add(successor.pk)
        chain.append(successor)
        current = successor
    return chain


def _instruments_in_force(partner: Partner, types: Iterable[str], on: datetime.date) -> list[str]:
    return [
        instrument.title
        for instrument in Instrument.objects.with_status(on).filter(  # type: ignore[misc]
            partner=partner, type__in=list(types), status="in_force"
        )
    ]


def liaison_officer_problem(*, kind: str, partner: Partner, on: datetime.date) -> str:
    """Why the agency may not have this liaison officer with `partner` on `on`; "" if it may."""
    if kind == OfficerKind.LIAISON_PROSECUTOR:
        if _instruments_in_force(partner, LIAISON_PROSECUTOR_INSTRUMENTS, on):
            return ""
        return _(
            "Art. 54a of Regulation (EU) 2018/1727: a liaison prosecutor may be seconded only "
            "under an agreement that provides for it. %(partner)s has no cooperation agreement "
            "or international agreement (Art. 218 TFEU) in force on %(date)s."
        ) % {"partner": partner.name, "date": on.isoformat()}
    if kind == OfficerKind.LIAISON_MAGISTRATE:
        if partner.kind != PartnerKind.COUNTRY:
            return _(
                "Art. 53 of Regulation (EU) 2018/1727: a liaison magistrate is posted to a "
                "third country; %(partner)s is not one."
            ) % {"partner": partner.name}
        if _instruments_in_force(partner, LIAISON_MAGISTRATE_INSTRUMENTS, on):
            return ""
        return _(
            "Art. 53 of Regulation (EU) 2018/1727: a liaison magistrate may be posted only to a "
            "country with which the agency has a working arrangement. %(partner)s has no "
            "working arrangement in force on %(date)s."
        ) % {"partner": partner.name, "date": on.isoformat()}
    return _("“%(kind)s” is not a kind of liaison officer: use %(kinds)s.") % {
        "kind": kind,
        "kinds": ", ".join(OfficerKind.values),
    }


@transaction.atomic
def liaison_officer_create(
    *,
    kind: str,
    partner: Partner,
    name: str,
    started_on: datetime.date,
    ended_on: datetime.date | None = None,
    email: str = "",
    phone: str = "",
) -> LiaisonOfficer:
    """Record a liaison prosecutor (Art. 54a) or magistrate (Art. 53); refused, with the
    article and what is missing, where the partner's instruments on `started_on` do not
    provide for one."""
    problem = liaison_officer_problem(kind=kind, partner=partner, on=started_on)
    if problem:
        raise ValidationError({"kind" if kind not in OfficerKind.values else "partner": problem})
    officer: LiaisonOfficer = _saved(
        LiaisonOfficer(
            kind=kind,
            partner=partner,
            name=name.strip(),
            started_on=started_on,
            ended_on=ended_on,
            email=email.strip(),
            phone=phone.strip(),
        )
    )
    return officer


@transaction.atomic
def interaction_create(
    *,
    kind: str,
    date: datetime.date,
    summary: str,
    follow_ups: str = "",
    contact_points: Iterable[ContactPoint] = (),
    partners: Iterable[Partner] = (),
    user: Any = None,
) -> Interaction:
    """Record an interaction; the partners of its contact points are concerned too."""
    contact_points = list(contact_points)
    concerned = {partner.pk: partner for partner in partners}
    for contact_point in contact_points:
        concerned.setdefault(contact_point.partner_id, contact_point.partner)
    if not concerned:
        raise ValidationError(
            {"partners": _("Say which contact points or partners the interaction concerned.")}
        )
    if date > today():
        raise ValidationError({"date": _("An interaction is recorded once it has taken place.")})
    interaction: Interaction = _saved(
        Interaction(
            kind=kind,
            date=date,
            summary=summary.strip(),
            follow_ups=follow_ups.strip(),
            recorded_by=user if user is not None and user.is_authenticated else None,
        )
    )
    interaction.contact_points.set(contact_points)
    interaction.partners.set(list(concerned.values()))
    return interaction


@transaction.atomic
def meeting_create(
    *,
    title: str,
    date: datetime.date,
    invitees: Iterable[ContactPoint] = (),
    languages_needed: list[str] | None = None,
    notes: str = "",
) -> Meeting:
    """Plan a meeting of contact points at the agency. The languages needed default to the
    guide languages the invitees would be offered."""
    invitees = list(invitees)
    if languages_needed is None:
        languages_needed = sorted({guide_language(contact_point=cp) for cp in invitees})
    meeting: Meeting = _saved(
        Meeting(title=title.strip(), date=date, languages_needed=languages_needed, notes=notes)
    )
    for contact_point in invitees:
        _saved(MeetingInvitation(meeting=meeting, contact_point=contact_point))
    return meeting


@transaction.atomic
def meeting_attendance_record(*, meeting: Meeting, attended: Iterable[ContactPoint]) -> Meeting:
    """Who came: every invitee is marked as attended or not, in one go."""
    present = {contact_point.pk for contact_point in attended}
    invited = {invitation.contact_point_id for invitation in meeting.invitations.all()}
    strangers = present - invited
    if strangers:
        raise ValidationError(
            {"attended": _("Only invitees can attend: record an invitation first.")}
        )
    for invitation in meeting.invitations.all():
        invitation.attended = invitation.contact_point_id in present
        invitation.save(update_fields=["attended"])
    return meeting


def guide_language(*, contact_point: ContactPoint) -> str:
    """The language of the contact-point guide to send: the contact point's first language
    the guide exists in, else English."""
    for code in contact_point.languages or []:
        if code in GUIDE_LANGUAGES:
            return code
    return "en"


# What anonymisation clears, in the record and in its history.
ANONYMISED_FIELDS = ("name", "email", "phone")


@transaction.atomic
def contact_points_anonymise(*, on: datetime.date | None = None) -> list[ContactPoint]:
    """Anonymise lapsed and withdrawn contact points that ended more than
    LIAISON_CONTACT_RETENTION_DAYS before `on` (default today): name, e-mail and telephone
    go; the appointment (partner, organisation, role, dates, succession) and the
    interactions stay. Returns those anonymised."""
    day = on or today()
    cutoff = day - datetime.timedelta(days=settings.CONTACT_RETENTION_DAYS)
    due = ContactPoint.objects.filter(
        status__in=ENDED_STATUSES, ended_on__lt=cutoff, anonymised_on__isnull=True
    ).select_related("partner")
    done = []
    for contact_point in due:
        contact_point.name = ANONYMISED_NAME
        contact_point.email = ""
        contact_point.phone = ""
        contact_point.anonymised_on = day
        # One save per record, so that the change history sees each anonymisation.
        contact_point.save(update_fields=[*ANONYMISED_FIELDS, "anonymised_on", "last_updated"])
        # The history kept the name, e-mail and telephone; after the save, so that the entry
        # of the anonymisation itself loses the old values too.
        history_redact(obj=contact_point, fields=ANONYMISED_FIELDS)
        done.append(contact_point)
    return done


@transaction.atomic
def contact_points_history_redact_anonymised() -> int:
    """Remove the cleared values from the history of contact points anonymised before
    anonymisation did so itself (once, after upgrading; again changes nothing). Returns the
    number of history entries rewritten."""
    anonymised = ContactPoint.objects.filter(anonymised_on__isnull=False).select_related("partner")
    return sum(history_redact(obj=cp, fields=ANONYMISED_FIELDS) for cp in anonymised)
