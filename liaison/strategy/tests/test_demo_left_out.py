"""Demo records (`liaison demo-data`) never inflate the strategy's figures: the dashboard, the
report (web, CSV, PDF, CLI), the API and the snapshots give the same figures with demo data
as without it, say that demo records are present, and count them only when asked."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from liaison.contacts.demo import demo_data_create
from liaison.strategy.models import ProgressSnapshot
from liaison.strategy.selectors import strategy_progress
from liaison.strategy.services import snapshot_take
from liaison.strategy.tests.conftest import key_action, partner

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def register(strategy):
    """One real country with a real contact point, against a baseline of 10 countries, and
    a yearly meeting the register has not had."""
    norway = partner("NO")
    partner("GH")
    norway.contact_points.create(
        name="Head of international cooperation",
        email="cooperation@justice.example.org",
        organisation="Ministry",
        appointing_body_kind="competent_authority",
        appointing_body="Ministry",
        appointed_on=datetime.date(2024, 1, 1),
    )
    key_action(strategy, "cp", {"kind": "active_contact_points", "baseline": 10})
    key_action(strategy, "meet", {"kind": "meetings_per_year", "per_year": 1})
    return strategy


def figures(progress) -> list[tuple[str, str]]:
    return [(item.key_action.key, item.progress.figure) for item in progress.key_actions()]


def add_demo_data() -> None:
    demo_data_create(countries=6, today=timezone.localdate())


def test_demo_data_leaves_the_progress_figures_unchanged(register):
    before = figures(strategy_progress(strategy=register))
    add_demo_data()
    after = strategy_progress(strategy=register)
    assert figures(after) == before == [("cp", "1 / 10"), ("meet", "0 / 3")]
    assert after.demo_records > 0


def test_asked_to_include_them_the_figures_count_the_demo_records(register):
    add_demo_data()
    included = dict(figures(strategy_progress(strategy=register, include_demo=True)))
    assert included["cp"] == "6 / 10"  # the real country and the six demo countries, one shared
    assert included["meet"] != "0 / 3"


def test_the_dashboard_says_demo_records_are_left_out_and_offers_to_include_them(
    bob_client, register
):
    page = bob_client.get(reverse("strategy:dashboard")).content.decode()
    assert "demo record" not in page
    add_demo_data()
    page = bob_client.get(reverse("strategy:dashboard")).content.decode()
    assert "demo records present, left out of these figures" in page
    assert "(1 / 10)" in page
    included = bob_client.get(reverse("strategy:dashboard"), {"include_demo": "1"})
    assert "(6 / 10)" in included.content.decode()
    assert "included in these figures" in included.content.decode()


def csv_of(client, **params: str) -> bytes:
    return b"".join(client.get(reverse("strategy:report_csv"), params).streaming_content)


def test_the_report_csv_and_pdf_leave_demo_records_out(bob_client, register):
    csv_before = csv_of(bob_client)
    add_demo_data()
    assert csv_of(bob_client) == csv_before
    assert (
        "left out of these figures" in bob_client.get(reverse("strategy:report")).content.decode()
    )
    with_demo = csv_of(bob_client, include_demo="1")
    assert with_demo != csv_before and b"6 / 10" in with_demo
    assert bob_client.get(reverse("strategy:report_pdf")).status_code == 200


def test_the_api_leaves_demo_records_out_and_says_how_many_there_are(api_bob, register):
    url = reverse("strategy-progress", kwargs={"key": register.key})
    add_demo_data()
    body = api_bob.get(url).json()
    assert body["include_demo"] is False and body["demo_records"] > 0
    figures_given = [a["figure"] for p in body["priorities"] for a in p["key_actions"]]
    assert "1 / 10" in figures_given
    included = api_bob.get(url, {"include_demo": "true"}).json()
    assert "6 / 10" in [a["figure"] for p in included["priorities"] for a in p["key_actions"]]


def test_the_cli_report_leaves_demo_records_out_unless_asked(register, tmp_path):
    add_demo_data()
    out = StringIO()
    call_command("strategy_report", str(tmp_path / "real.csv"), stdout=out)
    assert "left out of these figures" in out.getvalue()
    assert "1 / 10" in (tmp_path / "real.csv").read_text(encoding="utf-8-sig")
    call_command("strategy_report", str(tmp_path / "all.csv"), "--include-demo", stdout=StringIO())
    assert "6 / 10" in (tmp_path / "all.csv").read_text(encoding="utf-8-sig")


def test_snapshots_never_count_demo_records(register):
    add_demo_data()
    snapshot_take(strategy=register, on=timezone.localdate())
    assert ProgressSnapshot.objects.get(key_action__key="cp").figure == "1 / 10"


def test_the_region_page_counts_no_demo_interaction_unless_asked(bob_client, strategy):
    from liaison.partners.models import Region

    region = Region.objects.create(code="sahel", name="Sahel")
    partner("ML").regions.add(region)
    url = reverse("strategy:region_detail", kwargs={"code": "sahel"})
    assert "<td>dormant</td>" in bob_client.get(url).content.decode()
    demo_data_create(countries=3, today=timezone.localdate())
    page = bob_client.get(url).content.decode()
    assert "<td>dormant</td>" in page
    assert "demo records present, left out of these figures" in page
    included = bob_client.get(url, {"include_demo": "1"}).content.decode()
    assert "<td>dormant</td>" not in included
