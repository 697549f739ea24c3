"""Writes: loading projects and engagements from the reference data; recording, changing
and deleting one with its participants; the participants' retention."""

from __future__ import annotations

import datetime
import secrets
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from liaison.core.choices import DatePrecision
from liaison.core.dates import last_day_of_precision, today
from liaison.core.models import api_token_digest
from liaison.core.redaction import history_redact
from liaison.engagements.choices import EngagementKind
from liaison.engagements.models import (
    CalendarFeedKey,
    Engagement,
    EngagementParticipant,
    Project,
)
from liaison.partners.models import Partner, Region
from liaison.reference.records import (
    LoadError,
    LoadTally,
    ManyRelation,
    ReferenceWriteError,
    dataset_file_read,
    dict_citation_rows,
    record_load,
    reference_dropped,
)
from liaison.sources.models import Source
from liaison.strategy.models import KeyAction


class EngagementsDataError(LoadError):
    """The engagements file is unusable; `problems` names each one."""


def _date_problem(record: dict[str, Any], name: str, *, required: bool) -> str | None:
    value = record.get(name)
    if value is None and not required:
        return None
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return None
    return f"'{name}' must be a date written YYYY-MM-DD, not {value!r}"


def _check(data: Any, known: dict[str, set[str]]) -> list[str]:
    problems: list[str] = []
    if not isinstance(data, dict):
        return ["the file must hold 'projects:' and 'engagements:'"]
    for kind, required in (
        ("projects", ("key", "name", "funding_instrument")),
        ("engagements", ("key", "kind", "title", "start_date")),
    ):
        records = data.get(kind) or []
        if not isinstance(records, list):
            problems.append(f"'{kind}' must be a list")
            continue
        for number, record in enumerate(records, start=1):
            if not isinstance(record, dict):
                problems.append(f"{kind[:-1]} record {number}: must be a mapping")
                continue
            label = f"{kind[:-1]} '{record.get('key')}'"
            for name in required:
                if not record.get(name):
                    problems.append(f"{label}: '{name}' is required")
            if record.get("key") and not isinstance(record["key"], str):
                problems.append(f"{label}: 'key' must be text")
            for field, universe in (
                ("partners", "partners"),
                ("co_organisers", "partners"),
                ("regions", "regions"),
                ("key_actions", "key_actions"),
            ):
                codes = record.get(field) or []
                if not isinstance(codes, list):
                    problems.append(f"{label}: '{field}' must be a list")
                    continue
                for code in codes:
                    if not isinstance(code, str) or code not in known[universe]:
                        problems.append(f"{label}: {field} names '{code}', which is not loaded")
            project = record.get("project")
            if project and (not isinstance(project, str) or project not in known["projects"]):
                problems.append(f"{label}: project '{record['project']}' is not defined")
            for name in ("start_date", "end_date"):
                problem = _date_problem(
                    record, name, required=kind == "engagements" and name == "start_date"
                )
                if problem:
                    problems.append(f"{label}: {problem}")
            if kind == "engagements":
                if record.get("kind") not in EngagementKind.values:
                    problems.append(
                        f"{label}: kind must be one of {', '.join(EngagementKind.values)}"
                    )
                precision = record.get("date_precision", DatePrecision.DAY)
                if precision not in DatePrecision.values:
                    problems.append(
                        f"{label}: 'date_precision' is {precision!r}; expected one of "
                        f"{', '.join(DatePrecision.values)}"
                    )
                for name in ("recurs_yearly", "online"):
                    if not isinstance(record.get(name, False), bool):
                        problems.append(
                            f"{label}: '{name}' must be true or false, not {record[name]!r}"
                        )
            citations = record.get("cite") or [None]
            if not isinstance(citations, list):
                citations = [None]
            for citation in citations:
                source = citation.get("source") if isinstance(citation, dict) else None
                if not isinstance(source, str) or source not in known["sources"]:
                    problems.append(f"{label}: every record cites a known source")
    return problems


def _known_projects(data: Any) -> set[str]:
    projects = data.get("projects") if isinstance(data, dict) else None
    if not isinstance(projects, list):
        return set()
    return {p["key"] for p in projects if isinstance(p, dict) and isinstance(p.get("key"), str)}


