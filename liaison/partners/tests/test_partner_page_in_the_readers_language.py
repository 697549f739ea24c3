"""The partner page in the reader's language: the country's name from ISO's catalogue, the
page marked with its language."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data_module")]


@pytest.mark.parametrize(
    ("language", "name"),
    # ISO's own names: French and Spanish write Nigeria as English does, Portuguese does not.
    [("en", "Nigeria"), ("fr", "Nigeria"), ("pt", "Nigéria"), ("es", "Nigeria")],
)
def test_the_partner_page_names_the_country_in_the_readers_language(bob_client, language, name):
    bob_client.post("/language/", {"language": language, "next": "/"})
    html = bob_client.get("/partners/NG/").content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{name}" in html
