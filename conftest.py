"""Personas and shared fixtures for the whole suite, one per role:

- alice: cooperation officer (edits the register);
- bob: viewer (reads the register);
- carol: case officer;
- dave: data protection officer;
- erin: administrator;
- nora: signed in, but holds no role;
- anonymous: nobody signed in.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from auditlog.context import disable_auditlog
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from rest_framework.test import APIClient

from liaison.core import roles
from liaison.core.services import api_token_create
from liaison.reference.loader import reference_load

PASSWORD = "correct horse battery staple"  # noqa: S105 (test accounts only)

PERSONAS = {
    "alice": roles.COOPERATION_OFFICER,
    "bob": roles.VIEWER,
    "carol": roles.CASE_OFFICER,
    "dave": roles.DATA_PROTECTION_OFFICER,
    "erin": roles.ADMINISTRATOR,
    "nora": None,
}


def make_persona(django_user_model: Any, name: str) -> Any:
    user = django_user_model.objects.create_user(name, password=PASSWORD)
    role = PERSONAS[name]
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


def token_key(user: Any) -> str:
    """A fresh API token's key for `user`."""
    return api_token_create(user=user, name="tests", days=30)[1]


@pytest.fixture
def alice(django_user_model: Any) -> Any:
    return make_persona(django_user_model, "alice")


@pytest.fixture
def bob(django_user_model: Any) -> Any:
    return make_persona(django_user_model, "bob")


@pytest.fixture
def alice_client(client: Any, alice: Any) -> Any:
    client.force_login(alice)
    return client


@pytest.fixture
def bob_client(client: Any, bob: Any) -> Any:
    client.force_login(bob)
    return client


@pytest.fixture
def api_alice(alice: Any) -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token_key(alice)}")
    return api


@pytest.fixture
def api_bob(bob: Any) -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token_key(bob)}")
    return api


@pytest.fixture
def api_anonymous() -> APIClient:
    return APIClient()


@pytest.fixture
def reference_data(reference_data_module: None, db: None) -> None:
    """The shipped reference dataset, loaded as `liaison load-reference` loads it, less the
    change history of the load (a third of its time; the loader's history has its own tests).

    It is loaded once per test module; each test's writes are rolled back after it. The
    other tests of that module that run after the first one asking for it see it too: a
    test that needs an empty register belongs in a module of its own."""


@pytest.fixture
def reference_data_committed(transactional_db: None) -> None:
    """The reference dataset committed, for tests whose live server reads it from another
    connection (the browser tests)."""
    with disable_auditlog():
        reference_load(directory=settings.REFERENCE_DATA_DIR)


@pytest.fixture(scope="module")
def reference_data_module(
    request: pytest.FixtureRequest, django_db_setup: Any, django_db_blocker: Any
) -> Any:
    """The reference dataset loaded once for a whole test module, rolled back after it.

    The database stays blocked between tests (each test opens it as usual), and a module
    that mixes in a test committing its writes is refused: that test would commit the
    module's uncommitted load, or see it without asking."""
    committing = [
        item.name
        for item in request.session.items
        if item.module is request.module
        and (
            "transactional_db" in getattr(item, "fixturenames", ())
            or any(mark.kwargs.get("transaction") for mark in item.iter_markers("django_db"))
        )
    ]
    if committing:
        pytest.fail(
            f"{request.module.__name__} shares one load of the reference data, but "
            f"{', '.join(committing)} commit(s): use reference_data_committed there, or move "
            "them to a module of their own.",
            pytrace=False,
        )
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        with disable_auditlog():
            reference_load(directory=settings.REFERENCE_DATA_DIR)
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


@pytest.fixture
def import_root(settings: Any, tmp_path: Path) -> Path:
    """The imports storage (previewed spreadsheet files) in a folder of the test's own."""
    root = tmp_path / "imports"
    settings.STORAGES = {
        **settings.STORAGES,
        "imports": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": root, "allow_overwrite": True},
        },
    }
    return root
