"""Writes: loading projects and engagements from the reference data; recording, changing
and deleting one with its participants; the participants' retention."""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass
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
    RecordChecker,
    RecordKind,
    ReferenceWriteError,
    dataset_file_read,
    dict_citation_rows,
    record_load,
    reference_dropped,
    section_keys,
    sections_read,
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


@dataclass
class _Known:
    """The keys a record may name: what the register holds, and the file's projects."""

    sources: set[str]
    partners: set[str]
    regions: set[str]
    key_actions: set[str]
    projects: set[str]


# The lists of keys a record may hold, with the kind of record each names.
_NAMED = (
    ("partners", "partners"),
    ("co_organisers", "partners"),
    ("regions", "regions"),
    ("key_actions", "key_actions"),
)


def _common_read(
    checker: RecordChecker, record: dict[str, Any], known: _Known, *, kind: str
) -> dict[str, Any]:
    """What projects and engagements share: their relations (each named record loaded),
    their project, their dates and their citations. Returns the relations to write."""
    many: dict[str, list[str]] = {}
    for name, universe in _NAMED:
        codes = record.get(name) or []
        if not isinstance(codes, list):
            checker.problem(f"'{name}' must be a list")
            continue
        for code in codes:
            if not isinstance(code, str) or code not in getattr(known, universe):
                checker.problem(f"{name} names '{code}', which is not loaded")
        many[name] = codes
    project = record.get("project")
    if project and (not isinstance(project, str) or project not in known.projects):
        checker.problem(f"project '{record['project']}' is not defined")
    for name in ("start_date", "end_date"):
        problem = _date_problem(
            record, name, required=kind == "engagements" and name == "start_date"
        )
        if problem:
            checker.problem(problem)
    return many


def _citations_read(checker: RecordChecker, record: dict[str, Any], known: _Known) -> None:
    citations = record.get("cite") or [None]
    if not isinstance(citations, list):
        citations = [None]
    for citation in citations:
        source = citation.get("source") if isinstance(citation, dict) else None
        if not isinstance(source, str) or source not in known.sources:
            checker.problem("every record cites a known source")


def _project_read(checker: RecordChecker, record: dict[str, Any], known: _Known) -> dict[str, Any]:
    many = _common_read(checker, record, known, kind="projects")
    _citations_read(checker, record, known)
    return {
        "key": record.get("key"),
        "fields": {
            "name": record.get("name"),
            "funding_instrument": record.get("funding_instrument"),
            "description": record.get("description", ""),
            "start_date": record.get("start_date"),
            "end_date": record.get("end_date"),
        },
        "many": {name: many.get(name) or [] for name in ("regions", "partners")},
        "cite": record.get("cite"),
    }


def _engagement_read(
    checker: RecordChecker, record: dict[str, Any], known: _Known
) -> dict[str, Any]:
    many = _common_read(checker, record, known, kind="engagements")
    if record.get("kind") not in EngagementKind.values:
        checker.problem(f"kind must be one of {', '.join(EngagementKind.values)}")
    precision = record.get("date_precision", DatePrecision.DAY)
    if precision not in DatePrecision.values:
        checker.problem(
            f"'date_precision' is {precision!r}; expected one of {', '.join(DatePrecision.values)}"
        )
    for name in ("recurs_yearly", "online"):
        if not isinstance(record.get(name, False), bool):
            checker.problem(f"'{name}' must be true or false, not {record[name]!r}")
    _citations_read(checker, record, known)
    return {
        "key": record.get("key"),
        "fields": {
            "kind": record.get("kind"),
            "title": record.get("title"),
            "start_date": record.get("start_date"),
            "end_date": record.get("end_date"),
            "date_precision": precision,
            "recurs_yearly": record.get("recurs_yearly", False),
            "place": record.get("place", ""),
            "online": record.get("online", False),
            # The project's key; the write puts the project loaded with it in its place.
            "project": record.get("project", ""),
            "outcomes": record.get("outcomes", ""),
            "follow_ups": record.get("follow_ups", ""),
        },
        "many": {
            name: many.get(name) or [] for name in ("partners", "co_organisers", "key_actions")
        },
        "cite": record.get("cite"),
    }


