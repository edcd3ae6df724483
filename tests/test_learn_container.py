"""Learning the article container, and the residue inside it, from samples of a synthetic outlet
(see magazine_template): what a person writes first for an HTML outlet."""
from __future__ import annotations

from html import escape
from pathlib import Path

import pytest
from magazine_template import PODCAST_PROMO, article_page, article_text, live_page
from outlet_template import STORIES

from cleaner import Cleaner
from cleaner.learn import learn_profile
from cleaner.learn.adopt import lost_story
from cleaner.learn.draft import Draft
from cleaner.learn.names import stable_prefix, template_keys
from cleaner.learn.page import Page
from cleaner.model import Document
from cleaner.profile_schema import load_profile

OUTLET = "Harbour Weekly"
URL = "https://harbourweekly.example/news/story"


def learn(make, stories) -> Draft:
    documents = [Document(make(story), "html", id=f"p{n}") for n, story in enumerate(stories)]
    return learn_profile(documents, [f"p{n}.html" for n in range(len(stories))], OUTLET, ["harbourweekly.example"])


def cleaner_with(draft: Draft, folder: Path) -> Cleaner:
    (folder / f"{draft.outlet}.yaml").write_text(draft.to_yaml(), encoding="utf-8")
    return Cleaner(bundled_profiles=False, profile_dirs=(str(folder),))


@pytest.fixture(scope="module")
def article_draft() -> Draft:
    return learn(article_page, STORIES[:3])


def test_the_container_names_standfirst_key_points_and_body(article_draft):
    """Kept apart from the body in the page, the standfirst and key points join it, in page
    order; the generated wrapper names around them are never used."""
    assert article_draft.container.patterns == (".dek, .key-points, .story-text",)
    written = article_draft.to_yaml()
    assert "kLmNoP" not in written and "sc-" not in written and "StoryBody" not in written


def test_residue_inside_the_container_is_removed_by_its_own_selector(article_draft):
    removes = [rule for rule in article_draft.rules if rule.kind == "remove"]
    assert [rule.patterns for rule in removes] == [(".podcast-promo",)]
    assert removes[0].removed == [PODCAST_PROMO] * 3


def test_the_container_says_where_it_matched_and_what_it_changes(article_draft, tmp_path):
    lines = article_draft.to_yaml().splitlines()
    at = lines.index("  container:")
    assert lines[at + 1] == ("    # matched in 3 of 3 samples; keeps every story block of the generic path; "
                             "adds: -; leaves out: -")
    assert lines[at + 2] == "    - '.dek, .key-points, .story-text'"
    (tmp_path / "harbour-weekly.yaml").write_text(article_draft.to_yaml(), encoding="utf-8")
    assert load_profile(tmp_path / "harbour-weekly.yaml").container == (".dek, .key-points, .story-text",)


@pytest.mark.parametrize("held_out", range(len(STORIES)))
def test_a_held_out_page_comes_out_as_its_story(held_out, tmp_path):
    """Leave one out: learned from the other three pages, the draft cleans the fourth exactly,
    where the generic path keeps the promo and the key points' label."""
    story = STORIES[held_out]
    draft = learn(article_page, [s for s in STORIES if s is not story])
    assert Cleaner(bundled_profiles=False).clean(article_page(story), url=URL).text != article_text(story)
    result = cleaner_with(draft, tmp_path).clean(article_page(story), url=URL)
    assert result.profile == "harbour-weekly"
    assert result.text == article_text(story)


def test_the_container_reads_what_the_generic_path_misses(tmp_path):
    """On live pages the generic path reads one post; the container reads the summary and every
    post, and its comment shows what it adds."""
    draft = learn(live_page, STORIES[:3])
    assert draft.container is not None and draft.container.added
    assert "adds: \"Ferries stayed in port" in draft.to_yaml()
    unseen = STORIES[3]
    expected = "\n\n".join((unseen.standfirst, *unseen.paragraphs))
    assert Cleaner(bundled_profiles=False).clean(live_page(unseen), url=URL).text != expected
    assert cleaner_with(draft, tmp_path).clean(live_page(unseen), url=URL).text == expected


