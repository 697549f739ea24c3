"""Synthetic data at the scale of a large agency's ten years, to measure Liaison against.

Everything written here is fictitious and marked: partner codes start with `SYN-`, names
with "Synthetic", e-mails end in `@example.invalid`, texts start with "[SYNTHETIC]", user
names with `synthetic-`, history and access-log request ids with `synthetic-`.

Rows are written in bulk (COPY on PostgreSQL, executemany elsewhere), bypassing model
saves and signals: this is the one place in Liaison that writes audited models in bulk,
and it writes their change history itself, shaped as auditlog writes it (a creation
records the record's data, so that a child's entry names its parent as real ones do).
Never run it on a production register.
"""

from __future__ import annotations

import datetime
import itertools
import json
import random
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone

from liaison.core import dates

MARK = "[SYNTHETIC]"
CODE_PREFIX = "SYN-"
USER_PREFIX = "synthetic-"
CID_PREFIX = "synthetic-"
YEARS = 10
BATCH = 20_000


@dataclass(frozen=True)
class ScaleSize:
    partners: int
    contact_points: int
    interactions: int
    assessments: int
    engagements: int
    participants: int
    history_entries: int
    access_log_entries: int
    users: int


AGENCY = ScaleSize(
    partners=250,
    contact_points=20_000,
    interactions=500_000,
    assessments=200_000,
    engagements=100_000,
    participants=300_000,
    history_entries=2_000_000,
    access_log_entries=2_000_000,
    users=60,
)
SIZES = {
    "small": ScaleSize(
        partners=130,
        contact_points=200,
        interactions=2_000,
        assessments=1_000,
        engagements=400,
        participants=1_200,
        history_entries=8_000,
        access_log_entries=5_000,
        users=6,
    ),
    "agency": AGENCY,
    "large": ScaleSize(
        **{
            f.name: getattr(AGENCY, f.name) * (1 if f.name == "users" else 2)
            for f in fields(AGENCY)
        }
    ),
}


class ScaleDataError(Exception):
    """The database is not one to fill with synthetic data."""


def synthetic_data_exists() -> bool:
    from liaison.partners.models import Partner

    return Partner.objects.filter(code__startswith=CODE_PREFIX).exists()


def real_data_found() -> list[str]:
    """What the database holds besides the reference data and synthetic records."""
    from auditlog.models import LogEntry

    from liaison.contacts.models import ContactPoint, Interaction
    from liaison.core.models import AccessLogEntry
    from liaison.engagements.models import EngagementParticipant
    from liaison.transfers.models import TransferAssessment

    checks: list[tuple[str, models.QuerySet[Any]]] = [
        ("contact points", ContactPoint.objects.exclude(name__startswith="Synthetic")),
        ("interactions", Interaction.objects.exclude(summary__startswith=MARK)),
        (
            "transfer assessments",
            TransferAssessment.objects.exclude(requested_by_username__startswith=USER_PREFIX),
        ),
        ("participants", EngagementParticipant.objects.exclude(name__startswith="Synthetic")),
        ("access-log entries", AccessLogEntry.objects.exclude(username__startswith=USER_PREFIX)),
        (
            "history entries made by people",
            LogEntry.objects.exclude(cid__startswith=CID_PREFIX).filter(actor__isnull=False),
        ),
    ]
    return [f"{queryset.count()} {name}" for name, queryset in checks if queryset.exists()]


