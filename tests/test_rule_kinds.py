"""Each kind of declarative profile rule, on small texts, through a profile written by the test."""
from __future__ import annotations

from cleaner import Cleaner

STORY = [
    "The council approved the new budget on Tuesday after a long debate about the harbour works.",
    "Opposition members said the spending plan left too little for the schools in the north.",
    "The mayor said the harbour works would start in the spring and last for two years.",
]


def clean_with(profile_dir, profile: str, lines: list[str]):
    folder = profile_dir("t.yaml", "outlet: t\n" + profile)
    cleaner = Cleaner(profile_dirs=(str(folder),), bundled_profiles=False)
    return cleaner.clean("\n".join(lines), outlet="t", format="text")


def decisions(result) -> list[tuple[str, str | None]]:
    return [(b.text, b.removed_by) for b in result.blocks]


def test_drop_lines_with_also_previous(profile_dir):
    result = clean_with(profile_dir, "drop_lines:\n  - {id: credit, pattern: '^\\(Photo: ', also_previous: 1}\n",
                        [STORY[0], "A caption line", "(Photo: Someone)", STORY[1]])
    assert decisions(result) == [(STORY[0], None), ("A caption line", "t.credit"), ("(Photo: Someone)", "t.credit"), (STORY[1], None)]


def test_drop_lines_max_words_spares_long_blocks(profile_dir):
    result = clean_with(profile_dir, "drop_lines:\n  - {pattern: '(?i)budget', max_words: 5}\n", [STORY[0], "Budget 2024 live"])
    assert decisions(result) == [(STORY[0], None), ("Budget 2024 live", "t.drop-lines-1")]


def test_cut_after_removes_marker_and_rest(profile_dir):
    result = clean_with(profile_dir, "cut_after: ['^More from us$']\n", [STORY[0], STORY[1], "More from us", "Other headline"])
    assert result.text.splitlines()[-1] == STORY[1]
    assert [r.rule for r in result.removed] == ["t.cut-after-1"] * 2


def test_cut_after_keep_marker(profile_dir):
    result = clean_with(profile_dir, "cut_after:\n  - {pattern: '^Editor.s note', keep_marker: true}\n",
                        [STORY[0], "Editor's note: corrected.", "junk"])
    assert "Editor's note: corrected." in result.text and "junk" not in result.text


def test_cut_after_tail_ignores_an_early_marker(profile_dir):
    rule = "cut_after:\n  - {pattern: '^Comments$', tail: true}\n"
    early = clean_with(profile_dir, rule, ["Comments", *STORY])
    assert all(line in early.text for line in STORY)
    late = clean_with(profile_dir, rule, [*STORY, "Comments", "first!"])
    assert "first!" not in late.text and STORY[2] in late.text


def test_drop_lines_with_also_next(profile_dir):
    result = clean_with(profile_dir, "drop_lines:\n  - {id: video, pattern: '^Video$', also_next: 2}\n",
                        [STORY[0], "Video", "A clip title", "A clip description.", STORY[1]])
    assert result.text.split("\n\n") == STORY[:2]
    assert [r.rule for r in result.removed] == ["t.video"] * 3


def test_cut_before_head_uses_the_last_marker_before_the_story(profile_dir):
    rule = "cut_before:\n  - {pattern: '^Share$', head: true}\n"
    lines = ["Share", "Other headline", "Share", *STORY, "Share", "Footer link"]
    result = clean_with(profile_dir, rule, lines)
    assert result.text.split("\n\n")[:3] == STORY
    assert "Other headline" not in result.text


def test_cut_before_head_ignores_a_marker_after_most_of_the_story(profile_dir):
    result = clean_with(profile_dir, "cut_before:\n  - {pattern: '^Share$', head: true}\n", [*STORY, "Share"])
    assert all(line in result.text for line in STORY)