def engagements_load(*, path: Path) -> LoadTally:
    """Create or update the projects and engagements in `path`, all or nothing; what the
    app changed or recorded is reported and kept (see liaison/reference/records.py)."""
    data = dataset_file_read(path, EngagementsDataError)
    sources = {source.key: source for source in Source.objects.all()}
    partners = {p.code: p for p in Partner.objects.all()}
    regions = {r.code: r for r in Region.objects.all()}
    actions = {a.key: a for a in KeyAction.objects.all()}
    known = {
        "sources": set(sources),
        "partners": set(partners),
        "regions": set(regions),
        "key_actions": set(actions),
        "projects": _known_projects(data),
    }
    problems = _check(data, known)
    if problems:
        raise EngagementsDataError([f"{path.name}, {problem}" for problem in problems])
    tally = LoadTally()
    related: dict[str, dict[str, Any]] = {
        "partners": partners,
        "co_organisers": partners,
        "regions": regions,
        "key_actions": actions,
    }

    def sync(
        model: type[Any], record: dict[str, Any], fields: dict[str, Any], many: tuple[str, ...]
    ) -> Any:
        result = record_load(
            model=model,
            lookup={"key": record["key"]},
            fields=fields,
            citations=dict_citation_rows(record["cite"]),
            sources=sources,
            where=f"{path.name}, {model._meta.model_name} '{record['key']}'",
            issues=tally.issues,
            many={name: ManyRelation(record.get(name) or [], related[name]) for name in many},
        )
        tally.add(result.outcome)
        return result.instance

    try:
        with transaction.atomic():
            projects: dict[str, Project] = {}
            for record in data.get("projects") or []:
                projects[record["key"]] = sync(
                    Project,
                    record,
                    {
                        "name": record["name"],
                        "funding_instrument": record["funding_instrument"],
                        "description": record.get("description", ""),
                        "start_date": record.get("start_date"),
                        "end_date": record.get("end_date"),
                    },
                    ("regions", "partners"),
                )
            for record in data.get("engagements") or []:
                sync(
                    Engagement,
                    record,
                    {
                        "kind": record["kind"],
                        "title": record["title"],
                        "start_date": record["start_date"],
                        "end_date": record.get("end_date"),
                        "date_precision": record.get("date_precision", DatePrecision.DAY),
                        "recurs_yearly": record.get("recurs_yearly", False),
                        "place": record.get("place", ""),
                        "online": record.get("online", False),
                        "project": projects.get(record.get("project", "")),
                        "outcomes": record.get("outcomes", ""),
                        "follow_ups": record.get("follow_ups", ""),
                    },
                    ("partners", "co_organisers", "key_actions"),
                )
            for model, name in ((Project, "projects"), (Engagement, "engagements")):
                reference_dropped(
                    queryset=model.objects.all(),
                    key="key",
                    present={record["key"] for record in data.get(name) or []},
                    label=f"{path.name}, {model._meta.model_name}",
                    issues=tally.issues,
                )
    except ReferenceWriteError as error:
        raise EngagementsDataError([error.problem]) from error
    return tally


ENGAGEMENT_RELATIONS = ("partners", "co_organisers", "key_actions")
# How many keys a new engagement tries when other requests take them at the same moment.
KEY_ATTEMPTS = 20
PARTICIPANT_FIELDS = ("name", "organisation", "role", "partner")
# What stays of a participant's name once the retention period is over.
ANONYMISED_PARTICIPANT = "Anonymised participant"


def _engagement_key(*, title: str, start_date: datetime.date) -> str:
    base = slugify(f"{title}-{start_date}")[:90] or "engagement"
    key, number = base, 1
    while Engagement.objects.filter(key=key).exists():
        number += 1
        key = f"{base}-{number}"
    return key


def _engagement_save(
    engagement: Engagement, data: dict[str, Any], participants: list[dict[str, Any]] | None
) -> Engagement:
    many = {name: data.pop(name) for name in ENGAGEMENT_RELATIONS if name in data}
    for name, value in data.items():
        setattr(engagement, name, value)
    # The key is made here, never typed: its uniqueness is the database's to enforce (a
    # check before saving cannot see what another request is saving at the same moment).
    engagement.full_clean(validate_unique=False)
    engagement.save()
    for name, values in many.items():
        getattr(engagement, name).set(values)
    if participants is not None:
        engagement_participants_set(engagement=engagement, participants=participants)
    return engagement


@transaction.atomic
def engagement_create(
    *, data: dict[str, Any], participants: list[dict[str, Any]] | None = None
) -> Engagement:
    """Record an engagement with its partners, co-organisers, key actions and, if given,
    participants, all at once. Its key is made from the title and date."""
    for _attempt in range(KEY_ATTEMPTS):
        key = _engagement_key(title=data["title"], start_date=data["start_date"])
        try:
            with transaction.atomic():
                return _engagement_save(Engagement(key=key), dict(data), participants)
        except IntegrityError:
            # Another request took the same key between the look-up and the save: the
            # savepoint undid this attempt; the next look-up sees their key and skips it.
            if not Engagement.objects.filter(key=key).exists():
                raise
    raise ValidationError(
        _("Too many engagements with this title and date are being recorded at once; try again.")
    )


@transaction.atomic
def engagement_update(
    *,
    engagement: Engagement,
    data: dict[str, Any],
    participants: list[dict[str, Any]] | None = None,
) -> Engagement:
    """Change the fields in `data` (relations replaced whole) and, if `participants` is
    given, make the participants exactly those. The key stays: addresses do not move."""
    data = {name: value for name, value in data.items() if name != "key"}
    return _engagement_save(engagement, data, participants)


@transaction.atomic
def engagement_delete(*, engagement: Engagement) -> None:
    """Delete the engagement with its participants and citations; each deletion is in the
    change history (participants are deleted one by one, not in bulk)."""
    for participant in engagement.participants.all():
        participant.delete()
    engagement.delete()


