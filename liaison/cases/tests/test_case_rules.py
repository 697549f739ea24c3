"""Cases: what a case may hold, who may do what with it, and its history."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from conftest import make_persona
from liaison.cases.models import Case, Exchange, JointInvestigationTeam, Operation
from liaison.cases.services import case_update
from liaison.cases.tests.conftest import make_case, partners
from liaison.core.history import history_of
from liaison.core.permissions import user_can
from liaison.transfers.testing import assessment_record

pytestmark = pytest.mark.django_db


def test_it_records_a_case_with_its_partners():
    case = make_case()
    assert sorted(p.code for p in case.partners.all()) == ["INTERPOL", "ME", "RS"]
    assert case.status == "open"


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"crime_areas": []}, "crime_areas"),
        ({"crime_areas": ["drugs"]}, "crime_areas"),
        ({"member_states": ["RS"]}, "member_states"),
        ({"requesting_member_state": "FR"}, "requesting_member_state"),
        ({"tools": ["raid"]}, "tools"),
        ({"status": "closed"}, "closed_on"),
        ({"closed_on": datetime.date(2020, 1, 1), "status": "closed"}, "closed_on"),
    ],
)
def test_it_refuses_a_case_that_breaks_the_vocabulary(fields, field):
    with pytest.raises(ValidationError) as error:
        make_case(**fields)
    assert field in error.value.message_dict
    assert not Case.objects.exists()


def test_it_keeps_a_partner_with_exchanges_in_the_case(django_user_model):
    from liaison.cases.services import exchange_create

    case = make_case()
    exchange_create(
        user=None,
        case=case,
        data={
            "partner": partners("ME")[0],
            "kind": "mutual_legal_assistance_request",
            "direction": "outgoing",
            "channel": "liaison_prosecutor",
            "data_category": "non_personal",
        },
    )
    with pytest.raises(ValidationError) as error:
        case_update(case=case, data={}, partners=partners("RS"))
    assert "partners" in error.value.message_dict
    assert case.partners.count() == 3


@pytest.mark.parametrize(
    ("persona", "may_view", "may_add"),
    [
        ("alice", True, False),  # cooperation officer reads
        ("bob", False, False),  # viewer: never a case
        ("carol", True, True),  # case officer keeps them
        ("dave", True, False),  # DPO reads
        ("erin", True, True),
    ],
)
def test_each_role_may_do_what_the_table_says(django_user_model, persona, may_view, may_add):
    user = make_persona(django_user_model, persona)
    for model in (Case, Exchange, Operation):
        assert user_can(user, "view", model) is may_view
        assert user_can(user, "add", model) is may_add
    assert user_can(user, "change", Case) is may_add
    assert user_can(user, "view", JointInvestigationTeam) is True


def test_changes_to_a_case_are_in_its_history():
    case = make_case()
    case_update(case=case, data={"title": "Renamed operation"}, partners=partners("RS", "ME"))
    text = " ".join(str(entry.changes) for entry in history_of(case))
    assert "Renamed operation" in text


def test_an_assessment_names_its_case_once_and_nothing_else_changes(django_user_model):
    asker = make_persona(django_user_model, "carol")
    case = make_case()
    other = make_case(cms_reference="2024/0001")
    assessment = assessment_record(user=asker, partner_code="RS", data_category="non_personal")
    assessment.case_attach(case=case)
    assessment.refresh_from_db()
    assert assessment.case == case
    with pytest.raises(PermissionDenied):
        assessment.case_attach(case=other)
    assessment.decision = "refused"
    with pytest.raises(PermissionDenied):
        assessment.save()
