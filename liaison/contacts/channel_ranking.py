"""Which channel to a partner comes first: the ranking is channels.yaml next to this module,
read once at import and checked against ChannelKind; the selector only follows it."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from liaison.contacts.choices import ChannelKind

RANKING_PATH = Path(__file__).with_name("channels.yaml")


@dataclass(frozen=True)
class ChannelRule:
    """One channel kind as channels.yaml ranks it."""

    kind: str
    rank: int
    applies: str
    fallback: bool


def load_channel_ranking(path: Path) -> tuple[ChannelRule, ...]:
    """The channel kinds of `path` in rank order; ValueError naming the problem if the file
    does not rank every ChannelKind exactly once with distinct ranks, fallbacks last."""
    try:
        content: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ValueError(f"{path.name}: not valid YAML: {error}") from error
    entries = content.get("channels") if isinstance(content, dict) else None
    if not isinstance(entries, list):
        raise ValueError(f"{path.name}: expected a list under 'channels'")
    rules: list[ChannelRule] = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            raise ValueError(f"{path.name}: entry {number} is not a mapping")
        unknown_keys = set(entry) - {"kind", "rank", "applies", "fallback"}
        if unknown_keys:
            raise ValueError(f"{path.name}: entry {number}: unknown keys {sorted(unknown_keys)}")
        kind = entry.get("kind")
        if kind not in ChannelKind.values:
            raise ValueError(f"{path.name}: entry {number}: unknown channel kind {kind!r}")
        rank = entry.get("rank")
        if not isinstance(rank, int) or isinstance(rank, bool) or rank < 1:
            raise ValueError(f"{path.name}: {kind}: rank must be a positive whole number")
        applies = entry.get("applies")
        if not isinstance(applies, str) or not applies.strip():
            raise ValueError(f"{path.name}: {kind}: say when it applies ('applies')")
        fallback = entry.get("fallback", False)
        if not isinstance(fallback, bool):
            raise ValueError(f"{path.name}: {kind}: fallback must be true or false")
        rules.append(ChannelRule(kind=kind, rank=rank, applies=applies, fallback=fallback))
    kinds = [rule.kind for rule in rules]
    repeated = sorted({kind for kind in kinds if kinds.count(kind) > 1})
    if repeated:
        raise ValueError(f"{path.name}: ranked more than once: {repeated}")
    missing = sorted(set(ChannelKind.values) - set(kinds))
    if missing:
        raise ValueError(f"{path.name}: not ranked: {missing}")
    ranks = [rule.rank for rule in rules]
    shared = sorted({rank for rank in ranks if ranks.count(rank) > 1})
    if shared:
        raise ValueError(f"{path.name}: two channel kinds share rank {shared}")
    ordered = sorted(rules, key=lambda rule: rule.rank)
    first_fallback = next((i for i, rule in enumerate(ordered) if rule.fallback), len(ordered))
    late = [rule.kind for rule in ordered[first_fallback:] if not rule.fallback]
    if late:
        raise ValueError(f"{path.name}: fallbacks must rank after every other channel: {late}")
    return tuple(ordered)


CHANNEL_RANKING = load_channel_ranking(RANKING_PATH)


# What the selector offers for a channel kind: a function giving the channel's fields, one
# dict per channel (a partner in two networks has two network channels). Called only when
# the channel is shown, so a fallback that is not needed costs nothing.
Offer = Callable[[], list[dict[str, Any]]]


def in_rank_order(
    offers: Mapping[str, Offer], ranking: Sequence[ChannelRule] | None = None
) -> list[tuple[ChannelRule, dict[str, Any]]]:
    """The offered channels in the ranking's order (channels.yaml unless `ranking` is given):
    every channel that is not a fallback, or the fallbacks when there is none."""
    rules = CHANNEL_RANKING if ranking is None else ranking
    chosen = [
        (rule, fields)
        for rule in rules
        if not rule.fallback and rule.kind in offers
        for fields in offers[rule.kind]()
    ]
    if chosen:
        return chosen
    return [
        (rule, fields)
        for rule in rules
        if rule.fallback and rule.kind in offers
        for fields in offers[rule.kind]()
    ]
