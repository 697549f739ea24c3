"""Making notifications, and mailing them.

Notifications are made at the door where the event happens (a proposal made or decided, in
the service, so web, API, admin and command line alike) and by one scheduled job,
`notifications_run`, for what only the calendar brings (an instrument about to end, a
contact point falling silent, an exchange past its deadline, a job that failed). Each is
one row per (person, kind, record, threshold), inserted with ON CONFLICT DO NOTHING, so a
re-run or a second worker adds none. Mails go through Django's mail settings; each mail is
a `MailDelivery`, recorded before it is sent, so that a digest goes out once a period and a
failed one stays visible and is tried again by the next run, its notifications untouched."""

from __future__ import annotations

import datetime
import functools
import logging
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Model, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from liaison.core.permissions import ADD, APPROVE, VIEW, holds_personal_data, user_can
from liaison.core.services import AccessedRecord, access_record_references
from liaison.notifications.choices import (
    DEFAULT_FREQUENCY,
    DIGESTS,
    MAILED,
    Frequency,
    MailStatus,
    NotificationKind,
)
from liaison.notifications.models import MailDelivery, Notification, NotificationPreference

logger = logging.getLogger(__name__)

# The months before an instrument ends at which its readers are told, once each.
ENDING_THRESHOLDS = (1, 6, 12)
# Failed jobs older than this are not announced (a first run does not dig up the past).
FAILED_JOBS_DAYS = 7
# The most notifications one digest lists; the rest are counted, with a link to the page.
DIGEST_MOST = 50


# --- Who may receive what -----------------------------------------------------------------


def _models(kind: str) -> list[type[Model]]:
    from django_q.models import Failure

    from liaison.cases.models import Exchange
    from liaison.contacts.models import Interaction
    from liaison.instruments.models import ChangeProposal, Instrument
    from liaison.transfers.models import ProvisionReview

    models: dict[str, list[type[Model]]] = {
        NotificationKind.APPROVAL_WAITING: [ChangeProposal, ProvisionReview],
        NotificationKind.PROPOSAL_DECIDED: [ChangeProposal, ProvisionReview],
        NotificationKind.INSTRUMENT_ENDING: [Instrument],
        NotificationKind.CONTACT_DUE: [Interaction],
        NotificationKind.EXCHANGE_OVERDUE: [Exchange],
        NotificationKind.JOB_FAILED: [Failure],
    }
    return models[kind]


# The action on the kind's models that opens it: deciding proposals, making them, reading
# instruments, recording interactions (so seeing contact points), reading exchanges and jobs.
_ACTION = {
    NotificationKind.APPROVAL_WAITING: APPROVE,
    NotificationKind.PROPOSAL_DECIDED: ADD,
    NotificationKind.INSTRUMENT_ENDING: VIEW,
    NotificationKind.CONTACT_DUE: ADD,
    NotificationKind.EXCHANGE_OVERDUE: VIEW,
    NotificationKind.JOB_FAILED: VIEW,
}


def kinds_for(user: Any) -> list[str]:
    """The kinds `user`'s role may receive: those whose records it may act on or see. The
    same answer decides what is made, shown and mailed, so a role taken away stops them all."""
    return [
        kind
        for kind in NotificationKind.values
        if any(user_can(user, _ACTION[NotificationKind(kind)], model) for model in _models(kind))
    ]


def preferences_of(user: Any) -> dict[str, str]:
    """How often `user` wants each kind: their choice, else the kind's default."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "frequency"))
    return {
        kind: chosen.get(kind, DEFAULT_FREQUENCY[NotificationKind(kind)])
        for kind in NotificationKind.values
    }


@transaction.atomic
def notification_preferences_set(*, user: Any, frequencies: dict[str, str]) -> None:
    """Record `user`'s choice for each kind given (only kinds their role may receive)."""
    allowed = set(kinds_for(user))
    for kind, frequency in frequencies.items():
        if kind not in allowed or frequency not in Frequency.values:
            continue
        NotificationPreference.objects.update_or_create(
            user=user, kind=kind, defaults={"frequency": frequency}
        )


