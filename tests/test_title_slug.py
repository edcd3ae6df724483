"""The page URL as evidence about the headline of bare text (generic.title): its slug spells the
headline, its host the site's name, which is no headline."""
from __future__ import annotations

import pytest

from cleaner.heuristics.title import _names_site, slug_share, slug_words

URL = "https://www.example-times.com/news/2024/05/12/harbour-council-approves-sea-wall-budget-b1234567.html"
HEADLINE = "Harbour council approves sea wall budget after long debate"
STANDFIRST = "The harbour council voted for the sea wall plan, but the budget left repairs short"
STORY = [
    "The council approved the new harbour budget on Tuesday after a long debate about the sea wall.",
    "Opposition members said the spending plan left too little for repairs to the northern quay.",
    "The mayor said work on the sea wall would start in the spring and last for two years.",
]


@pytest.mark.parametrize("url, words", [
    (URL, {"harbour", "council", "approves", "sea", "wall", "budget"}),
    ("https://example.com/yourmoney/article-13357113/dollar-bill-worth-check.html", {"dollar", "bill", "worth", "check"}),
    ("https://example.com/news/world/2024/10/16/2003825372", set()),  # ids only: no slug
    ("https://example.com/news/explainers-63159607", set()),  # one word is no slug
    ("", set()),
])
def test_slug_words_come_from_the_wordiest_path_segment(url, words):
    assert slug_words(url) == words


@pytest.mark.parametrize("url, headline", [
    ("https://example.com/money/rare-pound-coin-could-be-worth-hundreds-b123.html", "Your rare £1 coin could be worth hundreds"),
    ("https://example.com/business/prices-up-5-percent-in-may", "Prices up 5% in May"),
    ("https://example.com/food/fish-and-chips-shop-closes", "Fish & chips shop closes"),
])
def test_a_slug_spells_out_the_signs_of_its_headline(url, headline):
    assert slug_share(url, headline) == 1.0


def test_slug_share_counts_the_slug_words_a_line_holds():
    assert slug_share(URL, HEADLINE) == 1.0
    assert slug_share(URL, STANDFIRST) == pytest.approx(5 / 6)
    assert slug_share("", HEADLINE) == 0.0


def test_a_line_holding_the_slug_over_the_story_is_the_headline(generic_cleaner):
    result = generic_cleaner.clean("\n".join([HEADLINE, *STORY]), format="text", url=URL)
    assert result.title == HEADLINE
    assert result.text.split("\n\n") == STORY
    # without the URL, a sentence-case line over prose is no evidence: it stays
    assert generic_cleaner.clean("\n".join([HEADLINE, *STORY]), format="text").text.startswith(HEADLINE)


def test_a_standfirst_echoing_the_slug_stays(generic_cleaner):
    result = generic_cleaner.clean("\n".join([STANDFIRST, *STORY]), format="text", url=URL)
    assert result.title is None and result.text.startswith(STANDFIRST)


def test_a_slug_line_far_above_the_story_is_left_to_the_page_rules(generic_cleaner):
    """A page dump opens with its <title> line over the menus: the slug does not make it the
    headline there (the headline is the copy right above the story)."""
    menus = ["Home", "News", "Sport", "Weather", "Business", "Opinion", "Culture"]
    result = generic_cleaner.clean("\n".join([HEADLINE, *menus, *STORY]), format="text", url=URL)
    assert result.title != HEADLINE


@pytest.mark.parametrize("text, url, names", [
    ("The Washington Post", "https://www.washingtonpost.com/weather/2024/04/26/storms/", True),
    ("Rest of World", "https://restofworld.org/2025/oman-space-industry/", True),
    ("Example Times", URL, True),  # a hyphenated host label
    ("Sky News", "https://news.sky.com/story/x", True),
    ("Fake news spreads fast", "https://news.sky.com/story/x", False),  # mentions the label, is no name
    ("Post office closes", "https://www.washingtonpost.com/x", False),
    ("The Washington Post", "", False),
    ("Org", "https://example.org/x", False),  # the top-level domain names no site
])
def test_a_page_title_part_names_the_site_when_its_host_spells_it(text, url, names):
    assert _names_site(text, url) is names


def test_the_site_name_repeated_in_a_page_dump_is_no_headline(generic_cleaner):
    """A page dump's <title> line is "Headline - Site", and its masthead repeats the site's name
    above the story; when the on-page headline differs from the <title>'s, the masthead line must
    not be taken for the headline."""
    page = [
        "Council votes on harbour plan - The Example Times", "Home", "News", "Sport", "The Example Times",
        "Weather", "Business", "Opinion", *STORY,
    ]
    result = generic_cleaner.clean("\n".join(page), format="text", url=URL)
    assert result.title != "The Example Times"
    assert result.text.split("\n\n")[-len(STORY):] == STORY
