"""The regions overview's engagement figure (distinct engagements of a region's partners,
all time) is kept in a table recounted with every write of the links, at every door: it
must read the same right after each kind of write as a count of the links would."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from conftest import make_persona
from liaison.engagements.models import Engagement, RegionEngagementCount
from liaison.engagements.services import engagement_delete
from liaison.partners.models import Partner, Region
from liaison.strategy.alignment import regions_alignment

pytestmark = [pytest.mark.django_db]

ON = datetime.date(2026, 6, 1)


def figures() -> dict[str, int]:
    """What the regions overview shows, region by region."""
    return {row.region.code: row.engagements for row in regions_alignment(on=ON)}


def meeting(key: str, *partners: Partner) -> Engagement:
    engagement = Engagement.objects.create(
        key=key, kind="technical_meeting", title=key, start_date=datetime.date(2025, 5, 1)
    )
    engagement.partners.add(*partners)
    return engagement


@pytest.fixture
def world(db: Any) -> dict[str, Any]:
    """Sahel (Mali, Niger), Andes (Chile, and Mali too), a partner without a region."""
    sahel = Region.objects.create(code="sahel", name="Sahel")
    andes = Region.objects.create(code="andes", name="Andes")
    made = {
        code: Partner.objects.create(code=code, kind="country", name=f"Partner {code}")
        for code in ("ML", "NE", "CL", "XX")
    }
    made["ML"].regions.add(sahel, andes)
    made["NE"].regions.add(sahel)
    sahel.partners.add(made["NE"])  # already there: nothing changes
    andes.partners.add(made["CL"])
    return {"sahel": sahel, "andes": andes, **made}


def test_a_new_region_shows_none(world):
    assert figures() == {"sahel": 0, "andes": 0}


def test_partners_added_to_an_engagement_count_it_once_per_region(world):
    meeting("both", world["ML"], world["NE"])
    assert figures() == {"sahel": 1, "andes": 1}
    meeting("niger", world["NE"])
    meeting("chile", world["CL"])
    meeting("nowhere", world["XX"])
    assert figures() == {"sahel": 2, "andes": 2}


def test_partners_removed_cleared_or_replaced_are_recounted(world):
    both = meeting("both", world["ML"], world["NE"])
    both.partners.remove(world["ML"])
    assert figures() == {"sahel": 1, "andes": 0}
    both.partners.set([world["CL"]])
    assert figures() == {"sahel": 0, "andes": 1}
    both.partners.clear()
    assert figures() == {"sahel": 0, "andes": 0}


def test_writes_from_the_partners_side_are_recounted(world):
    first, second = meeting("first"), meeting("second")
    world["NE"].engagements.add(first, second)
    assert figures() == {"sahel": 2, "andes": 0}
    world["NE"].engagements.remove(first)
    assert figures() == {"sahel": 1, "andes": 0}
    world["ML"].engagements.add(first)
    assert figures() == {"sahel": 2, "andes": 1}
    world["ML"].engagements.clear()
    assert figures() == {"sahel": 1, "andes": 0}


def test_co_organisers_are_not_counted(world):
    engagement = meeting("hosted")
    engagement.co_organisers.add(world["NE"])
    assert figures() == {"sahel": 0, "andes": 0}


def test_a_deleted_engagement_leaves_the_figures(world):
    both = meeting("both", world["ML"], world["NE"])
    meeting("niger", world["NE"])
    engagement_delete(engagement=both)
    assert figures() == {"sahel": 1, "andes": 0}
    Engagement.objects.all().delete()  # in bulk, as a retention job would
    assert figures() == {"sahel": 0, "andes": 0}


def test_partner_regions_changes_move_its_engagements(world):
    meeting("mali", world["ML"])
    meeting("chile", world["CL"])
    world["ML"].regions.remove(world["andes"])
    assert figures() == {"sahel": 1, "andes": 1}
    world["CL"].regions.clear()
    assert figures() == {"sahel": 1, "andes": 0}
    world["CL"].regions.set([world["sahel"], world["andes"]])
    assert figures() == {"sahel": 2, "andes": 1}


def test_region_side_changes_are_recounted(world):
    meeting("mali", world["ML"])
    meeting("chile", world["CL"])
    world["sahel"].partners.add(world["CL"])
    assert figures() == {"sahel": 2, "andes": 2}
    world["sahel"].partners.remove(world["ML"])
    assert figures() == {"sahel": 1, "andes": 2}
    world["andes"].partners.clear()
    assert figures() == {"sahel": 1, "andes": 0}


def test_a_deleted_partner_leaves_the_figures(world):
    meeting("both", world["ML"], world["NE"])
    meeting("mali", world["ML"])
    world["ML"].delete()
    assert figures() == {"sahel": 1, "andes": 0}


def test_a_deleted_region_takes_its_figure_with_it(world):
    meeting("mali", world["ML"])
    world["andes"].delete()
    assert figures() == {"sahel": 1}
    assert RegionEngagementCount.objects.count() == 1


def test_the_page_and_the_api_show_the_kept_figure(world, bob_client, api_bob):
    from liaison.strategy.models import Strategy

    meeting("both", world["ML"], world["NE"])
    meeting("niger", world["NE"])
    page = bob_client.get(reverse("strategy:region_list")).content.decode()
    sahel_row = page[page.index(">Sahel</a>") :].split("</tr>")[0]
    assert sahel_row.rstrip().endswith("<td>2</td>"), sahel_row
    strategy = Strategy.objects.create(
        key="s",
        title="S",
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2027, 12, 31),
    )
    rows = api_bob.get(reverse("strategy-regions", kwargs={"key": strategy.key})).json()
    assert {row["region"]: row["engagements"] for row in rows} == {"sahel": 2, "andes": 1}


def test_the_api_writes_are_recounted(world, api_alice):
    response = api_alice.post(
        reverse("engagement-list"),
        {
            "kind": "technical_meeting",
            "title": "Meeting in Bamako",
            "start_date": "2026-02-03",
            "partners": ["ML", "NE"],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert figures() == {"sahel": 1, "andes": 1}
    detail = reverse("engagement-detail", kwargs={"key": response.json()["key"]})
    assert api_alice.patch(detail, {"partners": ["CL"]}, format="json").status_code == 200
    assert figures() == {"sahel": 0, "andes": 1}
    assert api_alice.delete(detail).status_code == 204
    assert figures() == {"sahel": 0, "andes": 0}


def test_the_web_form_is_recounted(world, alice_client):
    response = alice_client.post(
        reverse("engagements:engagement_create"),
        {
            "kind": "study_visit",
            "title": "Study visit from Niger",
            "start_date": "2026-03-02",
            "partners": [world["NE"].pk],
            "participants-TOTAL_FORMS": "0",
            "participants-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert figures() == {"sahel": 1, "andes": 0}


def _admin_post(client: Any, url: str, fields: dict[str, Any]) -> Any:
    """Post the admin change form as shown, with `fields` changed."""
    shown = client.get(url)
    form = shown.context["adminform"].form
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None:
            continue
        if isinstance(value, list | tuple) or hasattr(value, "all"):
            data[name] = [getattr(item, "pk", item) for item in value]
        else:
            data[name] = value
    for inline in shown.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        for name in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS"):
            data[f"{management.prefix}-{name}"] = management[name].value()
    data.update(fields)
    return client.post(url, data)


def test_the_administration_is_recounted(world, client, django_user_model):
    meeting("chile", world["CL"])
    client.force_login(make_persona(django_user_model, "erin"))
    url = reverse("admin:partners_partner_change", args=[world["CL"].pk])
    response = _admin_post(client, url, {"regions": [world["sahel"].pk]})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert figures() == {"sahel": 1, "andes": 0}


def test_the_kept_figures_equal_a_count_of_the_links(db):
    """On a register built by factories (partners in one, two or no regions, engagements
    with one to three partners), every figure equals a direct count of the links."""
    import random

    rng = random.Random(13)  # noqa: S311 (a repeatable register, not a secret)
    regions = [Region.objects.create(code=f"r{n}", name=f"Region {n}") for n in range(4)]
    partners = []
    for n in range(12):
        partner = Partner.objects.create(code=f"P{n:02d}", kind="country", name=f"P {n}")
        partner.regions.set(rng.sample(regions, rng.randint(0, 2)))
        partners.append(partner)
    for n in range(30):
        meeting(f"m{n}", *rng.sample(partners, rng.randint(1, 3)))
    for partner in rng.sample(partners, 3):
        partner.regions.set(rng.sample(regions, 1))
    for engagement in Engagement.objects.order_by("pk")[:5]:
        engagement.delete()
    truth = {
        region.code: Engagement.objects.filter(partners__regions=region).distinct().count()
        for region in regions
    }
    assert any(truth.values())
    assert figures() == truth


def test_the_administration_of_an_engagement_is_recounted(world, client, django_user_model):
    engagement = meeting("chile", world["CL"])
    client.force_login(make_persona(django_user_model, "erin"))
    url = reverse("admin:engagements_engagement_change", args=[engagement.pk])
    response = _admin_post(client, url, {"partners": [world["NE"].pk, world["ML"].pk]})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert figures() == {"sahel": 1, "andes": 1}


def test_the_kept_figures_stay_out_of_the_change_history(world):
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    meeting("both", world["ML"], world["NE"])
    world["andes"].delete()
    counts = ContentType.objects.get_for_model(RegionEngagementCount)
    assert not LogEntry.objects.filter(content_type=counts).exists()
    assert LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Engagement)
    ).exists()
