"""Every generic rule, by id, on small documents of its own (tests/cases/generic_rules.yaml)."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from cleaner.filter import CODE_RULE_IDS

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "generic_rules.yaml").read_text(encoding="utf-8"))


def _case_id(case: dict) -> str:
    return case["rule"]


@pytest.mark.parametrize("case", CASES, ids=_case_id)
def test_generic_rule(case, generic_cleaner):
    result = generic_cleaner.clean(case["text"], format="text", url=case.get("url", ""))
    decided = {b.text: b.removed_by for b in result.blocks}
    for line in case.get("removed", []):
        assert decided.get(line) == case["rule"], f"{line!r} was {decided.get(line) or 'kept'}"
    if not case.get("removed"):
        assert case["rule"] not in decided.values()
    for line in case.get("kept", []):
        assert decided.get(line, "missing") is None, f"{line!r} was {decided.get(line)}"
    for field in ("title", "authors", "date"):
        if field in case:
            assert getattr(result, field) == case[field]


def test_every_generic_rule_has_a_case(generic_cleaner):
    generic = generic_cleaner.registry.generic
    text_rule_ids = {r.id for r in generic.rules}
    covered = {c["rule"] for c in CASES}
    assert text_rule_ids | set(CODE_RULE_IDS) <= covered


def test_story_sentence_containing_a_phrase_is_kept(generic_cleaner):
    text = ("Officials said the advertisement ran for a week before the share price fell, and that all "
            "rights reserved by the old contract lapsed in 2020, so comments were closed.\n")
    result = generic_cleaner.clean(text, format="text")
    assert result.text == text.strip()