def test_a_title_rule_reads_the_page_title_line_and_drops_the_headline_copy(profile_dir):
    rule = "title:\n  - {pattern: '^(?P<title>.+) \\| Example Weekly$', head: true}\n"
    result = clean_with(profile_dir, rule, ["Harbour works begin | Example Weekly", "Harbour works begin", *STORY])
    assert result.title == "Harbour works begin"
    assert result.text.split("\n\n") == STORY
    assert [r.rule for r in result.removed] == ["t.title-1", "generic.repeated-headline"]


def test_one_line_gives_both_byline_and_date(profile_dir):
    rule = ("byline: ['^by (?P<authors>.+?) \\d{4}-\\d\\d-\\d\\d$']\n"
            "date: ['^by .+? (?P<date>\\d{4}-\\d\\d-\\d\\d)$']\n")
    result = clean_with(profile_dir, rule, ["by Ann Lee 2024-03-01", *STORY])
    assert (result.authors, result.date) == (["Ann Lee"], "2024-03-01")


def test_a_head_date_rule_reads_the_story_date_after_the_teasers(profile_dir):
    rule = "date:\n  - {pattern: '^(?P<date>\\d{4}-\\d\\d-\\d\\d)$', head: true}\n"
    lines = ["Other headline", "2024-02-01", "Our headline", "2024-03-01", *STORY, "Later teaser", "2024-03-09"]
    result = clean_with(profile_dir, rule, lines)
    assert result.date == "2024-03-01"
    assert [r.rule for r in result.removed if r.text == "2024-03-01"] == ["t.date-1"]


def test_a_date_line_taken_as_metadata_still_takes_its_neighbours(profile_dir):
    rule = ("date: ['^Filed (?P<date>\\d{4}-\\d\\d-\\d\\d)$']\n"
            "drop_lines:\n  - {id: author-line, pattern: '^Filed ', also_previous: 1}\n")
    result = clean_with(profile_dir, rule, [STORY[0], "Ann Lee", "Filed 2024-03-01", STORY[1]])
    assert result.date == "2024-03-01"
    assert result.text.split("\n\n") == STORY[:2]


def test_cut_before_removes_everything_up_to_the_marker(profile_dir):
    result = clean_with(profile_dir, "cut_before: ['^Skip to content$']\n", ["Menu", "Home", "Skip to content", *STORY])
    assert result.text.split("\n\n") == STORY


def test_drop_between_markers(profile_dir):
    rule = "drop_between:\n  - {start: '^Gallery$', end: '^End of gallery$'}\n"
    result = clean_with(profile_dir, rule, [STORY[0], "Gallery", "Picture one", "End of gallery", STORY[1]])
    assert result.text.split("\n\n") == STORY[:2]


def test_drop_between_leaves_an_unclosed_span(profile_dir):
    rule = "drop_between:\n  - {start: '^Gallery$', end: '^End of gallery$'}\n"
    result = clean_with(profile_dir, rule, [STORY[0], "Gallery", STORY[1]])
    assert STORY[1] in result.text


def test_byline_and_date_become_metadata(profile_dir):
    rule = "byline: ['^Words: (?P<authors>.+)$']\ndate: ['^Filed (?P<date>\\d{4}-\\d\\d-\\d\\d)$']\n"
    result = clean_with(profile_dir, rule, ["Words: Ann Lee and Bo Chan", "Filed 2024-03-01", *STORY])
    assert result.authors == ["Ann Lee", "Bo Chan"]
    assert result.date == "2024-03-01"
    assert result.text.split("\n\n") == STORY


def test_disable_switches_a_generic_rule_off(profile_dir):
    lines = [STORY[0], "Advertisement", STORY[1]]
    assert "Advertisement" not in clean_with(profile_dir, "", lines).text
    assert "Advertisement" in clean_with(profile_dir, "disable: [generic.ad-marker]\n", lines).text


def test_extends_puts_parent_rules_first(profile_dir):
    profile_dir("theme.yaml", "outlet: theme\ndrop_lines: [{id: promo, pattern: '^Promo'}]\n")
    result = clean_with(profile_dir, "extends: [theme]\ndrop_lines: ['^Local promo']\n", [STORY[0], "Promo one", "Local promo"])
    assert [r.rule for r in result.removed] == ["theme.promo", "t.drop-lines-1"]


