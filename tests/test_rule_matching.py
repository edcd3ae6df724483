"""Which blocks each declarative rule matches: the shared pattern sets give what matching every
pattern of every rule on its own gives, for every bundled profile and for one that disables a
generic rule."""
from __future__ import annotations

from cleaner import Cleaner
from cleaner.filter import RuleBook
from cleaner.model import Block
from cleaner.patterns import compile_pattern

LINES = [
    "Advertisement",
    "Share this article",
    "By Jane Doe and John Smith",
    "Published March 3, 2024 10:00 am",
    "Sign up for our daily newsletter",
    "The council approved the new budget on Tuesday after a long debate about the harbour works.",
    "Photo: Jane Doe/Reuters",
    "Read more: the harbour works explained",
    "Sponsored content from our partners",
    "© 2024 The Outlet. All rights reserved.",
    "Follow us on Twitter",
    "Comments",
    "Newsletter sign-up",
    "Local news",
]


def _matches_by_definition(book: RuleBook, texts: list[str]) -> tuple[dict, dict]:
    """Rule index -> the blocks any of its start (or end) patterns is found in, pattern by pattern,
    for the rules in force (a rule the profile disables matches nothing)."""
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    for index, rule in enumerate(book.rules):
        if rule.id not in book.by_id:
            continue
        for found_by_rule, sources in ((starts, rule.patterns), (ends, rule.end_patterns)):
            compiled = [compile_pattern(source) for source in sources]
            found = [i for i, text in enumerate(texts) if any(p.search(text) for p in compiled)]
            if found:
                found_by_rule[index] = found
    return starts, ends


def _assert_matches_agree(cleaner: Cleaner) -> None:
    for profile in cleaner.registry.profiles.values():
        book = cleaner.compiled(profile).rules
        matches = book.match([Block(text) for text in LINES])
        assert (matches.starts, matches.ends) == _matches_by_definition(book, LINES), profile.outlet


def test_bundled_profiles_match_rule_by_rule():
    _assert_matches_agree(Cleaner())


def test_a_disabled_generic_rule_matches_nothing(profile_dir):
    folder = profile_dir("t.yaml", """\
        outlet: t
        disable: [generic.ad-marker]
        drop_lines: ['^Local news$', '(?i)daily newsletter']
        """)
    cleaner = Cleaner(profile_dirs=(str(folder),))
    _assert_matches_agree(cleaner)
    book = cleaner.compiled(cleaner.registry.named("t")).rules
    assert "generic.ad-marker" not in book.by_id
    assert [r.id for r in book.rules[:2]] == ["t.drop-lines-1", "t.drop-lines-2"]
