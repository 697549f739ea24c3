"""The documentation site builds from docs/ without a warning (a broken link or a missing
page fails it) and is served at /help/ to signed-in users, as the footer's Help link says."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def built_site(tmp_path_factory, django_db_setup, django_db_blocker) -> Path:
    data_dir = tmp_path_factory.mktemp("docs-data")
    with django_db_blocker.unblock(), override_settings(DATA_DIR=data_dir):
        call_command("build_docs")
    return data_dir


def test_the_site_builds_with_every_page_and_the_api_operations(built_site):
    html = built_site / "docs" / "html"
    for page in (
        "index.html",
        "getting-started.html",
        "legal-rules.html",
        "guide/cooperation-officer.html",
        "guide/data-protection-officer.html",
        "api-schema/operations.html",
    ):
        assert (html / page).is_file(), page
    operations = (html / "api-schema" / "operations.html").read_text()
    # Generated from the schema of the code being tested, not written by hand.
    assert "/api/transfer-assessments/" in operations
    assert "/api/partners/{code}/channels/" in operations
    assert (html / "openapi.yaml").is_file()


def test_the_site_loads_nothing_from_another_host(built_site):
    html = built_site / "docs" / "html"
    for path in [*html.rglob("*.html"), *html.rglob("*.css")]:
        text = path.read_text(errors="replace")
        assert "fonts.googleapis" not in text, path
        for marker in ('src="http', "src='http", "@import url(http"):
            assert marker not in text, (path, marker)


def test_a_signed_in_user_reads_the_help_pages(built_site, bob_client):
    with override_settings(DATA_DIR=built_site):
        index = bob_client.get("/help/")
        guide = bob_client.get("/help/guide/management.html")
        missing = bob_client.get("/help/no-such-page.html")
        escape = bob_client.get("/help/../../settings.py")
    assert index.status_code == 200
    assert b"Liaison" in b"".join(index.streaming_content)
    assert guide.status_code == 200
    assert missing.status_code == 404
    assert escape.status_code in (400, 404)  # refused, never a file outside the site


def test_help_needs_a_login(built_site, client):
    with override_settings(DATA_DIR=built_site):
        response = client.get("/help/")
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_before_the_site_is_built_help_says_how_to_build_it(bob_client, tmp_path):
    with override_settings(DATA_DIR=tmp_path):
        response = bob_client.get("/help/")
    assert response.status_code == 200
    assert b"Documentation not built yet" in response.content
    assert b"liaison build-docs" in response.content


def test_a_broken_link_fails_the_build(tmp_path, monkeypatch):
    from liaison.core import docs_site
    from liaison.core.management.commands import build_docs

    source = tmp_path / "docs"
    (source / "_static").mkdir(parents=True)
    (source / "conf.py").write_text((docs_site.DOCS_SOURCE / "conf.py").read_text())
    (source / "index.md").write_text("# Home\n\nSee [the missing page](missing.md).\n")
    monkeypatch.setattr(build_docs, "DOCS_SOURCE", source)
    monkeypatch.setattr(docs_site, "DOCS_SOURCE", source)
    with override_settings(DATA_DIR=tmp_path / "data"), pytest.raises(CommandError):
        call_command("build_docs", "--check")
