"""Learning a draft profile from samples of one synthetic outlet (see outlet_template)."""
from __future__ import annotations

from pathlib import Path

import pytest
from outlet_template import SHARED_QUOTE, STORIES, html_page, text_page

from cleaner import Cleaner
from cleaner.learn import LearnError, learn_profile, outlet_id
from cleaner.learn.names import stable
from cleaner.model import Document
from cleaner.profile_schema import load_profile
from cleaner.registry import ProfileRegistry

OUTLET = "Harbour Gazette"


def learn(make, count: int = 3, fmt: str = "html"):
    documents = [Document(make(story), fmt, id=f"p{n}") for n, story in enumerate(STORIES[:count])]
    return learn_profile(documents, [f"p{n}.{fmt}" for n in range(count)], OUTLET, ["harbourgazette.example"])


@pytest.fixture(scope="module")
def html_draft():
    return learn(html_page)


@pytest.fixture(scope="module")
def text_draft():
    return learn(text_page, fmt="text")


def write(draft, folder: Path) -> Path:
    path = folder / f"{draft.outlet}.yaml"
    path.write_text(draft.to_yaml(), encoding="utf-8")
    return path


def test_draft_loads_through_the_normal_loader(html_draft, tmp_path):
    profile = load_profile(write(html_draft, tmp_path))
    assert profile.outlet == outlet_id(OUTLET) == "harbour-gazette"
    assert profile.domains == ("harbourgazette.example",)
    registry = ProfileRegistry.load([tmp_path], bundled=False)
    assert registry.for_host("www.harbourgazette.example").outlet == "harbour-gazette"


def test_selectors_name_the_template_nodes(html_draft):
    selectors = {s for rule in html_draft.rules if rule.kind == "remove" for s in rule.patterns}
    assert {".app-promo", ".gz-profile"} <= selectors


def test_every_rule_says_where_it_fired_and_what_it_removed(html_draft, text_draft):
    for draft in (html_draft, text_draft):
        rule_lines = [line for line in draft.to_yaml().splitlines() if line.strip().startswith("- id:")]
        comments = [line for line in draft.to_yaml().splitlines() if "# fired in" in line]
        assert rule_lines and len(comments) == len(rule_lines)
        assert all(" of 3 samples; " in c for c in comments)


def test_no_story_sentence_becomes_a_rule(html_draft, text_draft):
    """The quote shared by two stories recurs, but inside the story: never template."""
    for draft in (html_draft, text_draft):
        written = draft.to_yaml()
        for story in STORIES:
            for paragraph in story.paragraphs + (story.standfirst, story.headline):
                assert paragraph[:40] not in written, paragraph
        assert "port authority" not in written
        assert SHARED_QUOTE not in written


def test_unseen_page_of_the_template_comes_out_clean(html_draft, tmp_path):
    unseen = STORIES[3]
    expected = "\n\n".join((unseen.standfirst,) + unseen.paragraphs)
    generic = Cleaner(bundled_profiles=False).clean(html_page(unseen))
    assert generic.text != expected  # the generic path leaves the template's residue in
    learned = Cleaner(bundled_profiles=False, profile_dirs=(str(write(html_draft, tmp_path).parent),))
    result = learned.clean(html_page(unseen), url="https://harbourgazette.example/news/museum")
    assert result.profile == "harbour-gazette"
    assert result.text == expected


def test_text_samples_teach_template_lines_and_a_byline_shape(text_draft, tmp_path):
    kinds = {(rule.kind, rule.patterns[0]) for rule in text_draft.rules}
    assert ("drop_lines", "^Get the Harbour Gazette app for breaking news$") in kinds
    assert ("byline", "^(?P<authors>.+?) — Harbour Gazette staff$") in kinds
    cleaner = Cleaner(bundled_profiles=False, profile_dirs=(str(write(text_draft, tmp_path).parent),))
    result = cleaner.clean(text_page(STORIES[3]), outlet="harbour-gazette", format="text")
    assert result.authors == ["Jonas Berg"]
    assert "app for breaking news" not in result.text and "Harbour Gazette staff" not in result.text
    assert all(p in result.text for p in STORIES[3].paragraphs)


def test_a_sentence_in_some_samples_only_is_not_template(text_draft):
    """Mara Lindqvist's bio is in two of the three samples: hers, not the template's."""
    assert "Lindqvist" not in "".join(p for rule in text_draft.rules for p in rule.patterns)


def test_one_sample_is_not_enough():
    with pytest.raises(LearnError, match="at least 2 samples"):
        learn_profile([Document(html_page(STORIES[0]), "html")], ["p0.html"], OUTLET)


def test_outlet_names_become_profile_ids():
    assert outlet_id("The Nation") == "the-nation"
    assert outlet_id("iNews") == "inews"
    with pytest.raises(LearnError, match="profile id"):
        learn_profile([Document("x", "text"), Document("y", "text")], ["a", "b"], "!!!")


@pytest.mark.parametrize("name, usable", [
    ("author-card", True), ("articleHeader", True), ("ArticleBody-articleBody", True), ("show-comments", True),
    ("dQrGRw", False), ("gemjMt", False), ("css-1x2y3z", False), ("post-640677", False), ("col-md-6", False),
    ("is-layout-flow", False), ("i-amphtml-layout-container", False), ("wrapper", False), ("x", False),
    ("RenderKeyPoints-list", True), ("body__full_width__ekUdw", False), ("article-body__content__2-BtD", False),
    ("article__main__33WV2", False), ("PageBuilder-col-9", False), ("sc-jbiisr-0", False),
])
def test_only_template_class_names_become_selectors(name, usable):
    assert stable(name) is usable


def podcast_page(story, interview: bool = False) -> str:
    """A text page whose template opens one line with a label and ends with a reader-tip box."""
    other = next(s for s in STORIES if s is not story).headline
    body = [f"{'QA'[n % 2]}: {p}" if interview and n else p for n, p in enumerate(story.paragraphs)]
    lines = [story.headline, *body[:2], f"GAZETTE PODCAST: {other}", *body[2:],
             "Tip us off", "Tell the newsroom what you saw at the harbour today", "Open the form"]
    return "\n\n".join(lines) + "\n"


def test_labels_and_markers_of_text_pages():
    draft = learn(podcast_page, fmt="text")
    rules = {(r.kind, r.patterns[0]) for r in draft.rules}
    assert ("drop_lines", "^GAZETTE PODCAST:") in rules  # the label, never a headline after it
    assert ("cut_after", "^Tip us off$") in rules
    assert not any("Storm closes" in p for _, p in rules)


def test_an_interview_label_is_story():
    draft = learn(lambda story: podcast_page(story, interview=True), fmt="text")
    assert not any(p.startswith(("^Q", "^A")) for r in draft.rules for p in r.patterns)