# --- Making them --------------------------------------------------------------------------


class Audience:
    """Who may receive what, and how often each wants it, read once per person for a whole
    run of the job (not once per record)."""

    def __init__(self) -> None:
        self._kinds: dict[int, list[str]] = {}
        self._preferences: dict[int, dict[str, str]] = {}

    def frequency(self, user: Any, kind: str) -> str:
        """How often `user` wants `kind`; OFF too when their role may not receive it."""
        if not user.is_active:
            return Frequency.OFF
        if user.pk not in self._kinds:
            self._kinds[user.pk] = kinds_for(user)
            self._preferences[user.pk] = preferences_of(user)
        if kind not in self._kinds[user.pk]:
            return Frequency.OFF
        return self._preferences[user.pk][kind]


def notifications_create(
    *,
    kind: str,
    record: Model,
    users: Iterable[Any],
    url: str,
    facts: dict[str, Any],
    threshold: str = "",
    audience: Audience | None = None,
    mail_at_once: bool = True,
) -> list[Any]:
    """Tell each of `users` (those whose role may receive `kind` and who did not turn it off)
    about `record`, once. Returns the people newly told. With `mail_at_once`, the mails of
    those who want them at once are sent after the transaction commits (the scheduled job
    passes False: it mails right after making them)."""
    audience = audience or Audience()
    content_type = ContentType.objects.get_for_model(record, for_concrete_model=False)
    told = [user for user in users if audience.frequency(user, kind) != Frequency.OFF]
    if not told:
        return []
    already = set(
        Notification.objects.filter(
            kind=kind,
            content_type=content_type,
            object_id=str(record.pk),
            threshold=threshold,
            user__in=[user.pk for user in told],
        ).values_list("user_id", flat=True)
    )
    told = [user for user in told if user.pk not in already]
    # ON CONFLICT DO NOTHING: a worker that made the same one a moment ago wins, silently.
    Notification.objects.bulk_create(
        [
            Notification(
                user=user,
                kind=kind,
                content_type=content_type,
                object_id=str(record.pk),
                threshold=threshold,
                facts=facts,
                url=url,
            )
            for user in told
        ],
        ignore_conflicts=True,
    )
    if mail_at_once:
        for user in told:
            if audience.frequency(user, kind) == Frequency.IMMEDIATELY:
                transaction.on_commit(functools.partial(_mail_soon, user.pk))
    return told


def _mail_soon(user_id: int) -> None:
    """Mail `user_id`'s notifications wanted at once, as a job (tried again if it fails)."""
    from django_q.tasks import async_task

    async_task(
        "liaison.notifications.services.notifications_mail_user",
        user_id,
        task_name=f"notifications-mail-{user_id}",
    )


def _proposal_facts(proposal: Any) -> dict[str, Any]:
    if proposal._meta.label_lower == "transfers.provisionreview":
        return {"proposal": "review", "provision": proposal.citation}
    return {
        "proposal": "change",
        "instrument": proposal.instrument.title,
        "partner": proposal.instrument.partner.code,
        "event": proposal.get_kind_display(),
        "date": proposal.date.isoformat() if proposal.date else None,
    }


def _approvers(proposal: Any) -> list[Any]:
    """Everyone who may approve `proposal` now: the four-eyes rule itself decides, so the
    proposer and anyone whose account they set up (or who set up theirs) are left out."""
    from liaison.instruments.permissions import may_approve

    opts = proposal._meta
    users = get_user_model().objects.with_perm(
        f"{opts.app_label}.{APPROVE}_{opts.model_name}",
        is_active=True,
        include_superusers=True,
        backend="django.contrib.auth.backends.ModelBackend",
    )
    return [
        user
        for user in users.exclude(pk=proposal.proposed_by_id)
        if may_approve(user, proposal) is None
    ]