# The sections of the file, in the order they are read and written: an engagement may
# name a project of the same file. Optional fields are those the loader reads; the file
# may hold others, which are not loaded.
RECORD_KINDS: tuple[RecordKind[_Known], ...] = (
    RecordKind(
        "projects",
        "project",
        "key",
        frozenset({"key", "name", "funding_instrument", "cite"}),
        frozenset({"description", "start_date", "end_date", "regions", "partners"}),
        _project_read,
        Project,
    ),
    RecordKind(
        "engagements",
        "engagement",
        "key",
        frozenset({"key", "kind", "title", "start_date", "cite"}),
        frozenset(
            {
                "end_date",
                "date_precision",
                "recurs_yearly",
                "place",
                "online",
                "project",
                "outcomes",
                "follow_ups",
                "partners",
                "co_organisers",
                "key_actions",
            }
        ),
        _engagement_read,
        Engagement,
    ),
)


def _record_check(kind: RecordKind[_Known], checker: RecordChecker, record: dict[str, Any]) -> bool:
    # The citations are checked by each reader, with the other references.
    for name in sorted(kind.required - {"cite"}):
        if not record.get(name):
            checker.problem(f"'{name}' is required")
    if record.get(kind.key) and not isinstance(record[kind.key], str):
        checker.problem(f"'{kind.key}' must be text")
    return True


def engagements_read(data: Any, known: _Known, file: str) -> dict[str, list[dict[str, Any]]]:
    """Read and check the file, kind by kind; raise EngagementsDataError listing every
    problem."""
    if not isinstance(data, dict):
        raise EngagementsDataError([f"{file}, the file must hold 'projects:' and 'engagements:'"])
    return sections_read(
        data, RECORD_KINDS, known, file=file, check=_record_check, error=EngagementsDataError
    )


def engagements_load(*, path: Path) -> LoadTally:
    """Create or update the projects and engagements in `path`, all or nothing; what the
    app changed or recorded is reported and kept (see liaison/reference/records.py)."""
    data = dataset_file_read(path, EngagementsDataError)
    sources = {source.key: source for source in Source.objects.all()}
    partners = {p.code: p for p in Partner.objects.all()}
    regions = {r.code: r for r in Region.objects.all()}
    actions = {a.key: a for a in KeyAction.objects.all()}
    known = _Known(
        sources=set(sources),
        partners=set(partners),
        regions=set(regions),
        key_actions=set(actions),
        projects=section_keys(data, "projects"),
    )
    read = engagements_read(data, known, path.name)
    tally = LoadTally()
    related: dict[str, dict[str, Any]] = {
        "partners": partners,
        "co_organisers": partners,
        "regions": regions,
        "key_actions": actions,
    }
    try:
        with transaction.atomic():
            loaded: dict[str, Any] = {}
            for kind in RECORD_KINDS:
                for row in read[kind.file]:
                    fields = dict(row["fields"])
                    if "project" in fields:
                        fields["project"] = loaded.get(fields["project"])
                    result = record_load(
                        model=kind.model,
                        lookup={kind.key: row["key"]},
                        fields=fields,
                        citations=dict_citation_rows(row["cite"]),
                        sources=sources,
                        where=f"{path.name}, {kind.model._meta.model_name} '{row['key']}'",
                        issues=tally.issues,
                        many={
                            name: ManyRelation(keys, related[name])
                            for name, keys in row["many"].items()
                        },
                    )
                    tally.add(result.outcome)
                    if kind.model is Project:
                        loaded[row["key"]] = result.instance
            for kind in RECORD_KINDS:
                reference_dropped(
                    queryset=kind.model.objects.all(),
                    key=kind.key,
                    present={row["key"] for row in read[kind.file]},
                    label=f"{path.name}, {kind.model._meta.model_name}",
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
