"""The necessity page opens on the ranking: its eleven parameters stay folded until the
reader opens them, has set one, or must correct one."""

from __future__ import annotations

import re

import pytest

from conftest import make_persona

pytestmark = pytest.mark.django_db


def _parameters_tag(page: str) -> str:
    match = re.search(r'<details class="[^"]*necessity-parameters[^"]*"[^>]*>', page)
    assert match, "the parameters are in a folding box"
    return match.group(0)


def test_the_parameters_are_folded_on_a_first_visit(reference_data, django_user_model, client):
    client.force_login(make_persona(django_user_model, "alice"))
    page = client.get("/necessity/").content.decode()
    assert " open" not in _parameters_tag(page)
    assert "<summary>" in page and 'name="window"' in page  # folded, not left out


def test_they_are_open_once_set_or_wrong(reference_data, django_user_model, client):
    client.force_login(make_persona(django_user_model, "alice"))
    chosen = client.get("/necessity/?window=2").content.decode()
    assert " open" in _parameters_tag(chosen)
    wrong = client.get("/necessity/?window=none")
    assert " open" in _parameters_tag(wrong.content.decode())
