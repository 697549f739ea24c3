"""Every provision the engine cites names its act, article and official text, and is
checked only where a check is recorded (who, when, against what): otherwise unverified, and
cited so. The marks can be passed in by the caller, who knows the reviews approved in the app."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from liaison.transfers import eudpr, rules
from liaison.transfers.rules import InstrumentFact, PartnerFacts, TransferRequest, assess

AS_OF = date(2025, 6, 1)


def law_with(tmp_path: Path, key: str, entry: dict[str, object]) -> rules._Law:
    """The real provisions.yaml with one provision added or replaced."""
    raw = yaml.safe_load(rules.PROVISIONS_PATH.read_text(encoding="utf-8"))
    raw["provisions"][key] = entry
    path = tmp_path / "provisions.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return rules._load_law(path)


def serbia() -> PartnerFacts:
    agreement = InstrumentFact(
        id=1,
        type="international_agreement",
        title="Agreement with Serbia",
        status="in_force",
        status_since=date(2019, 3, 1),
    )
    return PartnerFacts(
        code="RS",
        name="Serbia",
        kind="country",
        competent_in_criminal_matters=True,
        instruments=(agreement,),
    )


def operational(**fields: object) -> TransferRequest:
    return TransferRequest(
        data_category="operational_personal_data",
        as_of=AS_OF,
        necessity="To identify the accomplices of a suspect.",
        receiving_authority="Public Prosecutor's Office of Serbia",
        receiving_authority_competent=True,
        **fields,  # type: ignore[arg-type]
    )


def test_every_provision_names_its_act_and_article():
    for provision in eudpr.ALL_PROVISIONS.values():
        assert provision.acts, f"{provision.key} names no act"
        assert provision.article.startswith(("Art.", "Chapter")), provision.key


def test_an_act_links_to_its_official_text_or_says_no_link_was_checked():
    eurojust = rules.ACTS["eurojust"]
    assert eurojust.url == "http://data.europa.eu/eli/reg/2018/1727/oj"
    for act in rules.ACTS.values():
        assert act.url == "" or act.url.startswith("http://data.europa.eu/eli/"), act.key
    # Art. 4(1)(j) was added by Regulation (EU) 2022/838, whose address nobody checked.
    amendment = [act for act in rules.PROVISIONS["art_4_1_j"].acts if "2022/838" in act.title]
    assert amendment and amendment[0].url == ""


def test_a_provision_without_a_checked_record_is_unverified(tmp_path):
    law = law_with(
        tmp_path,
        "art_48_eudpr",
        {"citation": "Art. 48 of Regulation (EU) 2018/1725", "summary": "Safeguards."},
    )
    added = law.provisions["art_48_eudpr"]
    assert added.unverified
    assert added.cited == "Art. 48 of Regulation (EU) 2018/1725 (unverified)"


def test_a_provision_with_a_checked_record_says_who_checked_it_when_and_against_what():
    provision = rules.PROVISIONS["art_56_1_a"]
    assert not provision.unverified
    assert provision.checked is not None
    assert provision.checked.by and provision.checked.against
    assert isinstance(provision.checked.day, date)
    assert rules.PROVISIONS["art_58_1_b"].checked is None
    assert rules.PROVISIONS["art_58_1_b"].unverified


def test_a_provision_cannot_be_both_checked_and_unverified(tmp_path):
    entry = {
        "citation": "Art. 47(2) of Regulation (EU) 2018/1727",
        "summary": "Non-personal information.",
        "unverified": True,
        "checked": {"by": "A. Lawyer", "date": date(2026, 1, 5), "against": "OJ L 295"},
    }
    with pytest.raises(ValueError, match="both `checked` and `unverified: true`"):
        law_with(tmp_path, "art_47_2", entry)


@pytest.mark.parametrize(
    "check",
    [
        {"by": "A. Lawyer", "date": date(2026, 1, 5)},
        {"by": "", "date": date(2026, 1, 5), "against": "OJ L 295"},
        {"by": "A. Lawyer", "date": "soon", "against": "OJ L 295"},
    ],
    ids=["no-text", "nobody", "no-day"],
)
def test_a_check_without_who_when_or_against_what_is_refused_at_load(tmp_path, check):
    entry = {"citation": "Art. 47(2)", "summary": "Non-personal information.", "checked": check}
    with pytest.raises(ValueError, match="checked"):
        law_with(tmp_path, "art_47_2", entry)


def test_a_provision_naming_an_unknown_act_is_refused_at_load(tmp_path):
    entry = {"citation": "Art. 1", "summary": "Something.", "act": "no_such_act"}
    with pytest.raises(ValueError, match="unknown act"):
        law_with(tmp_path, "art_1", entry)


def test_the_engine_cites_as_unverified_what_the_caller_says_is_not_checked():
    with rules.review_marks(set()):
        decision = assess(serbia(), operational())
    assert decision.decision == "allowed"
    assert all(reason.unverified for reason in decision.reasons)
    assert all("(unverified)" in reason.text for reason in decision.reasons)
    assert all(basis.unverified for basis in decision.legal_bases)


def test_the_engine_cites_without_mark_what_the_caller_says_is_checked():
    with rules.review_marks(rules.PROVISIONS):
        decision = assess(serbia(), operational(safeguards_self_assessment=True))
    assert not any(reason.unverified for reason in decision.reasons)
    assert not any("(unverified)" in text for text in decision.conditions)
    assert not any("(unverified)" in reason.text for reason in decision.reasons)


def test_a_provision_cited_inside_another_text_follows_the_marks_too():
    # origin_not_authorised cites Art. 56(1)(c) and, inside its text, Art. 56(4).
    request = operational(originating_member_state="NL", member_state_authorisation="none")
    with rules.review_marks({"art_56_1_c"}):
        decision = assess(serbia(), request)
    text = next(r.text for r in decision.reasons if r.code == "origin_not_authorised")
    assert "Art. 56(1)(c) of Regulation (EU) 2018/1727;" in text
    assert "Art. 56(4) of Regulation (EU) 2018/1727 (unverified)" in text


def test_the_marks_passed_in_end_with_their_block():
    with rules.review_marks(set()):
        assert rules.PROVISIONS["art_56_1_a"].unverified
    assert not rules.PROVISIONS["art_56_1_a"].unverified
    assert "(unverified)" not in assess(serbia(), operational()).reasons[0].text