def proposal_waiting_notify(
    *, proposal: Any, audience: Audience | None = None, mail_at_once: bool = True
) -> None:
    """A four-eyes proposal was made: tell those who may approve it (never its proposer)."""
    notifications_create(
        kind=NotificationKind.APPROVAL_WAITING,
        record=proposal,
        users=_approvers(proposal),
        url=proposal.get_absolute_url(),
        facts={**_proposal_facts(proposal), "proposer": proposal.proposed_by.get_username()},
        audience=audience,
        mail_at_once=mail_at_once,
    )


def proposal_decided_notify(*, proposal: Any) -> None:
    """A proposal was approved or rejected: tell its proposer (unless they withdrew it
    themselves), and take the "waiting" ones of the others off their unread list."""
    content_type = ContentType.objects.get_for_model(proposal)
    Notification.objects.filter(
        kind=NotificationKind.APPROVAL_WAITING,
        content_type=content_type,
        object_id=str(proposal.pk),
        read_at__isnull=True,
    ).update(read_at=timezone.now())
    if proposal.decided_by_id == proposal.proposed_by_id:
        return
    notifications_create(
        kind=NotificationKind.PROPOSAL_DECIDED,
        record=proposal,
        users=[proposal.proposed_by],
        url=proposal.get_absolute_url(),
        facts={
            **_proposal_facts(proposal),
            "status": proposal.status,
            "decided_by": proposal.decided_by.get_username() if proposal.decided_by else "",
        },
    )


