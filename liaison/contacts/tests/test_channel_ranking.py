"""The rule "which channel comes first" is channels.yaml: the "How to reach" list follows the
file's order, and a file that does not rank every channel kind exactly once is refused."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from liaison.contacts import channel_ranking
from liaison.contacts.choices import ChannelKind, OfficerKind
from liaison.contacts.selectors import channels_for
from liaison.contacts.services import liaison_officer_create
from liaison.contacts.tests.conftest import TODAY, appoint


def ranking_file(tmp_path: Path, change: Any) -> Path:
    content = yaml.safe_load(channel_ranking.RANKING_PATH.read_text(encoding="utf-8"))
    change(content["channels"])
    edited = tmp_path / "channels.yaml"
    edited.write_text(yaml.safe_dump(content, sort_keys=False), encoding="utf-8")
    return edited


def rank_of(entries: list[dict[str, Any]], kind: str) -> dict[str, Any]:
    return next(entry for entry in entries if entry["kind"] == kind)


def swap_ranks(first: str, second: str) -> Any:
    def change(entries: list[dict[str, Any]]) -> None:
        a, b = rank_of(entries, first), rank_of(entries, second)
        a["rank"], b["rank"] = b["rank"], a["rank"]

    return change


def test_the_shipped_file_ranks_every_channel_kind_once_with_fallbacks_last() -> None:
    kinds = [rule.kind for rule in channel_ranking.CHANNEL_RANKING]
    assert sorted(kinds) == sorted(ChannelKind.values)
    assert kinds[:2] == ["national_member", "liaison_prosecutor"]
    assert [rule.kind for rule in channel_ranking.CHANNEL_RANKING if rule.fallback] == [
        "eu_delegation",
        "interpol",
    ]


@pytest.mark.django_db
def test_how_to_reach_follows_the_order_of_channels_yaml(world, tmp_path, monkeypatch) -> None:
    nigeria = world["nigeria"]
    appoint(nigeria, "Demo Contact NG")
    appoint(world["wacap"], "Demo Contact WACAP", organisation="WACAP secretariat")
    liaison_officer_create(
        kind=OfficerKind.LIAISON_MAGISTRATE,
        partner=nigeria,
        name="Demo Magistrate",
        started_on=datetime.date(2024, 1, 1),
    )
    shipped = [channel.kind for channel in channels_for(partner=nigeria, on=TODAY)]
    assert shipped == ["contact_point", "network_contact_point", "liaison_magistrate"]

    def magistrate_first(entries: list[dict[str, Any]]) -> None:
        swap_ranks("liaison_magistrate", "contact_point")(entries)

    edited = channel_ranking.load_channel_ranking(ranking_file(tmp_path, magistrate_first))
    monkeypatch.setattr(channel_ranking, "CHANNEL_RANKING", edited)
    channels = channels_for(partner=nigeria, on=TODAY)
    assert [channel.kind for channel in channels] == [
        "liaison_magistrate",
        "network_contact_point",
        "contact_point",
    ]
    assert [channel.rank for channel in channels] == [1, 2, 3]


@pytest.mark.django_db
def test_the_fallbacks_follow_the_file_too(world, tmp_path, monkeypatch) -> None:
    edited = channel_ranking.load_channel_ranking(
        ranking_file(tmp_path, swap_ranks("eu_delegation", "interpol"))
    )
    monkeypatch.setattr(channel_ranking, "CHANNEL_RANKING", edited)
    channels = channels_for(partner=world["kenya"], on=TODAY)
    assert [channel.kind for channel in channels] == ["interpol", "eu_delegation"]
    assert all(channel.fallback for channel in channels)


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        pytest.param(
            lambda entries: entries.remove(rank_of(entries, "interpol")),
            r"not ranked: \['interpol'\]",
            id="kind-missing",
        ),
        pytest.param(
            lambda entries: entries.append({"kind": "carrier_pigeon", "rank": 9, "applies": "x"}),
            "unknown channel kind 'carrier_pigeon'",
            id="unknown-kind",
        ),
        pytest.param(
            lambda entries: entries.append(dict(rank_of(entries, "contact_point"), rank=9)),
            r"ranked more than once: \['contact_point'\]",
            id="kind-twice",
        ),
        pytest.param(
            lambda entries: rank_of(entries, "interpol").update(rank=3),
            r"share rank \[3\]",
            id="shared-rank",
        ),
        pytest.param(
            lambda entries: rank_of(entries, "interpol").update(rank=0),
            "interpol: rank must be a positive whole number",
            id="rank-zero",
        ),
        pytest.param(
            swap_ranks("eu_delegation", "liaison_magistrate"),
            r"fallbacks must rank after every other channel: \['liaison_magistrate'\]",
            id="fallback-before-a-channel",
        ),
        pytest.param(
            lambda entries: rank_of(entries, "contact_point").pop("applies"),
            "contact_point: say when it applies",
            id="applies-missing",
        ),
    ],
)
def test_a_ranking_file_that_does_not_rank_each_kind_once_is_refused(
    tmp_path, change, problem
) -> None:
    with pytest.raises(ValueError, match=problem):
        channel_ranking.load_channel_ranking(ranking_file(tmp_path, change))
