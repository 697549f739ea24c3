"""No write door lets one person change a legal basis alone.

Every write operation of the API schema (POST, PUT, PATCH, DELETE), and every add and
change page of the administration for the instruments app, is tried by one person with
the values an attacker would send: a partner without agreement, a type that can carry
personal data, an event "in force", the EU-side party removed... Whatever the answer,
what the engine relies on must not move: the transfer answer for operational personal
data to each partner on each date, and the dated history, type, partner and EU-side
party of every instrument of a type that can carry personal data. The operations are
read from the schema and the admin registry, so a new endpoint is tried too: if it needs
a path parameter this test cannot fill, it fails and says which."""

from __future__ import annotations

import datetime
import itertools
import re
from typing import Any

import pytest
from django.contrib import admin
from django.db import transaction
from django.test import Client
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from conftest import make_persona
from liaison.instruments.lifecycle import LEGAL_BASIS_TYPES
from liaison.instruments.models import Instrument
from liaison.instruments.services import change_proposal_approve, instrument_transition
from liaison.instruments.testing.factories import (
    InstrumentFactory,
    PartnerFactory,
    SourceFactory,
    add_event,
)
from liaison.partners.models import Partner
from liaison.transfers import rules
from liaison.transfers.selectors import partner_facts, partner_instruments, transfer_outlook

pytestmark = [pytest.mark.django_db]

SOURCE = "seed-002-strategy"
CITATION = {"source": SOURCE, "location": "Art. 1", "confidence": "checked"}
DATES = (datetime.date(2020, 6, 1), datetime.date(2024, 6, 1))

# What an attacker puts in a field of that name: the values that would make a legal basis.
ATTACK: dict[str, Any] = {
    "key": "bo-new-agreement",
    "code": "BO",
    "partner": "BO",
    "type": "cooperation_agreement",
    "eu_party": None,
    "title": "Agreement with Bolivia",
    "kind": "in_force",
    "date": "2019-12-01",
    "date_precision": "day",
    "source": SOURCE,
    "location": "Art. 1",
    "confidence": "checked",
    "citations": [CITATION],
    "events": [
        {"kind": "signed", "date": "2019-11-04", "citations": [CITATION]},
        {"kind": "in_force", "date": "2019-12-01", "citations": [CITATION]},
    ],
    "status": "approved",
    "decision": "allowed",
    "strategic": False,
    "reason": "",
    "note": "",
    # Adequacy decisions only; an EDPS authorisation is read-only in the API.
    "adequacy_act": "",
    "adequacy_scope": "",
}
BY_TYPE: dict[str, Any] = {
    "string": "x",
    "integer": 1,
    "number": 1,
    "boolean": True,
    "array": [],
    "object": {},
}


@pytest.fixture
def world(db: Any, django_user_model: Any) -> dict[str, Any]:
    """Bolivia with no legal basis yet (its agreement signed, entry into force proposed; a
    Frontex agreement in force that does not bind the agency; a working arrangement in
    force), and Peru with the agency's agreement in force."""
    source = SourceFactory(key=SOURCE)
    bolivia = PartnerFactory(
        code="BO", kind="country", name="Bolivia", competent_in_criminal_matters=True
    )
    peru = PartnerFactory(
        code="PE", kind="country", name="Peru", competent_in_criminal_matters=True
    )
    frontex = PartnerFactory(code="FRONTEX", kind="eu_body", name="Frontex")
    PartnerFactory(code="EU", kind="eu_body", name="European Union")
    signed = InstrumentFactory(partner=bolivia, type="cooperation_agreement", key="bo-agreement")
    add_event(signed, "signed", date=datetime.date(2019, 11, 4))
    theirs = InstrumentFactory(
        partner=bolivia, eu_party=frontex, type="cooperation_agreement", key="bo-frontex"
    )
    add_event(theirs, "signed", date=datetime.date(2015, 1, 1))
    add_event(theirs, "in_force", date=datetime.date(2016, 1, 1))
    arrangement = InstrumentFactory(partner=bolivia, key="bo-arrangement")
    add_event(arrangement, "in_force", date=datetime.date(2018, 1, 1))
    ours = InstrumentFactory(partner=peru, type="cooperation_agreement", key="pe-agreement")
    add_event(ours, "signed", date=datetime.date(2010, 1, 1))
    add_event(ours, "in_force", date=datetime.date(2011, 1, 1))
    alice = make_persona(django_user_model, "alice")
    proposal = instrument_transition(
        instrument=signed,
        event_kind="in_force",
        date=datetime.date(2019, 12, 1),
        source=source,
        user=alice,
    )
    return {
        "alice": alice,
        "proposal": proposal,
        "instruments": [signed, theirs, arrangement, ours],
    }


