"""Personas of the transfer tests, signed in on the web or through an API token."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from rest_framework.test import APIClient

from conftest import make_persona, token_key

NECESSITY = "To identify the accomplices of a suspect in a joint investigation."


def web_client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def api_client(user: Any) -> APIClient:
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token_key(user)}")
    return api


@pytest.fixture
def carol(django_user_model: Any) -> Any:
    return make_persona(django_user_model, "carol")


@pytest.fixture
def dave(django_user_model: Any) -> Any:
    return make_persona(django_user_model, "dave")


@pytest.fixture
def erin(django_user_model: Any) -> Any:
    return make_persona(django_user_model, "erin")


@pytest.fixture
def api_carol(carol: Any) -> APIClient:
    return api_client(carol)


@pytest.fixture
def api_dave(dave: Any) -> APIClient:
    return api_client(dave)


@pytest.fixture
def carol_client(carol: Any) -> Client:
    return web_client(carol)


@pytest.fixture
def dave_client(dave: Any) -> Client:
    return web_client(dave)


@pytest.fixture
def operational() -> dict[str, Any]:
    """A request for operational personal data that passes the four gates."""
    return {
        "data_category": "operational_personal_data",
        "necessity": NECESSITY,
        "receiving_authority": "the public prosecution service",
        "receiving_authority_competent": True,
    }
