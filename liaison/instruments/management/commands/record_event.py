"""`liaison record-event`: the lifecycle from the command line, e.g. for batch loading."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from liaison.core.history import history_context
from liaison.core.permissions import ADD, user_can
from liaison.instruments.models import ChangeProposal, Instrument, InstrumentEvent
from liaison.instruments.services import instrument_transition
from liaison.sources.models import Source


class Command(BaseCommand):
    help = (
        "Record the next step of an instrument's life (as the instrument page does): "
        "checked against the lifecycle table; for an instrument that can carry personal "
        "data it becomes a proposal that a second person approves."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "instrument", help="The instrument's key, e.g. ba-international-agreement."
        )
        parser.add_argument("kind", help="The event kind, e.g. signed, in_force, ended.")
        parser.add_argument("date", help="The date, YYYY-MM-DD.")
        parser.add_argument(
            "--source", required=True, help="The key of the source that records it."
        )
        parser.add_argument("--location", default="", help="Place in the source (article, page).")
        parser.add_argument("--note", default="")
        parser.add_argument("--precision", default="day", choices=["day", "month", "year"])
        parser.add_argument("--user", required=True, help="Who records it (a user name).")

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["user"]).first()
        if user is None or not user_can(user, ADD, InstrumentEvent):
            raise CommandError(f"{options['user']!r} is not a user who may record events.")
        instrument = Instrument.objects.filter(key=options["instrument"]).first()
        if instrument is None:
            raise CommandError(f"No instrument has the key {options['instrument']!r}.")
        source = Source.objects.filter(key=options["source"]).first()
        if source is None:
            raise CommandError(f"No source has the key {options['source']!r}.")
        try:
            date = datetime.date.fromisoformat(options["date"])
        except ValueError as error:
            raise CommandError(f"{options['date']!r} is not a date written YYYY-MM-DD.") from error
        try:
            with history_context(
                actor=user, correlation_id=f"record-event-{uuid.uuid4().hex[:12]}"
            ):
                result = instrument_transition(
                    instrument=instrument,
                    event_kind=options["kind"],
                    date=date,
                    date_precision=options["precision"],
                    source=source,
                    location=options["location"],
                    note=options["note"],
                    user=user,
                )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        if isinstance(result, ChangeProposal):
            self.stdout.write(
                f"Proposed (number {result.pk}): {result}. A second person approves it on "
                f"/instruments/proposals/{result.pk}/ or the API."
            )
        else:
            self.stdout.write(f"Recorded: {instrument}: {result}.")