def test_a_story_text_is_lost_unless_nearly_all_its_words_are_there():
    """A hidden label the container walk reads inside a paragraph keeps the paragraph; a missing
    paragraph or name is lost."""
    paragraph = "the harbour stayed closed on tuesday as a winter storm pushed waves over the outer breakwater"
    walked = ("The harbour stayed closed on Tuesday, opens new tab, as a winter storm pushed waves over the outer "
              "breakwater.\n\nMara LindqvistPort")
    assert lost_story(walked, {paragraph, "mara lindqvist", "port"}) == []
    missing = {"ferry operators cancelled every crossing to the islands today", "tomas"}
    assert set(lost_story(walked, missing | {paragraph})) == missing


def test_a_refused_container_is_a_note_for_the_reviewer(tmp_path):
    draft = Draft("harbour-weekly", OUTLET, ["p0.html", "p1.html"],
                  notes=["not proposed: container '.story', it loses story the generic path keeps: \"The harbour…\""])
    written = draft.to_yaml()
    assert "# Note: not proposed: container '.story', it loses story" in written
    (tmp_path / "harbour-weekly.yaml").write_text(written, encoding="utf-8")
    assert load_profile(tmp_path / "harbour-weekly.yaml").container == ()


@pytest.mark.parametrize("name, prefix", [
    ("SplitScreenContentHeaderDek-emptdL", "SplitScreenContentHeaderDek-"),
    ("body__full_width__ekUdw", "body__full_width__"),
    ("article-body__content__2-BtD", "article-body__content__"),
    ("ArticleBody-articleBody", None),  # stable as it is
    ("sc-jbiisr-0", None),  # all generated
])
def test_generated_class_names_are_used_by_their_stable_start(name, prefix):
    assert stable_prefix(name) == prefix


def test_template_keys_of_an_element():
    page = Page('<html><body><div id="maincontent" class="story-text sc-a1b2c3-0 kLmNoP col-md-6 '
                'StoryBody-wrapper-kJhGfD" data-gu-name="body" data-x="a b" style="x">Text</div></body></html>')
    element = page.tree.find(".//div")
    assert template_keys(element) == ["#maincontent", "[data-gu-name=body]", ".story-text", '[class*="StoryBody-wrapper-"]']


def test_text_is_looked_for_in_the_container_first():
    """A bio printed twice: the copy inside the container is the one its walk reads."""
    html = ('<html><body><div class="story-text"><p>Story.</p><div class="bio"><p>Mara Lindqvist covers the port.</p>'
            '</div></div><div class="sidebar"><p>Mara Lindqvist covers the port.</p></div></body></html>')
    assert Page(html).locate("Mara Lindqvist covers the port.").getparent().get("class") == "sidebar"
    assert Page(html, ".story-text").locate("Mara Lindqvist covers the port.").getparent().get("class") == "bio"


def test_the_headline_is_the_title_where_the_metadata_names_another(tmp_path):
    """Pages that state an SEO title: the headline as the page shows it becomes `html.title`."""
    def seo_page(story):
        stated = f"Harbour news of {story.day}"
        page = article_page(story)
        return page.replace(f'content="{escape(story.headline)}"', f'content="{stated}"').replace(
            f"<title>{escape(story.headline)} | Harbour Weekly</title>", f"<title>{stated}</title>")

    draft = learn(seo_page, STORIES[:3])
    assert draft.title.patterns == (".story-header h1",) and draft.title.fired == 3
    assert "# the page's metadata names another title; took the headline as title in 3 of 3 samples" in draft.to_yaml()
    unseen = STORIES[3]
    assert Cleaner(bundled_profiles=False).clean(seo_page(unseen), url=URL).title == f"Harbour news of {unseen.day}"
    result = cleaner_with(draft, tmp_path).clean(seo_page(unseen), url=URL)
    assert result.title == unseen.headline and result.text == article_text(unseen)


def test_the_readme_shows_the_draft_as_written():
    """README's example of a learned draft is what `profile new` writes for these pages."""
    documents = [Document(article_page(story), "html") for story in STORIES[:3]]
    draft = learn_profile(documents, [f"weekly-{n}.html" for n in (1, 2, 3)], OUTLET, ["harbourweekly.example"])
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert f"```yaml\n{draft.to_yaml()}```" in readme
