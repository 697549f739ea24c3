"""The three loaders share one core; each still refuses a bad file with its own error, so
that the command and the caller know which dataset was wrong."""

from __future__ import annotations

import pytest

from liaison.engagements.services import EngagementsDataError, engagements_load
from liaison.reference.records import LoadError
from liaison.strategy.services import StrategyDataError, strategy_load

pytestmark = pytest.mark.django_db


def test_a_bad_engagements_file_is_an_engagements_error_not_a_strategy_one(tmp_path):
    path = tmp_path / "engagements.yaml"
    path.write_text("- just a list\n", encoding="utf-8")
    with pytest.raises(EngagementsDataError) as raised:
        engagements_load(path=path)
    assert not isinstance(raised.value, StrategyDataError)
    assert raised.value.problems == [
        "engagements.yaml, the file must hold 'projects:' and 'engagements:'"
    ]


def test_an_unreadable_strategy_file_is_a_strategy_error_naming_the_file(tmp_path):
    path = tmp_path / "strategy.yaml"
    path.write_text("strategy: [unclosed\n", encoding="utf-8")
    with pytest.raises(StrategyDataError) as raised:
        strategy_load(path=path)
    assert isinstance(raised.value, LoadError)
    assert raised.value.problems[0].startswith("strategy.yaml: ")
