"""The story's region in page text (generic.outside-story): where the story starts and ends when
menus, boxes and footers surround it. Small page dumps written for the purpose."""
from __future__ import annotations

from cleaner import Cleaner

OUTSIDE = "generic.outside-story"
MENU = ["Home", "News", "Sport", "Weather", "Business"]
FOOTER = ["Share this article", "Facebook Twitter WhatsApp Email", "About us", "Contact us", "© 2024 Harbour Times"]
STORY = [
    "The council approved the new harbour budget on Tuesday after a long debate about the sea wall.",
    "Opposition members said the spending plan left too little for repairs to the northern quay.",
    "The mayor said work on the sea wall would start in the spring and last for two years.",
]


def decided(result) -> dict[str, str | None]:
    return {b.text: b.removed_by for b in result.blocks}


def clean_twice(cleaner: Cleaner, lines: list[str]):
    once = cleaner.clean("\n".join(lines), format="text")
    assert cleaner.clean(once.text, format="text").text == once.text  # the region rule is stable
    return once


def test_sign_off_note_and_figures_after_the_story_stay(generic_cleaner):
    tail = ["Harbour fees at 0900 GMT", "Berth : $1,250; +0.4%", "Mooring : $310; -0.1%",
            "Reporting by Ana Diaz; Editing by Tom Price",
            "Editor's note: an earlier version of this story gave the wrong date for the vote"]
    result = clean_twice(generic_cleaner, MENU + STORY + tail + FOOTER)
    assert all(decided(result)[line] is None for line in STORY + tail)
    assert decided(result)["About us"] == OUTSIDE


def test_story_goes_on_past_a_box_removed_line_by_line(generic_cleaner):
    after_box = ["What the inspectors found", "The reports describe worn cables and brakes that failed a test in the spring."]
    lines = MENU + STORY[:2] + ["Sign up for our free morning newsletter", "Enter your email"] + after_box + FOOTER
    result = clean_twice(generic_cleaner, lines)
    assert all(decided(result)[line] is None for line in STORY[:2] + after_box)


def test_a_list_section_ends_the_story(generic_cleaner):
    teaser = "Ferry operators expect a record summer as the new terminal opens to passengers next month."
    related = ["More Stories", "Ferry Terminal Opens", "Mayor Unveils Plan", "Harbour Fees Rise", "Pier Reopens"]
    lines = MENU + STORY + related + [teaser] + FOOTER
    result = clean_twice(generic_cleaner, lines)
    assert decided(result)[teaser] == OUTSIDE
    assert decided(result)["More Stories"] == "generic.related-list"


def test_a_heading_over_no_story_ends_it(generic_cleaner):
    prompt = ["Our picks for you", "Access the latest journalism from our award-winning team",
              "Thanks for reading our journalism every day."]
    result = clean_twice(generic_cleaner, MENU + STORY + prompt + FOOTER)
    assert [decided(result)[line] for line in prompt] == [OUTSIDE] * 3


def test_standfirst_under_the_headline_stays_above_byline_and_share_row(generic_cleaner):
    head = ["Transit", "County approves new bus routes after long debate",
            "Riders in the western suburbs will get a direct line to the hospital",
            "By Mark Hollis", "Facebook Twitter WhatsApp Email"]
    result = clean_twice(generic_cleaner, MENU + head + STORY + FOOTER)
    assert decided(result)["Riders in the western suburbs will get a direct line to the hospital"] is None
    assert decided(result)["County approves new bus routes after long debate"] == OUTSIDE
    assert result.text.startswith("Riders in the western suburbs")  # the kicker went with the menu


def test_key_point_without_full_stop_opens_the_story(generic_cleaner):
    key_point = "The average rate for 30-year fixed mortgages fell to 7.04% from 7.06% in the week to Friday"
    result = clean_twice(generic_cleaner, MENU + ["Key Points", "Share this article", key_point] + STORY + FOOTER)
    assert decided(result)[key_point] is None


def test_only_inline_rules_let_an_announced_list_run_past_their_lines(profile_dir):
    """A caption removed inside a list the story announces: with `inline: true` it is no sign of
    page template and the list stays; a rule without it is taken for template."""
    lines = MENU + STORY + ["These roads remain closed until further notice:", "Harbour Road", "Quay Street",
                            "Flooded quay on Monday (Photo: Lee Carr)", "Market Lane", "Mill Lane"] + FOOTER

    def clean(inline: str):
        folder = profile_dir("t.yaml", f"outlet: t\ndrop_lines:\n  - {{id: caption, pattern: '\\(Photo: ', {inline}}}\n")
        return Cleaner(profile_dirs=(str(folder),), bundled_profiles=False).clean("\n".join(lines), outlet="t", format="text")

    assert decided(clean("inline: true"))["Market Lane"] is None
    assert decided(clean("max_words: 0"))["Market Lane"] == OUTSIDE


def test_end_mark_after_the_last_sentence_is_no_headline(generic_cleaner):
    last = "The keepers left the rock for the last time in 1998, and the light has run itself ever since. ♦"
    result = clean_twice(generic_cleaner, MENU + STORY + [last] + FOOTER)
    assert decided(result)[last] is None
