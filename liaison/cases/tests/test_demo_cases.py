"""`liaison demo-data --cases N`: a fictitious caseload, clearly marked, out of every figure."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from liaison.cases.models import Case, Exchange
from liaison.cases.selectors import casework_report, responsiveness
from liaison.cases.tests.conftest import make_case

pytestmark = pytest.mark.django_db


def demo(*args: str) -> str:
    out = StringIO()
    call_command("demo_data", *args, stdout=out)
    return out.getvalue()


def test_it_generates_a_marked_caseload_left_out_of_the_figures():
    make_case()  # the register's partners
    assert "12 cases" in demo("--cases", "12")
    cases = Case.objects.filter(demo=True)
    assert cases.count() == 12
    assert all(c.cms_reference.startswith("DEMO-") and c.title.startswith("[DEMO]") for c in cases)
    assert Exchange.objects.filter(case__demo=True).exists()
    today = timezone.localdate()
    start = today - datetime.timedelta(days=6 * 365)
    assert casework_report(start=start, end=today).cases == 1  # the real one only
    assert casework_report(start=start, end=today, include_demo=True).cases == 13
    assert responsiveness(end=today, start=start).per_partner == {}


def test_the_same_seed_gives_the_same_caseload_and_a_rerun_needs_replace():
    make_case()
    demo("--cases", "5", "--seed", "7")
    first = sorted(Case.objects.filter(demo=True).values_list("cms_reference", "title"))
    with pytest.raises(CommandError, match="--replace"):
        demo("--cases", "5")
    demo("--cases", "5", "--seed", "7", "--replace")
    assert sorted(Case.objects.filter(demo=True).values_list("cms_reference", "title")) == first
    assert Case.objects.filter(demo=False).count() == 1
