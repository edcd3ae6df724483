"""The fixpoint loop of the heuristics skips a heuristic only where running it would change nothing:
cleaning gives what running every heuristic in every pass gives (tests/cases/generic_rules.yaml).

The reference loop runs on a copy of what the pipeline hands the filter, since a compiled filter
calls its own loop directly, past any monkeypatch of it."""
from __future__ import annotations

import copy
from pathlib import Path

import yaml

from cleaner import pipeline
from cleaner.filter import MAX_HEURISTIC_PASSES, Context, RuleBook
from cleaner.heuristics.signals import per_document

TEXTS = [case["text"] for case in yaml.safe_load((Path(__file__).parent / "cases" / "generic_rules.yaml").read_text(encoding="utf-8"))]


def _every_heuristic_in_every_pass(book: RuleBook, context: Context) -> int:
    """The passes it took."""
    for count in range(1, MAX_HEURISTIC_PASSES + 1):
        removals_before = context.removals
        for heuristic in book.heuristics:
            heuristic.apply(context)
        if context.removals == removals_before:
            break
    return count


def _decisions(blocks, metadata):
    return [b.removed_by for b in blocks], metadata.title, metadata.authors, metadata.date


def test_skipping_settled_heuristics_changes_nothing(generic_cleaner, monkeypatch):
    handed: list[tuple] = []  # what the pipeline gives the filter, before the filter changes it

    def recording_context(blocks, format, metadata, profile, url):
        handed.append((copy.deepcopy(blocks), format, copy.deepcopy(metadata), profile, url))
        return Context(blocks, format, metadata, profile, url)

    monkeypatch.setattr(pipeline, "Context", recording_context)
    found = []
    for text in TEXTS:
        result = generic_cleaner.clean(text, format="text")
        found.append(_decisions(result.blocks, result.metadata))
    assert len(handed) == len(TEXTS)

    passes, expected = [], []
    for blocks, format, metadata, profile, url in handed:
        context = Context(blocks, format, metadata, profile, url)
        book = generic_cleaner.compiled(profile).rules
        with per_document():
            book.apply_rules(context)
            passes.append(_every_heuristic_in_every_pass(book, context))
        expected.append(_decisions(context.blocks, context.metadata))
    assert found == expected
    assert max(passes) > 2  # some documents need the loop, where heuristics are skipped
