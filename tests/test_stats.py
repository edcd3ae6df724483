"""Batch statistics per outlet and the flags raised against a baseline."""
from __future__ import annotations

import pytest

from cleaner.stats import SHORT_BODY_WORDS, StatsFormatError, collect, compare, from_json, to_json

BODY = " ".join(["word"] * SHORT_BODY_WORDS)


def record(profile: str, text: str = BODY, removed: tuple = ()) -> dict:
    return {"profile": profile, "text": text, "removed": [{"rule": r, "text": t} for r, t in removed]}


def batch(footer_fires: bool = True, extra: int = 0, n: int = 4) -> list[dict]:
    removed = (("gz.footer", "© 2024 The Gazette"),) if footer_fires else ()
    return [record("gz", removed=removed + (("generic.share-row", "Share " * (1 + extra)),)) for _ in range(n)]


def test_counts_rules_shares_and_short_bodies():
    stats = collect(batch() + [record("gz", text=""), record("other", text="too short")])
    gz = stats["gz"]
    assert gz.documents == 5 and gz.empty == 1 and gz.short == 0
    assert gz.rules["gz.footer"].documents == 4 and gz.rules["gz.footer"].removals == 4
    assert gz.removed_share == pytest.approx(gz.chars_removed / (gz.chars_removed + gz.chars_kept))
    assert stats["other"].short == 1


def test_json_round_trip_keeps_the_numbers():
    stats = collect(batch())
    again = from_json(to_json(stats))
    assert to_json(again) == to_json(stats)


def test_nothing_flagged_against_itself():
    stats = collect(batch())
    assert compare(stats, stats) == []


def test_a_rule_that_stopped_firing_is_flagged_by_name():
    flags = compare(collect(batch(footer_fires=False)), collect(batch()))
    assert [f.rule for f in flags] == ["gz.footer"]
    assert "stopped firing" in flags[0].message


def test_a_rule_that_removes_far_more_is_flagged():
    flags = compare(collect(batch(extra=200)), collect(batch()))
    assert any(f.rule == "generic.share-row" and "far more" in f.message for f in flags)
    assert any(f.rule == "" and "removed share jumped" in f.message for f in flags)


def test_a_new_rule_firing_everywhere_is_flagged():
    now = [record("gz", removed=(("gz.footer", "©"), ("gz.new", "x"))) for _ in range(4)]
    flags = compare(collect(now), collect(batch()))
    assert any(f.rule == "gz.new" and "fires far more" in f.message for f in flags)


def test_bodies_that_vanish_are_flagged():
    flags = compare(collect([record("gz", text="") for _ in range(4)]), collect(batch()))
    assert any("empty or short bodies" in f.message for f in flags)


def test_a_baseline_that_is_not_stats_is_refused():
    with pytest.raises(StatsFormatError):
        from_json({"outlets": []})
    with pytest.raises(StatsFormatError):
        from_json({"version": 1, "outlets": {"gz": {"documents": 1}}})
