"""The scheduled work is defined in the code (liaison.exports.jobs): nobody adds or changes a
schedule in /admin/, not even a superuser, since a schedule names any Python function and its
arguments, which a worker then runs."""

from __future__ import annotations

from typing import Any

import pytest
from django_q.models import Schedule

pytestmark = pytest.mark.django_db


def test_a_superuser_cannot_schedule_a_function_in_the_admin(
    client: Any, django_user_model: Any
) -> None:
    root = django_user_model.objects.create_superuser("root", password="x")  # noqa: S106
    client.force_login(root)
    before = set(Schedule.objects.values_list("pk", "func", "args"))

    assert client.get("/admin/django_q/schedule/add/").status_code == 403
    client.post(
        "/admin/django_q/schedule/add/",
        {"name": "x", "func": "os.system", "args": "'true'", "schedule_type": "O", "repeats": "-1"},
    )
    existing = Schedule.objects.first()
    client.post(
        f"/admin/django_q/schedule/{existing.pk}/change/",
        {"name": existing.name, "func": "os.system", "args": "'true'", "schedule_type": "D"},
    )

    assert set(Schedule.objects.values_list("pk", "func", "args")) == before
    assert client.get(f"/admin/django_q/schedule/{existing.pk}/change/").status_code == 200
