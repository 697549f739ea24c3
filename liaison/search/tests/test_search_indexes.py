"""On PostgreSQL each search query is one the indexes of migration search 0001 serve: an
expression that drifted from its index would read the whole table at the agency's size."""

from __future__ import annotations

import pytest
from django.db import connection, transaction

from liaison.search.selectors import (
    RECORD_KINDS,
    partners_matching,
    similarity_threshold_set,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's indexes only"),
]


def plan(queryset) -> str:
    with transaction.atomic():
        with connection.cursor() as cursor:
            # The tables are empty here: forbid reading them whole (or walking another
            # index whole), so the plan shows whether a search index can answer at all.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_indexscan = off")
        similarity_threshold_set()
        return queryset.explain()


def test_partner_names_and_slips_are_answered_by_the_trigram_index():
    answer = plan(partners_matching("serbai", ["serbai"]).order_by())
    assert "search_partner_names" in answer


@pytest.mark.parametrize("kind", RECORD_KINDS, ids=lambda kind: kind.key)
def test_every_kind_of_record_is_answered_by_its_indexes(kind):
    matching = kind.model._default_manager.filter(kind.condition("joint team", ["joint", "team"]))
    answer = plan(matching.order_by())
    assert "Seq Scan" not in answer, answer
    assert "search_" in answer, answer
