"""Malformed input, sent to every operation of the API schema: never a server error.

Schemathesis (the companion module) generates requests that mostly fit the schema. This
module sends, generically to every operation the schema lists (so a new endpoint is
covered the day it is added), the classes of bad input that once answered 500:

- JSON nested thousands deep;
- text with a NUL character (PostgreSQL cannot store it) or a lone UTF-16 surrogate (not
  text at all, and not encodable in an answer), in every field and every list of a body;
- an integer beyond any database column, and a word where a number is expected;
- the same in every path parameter and every query parameter.

Every answer must be below 500. The reference data is loaded once for the module; each
operation's writes are rolled back after it."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import quote

import pytest
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from conftest import make_persona, token_key

pytestmark = [pytest.mark.django_db]

SCHEMA = SchemaGenerator().get_schema(request=None, public=True)
WRITE_METHODS = ("post", "put", "patch")

# Bad values for a JSON body (Python values; json.dumps escapes NUL and the surrogate).
BODY_VALUES: dict[str, Any] = {
    "NUL character": "a\x00b",
    "lone surrogate": "x\ud800y",
    "huge integer": -99999999999999999999,
    "word for a number": "abc",
    "huge float": 1e308,
}
# Bad values for a path or query parameter, already percent-encoded where needed.
PARAMETER_VALUES = {
    "NUL character": "a%00b",
    "lone surrogate (invalid UTF-8)": "x%ED%A0%80y",
    "huge integer": "-99999999999999999999",
    "word for a number": "abc",
    "impossible date": "2005-02-30",
}
DEEP = 5000


def operations() -> list[tuple[str, str]]:
    return [
        (method, path)
        for path, item in SCHEMA["paths"].items()
        for method in item
        if method in ("get", "post", "put", "patch", "delete")
    ]


def operation(method: str, path: str) -> dict[str, Any]:
    found: dict[str, Any] = SCHEMA["paths"][path][method]
    return found


def body_properties(op: dict[str, Any]) -> dict[str, Any]:
    """The properties of the operation's JSON body, `$ref` resolved."""
    content = op.get("requestBody", {}).get("content", {})
    schema = content.get("application/json", {}).get("schema")
    if not schema:
        return {}
    if "$ref" in schema:
        schema = SCHEMA["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    properties: dict[str, Any] = schema.get("properties", {})
    return properties


def parameters(op: dict[str, Any], where: str) -> list[str]:
    return [p["name"] for p in op.get("parameters", []) if p["in"] == where]


def query_values(op: dict[str, Any], name: str) -> dict[str, str]:
    """The bad values worth sending as query parameter `name`: text ones always, numeric
    and date ones where the schema says it is a number or a date."""
    spec = next(p.get("schema", {}) for p in op["parameters"] if p["name"] == name)
    wanted = {"NUL character", "lone surrogate (invalid UTF-8)", "huge integer"}
    if spec.get("type") in ("integer", "number"):
        wanted.add("word for a number")
    if spec.get("format") in ("date", "date-time"):
        wanted.add("impossible date")
    return {label: value for label, value in PARAMETER_VALUES.items() if label in wanted}


_REAL_VALUES: dict[tuple[str, str], str] = {}


def real_value(api: APIClient, path: str, name: str) -> str:
    """A value of path parameter `name` that exists: the first record of the list above."""
    head = path.split("{" + name + "}")[0]
    if (head, name) not in _REAL_VALUES:
        _REAL_VALUES[head, name] = _look_up(api, path, name)
    return _REAL_VALUES[head, name]


def _look_up(api: APIClient, path: str, name: str) -> str:
    head = path.split("{" + name + "}")[0]
    if name == "event_id":
        instrument = real_value(api, "/api/instruments/{id}/", "id")
        events = api.get(f"/api/instruments/{instrument}/").json().get("events") or [{}]
        return str(events[0].get("id", 1))
    listing = api.get(re.sub(r"\{[^}]+\}", "1", head)).json()
    results = listing.get("results", listing) if isinstance(listing, dict) else listing
    if results and isinstance(results, list) and name in results[0]:
        return quote(str(results[0][name]), safe="")
    return "1"


def filled(api: APIClient, path: str, **fixed: str) -> str:
    for name in re.findall(r"\{([^}]+)\}", path):
        path = path.replace("{" + name + "}", fixed.get(name) or real_value(api, path, name))
    return path


@pytest.fixture
def api(reference_data: None, django_user_model: Any) -> APIClient:
    """An administrator: the role that reaches every operation."""
    client = APIClient(raise_request_exception=False)  # a failure is an answer to count
    client.credentials(
        HTTP_AUTHORIZATION=f"Token {token_key(make_persona(django_user_model, 'erin'))}"
    )
    return client


def call(api: APIClient, method: str, url: str, body: str | None = None) -> Any:
    if body is None:
        return getattr(api, method)(url)
    return getattr(api, method)(url, body, content_type="application/json")


@pytest.mark.parametrize(("method", "path"), operations())
def test_no_malformed_input_gets_a_server_error(api: APIClient, method: str, path: str) -> None:
    op = operation(method, path)
    url = filled(api, path)
    failures: list[str] = []

    def check(what: str, response: Any) -> None:
        if response.status_code >= 500:
            failures.append(f"{what}: {response.status_code}")

    if method in WRITE_METHODS:
        properties = body_properties(op)
        deep = '{"x": ' + "[" * DEEP + "]" * DEEP + "}"
        check("JSON nested deep", call(api, method, url, deep))
        for label, value in BODY_VALUES.items():
            every_field = {
                name: [value] if spec.get("type") == "array" else value
                for name, spec in properties.items()
            }
            check(f"{label} in every field", call(api, method, url, json.dumps(every_field)))
    for name in parameters(op, "path"):
        for label, value in PARAMETER_VALUES.items():
            bad_url = filled(api, path, **{name: value})
            check(
                f"{label} as {name}",
                call(api, method, bad_url, "{}" if method in WRITE_METHODS else None),
            )
    if method == "get":
        query = parameters(op, "query")
        for name in query:
            for label, value in query_values(op, name).items():
                # One row a page where the list has pages: the parameter is the point.
                short = "&page_size=1" if "page_size" in query and name != "page_size" else ""
                check(f"{label} as ?{name}", call(api, method, f"{url}?{name}={value}{short}"))
    assert failures == [], f"{method.upper()} {path}: " + "; ".join(failures)