def legal_bases() -> dict[str, Any]:
    """What the engine relies on: the answer per partner and date, and each legal basis."""
    answers: dict[tuple[Any, ...], str] = {}
    for partner in Partner.objects.filter(code__in=["BO", "PE"]):
        read = partner_instruments(partner=partner)
        for day in DATES:
            answers[(partner.code, day)] = transfer_outlook(
                partner=partner, on=day, instruments=read
            ).decision
            # Administrative personal data (EUDPR Chapter V) has legal bases of its own.
            _pairs, facts = partner_facts(partner=partner, on=day, instruments=read)
            administrative = rules.TransferRequest(
                data_category="administrative_personal_data",
                as_of=day,
                necessity="To invite the contact point.",
                recipient_sector="public",
            )
            answers[(partner.code, day, "administrative")] = rules.assess(
                facts, administrative
            ).decision
    instruments = {
        instrument.pk: (
            instrument.type,
            instrument.partner_id,
            instrument.eu_party_id,
            tuple(sorted((event.kind, str(event.date)) for event in instrument.events.all())),
        )
        for instrument in Instrument.objects.prefetch_related("events")
        if instrument.type in LEGAL_BASIS_TYPES and instrument.events.all()
    }
    return {"answers": answers, "instruments": instruments}


def attempt(send: Any, before: dict[str, Any]) -> int:
    """Send one request inside a savepoint, check nothing the engine relies on moved, undo."""
    with transaction.atomic():
        response = send()
        after = legal_bases()
        transaction.set_rollback(True)
    assert after == before, (response.status_code, getattr(response, "content", b"")[:300])
    return int(response.status_code)


def test_one_person_cannot_change_the_partner_facts_the_engine_relies_on(world):
    api = APIClient()
    api.force_authenticate(world["alice"])
    before = legal_bases()
    attempt(
        lambda: api.patch(
            "/api/partners/PE/", {"competent_in_criminal_matters": False}, format="json"
        ),
        before,
    )


def test_the_fingerprint_sees_a_second_persons_approval(world, django_user_model):
    """The check is not blind: an approval by a second person does change it."""
    before = legal_bases()
    erin = make_persona(django_user_model, "erin")
    change_proposal_approve(proposal=world["proposal"], user=erin)
    assert legal_bases()["answers"][("BO", DATES[1])] == "allowed"
    assert legal_bases() != before


# --- The API: every write operation the schema lists -------------------------------------


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        node = schema["components"]["schemas"][name]
    return node


def _bodies(schema: dict[str, Any], operation: dict[str, Any], method: str) -> list[Any]:
    content = operation.get("requestBody", {}).get("content", {})
    if "application/json" not in content:
        return [None]
    body = _resolve(schema, content["application/json"]["schema"])
    properties = {
        name: _resolve(schema, spec)
        for name, spec in body.get("properties", {}).items()
        if not _resolve(schema, spec).get("readOnly")
    }
    full = {
        name: ATTACK[name] if name in ATTACK else BY_TYPE.get(spec.get("type", "string"), "x")
        for name, spec in properties.items()
    }
    bodies: list[Any] = [full]
    if method == "patch":
        bodies += [{name: full[name]} for name in properties if name in ATTACK]
    return bodies


