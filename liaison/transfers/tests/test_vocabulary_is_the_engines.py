"""The codes the register, its forms and its API offer are exactly the engine's."""

from __future__ import annotations

from liaison.transfers import rules
from liaison.transfers.choices import (
    DataCategory,
    Decision,
    DerogationGround,
    MemberStateAuthorisation,
    Route,
)


def test_it_offers_the_engines_codes_in_its_order():
    assert tuple(DataCategory.values) == rules.DATA_CATEGORIES
    assert tuple(MemberStateAuthorisation.values) == rules.AUTHORISATION_CHOICES
    assert tuple(DerogationGround.values) == tuple(rules.DEROGATION_GROUNDS)
    assert tuple(Decision.values) == rules.DECISIONS
    assert tuple(Route.values) == (rules.NON_PERSONAL_ROUTE, *rules.ROUTES)