@transaction.atomic
def engagement_participants_set(
    *, engagement: Engagement, participants: list[dict[str, Any]]
) -> list[EngagementParticipant]:
    """Make the engagement's participants exactly `participants`: each a dict of
    PARTICIPANT_FIELDS, with `id` for one already recorded. Those not named are removed;
    only those that differ are saved, so the history records real changes only."""
    existing = {p.pk: p for p in engagement.participants.all()}
    kept: list[EngagementParticipant] = []
    for values in participants:
        pk = values.get("id")
        if pk is not None and pk not in existing:
            raise ValidationError(
                _("Participant %(id)s is not one of this engagement's.") % {"id": pk}
            )
        participant = existing.get(pk) if pk is not None else None
        if participant is None:
            participant = EngagementParticipant(engagement=engagement)
        fields = {
            name: values.get(name) or ("" if name != "partner" else None)
            for name in PARTICIPANT_FIELDS
        }
        changed = participant.pk is None or any(
            getattr(participant, name) != value for name, value in fields.items()
        )
        for name, value in fields.items():
            setattr(participant, name, value)
        if changed:
            participant.full_clean()
            participant.save()
        kept.append(participant)
    kept_ids = {p.pk for p in kept}
    for pk, participant in existing.items():
        if pk not in kept_ids:
            participant.delete()
    return kept


def engagement_ended_on(engagement: Engagement) -> datetime.date:
    """The last day of the engagement as recorded (a yearly one: the occurrence recorded).

    Without an end date, the last day of the month or year when only that is known (the
    date is stored as its first day): the engagement may have been on any day of it."""
    if engagement.end_date:
        return engagement.end_date
    return last_day_of_precision(engagement.start_date, engagement.date_precision)


@transaction.atomic
def engagement_participants_anonymise(
    *, on: datetime.date | None = None
) -> list[EngagementParticipant]:
    """Anonymise the participants of engagements that ended more than
    LIAISON_ENGAGEMENT_PARTICIPANT_RETENTION_DAYS before `on` (default today): the name
    goes; organisation, role and partner stay. Returns those anonymised."""
    day = on or today()
    cutoff = day - datetime.timedelta(days=settings.ENGAGEMENT_PARTICIPANT_RETENTION_DAYS)
    # The start date is never after the end of the period it stands for: the query finds
    # every candidate, `engagement_ended_on` decides.
    candidates = (
        EngagementParticipant.objects.filter(
            Q(engagement__end_date__lt=cutoff)
            | Q(engagement__end_date__isnull=True, engagement__start_date__lt=cutoff)
        )
        .filter(anonymised_on__isnull=True)
        .select_related("engagement")
        .order_by("pk")
    )
    done = []
    for participant in candidates:
        if engagement_ended_on(participant.engagement) >= cutoff:
            continue
        participant.name = ANONYMISED_PARTICIPANT
        participant.anonymised_on = day
        # One save per record, so that the change history sees each anonymisation.
        participant.save(update_fields=["name", "anonymised_on", "last_updated"])
        # The history kept the name; after the save, so that the entry of the anonymisation
        # itself loses it too.
        history_redact(obj=participant, fields=["name"])
        done.append(participant)
    return done


@transaction.atomic
def engagement_participants_history_redact_anonymised() -> int:
    """Remove the names from the history of participants anonymised before anonymisation
    did so itself (once, after upgrading; again changes nothing). Returns the number of
    history entries rewritten."""
    anonymised = EngagementParticipant.objects.filter(anonymised_on__isnull=False).select_related(
        "engagement"
    )
    return sum(history_redact(obj=participant, fields=["name"]) for participant in anonymised)


CALENDAR_KEY_PREFIX = "cal_"


@transaction.atomic
def calendar_feed_key_create(*, user: Any) -> tuple[CalendarFeedKey, str]:
    """A new secret calendar address key for `user`; returns it with the key (shown once)."""
    key = CALENDAR_KEY_PREFIX + secrets.token_urlsafe(32)
    feed_key = CalendarFeedKey.objects.create(
        user=user, prefix=key[: CalendarFeedKey.PREFIX_LENGTH], key_digest=api_token_digest(key)
    )
    return feed_key, key


def calendar_feed_key_revoke(*, feed_key: CalendarFeedKey) -> CalendarFeedKey:
    """Revoke the calendar address now: it answers 404 from then on."""
    if feed_key.revoked is None:
        feed_key.revoked = timezone.now()
        feed_key.save(update_fields=["revoked"])
    return feed_key


def calendar_feed_owner(*, key: str) -> Any:
    """The active user whose unrevoked calendar address this key is, or None."""
    found = (
        CalendarFeedKey.objects.filter(
            key_digest=api_token_digest(key), revoked__isnull=True, user__is_active=True
        )
        .select_related("user")
        .first()
    )
    return found.user if found else None


@transaction.atomic
def calendar_feed_keys_revoke(user: Any) -> None:
    """Revoke every calendar address of `user` (when they log out everywhere and ask for it)."""
    # One by one, not with update(): each revocation goes into the change history.
    for feed_key in CalendarFeedKey.objects.filter(user=user, revoked__isnull=True):
        calendar_feed_key_revoke(feed_key=feed_key)
