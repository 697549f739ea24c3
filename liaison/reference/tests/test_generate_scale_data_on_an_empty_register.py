"""`liaison generate-scale-data` builds on the reference data: it refuses an empty register."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from liaison.partners.models import Partner

pytestmark = pytest.mark.django_db


def test_it_refuses_an_empty_register() -> None:
    with pytest.raises(CommandError, match="empty"):
        call_command("generate_scale_data", "--size", "small")
    assert not Partner.objects.exists()
