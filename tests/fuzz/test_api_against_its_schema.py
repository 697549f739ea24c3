"""Schemathesis: generated requests to every API operation, as a cooperation officer.

No answer may be a server error; every answer's status code, content type and body must
be those the schema documents. The number of examples is bounded so that CI stays short,
and the reference data is loaded once for all operations (each operation's writes are
rolled back after it)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from config.wsgi import application
from conftest import token_key

schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
schema.app = application

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def officer_token(alice: Any) -> str:
    return token_key(alice)


@pytest.fixture(autouse=True)
def keep_the_test_connection() -> Iterator[None]:
    """Requests go straight to the WSGI application, which closes the database connection
    after each one; inside a test that would close the test's own transaction (as Django's
    test client avoids, so do we)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_no_request_gets_a_server_error_or_an_answer_outside_the_schema(
    case: Any, reference_data_module: None, officer_token: str
) -> None:
    case.call_and_validate(
        headers={"Authorization": f"Token {officer_token}"},
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ],
    )