def _months_after(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _active_users() -> list[Any]:
    return list(get_user_model().objects.filter(is_active=True).order_by("pk"))


def instruments_ending_notify(
    *, on: datetime.date, users: list[Any], audience: Audience | None = None
) -> int:
    """Instruments whose end (an `ended` or `expires` event) falls within 12, 6 or 1 months:
    each reader is told once per threshold, the nearest one reached."""
    from liaison.instruments.choices import EventKind
    from liaison.instruments.models import InstrumentEvent

    events = (
        InstrumentEvent.objects.filter(
            kind__in=[EventKind.ENDED, EventKind.EXPIRES],
            date__gt=on,
            date__lte=_months_after(on, max(ENDING_THRESHOLDS)),
        )
        .select_related("instrument__partner")
        .order_by("date", "pk")
    )
    count = 0
    for event in events:
        assert event.date is not None
        months = min(m for m in ENDING_THRESHOLDS if event.date <= _months_after(on, m))
        instrument = event.instrument
        count += len(
            notifications_create(
                kind=NotificationKind.INSTRUMENT_ENDING,
                record=instrument,
                users=users,
                url=instrument.get_absolute_url(),
                threshold=str(months),
                facts={
                    "instrument": instrument.title,
                    "partner": instrument.partner.code,
                    "date": event.date.isoformat(),
                },
                audience=audience,
                mail_at_once=False,
            )
        )
    return count


def contacts_due_notify(
    *, on: datetime.date, users: list[Any], audience: Audience | None = None
) -> int:
    """Active contact points without an interaction in the activity window (the first part
    of the "due for contact" order), each once per silence: a new interaction, then a new
    silence, is told again. Names stay out: the partner and organisation only."""
    from liaison.contacts.models import ContactPoint, activity_window

    start, _end = activity_window(on)
    silent = (
        ContactPoint.objects.active()
        .real()
        .filter(Q(last_interaction_on__isnull=True) | Q(last_interaction_on__lte=start))
        .select_related("partner")
        .order_by("appointed_on", "pk")
    )
    count = 0
    for contact in silent:
        since = contact.last_interaction_on
        count += len(
            notifications_create(
                kind=NotificationKind.CONTACT_DUE,
                record=contact,
                users=users,
                url=contact.get_absolute_url(),
                threshold=since.isoformat() if since else "never",
                facts={
                    "partner": contact.partner.name,
                    "organisation": contact.organisation,
                    "since": since.isoformat() if since else None,
                },
                audience=audience,
                mail_at_once=False,
            )
        )
    return count


def exchanges_overdue_notify(*, on: datetime.date, audience: Audience | None = None) -> int:
    """Exchanges past their deadline without an answer: their case's officer is told, once
    per deadline (a deadline moved and missed again is told again)."""
    from liaison.cases.selectors import overdue_exchanges

    count = 0
    for exchange in overdue_exchanges(on=on):
        officer = exchange.case.officer
        if officer is None or exchange.deadline is None:
            continue
        count += len(
            notifications_create(
                kind=NotificationKind.EXCHANGE_OVERDUE,
                record=exchange,
                users=[officer],
                url=exchange.get_absolute_url(),
                threshold=exchange.deadline.isoformat(),
                facts={
                    "partner": exchange.partner.name,
                    "case": exchange.case.cms_reference,
                    "deadline": exchange.deadline.isoformat(),
                },
                audience=audience,
                mail_at_once=False,
            )
        )
    return count


def jobs_failed_notify(
    *, now: datetime.datetime, users: list[Any], audience: Audience | None = None
) -> int:
    """Background jobs that failed in the last days: administrators are told of each."""
    from django_q.models import Failure

    count = 0
    failures = Failure.objects.filter(
        stopped__gte=now - datetime.timedelta(days=FAILED_JOBS_DAYS)
    ).order_by("stopped")
    for failure in failures:
        count += len(
            notifications_create(
                kind=NotificationKind.JOB_FAILED,
                record=failure,
                users=users,
                url=reverse("admin:django_q_failure_change", args=[failure.pk]),
                facts={
                    "job": failure.name,
                    "stopped": timezone.localtime(failure.stopped).strftime("%Y-%m-%d %H:%M %Z"),
                },
                audience=audience,
                mail_at_once=False,
            )
        )
    return count


def proposals_waiting_notify(*, audience: Audience | None = None) -> int:
    """Every pending proposal, told to those who may approve it and were not told yet (one
    that arrived by a door without a service, or a newly appointed approver)."""
    from liaison.instruments.choices import ProposalStatus
    from liaison.instruments.models import ChangeProposal
    from liaison.transfers.models import ProvisionReview

    count = 0
    pending: list[Any] = [
        *ChangeProposal.objects.filter(status=ProposalStatus.PENDING)
        .select_related("proposed_by", "instrument")
        .order_by("pk"),
        *ProvisionReview.objects.filter(status=ProposalStatus.PENDING)
        .select_related("proposed_by")
        .order_by("pk"),
    ]
    for proposal in pending:
        proposal_waiting_notify(proposal=proposal, audience=audience, mail_at_once=False)
        count += 1
    return count


def notifications_generate(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """What the calendar brings, for everyone it concerns. Safe to run any number of times."""
    now = now or timezone.now()
    on = timezone.localdate(now, timezone=timezone.get_default_timezone())
    users = _active_users()
    audience = Audience()
    with transaction.atomic():
        return {
            "proposals": proposals_waiting_notify(audience=audience),
            "instruments": instruments_ending_notify(on=on, users=users, audience=audience),
            "contacts": contacts_due_notify(on=on, users=users, audience=audience),
            "exchanges": exchanges_overdue_notify(on=on, audience=audience),
            "jobs": jobs_failed_notify(now=now, users=users, audience=audience),
        }


# --- Reading them -------------------------------------------------------------------------


def visible_notifications(user: Any) -> Any:
    """`user`'s notifications of the kinds their role may still receive, newest first."""
    return Notification.objects.filter(user=user, kind__in=kinds_for(user)).order_by(
        "-created_at", "-pk"
    )


def unread_count(user: Any) -> int:
    return visible_notifications(user).filter(read_at__isnull=True).count()


def notification_mark_read(*, user: Any, pk: int) -> int:
    return Notification.objects.filter(user=user, pk=pk, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def notifications_mark_all_read(*, user: Any) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def personal_records_access(
    *, user: Any, notifications: Iterable[Notification], request: Any = None
) -> int:
    """Log that `user` was shown (on a page or in a mail) the records of these notifications
    that hold personal data (an exchange of a case, a contact point)."""
    records = []
    for notification in notifications:
        model = notification.content_type.model_class()
        if model is not None and holds_personal_data(model):
            records.append(
                AccessedRecord(
                    notification.content_type, notification.object_id, notification.text[:200]
                )
            )
    return access_record_references(user=user, records=records, request=request)


# --- Mailing them -------------------------------------------------------------------------


def mail_language(user: Any) -> str:
    """The language `user`'s mails are written in: their own saved preference where one is
    recorded, else the site's."""
    from liaison.core.models import UserPreference

    if getattr(user, "pk", None) is None:
        return settings.LANGUAGE_CODE
    language = (
        UserPreference.objects.filter(user_id=user.pk).values_list("language", flat=True).first()
    )
    return language or settings.LANGUAGE_CODE


def _period(frequency: str, now: datetime.datetime) -> str | None:
    """The digest period `now` falls in, or None before the hour digests go out."""
    local = timezone.localtime(now, timezone=timezone.get_default_timezone())
    if local.hour < settings.NOTIFICATION_DIGEST_HOUR:
        return None
    if frequency == Frequency.DAILY:
        return local.date().isoformat()
    year, week, _day = local.isocalendar()
    return f"{year}-W{week:02d}"


def _absolute(url: str) -> str:
    return settings.BASE_URL.rstrip("/") + url


def _one_line(text: str) -> str:
    """`text` as a mail subject: one line. Texts come from the register, whose imported
    cells may hold line breaks (carriage returns, line feeds, line separators) or other
    control characters, which a mail header refuses (BadHeaderError): each run of them,
    with the spaces around it, becomes one space."""
    visible = "".join(
        " " if unicodedata.category(char) in ("Cc", "Zl", "Zp") else char for char in text
    )
    return " ".join(visible.split())


def _mail_render(
    user: Any, notifications: list[Notification], frequency: str, more: int
) -> EmailMultiAlternatives:
    with translation.override(mail_language(user)):
        context = {
            "user": user,
            "items": [
                {"text": n.text, "url": _absolute(n.url), "kind": n.get_kind_display()}
                for n in notifications
            ],
            "more": more,
            "frequency": frequency,
            "page_url": _absolute(reverse("notifications:notification_list")),
            "preferences_url": _absolute(reverse("notifications:preferences")),
        }
        if frequency == Frequency.DAILY:
            subject = _("Liaison: your daily summary (%(count)s)") % {
                "count": len(notifications) + more
            }
        elif frequency == Frequency.WEEKLY:
            subject = _("Liaison: your weekly summary (%(count)s)") % {
                "count": len(notifications) + more
            }
        else:
            subject = _("Liaison: %(text)s") % {"text": notifications[0].text}
        text = render_to_string("notifications/mail/digest.txt", context)
        html = render_to_string("notifications/mail/digest.html", context)
    message = EmailMultiAlternatives(
        subject=_one_line(subject)[:200],
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
    )
    message.attach_alternative(html, "text/html")
    return message


def _deliver(
    user: Any, frequency: str, period: str, notifications: list[Notification]
) -> bool | None:
    """Send one mail of `notifications` unless this period's was sent; record the outcome.
    True sent, False failed (kept, tried again at the next run), None nothing to do."""
    # Recorded first (get_or_create survives a worker creating it at the same moment).
    MailDelivery.objects.get_or_create(user=user, frequency=frequency, period=period)
    with transaction.atomic():
        delivery = (
            MailDelivery.objects.select_for_update(skip_locked=True)
            .filter(user=user, frequency=frequency, period=period)
            .exclude(status=MailStatus.SENT)
            .first()
        )
        if delivery is None:
            return None  # sent already, or being sent by another worker
        # Read again under the lock: another worker may have mailed some in the meantime.
        pks = [n.pk for n in notifications]
        fresh = list(
            Notification.objects.filter(pk__in=pks, mailed_at__isnull=True, read_at__isnull=True)
            .select_related("content_type")
            .order_by("-created_at", "-pk")
        )
        if not fresh:
            return None
        shown, more = fresh[:DIGEST_MOST], max(len(fresh) - DIGEST_MOST, 0)
        now = timezone.now()
        delivery.attempts += 1
        delivery.attempted_at = now
        try:
            _mail_render(user, shown, frequency, more).send()
        except Exception as error:  # noqa: BLE001 (any failure of the mail server is kept)
            delivery.status = MailStatus.FAILED
            delivery.last_error = f"{type(error).__name__}: {error}"[:2000]
            delivery.save()
            logger.warning("notification mail to user %s failed: %s", user.pk, delivery.last_error)
            return False
        delivery.status = MailStatus.SENT
        delivery.sent_at = now
        delivery.last_error = ""
        delivery.save()
        delivery.notifications.add(*fresh)
        Notification.objects.filter(pk__in=[n.pk for n in fresh]).update(mailed_at=now)
        personal_records_access(user=user, notifications=shown)
        return True


def notifications_mail_user(
    user_id: int, *, now: datetime.datetime | None = None
) -> dict[str, int]:
    """Mail one person what is due: each notification wanted at once, and the digest of the
    current day or week once that period's hour has come. Returns mails sent and failed."""
    now = now or timezone.now()
    outcome = {"sent": 0, "failed": 0}
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        return outcome
    preferences = preferences_of(user)
    kinds = [kind for kind in kinds_for(user) if preferences[kind] in MAILED]
    waiting = list(
        Notification.objects.filter(
            user=user, kind__in=kinds, mailed_at__isnull=True, read_at__isnull=True
        ).order_by("created_at", "pk")
    )
    by_frequency: dict[str, list[Notification]] = defaultdict(list)
    for notification in waiting:
        by_frequency[preferences[notification.kind]].append(notification)
    batches: list[tuple[str, str, list[Notification]]] = [
        (Frequency.IMMEDIATELY, f"n{n.pk}", [n]) for n in by_frequency[Frequency.IMMEDIATELY]
    ]
    for digest in DIGESTS:
        period = _period(digest, now)
        if period and by_frequency[digest]:
            batches.append((digest, period, by_frequency[digest]))
    for frequency, period, notifications in batches:
        result = _deliver(user, frequency, period, notifications)
        if result is True:
            outcome["sent"] += 1
        elif result is False:
            outcome["failed"] += 1
    return outcome


def notifications_mail(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Mail everyone whose notifications are due (see `notifications_mail_user`)."""
    users = (
        Notification.objects.filter(mailed_at__isnull=True, read_at__isnull=True)
        .values_list("user_id", flat=True)
        .distinct()
        .order_by("user_id")
    )
    total = {"sent": 0, "failed": 0}
    for user_id in list(users):
        for key, value in notifications_mail_user(user_id, now=now).items():
            total[key] += value
    return total


class MailsFailed(RuntimeError):
    """Some mails could not be sent: the job is recorded as failed (and so seen by
    administrators); the mails are tried again at the next run."""


def notifications_run() -> str:
    """The scheduled job: make what the calendar brings, then mail what is due."""
    made = notifications_generate()
    mailed = notifications_mail()
    summary = f"notifications made: {made}; mails: {mailed}"
    if mailed["failed"]:
        raise MailsFailed(summary)
    return summary
