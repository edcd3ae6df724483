"""The fixpoint loop of the heuristics skips a heuristic only where running it would change nothing:
cleaning gives what running every heuristic in every pass gives (tests/cases/generic_rules.yaml)."""
from __future__ import annotations

from pathlib import Path

import yaml

from cleaner import filter as filter_module
from cleaner.filter import MAX_HEURISTIC_PASSES, Context, RuleBook

TEXTS = [case["text"] for case in yaml.safe_load((Path(__file__).parent / "cases" / "generic_rules.yaml").read_text(encoding="utf-8"))]


def _every_heuristic_in_every_pass(book: RuleBook, context: Context, passes: list[int]) -> None:
    for count in range(1, MAX_HEURISTIC_PASSES + 1):
        removals_before = context.removals
        for heuristic in book.heuristics:
            heuristic.apply(context)
        if context.removals == removals_before:
            break
    passes.append(count)


def _decisions(cleaner, text):
    result = cleaner.clean(text, format="text")
    return [b.removed_by for b in result.blocks], result.title, result.authors, result.date


def test_skipping_settled_heuristics_changes_nothing(generic_cleaner, monkeypatch):
    found = [_decisions(generic_cleaner, text) for text in TEXTS]
    passes: list[int] = []
    monkeypatch.setattr(filter_module.RuleBook, "_run_heuristics",
                        lambda book, context: _every_heuristic_in_every_pass(book, context, passes))
    assert found == [_decisions(generic_cleaner, text) for text in TEXTS]
    assert max(passes) > 2  # some documents need the loop, where heuristics are skipped
