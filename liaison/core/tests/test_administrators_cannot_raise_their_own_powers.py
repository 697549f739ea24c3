"""An administrator manages people and roles, but cannot give anyone (themselves included)
powers beyond the roles: making a superuser or granting a single permission by hand would
open, among others, django-q2's schedule page, where a job names any Python function to run."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Group, Permission

from conftest import make_persona
from liaison.core import roles

pytestmark = pytest.mark.django_db


def _user_form(user: Any, **changes: Any) -> dict[str, Any]:
    data = {
        "username": user.username,
        "first_name": "",
        "last_name": "",
        "email": "",
        "is_active": "on",
        "groups": [group.pk for group in user.groups.all()],
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
    }
    data.update(changes)
    return data


def test_an_administrator_cannot_make_themselves_a_superuser(client: Any, django_user_model: Any):
    erin = make_persona(django_user_model, "erin")
    client.force_login(erin)
    schedule_permission = Permission.objects.get(codename="add_schedule")

    client.post(
        f"/admin/auth/user/{erin.pk}/change/",
        _user_form(
            erin, is_superuser="on", is_staff="on", user_permissions=[schedule_permission.pk]
        ),
    )

    erin.refresh_from_db()
    assert not erin.is_superuser
    assert not erin.user_permissions.exists()
    assert client.get("/admin/django_q/schedule/add/").status_code == 403


def test_an_administrator_cannot_add_permissions_to_a_role(client: Any, django_user_model: Any):
    erin = make_persona(django_user_model, "erin")
    client.force_login(erin)
    role = Group.objects.get(name=roles.ADMINISTRATOR)
    before = set(role.permissions.values_list("pk", flat=True))
    schedule_permission = Permission.objects.get(codename="add_schedule")

    client.post(
        f"/admin/auth/group/{role.pk}/change/",
        {
            "name": role.name,
            "permissions": [*before, schedule_permission.pk],
            "policy-TOTAL_FORMS": "0",
            "policy-INITIAL_FORMS": "0",
        },
    )

    assert set(role.permissions.values_list("pk", flat=True)) == before
    assert client.get("/admin/django_q/schedule/add/").status_code == 403


def test_an_administrator_still_gives_roles(client: Any, django_user_model: Any):
    erin = make_persona(django_user_model, "erin")
    bob = make_persona(django_user_model, "bob")
    client.force_login(erin)
    officer = Group.objects.get(name=roles.COOPERATION_OFFICER)

    response = client.post(
        f"/admin/auth/user/{bob.pk}/change/", _user_form(bob, groups=[officer.pk])
    )

    assert response.status_code == 302
    assert list(bob.groups.all()) == [officer]


def test_an_administrator_cannot_take_over_a_superusers_account(
    client: Any, django_user_model: Any
):
    erin = make_persona(django_user_model, "erin")
    root = django_user_model.objects.create_superuser("root", password="first")  # noqa: S106
    client.force_login(erin)

    client.post(
        f"/admin/auth/user/{root.pk}/password/",
        {"password1": "taken over 123", "password2": "taken over 123"},
    )
    client.post(f"/admin/auth/user/{root.pk}/delete/", {"post": "yes"})

    root.refresh_from_db()
    assert root.check_password("first")