class _Writer:
    """Appends rows to one table in batches, with ids chosen here (so that links can be
    written without reading anything back)."""

    def __init__(self, model: type[models.Model] | str, columns: Sequence[str]) -> None:
        # Fields the generator does not name take their defaults (e.g. `origin`), so that a
        # field added later to a model does not break the generator.
        self.defaults: tuple[Any, ...] = ()
        if isinstance(model, str):
            self.table = model
            self.json_columns: set[int] = set()
        else:
            self.table = model._meta.db_table
            unnamed = [
                f
                for f in model._meta.concrete_fields
                if f.column not in columns
                and not f.primary_key
                and (f.has_default() or (f.empty_strings_allowed and not f.null))
            ]
            columns = [*columns, *(f.column for f in unnamed)]
            self.defaults = tuple(f.get_default() for f in unnamed)
            by_column = {f.column: f for f in model._meta.concrete_fields}
            self.json_columns = {
                i for i, c in enumerate(columns) if isinstance(by_column.get(c), models.JSONField)
            }
        self.columns = list(columns)
        self.rows: list[tuple[Any, ...]] = []
        self.count = 0

    def add(self, *row: Any) -> None:
        self.rows.append((*row, *self.defaults))
        if len(self.rows) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        rows = self.rows
        if self.json_columns:
            rows = [
                tuple(
                    json.dumps(v) if i in self.json_columns and v is not None else v
                    for i, v in enumerate(row)
                )
                for row in rows
            ]
        quoted = ", ".join(connection.ops.quote_name(c) for c in self.columns)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                raw = cursor.cursor
                with raw.copy(f"COPY {self.table} ({quoted}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(self.columns))
                cursor.executemany(
                    f"INSERT INTO {self.table} ({quoted}) VALUES ({marks})",  # noqa: S608 (names from the models)
                    [tuple(_plain(v) for v in row) for row in rows],
                )
        self.count += len(self.rows)
        self.rows = []


def _plain(value: Any) -> Any:
    """A value as SQLite takes it (PostgreSQL's COPY adapts them itself)."""
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).replace(tzinfo=None).isoformat(" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _next_id(model: type[models.Model]) -> int:
    top = model._default_manager.aggregate(top=models.Max("pk"))["top"]
    return (top or 0) + 1


@dataclass
class ScaleSummary:
    counts: dict[str, int]


class _Generator:
    def __init__(self, size: ScaleSize, seed: int, today: datetime.date) -> None:
        self.size = size
        self.random = random.Random(seed)  # noqa: S311 (synthetic data, repeatable)
        self.today = today
        self.start = today - datetime.timedelta(days=365 * YEARS)
        self.counts: dict[str, int] = {}
        self.tz = timezone.get_default_timezone()

    # Distributions ------------------------------------------------------------------
    def day(self, recent_bias: float = 1.5) -> datetime.date:
        """A day of the last ten years, more of them recent (activity grows)."""
        fraction = self.random.random() ** (1 / recent_bias)
        return self.start + datetime.timedelta(days=int(fraction * (365 * YEARS - 1)))

    def moment(self, day: datetime.date) -> datetime.datetime:
        seconds = self.random.randint(8 * 3600, 19 * 3600)
        naive = datetime.datetime.combine(day, datetime.time()) + datetime.timedelta(
            seconds=seconds, microseconds=self.random.randint(0, 999_999)
        )
        return naive.replace(tzinfo=self.tz)

    def cid(self) -> str:
        return CID_PREFIX + uuid.UUID(int=self.random.getrandbits(128)).hex[:22]

    # Steps --------------------------------------------------------------------------
    def run(self) -> dict[str, int]:
        self.users()
        self.partners()
        self.contact_points()
        self.interactions()
        self.assessments()
        self.engagements()
        self.history()
        self.access_log()
        self.reset_sequences()
        return self.counts

    def users(self) -> None:
        user_model = get_user_model()
        first = _next_id(user_model)
        writer = _Writer(
            user_model,
            [
                "id",
                "password",
                "is_superuser",
                "username",
                "first_name",
                "last_name",
                "email",
                "is_staff",
                "is_active",
                "date_joined",
            ],
        )
        joined = self.moment(self.start)
        self.user_ids = []
        self.user_names = {}
        for n in range(self.size.users):
            pk = first + n
            name = f"{USER_PREFIX}officer-{n + 1:03d}"
            # "!" starts an unusable password: synthetic people cannot log in.
            writer.add(
                pk,
                "!synthetic",
                False,
                name,
                "Synthetic",
                f"Officer {n + 1}",
                f"{name}@example.invalid",
                False,
                True,
                joined,
            )
            self.user_ids.append(pk)
            self.user_names[pk] = name
        writer.flush()
        self.counts["users"] = writer.count

    def partners(self) -> None:
        from liaison.partners.choices import PartnerKind
        from liaison.partners.models import Partner, Region

        existing = list(Partner.objects.order_by("pk").values_list("pk", "code", "name", "kind"))
        wanted = max(0, self.size.partners - len(existing))
        first = _next_id(Partner)
        writer = _Writer(
            Partner,
            [
                "id",
                "created",
                "last_updated",
                "kind",
                "code",
                "name",
                "aliases",
                "competent_in_criminal_matters",
                "designation_note",
                "description",
                "search_text",
            ],
        )
        now = timezone.now()
        regions = list(Region.objects.values_list("pk", flat=True))
        region_links = _Writer(Partner.regions.through, ["partner_id", "region_id"])
        created = []
        for n in range(wanted):
            pk = first + n
            code = f"{CODE_PREFIX}{n + 1:03d}"
            name = f"Synthetic partner {n + 1:03d}"
            writer.add(
                pk,
                now,
                now,
                PartnerKind.COUNTRY,
                code,
                name,
                [],
                True,
                "",
                f"{MARK} fictitious partner for scale tests",
                f"{code} {name}".lower(),
            )
            if regions:
                region_links.add(pk, self.random.choice(regions))
            created.append((pk, code, name, str(PartnerKind.COUNTRY)))
        writer.flush()
        region_links.flush()
        self.counts["partners"] = writer.count
        self.new_partners = created
        # A few partners have most of the activity: Serbia first (the example),
        # then the reference partners, then the synthetic ones, weights falling as 1/rank.
        everyone = [p for p in existing if p[3] != PartnerKind.EU_BODY] + created
        everyone.sort(key=lambda p: (p[1] != "RS", p[1].startswith(CODE_PREFIX), p[0]))
        self.partner_ids = [p[0] for p in everyone]
        self.partner_names = {p[0]: p[2] for p in existing + created}
        self.partner_codes = {p[0]: p[1] for p in existing + created}
        self.partner_weights = [1 / (rank + 1) ** 1.1 for rank in range(len(everyone))]
        self.partner_cumulative = list(itertools.accumulate(self.partner_weights))

    def partner(self) -> int:
        return self.random.choices(self.partner_ids, cum_weights=self.partner_cumulative)[0]

    def contact_points(self) -> None:
        from liaison.contacts.models import ContactPoint

        first = _next_id(ContactPoint)
        writer = _Writer(
            ContactPoint,
            [
                "id",
                "created",
                "last_updated",
                "partner_id",
                "is_mailbox",
                "name",
                "role",
                "organisation",
                "languages",
                "email",
                "phone",
                "appointing_body_kind",
                "appointing_body",
                "appointed_on",
                "appointment_basis",
                "status",
                "ended_on",
            ],
        )
        self.contact_points_of: dict[int, list[int]] = {}
        self.contact_point_rows: list[tuple[int, int, datetime.date, str]] = []
        active_share = 0.125
        for n in range(self.size.contact_points):
            pk = first + n
            partner = self.partner()
            appointed = self.day()
            active = self.random.random() < active_share
            status = "active" if active else self.random.choice(["lapsed", "withdrawn"])
            ended = None
            if not active:
                span = max(1, (self.today - appointed).days)
                ended = appointed + datetime.timedelta(days=self.random.randint(0, span))
            created = self.moment(appointed)
            writer.add(
                pk,
                created,
                created,
                partner,
                False,
                f"Synthetic Contact {pk:06d}",
                "Prosecutor",
                "Synthetic Prosecution Office",
                ["en"],
                f"contact{pk}@example.invalid",
                "",
                "competent_authority",
                "Synthetic Ministry of Justice",
                appointed,
                MARK,
                status,
                ended,
            )
            self.contact_points_of.setdefault(partner, []).append(pk)
            self.contact_point_rows.append((pk, partner, appointed, status))
        writer.flush()
        self.counts["contact points"] = writer.count

    def interactions(self) -> None:
        from liaison.contacts.choices import InteractionKind
        from liaison.contacts.models import Interaction

        first = _next_id(Interaction)
        writer = _Writer(
            Interaction,
            [
                "id",
                "created",
                "last_updated",
                "kind",
                "date",
                "summary",
                "follow_ups",
                "recorded_by_id",
            ],
        )
        to_contacts = _Writer(
            Interaction.contact_points.through, ["interaction_id", "contactpoint_id"]
        )
        to_partners = _Writer(Interaction.partners.through, ["interaction_id", "partner_id"])
        kinds = list(InteractionKind.values)
        self.interaction_rows: list[tuple[int, datetime.date, str]] = []
        for n in range(self.size.interactions):
            pk = first + n
            partner = self.partner()
            day = self.day()
            kind = self.random.choice(kinds)
            created = self.moment(day)
            writer.add(
                pk,
                created,
                created,
                kind,
                day,
                f"{MARK} interaction {pk}",
                "",
                self.random.choice(self.user_ids),
            )
            to_partners.add(pk, partner)
            contacts = self.contact_points_of.get(partner)
            if contacts:
                for contact in set(self.random.choices(contacts, k=self.random.randint(1, 2))):
                    to_contacts.add(pk, contact)
            self.interaction_rows.append((pk, day, kind))
        for item in (writer, to_contacts, to_partners):
            item.flush()
        self._last_interactions_set(Interaction)
        self.counts["interactions"] = writer.count
        self.counts["interaction links"] = to_contacts.count + to_partners.count

    def _last_interactions_set(self, interaction: type[models.Model]) -> None:
        """Each contact point's `last_interaction_on` and the per-partner daily counts, set
        in SQL after the bulk writes that bypassed the signals keeping them
        (liaison/contacts/signals.py)."""
        from liaison.contacts.models import DEMO_SUMMARY, PartnerInteractionDay

        links = interaction.contact_points.through._meta.db_table  # type: ignore[attr-defined]
        table = interaction._meta.db_table
        contact_points = interaction.contact_points.field.related_model._meta.db_table  # type: ignore[attr-defined]
        days = PartnerInteractionDay._meta.db_table
        partner_links = interaction.partners.through._meta.db_table  # type: ignore[attr-defined]
        # The demo marker in its exact case, as the models compare it (SQLite's LIKE is not
        # case-sensitive); demo interactions leave a contact point's last date alone.
        demo = f"(substr(i.summary, 1, {len(DEMO_SUMMARY)}) = %s)"
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {days}")  # noqa: S608 (names from the models)
            cursor.execute(
                f"INSERT INTO {days} (partner_id, date, demo, interactions) "  # noqa: S608 (names from the models)
                f"SELECT link.partner_id, i.date, {demo}, COUNT(*) "
                f"FROM {partner_links} link JOIN {table} i ON i.id = link.interaction_id "
                "GROUP BY 1, 2, 3",
                [DEMO_SUMMARY],
            )
            cursor.execute(
                f"UPDATE {contact_points} SET last_interaction_on = latest.day "  # noqa: S608 (names from the models)
                f"FROM (SELECT link.contactpoint_id AS id, MAX(i.date) AS day FROM {links} link "
                f"JOIN {table} i ON i.id = link.interaction_id WHERE NOT {demo} "
                f"GROUP BY link.contactpoint_id) AS latest WHERE {contact_points}.id = latest.id",
                [DEMO_SUMMARY],
            )

    def assessments(self) -> None:
        from liaison.transfers.models import TransferAssessment

        first = _next_id(TransferAssessment)
        writer = _Writer(
            TransferAssessment,
            [
                "id",
                "requested_by_id",
                "requested_by_username",
                "assessed_at",
                "as_of",
                "partner_id",
                "partner_code",
                "data_category",
                "necessity",
                "originating_member_state",
                "member_state_authorisation",
                "urgent_threat",
                "onward_transfer_to",
                "onward_transfer_authorised",
                "safeguards_self_assessment",
                "derogation",
                "justification",
                "rights_balancing",
                "core_international_crimes_evidence",
                "provider_approval",
                "decision",
                "route",
                "legal_bases",
                "reasons",
                "conditions",
                "missing",
                "follow_ups",
                "instruments_relied_on",
            ],
        )
        outcomes = [
            ("allowed", "cooperation_agreement", 0.35),
            ("allowed_with_conditions", "adequacy_decision", 0.15),
            ("allowed", "non_personal_exchange", 0.2),
            ("refused", None, 0.2),
            ("referred", "derogation", 0.1),
        ]
        weights = [o[2] for o in outcomes]
        self.assessment_ids: list[int] = []
        for n in range(self.size.assessments):
            pk = first + n
            partner = self.partner()
            day = self.day()
            user = self.random.choice(self.user_ids)
            decision, route, _weight = self.random.choices(outcomes, weights)[0]
            category = (
                "non_personal" if route == "non_personal_exchange" else "operational_personal_data"
            )
            reasons = [
                {
                    "code": "synthetic",
                    "text": f"{MARK} reason",
                    "provision": "Art. 56 of Regulation (EU) 2018/1727",
                    "unverified": False,
                }
            ]
            writer.add(
                pk,
                user,
                self.user_names[user],
                self.moment(day),
                day,
                partner,
                self.partner_codes[partner],
                category,
                f"{MARK} necessity",
                "NL",
                "prior",
                False,
                None,
                False,
                False,
                None,
                "",
                "",
                False,
                False,
                decision,
                route,
                [],
                reasons,
                [],
                [],
                [],
                [],
            )
            self.assessment_ids.append(pk)
        writer.flush()
        self.counts["transfer assessments"] = writer.count

    def engagements(self) -> None:
        from liaison.engagements.choices import EngagementKind
        from liaison.engagements.models import (
            Engagement,
            EngagementParticipant,
            Project,
            region_engagement_counts_refresh,
        )
        from liaison.strategy.models import KeyAction

        first = _next_id(Engagement)
        writer = _Writer(
            Engagement,
            [
                "id",
                "created",
                "last_updated",
                "key",
                "kind",
                "title",
                "start_date",
                "end_date",
                "date_precision",
                "recurs_yearly",
                "place",
                "online",
                "project_id",
                "outcomes",
                "follow_ups",
            ],
        )
        to_partners = _Writer(Engagement.partners.through, ["engagement_id", "partner_id"])
        to_actions = _Writer(Engagement.key_actions.through, ["engagement_id", "keyaction_id"])
        projects = list(Project.objects.values_list("pk", flat=True))
        actions = list(KeyAction.objects.values_list("pk", flat=True))
        kinds = list(EngagementKind.values)
        self.engagement_rows: list[tuple[int, str, datetime.datetime, int | None]] = []
        for n in range(self.size.engagements):
            pk = first + n
            day = self.day()
            key = f"syn-engagement-{pk:07d}"
            project = (
                self.random.choice(projects) if projects and self.random.random() < 0.4 else None
            )
            created = self.moment(day)
            writer.add(
                pk,
                created,
                created,
                key,
                self.random.choice(kinds),
                f"{MARK} engagement {pk}",
                day,
                None,
                "day",
                False,
                "Synthetic City",
                False,
                project,
                "",
                "",
            )
            for partner in {self.partner() for _ in range(self.random.randint(1, 3))}:
                to_partners.add(pk, partner)
            if actions and self.random.random() < 0.5:
                for action in set(self.random.choices(actions, k=self.random.randint(1, 2))):
                    to_actions.add(pk, action)
            self.engagement_rows.append((pk, key, created, project))
        for item in (writer, to_partners, to_actions):
            item.flush()
        self.counts["engagements"] = writer.count
        # The links were written in bulk, past the signals that keep the per-region
        # counts: recount every region at once (one GROUP BY over the links).
        region_engagement_counts_refresh()

        first = _next_id(EngagementParticipant)
        people = _Writer(
            EngagementParticipant,
            [
                "id",
                "created",
                "last_updated",
                "engagement_id",
                "name",
                "organisation",
                "role",
                "partner_id",
            ],
        )
        self.participant_rows: list[tuple[int, int, str, datetime.datetime]] = []
        for n in range(self.size.participants):
            pk = first + n
            engagement, key, created, _project = self.random.choice(self.engagement_rows)
            people.add(
                pk,
                created,
                created,
                engagement,
                f"Synthetic Participant {pk:07d}",
                "Synthetic Office",
                "Delegate",
                None,
            )
            self.participant_rows.append((pk, engagement, key, created))
        people.flush()
        self.counts["participants"] = people.count

    def history(self) -> None:
        """Entries shaped as auditlog writes them: creations with the record's data (a
        child's names its parent's id), updates with the fields before and after."""
        from auditlog.models import LogEntry

        from liaison.instruments.models import Instrument, InstrumentEvent

        writer = _Writer(
            LogEntry,
            [
                "content_type_id",
                "object_pk",
                "object_id",
                "object_repr",
                "serialized_data",
                "action",
                "changes_text",
                "changes",
                "actor_id",
                "cid",
                "timestamp",
                "additional_data",
                "actor_email",
            ],
        )
        ct = {
            label: ContentType.objects.get_by_natural_key(*label.split(".")).pk
            for label in (
                "partners.partner",
                "contacts.contactpoint",
                "contacts.interaction",
                "engagements.engagement",
                "engagements.engagementparticipant",
                "instruments.instrument",
                "instruments.instrumentevent",
            )
        }
        budget = self.size.history_entries

        def entry(
            label: str,
            pk: int,
            text: str,
            action: int,
            when: datetime.datetime,
            fields: dict[str, Any] | None,
            changes: dict[str, Any],
        ) -> None:
            nonlocal budget
            if budget <= 0:
                return
            budget -= 1
            actor = self.random.choice(self.user_ids)
            data = {"pk": pk, "model": label, "fields": fields} if fields is not None else None
            writer.add(
                ct[label],
                str(pk),
                pk,
                text,
                data,
                action,
                "",
                changes,
                actor,
                self.cid(),
                when,
                None,
                None,
            )

        # Edits of the reference instruments, their events and partners, most of them on
        # the most active partners: what fills a partner page's history.
        instruments = list(Instrument.objects.values_list("pk", "partner_id", "title"))
        weight_of = dict(zip(self.partner_ids, self.partner_weights, strict=True))
        instrument_weights = [weight_of.get(partner, 0.001) for _pk, partner, _t in instruments]
        events = list(InstrumentEvent.objects.values_list("pk", "instrument_id", "kind"))
        partner_of = {pk: partner for pk, partner, _t in instruments}
        event_weights = [weight_of.get(partner_of[i], 0.001) for _pk, i, _k in events]
        instrument_weights = list(itertools.accumulate(instrument_weights))
        event_weights = list(itertools.accumulate(event_weights))
        share = max(1, self.size.history_entries // 50)
        if instruments:
            for _ in range(share):
                pk, partner, title = self.random.choices(
                    instruments, cum_weights=instrument_weights
                )[0]
                entry(
                    "instruments.instrument",
                    pk,
                    title,
                    1,
                    self.moment(self.day()),
                    {"partner": partner, "title": title},
                    {"notes": ["", f"{MARK} note"]},
                )
        if events:
            for _ in range(share):
                pk, instrument, kind = self.random.choices(events, cum_weights=event_weights)[0]
                entry(
                    "instruments.instrumentevent",
                    pk,
                    kind,
                    1,
                    self.moment(self.day()),
                    {"instrument": instrument, "kind": kind},
                    {"note": ["", f"{MARK} note"]},
                )
        for _ in range(share // 2):
            partner = self.partner()
            entry(
                "partners.partner",
                partner,
                self.partner_names[partner],
                1,
                self.moment(self.day()),
                {"code": self.partner_codes[partner]},
                {"description": ["", f"{MARK} description"]},
            )
        for pk, code, name, kind in self.new_partners:
            entry(
                "partners.partner",
                pk,
                name,
                0,
                self.moment(self.start),
                {"code": code, "name": name, "kind": kind},
                {"code": ["None", code]},
            )
        for pk, partner, appointed, status in self.contact_point_rows:
            repr_ = f"contact point #{pk} ({self.partner_codes[partner]})"
            entry(
                "contacts.contactpoint",
                pk,
                repr_,
                0,
                self.moment(appointed),
                {"partner": partner, "status": "active", "appointed_on": appointed.isoformat()},
                {"status": ["None", "active"]},
            )
            if status != "active":
                entry(
                    "contacts.contactpoint",
                    pk,
                    repr_,
                    1,
                    self.moment(self.day()),
                    None,
                    {"status": ["active", status]},
                )
        for pk, day, kind in self.interaction_rows:
            entry(
                "contacts.interaction",
                pk,
                f"{kind} {day.isoformat()}",
                0,
                self.moment(day),
                {"kind": kind, "date": day.isoformat(), "summary": f"{MARK} interaction {pk}"},
                {"kind": ["None", kind]},
            )
        for pk, key, created, project in self.engagement_rows:
            entry(
                "engagements.engagement",
                pk,
                f"{MARK} engagement {pk}",
                0,
                created,
                {"key": key, "project": project},
                {"key": ["None", key]},
            )
        for pk, engagement, key, created in self.participant_rows:
            entry(
                "engagements.engagementparticipant",
                pk,
                f"participant #{pk} of {key}",
                0,
                created,
                {"engagement": engagement, "name": f"Synthetic Participant {pk:07d}"},
                {"engagement": ["None", key]},
            )
        # The rest: follow-ups written on interactions after the fact.
        while budget > 0 and self.interaction_rows:
            pk, day, kind = self.random.choice(self.interaction_rows)
            entry(
                "contacts.interaction",
                pk,
                f"{kind} {day.isoformat()}",
                1,
                self.moment(min(self.today, day + datetime.timedelta(days=30))),
                None,
                {"follow_ups": ["", f"{MARK} follow-up"]},
            )
        writer.flush()
        self.counts["history entries"] = writer.count

    def access_log(self) -> None:
        from liaison.core.models import AccessLogEntry

        writer = _Writer(
            AccessLogEntry,
            [
                "at",
                "user_id",
                "username",
                "action",
                "content_type_id",
                "object_id",
                "object_repr",
                "path",
                "request_id",
            ],
        )
        sources = [
            (
                ContentType.objects.get_by_natural_key("contacts", "contactpoint").pk,
                [row[0] for row in self.contact_point_rows],
                "contact point #{pk}",
                "/contacts/{pk}/",
                0.4,
            ),
            (
                ContentType.objects.get_by_natural_key("contacts", "interaction").pk,
                [row[0] for row in self.interaction_rows],
                "interaction #{pk}",
                "/contacts/activity/",
                0.3,
            ),
            (
                ContentType.objects.get_by_natural_key("transfers", "transferassessment").pk,
                self.assessment_ids,
                "transfer assessment #{pk}",
                "/transfer-assessments/{pk}/",
                0.2,
            ),
            (
                ContentType.objects.get_by_natural_key("engagements", "engagementparticipant").pk,
                [row[0] for row in self.participant_rows],
                "participant #{pk}",
                "/engagements/",
                0.1,
            ),
        ]
        sources = [s for s in sources if s[1]]
        weights = [s[4] for s in sources]
        for _ in range(self.size.access_log_entries if sources else 0):
            content_type, ids, text, path, _weight = self.random.choices(sources, weights)[0]
            pk = self.random.choice(ids)
            user = self.random.choice(self.user_ids)
            action = "export" if self.random.random() < 0.05 else "view"
            writer.add(
                self.moment(self.day()),
                user,
                self.user_names[user],
                action,
                content_type,
                str(pk),
                text.format(pk=pk),
                path.format(pk=pk),
                self.cid()[:32],
            )
        writer.flush()
        self.counts["access-log entries"] = writer.count

    def reset_sequences(self) -> None:
        from auditlog.models import LogEntry

        from liaison.contacts.models import ContactPoint, Interaction
        from liaison.core.models import AccessLogEntry
        from liaison.engagements.models import Engagement, EngagementParticipant
        from liaison.partners.models import Partner
        from liaison.transfers.models import TransferAssessment

        touched: list[type[models.Model]] = [
            get_user_model(),
            Partner,
            ContactPoint,
            Interaction,
            TransferAssessment,
            Engagement,
            EngagementParticipant,
            LogEntry,
            AccessLogEntry,
            Partner.regions.through,
            Interaction.contact_points.through,
            Interaction.partners.through,
            Engagement.partners.through,
            Engagement.key_actions.through,
        ]
        statements = connection.ops.sequence_reset_sql(no_style(), touched)
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
            if connection.vendor == "postgresql":
                tables = ", ".join(model._meta.db_table for model in touched)
                cursor.execute(f"ANALYZE {tables}")


def scale_data_generate(
    *, size: str | ScaleSize, seed: int, force: bool = False, today: datetime.date | None = None
) -> dict[str, int]:
    """Fill the database with synthetic records of `size`; the counts written, by kind.

    Refuses a database that already holds synthetic data, or records that are neither
    reference nor synthetic (unless `force`)."""
    from liaison.partners.models import Partner

    if isinstance(size, str) and size not in SIZES:
        raise ScaleDataError(f"Unknown size {size!r}: choose one of {', '.join(SIZES)}.")
    if not Partner.objects.exists():
        raise ScaleDataError("The register is empty: load the reference data first.")
    if synthetic_data_exists():
        raise ScaleDataError(
            "Synthetic data is already there: generate into a fresh database with the "
            "reference data only."
        )
    found = real_data_found()
    if found and not force:
        raise ScaleDataError(
            "This database holds records that are not synthetic ("
            + ", ".join(found)
            + "): refusing to mix them. Use a separate database, or --force."
        )
    chosen = SIZES[size] if isinstance(size, str) else size
    generator = _Generator(chosen, seed, today or dates.today())
    with transaction.atomic():
        counts = generator.run()
    _vacuum()
    return counts


def _vacuum() -> None:
    """Vacuum and analyse what was written, on PostgreSQL. Rows written in bulk are not yet
    marked visible to all in the visibility map, so until a vacuum an index-only scan (a
    capped count, a covering index) still reads the table's pages: figures taken before it
    would be those of a database nobody runs. VACUUM cannot run inside a transaction, so it
    is skipped there (the tests)."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")


def scale_sizes() -> Iterable[str]:
    return SIZES.keys()
