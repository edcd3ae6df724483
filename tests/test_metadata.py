"""Page metadata: which of the page's statements about itself are trusted, and how names are read."""
from __future__ import annotations

from cleaner.extract import parse_html
from cleaner.metadata import page_metadata, parse_authors


def metadata(head: str, body: str = "<p>Text.</p>", url: str = "https://www.harbourtimes.example/a") -> dict:
    return page_metadata(parse_html(f"<html><head>{head}</head><body>{body}</body></html>"), url)


def test_any_schema_org_article_subtype_counts():
    head = """<script type="application/ld+json">{"@type": "ReportageNewsArticle", "headline": "Harbour &amp; town",
    "datePublished": "2024-03-01T09:30:00+0000"}</script>"""
    found = metadata(head)
    assert (found["title"], found["date"]) == ("Harbour & town", "2024-03-01T09:30:00+00:00")


def test_h1_confirmed_by_the_document_title_beats_a_social_title():
    head = "<title>Council passes budget | Harbour Times</title><meta property='og:title' content='Why the vote matters'>"
    assert metadata(head, "<h1>Council passes budget</h1>")["title"] == "Council passes budget"


def test_unconfirmed_h1_is_not_the_headline():
    head = "<meta property='og:title' content='Council passes budget'>"
    assert metadata(head, "<h1>Weather</h1>")["title"] == "Council passes budget"


def test_repeated_author_tags_in_library_order():
    head = '<meta name="dc.creator" content="Brazil, Rachel"><meta name="dc.creator" content="Lee, Ann Marie">'
    assert metadata(head)["authors"] == ["Rachel Brazil", "Ann Marie Lee"]


def test_byline_of_several_people_is_split_not_reordered():
    assert metadata('<meta name="author" content="Jane Doe, John Roe">')["authors"] == ["Jane Doe", "John Roe"]


def test_the_publisher_is_not_an_author():
    head = """<meta property="og:site_name" content="Harbour Times"><script type="application/ld+json">
    {"@type": "BlogPosting", "headline": "x", "author": {"name": "Harbour Times"}}</script>"""
    assert metadata(head)["authors"] == []


def test_a_menu_facet_is_no_author():
    """A page dump's menus hold facet lines ("By Type", "By Brand") that the byline rule reads."""
    assert parse_authors("By Type") == [] and parse_authors("By Brand") == []
    assert parse_authors("By Reuters") == ["Reuters"] and parse_authors("By Jane Type") == ["Jane Type"]