def _path_fillings(world: dict[str, Any], names: list[str]) -> list[tuple[Any, ...]]:
    """The values to try for a path's parameters: every record of the world that could be
    meant (an instrument's event goes with its instrument)."""
    instruments = world["instruments"]
    if names == ["id", "event_id"]:
        return [(event.instrument_id, event.pk) for i in instruments for event in i.events.all()]
    ids = [instrument.pk for instrument in instruments] + [world["proposal"].pk]
    values: dict[str, list[Any]] = {
        "id": ids,
        "pk": ids,
        "code": ["BO", "PE"],
        "key": [SOURCE, *(instrument.key for instrument in instruments)],
    }
    for name in names:
        assert name in values, f"teach this test which values to try for the path part {name!r}"
    return list(itertools.product(*(values[name] for name in names)))


def api_write_operations() -> list[tuple[str, str, dict[str, Any]]]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return [
        (path, method, operation)
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if method in ("post", "put", "patch", "delete")
    ]


def test_no_api_write_makes_or_unmakes_a_legal_basis_alone(world):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    api = APIClient()
    api.force_authenticate(world["alice"])
    before = legal_bases()
    answers: dict[tuple[str, str], set[int]] = {}
    operations = api_write_operations()
    assert len(operations) > 10
    for path, method, operation in operations:
        names = re.findall(r"{(\w+)}", path)
        for filling in _path_fillings(world, names):
            url = path
            for name, value in zip(names, filling, strict=True):
                url = url.replace("{" + name + "}", str(value))
            for body in _bodies(schema, operation, method):

                def send(url: str = url, body: Any = body, method: str = method) -> Any:
                    if body is None:
                        return getattr(api, method)(url)
                    return getattr(api, method)(url, body, format="json")

                status = attempt(send, before)
                answers.setdefault((method, path), set()).add(status)
    # The attempts reached the lifecycle doors (not only refusals for malformed input).
    assert 201 in answers[("post", "/api/instruments/")]
    assert 202 in answers[("post", "/api/instruments/{id}/events/")]
    assert 400 in answers[("post", "/api/proposals/{id}/approve/")]


# --- The administration: every add and change page of the instruments app ----------------


def _form_data(form: Any) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for bound in form:
        value = bound.value()
        if value is None or value is False:
            continue
        if value is True:
            value = "on"
        elif isinstance(value, datetime.date):
            value = value.isoformat()
        data[bound.html_name] = value
    return data


def _page_data(context: Any) -> dict[str, Any]:
    data = _form_data(context["adminform"].form)
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(_form_data(formset.management_form))
        for form in formset.forms:
            data.update(_form_data(form))
    return data


ADMIN_ATTACKS: list[dict[str, Any]] = [
    {"partner": "BO"},
    {"type": "cooperation_agreement"},
    {"eu_party": ""},
    {"partner": "BO", "type": "cooperation_agreement", "eu_party": ""},
]


def test_no_admin_page_makes_or_unmakes_a_legal_basis_alone(world, django_user_model):
    erin = make_persona(django_user_model, "erin")
    client = Client()
    client.force_login(erin)
    bolivia = Partner.objects.get(code="BO").pk
    before = legal_bases()
    models = [model for model in admin.site._registry if model._meta.app_label == "instruments"]
    assert models, "the instruments app has admin pages"
    pages = 0
    for model in models:
        opts = model._meta
        base = f"/admin/{opts.app_label}/{opts.model_name}/"
        urls = [f"{base}add/"] + [f"{base}{obj.pk}/change/" for obj in model.objects.all()]
        for url in urls:
            page = client.get(url)
            if page.status_code != 200:
                assert page.status_code == 403, (url, page.status_code)
                status = attempt(lambda url=url: client.post(url, {}), before)
                assert status == 403, (url, status)
                continue
            pages += 1
            form = _page_data(page.context)
            form.setdefault("key", "bo-new-agreement")
            form.setdefault("title", "Agreement with Bolivia")
            for changes in ADMIN_ATTACKS:
                data = {**form}
                for name, value in changes.items():
                    if name in page.context["adminform"].form.fields:
                        data[name] = bolivia if value == "BO" else value
                attempt(lambda url=url, data=data: client.post(url, data), before)
    assert pages, "at least the instrument pages were tried"
