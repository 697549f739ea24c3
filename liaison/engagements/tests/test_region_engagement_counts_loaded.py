"""The reference loaders write the links through the same relations as every other door:
after `load-reference` (partners and their regions) and `load-engagements`, the regions
overview's figures equal a direct count of the links."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command

from liaison.engagements.models import Engagement
from liaison.partners.models import Region
from liaison.strategy.alignment import regions_alignment

pytestmark = [pytest.mark.django_db]


def test_loaded_engagements_are_counted_per_region(reference_data):
    call_command("load_strategy", stdout=io.StringIO())
    call_command("load_engagements", stdout=io.StringIO())
    shown = {
        row.region.code: row.engagements for row in regions_alignment(on=datetime.date(2026, 6, 1))
    }
    truth = {
        region.code: Engagement.objects.filter(partners__regions=region).distinct().count()
        for region in Region.objects.all()
    }
    assert sum(truth.values()) > 0
    assert shown == truth
