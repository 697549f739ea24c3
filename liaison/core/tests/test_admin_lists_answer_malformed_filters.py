"""Every list of /admin/ answers a malformed filter, search or page without a server error: a
NUL character (which PostgreSQL refuses in any text), a word where a number belongs."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib import admin
from django.contrib.admin import SimpleListFilter
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _parameters(model_admin: Any) -> list[str]:
    names = ["q", "o", "p"]
    for list_filter in model_admin.list_filter:
        if isinstance(list_filter, str):
            names += [list_filter, f"{list_filter}__exact"]
        elif isinstance(list_filter, type) and issubclass(list_filter, SimpleListFilter):
            names.append(list_filter.parameter_name)
        elif isinstance(list_filter, tuple):
            names += [list_filter[0], f"{list_filter[0]}__exact"]
    return names


LISTS = [
    (f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist", model_admin)
    for model, model_admin in admin.site._registry.items()
]


@pytest.mark.parametrize("value", ["a%00b", "abc", "-1"])
@pytest.mark.parametrize(("name", "model_admin"), LISTS, ids=[name for name, _ in LISTS])
def test_every_admin_list_answers_a_malformed_filter(
    client: Any, django_user_model: Any, name: str, model_admin: Any, value: str
) -> None:
    client.raise_request_exception = False
    client.force_login(django_user_model.objects.create_superuser("root", password="x"))  # noqa: S106
    url = reverse(name)
    failures = [
        (parameter, status)
        for parameter in _parameters(model_admin)
        if (status := client.get(f"{url}?{parameter}={value}").status_code) >= 500
    ]
    assert not failures
