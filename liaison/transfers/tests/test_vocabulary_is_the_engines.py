"""The codes the register, its forms and its API offer are exactly the engine's."""

from __future__ import annotations

from liaison.transfers import eudpr, rules
from liaison.transfers.choices import (
    DataCategory,
    Decision,
    DerogationGround,
    EudprCondition,
    EudprDerogationGround,
    MemberStateAuthorisation,
    RecipientSector,
    Route,
)


def test_it_offers_the_engines_codes_in_its_order():
    assert tuple(DataCategory.values) == rules.DATA_CATEGORIES
    assert tuple(MemberStateAuthorisation.values) == rules.AUTHORISATION_CHOICES
    assert tuple(DerogationGround.values) == tuple(rules.DEROGATION_GROUNDS)
    assert tuple(Decision.values) == rules.DECISIONS
    assert tuple(Route.values) == (rules.NON_PERSONAL_ROUTE, *rules.ROUTES, *eudpr.ROUTES)
    assert tuple(RecipientSector.values) == tuple(eudpr.RECIPIENT_SECTORS)
    assert tuple(EudprDerogationGround.values) == tuple(eudpr.DEROGATION_GROUNDS)
    assert tuple(EudprCondition.values) == tuple(eudpr.DEROGATION_CONDITIONS)
