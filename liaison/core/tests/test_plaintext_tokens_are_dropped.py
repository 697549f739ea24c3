"""Databases from before Liaison's own API tokens lose the table of plain-text keys."""

from __future__ import annotations

import importlib

import pytest
from django.db import connection

pytestmark = [pytest.mark.django_db(transaction=True)]

migration = importlib.import_module("liaison.core.migrations.0002_drop_plaintext_api_tokens")


def test_the_old_plaintext_token_table_is_dropped():
    with connection.schema_editor() as editor:
        editor.execute("CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY)")
        editor.execute("INSERT INTO authtoken_token (key) VALUES ('0123456789abcdef')")
    with connection.schema_editor() as editor:
        migration.drop_plaintext_tokens(None, editor)
    assert "authtoken_token" not in connection.introspection.table_names()


def test_a_database_without_it_is_left_alone():
    with connection.schema_editor() as editor:
        migration.drop_plaintext_tokens(None, editor)
    assert "authtoken_token" not in connection.introspection.table_names()