def test_signature_resolves_bare_text(profile_dir):
    folder = profile_dir("s.yaml", "outlet: s\nsignatures: ['(?m)^© Example Weekly$']\n")
    cleaner = Cleaner(profile_dirs=(str(folder),), bundled_profiles=False)
    result = cleaner.clean("\n".join([*STORY, "© Example Weekly"]), format="text")
    assert (result.profile, result.resolved_by) == ("s", "signature")


def test_a_marker_closing_a_box_heads_no_list(profile_dir):
    """"Read More" ending a box a drop_between rule removed is that box's end, not a list heading:
    the story's short lines after it stay (a marker a line rule removed would head its list)."""
    result = clean_with(profile_dir, "drop_between:\n  - {start: '^Read Next$', end: '^Read More$'}\n",
                        [STORY[0], "Read Next", "Ten Cafes With a Sea View", "Read More", "Cliff Path, Cornwall", STORY[1]])
    assert ("Cliff Path, Cornwall", None) in decisions(result)


def test_outlet_books_share_the_compiled_generic_patterns(profile_dir):
    """The generic patterns are compiled once and reused by every outlet's book, which still
    applies its own rules first and leaves out the generic rules it disables."""
    folder = profile_dir("t.yaml", "outlet: t\ndisable: [generic.ad-marker]\ndrop_lines: ['^Promo']\n")
    profile_dir("u.yaml", "outlet: u\ndrop_lines: ['^Local promo']\n")
    cleaner = Cleaner(profile_dirs=(str(folder),), bundled_profiles=False)
    generic, t, u = (cleaner.compiled(cleaner.registry.named(name)).rules for name in ("generic", "t", "u"))
    assert t.sections[1].patterns is u.sections[1].patterns is generic.sections[0].patterns
    lines = [STORY[0], "Advertisement", "Promo one", "Local promo", STORY[1]]
    assert decisions(cleaner.clean("\n".join(lines), outlet="t", format="text"))[1:4] == [
        ("Advertisement", None), ("Promo one", "t.drop-lines-1"), ("Local promo", None)]
    assert decisions(cleaner.clean("\n".join(lines), outlet="u", format="text"))[1:4] == [
        ("Advertisement", "generic.ad-marker"), ("Promo one", None), ("Local promo", "u.drop-lines-1")]


BOX_RULE = "drop_lines:\n  - {id: offer, pattern: '^(?:SUBSCRIBE|Subscribe now)', box: true}\n"


def test_box_lines_between_an_offers_prompts_go_with_them(profile_dir):
    lines = [STORY[0], "SUBSCRIBE TODAY", "Subscribe now for the full story.", "Crosswords and puzzles.",
             "The daily ePaper.", "SUBSCRIBE TO UNLOCK", STORY[1]]
    result = clean_with(profile_dir, BOX_RULE, lines)
    assert decisions(result) == [(STORY[0], None), *[(line, "t.offer") for line in lines[1:-1]], (STORY[1], None)]


def test_a_box_needs_two_prompts_in_a_row_above_it(profile_dir):
    """A short story paragraph between a lone prompt in the story and the same prompt after it stays."""
    result = clean_with(profile_dir, BOX_RULE, [STORY[0], "Subscribe now for more.", STORY[1], "Subscribe now for more."])
    assert dict(decisions(result))[STORY[1]] is None


def test_a_box_holds_only_a_few_short_lines(profile_dir):
    walls = ["SUBSCRIBE TODAY", "Subscribe now for the full story."]
    long_line = " ".join(["word"] * 31) + "."
    for inside in ([long_line], ["One.", "Two.", "Three.", "Four.", "Five."]):
        result = clean_with(profile_dir, BOX_RULE, [STORY[0], *walls, *inside, "SUBSCRIBE TO UNLOCK", STORY[1]])
        assert all(dict(decisions(result))[line] is None for line in inside)
