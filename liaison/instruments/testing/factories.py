"""Factories for the register's test data (partners, regions, sources, instruments and their
events): every object a test needs, valid by default."""

from __future__ import annotations

import datetime
from typing import Any

import factory
from django.contrib.contenttypes.models import ContentType

from liaison.instruments.choices import EventKind, InstrumentType
from liaison.instruments.models import Instrument, InstrumentEvent
from liaison.partners.choices import PartnerKind
from liaison.partners.models import Partner, Region
from liaison.sources.models import Citation, Source


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    key = factory.Sequence(lambda n: f"source-{n}")
    title = factory.Sequence(lambda n: f"Test document {n}")
    issuer = "Test issuer"
    document_type = "report"


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    code = factory.Sequence(lambda n: f"region-{n}")
    name = factory.Sequence(lambda n: f"Region {n}")


def _code(n: int) -> str:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return f"ORG{letters[n % 26]}{n}"


class PartnerFactory(factory.django.DjangoModelFactory):
    """An international organisation by default (codes need not be ISO)."""

    class Meta:
        model = Partner

    kind = PartnerKind.INTERNATIONAL_ORGANISATION
    code = factory.Sequence(_code)
    name = factory.Sequence(lambda n: f"Organisation {n}")


def cite(obj: Any, source: Source | None = None, **fields: Any) -> Citation:
    return Citation.objects.create(
        source=source if source is not None else SourceFactory.create(),
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        **fields,
    )


class InstrumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Instrument

    key = factory.Sequence(lambda n: f"instrument-{n}")
    partner = factory.SubFactory(PartnerFactory)
    type = InstrumentType.WORKING_ARRANGEMENT
    title = factory.Sequence(lambda n: f"Working arrangement {n}")


def add_event(
    instrument: Instrument,
    kind: str = EventKind.IN_FORCE,
    date: datetime.date | None = datetime.date(2020, 1, 1),
    source: Source | None = None,
    **fields: Any,
) -> InstrumentEvent:
    event = InstrumentEvent.objects.create(instrument=instrument, kind=kind, date=date, **fields)
    cite(event, source)
    return event
