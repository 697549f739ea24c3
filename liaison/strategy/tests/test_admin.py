"""Administrators keep the narrative of key actions without a measurable target."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import make_persona
from liaison.strategy.tests.conftest import key_action

pytestmark = [pytest.mark.django_db]


@pytest.mark.parametrize(
    "name",
    [
        "strategy_strategy",
        "strategy_keyaction",
        "strategy_policydocument",
        "strategy_progresssnapshot",
        "engagements_engagement",
        "engagements_project",
    ],
)
def test_the_admin_lists_open(client, django_user_model, strategy, name):
    client.force_login(make_persona(django_user_model, "erin"))
    assert client.get(reverse(f"admin:{name}_changelist")).status_code == 200


def test_an_administrator_opens_a_key_action(client, django_user_model, strategy):
    action = key_action(strategy, "story", {"kind": "narrative"})
    client.force_login(make_persona(django_user_model, "erin"))
    response = client.get(reverse("admin:strategy_keyaction_change", args=[action.pk]))
    assert response.status_code == 200
