"""The HTML path: selectors, container walking, trafilatura fallback and page metadata."""
from __future__ import annotations

from cleaner import Cleaner
from cleaner.extract import Standfirst, with_standfirst
from cleaner.model import Block

PARAGRAPHS = [
    "The council approved the new budget on Tuesday after a long debate about the harbour works.",
    "Opposition members said the spending plan left too little for the schools in the north.",
    "The mayor said the harbour works would start in the spring and last for two years.",
]


def page(body: str, head: str = "") -> str:
    return f"<!doctype html><html><head>{head}</head><body>{body}</body></html>"


HEAD = """<title>Council passes budget | Harbour Times</title>
<meta property="og:site_name" content="Harbour Times">
<link rel="canonical" href="https://www.harbourtimes.example/news/budget">
<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [{"@type": "NewsArticle",
 "headline": "Council passes budget", "datePublished": "2024-03-01T09:30:00+01:00",
 "author": [{"@type": "Person", "name": "Ann Lee"}, {"@type": "Organization", "name": "Harbour Times"}]}]}</script>"""

ARTICLE = f"""<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Council passes budget</h1><div class="share">Share on Facebook</div>
<div class="body"><p>{PARAGRAPHS[0]}</p><figure><img src="x.jpg"><figcaption>The harbour at dawn. Photo: Bo Chan</figcaption></figure>
<p>{PARAGRAPHS[1]}</p><aside class="related"><h3>Related</h3><a href="/a">Other story</a></aside><p>{PARAGRAPHS[2]}</p></div></article>
<footer>© 2024 Harbour Times</footer>"""

PROFILE = """outlet: harbour-times
domains: [harbourtimes.example]
html:
  container: ['article .body']
  remove: [{id: related, selector: 'aside.related'}]
"""


def test_page_metadata_from_json_ld(generic_cleaner):
    result = generic_cleaner.clean(page(ARTICLE, HEAD), url="https://www.harbourtimes.example/news/budget")
    assert result.title == "Council passes budget"
    assert result.authors == ["Ann Lee"]
    assert result.date == "2024-03-01T09:30:00+01:00"


def test_generic_path_keeps_paragraphs_and_drops_chrome(generic_cleaner):
    result = generic_cleaner.clean(page(ARTICLE, HEAD))
    assert result.profile == "generic" and result.format == "html"
    for paragraph in PARAGRAPHS:
        assert paragraph in result.text
    assert "Photo: Bo Chan" not in result.text and "Council passes budget" not in result.text


def test_profile_container_and_recorded_removals(profile_dir):
    folder = profile_dir("h.yaml", PROFILE)
    cleaner = Cleaner(profile_dirs=(str(folder),), bundled_profiles=False)
    result = cleaner.clean(page(ARTICLE, HEAD))
    assert (result.profile, result.resolved_by) == ("harbour-times", "page-url")
    assert result.text.split("\n\n") == PARAGRAPHS
    removed = {(r.rule, r.text) for r in result.removed}
    assert ("harbour-times.related", "Related Other story") in removed
    assert ("generic.captions", "The harbour at dawn. Photo: Bo Chan") in removed


def test_list_items_and_headings_keep_their_structure(profile_dir):
    folder = profile_dir("h.yaml", PROFILE)
    cleaner = Cleaner(profile_dirs=(str(folder),), bundled_profiles=False)
    body = f"<article><div class='body'><p>{PARAGRAPHS[0]}</p><h2>What happens next</h2><ul><li>Spring: works start</li><li>2026: works end</li></ul></div></article>"
    result = cleaner.clean(page(body), url="https://harbourtimes.example/x")
    assert result.text == f"{PARAGRAPHS[0]}\n\nWhat happens next\n\n- Spring: works start\n- 2026: works end"


def test_mojibake_and_entities_are_repaired_but_typography_kept(generic_cleaner):
    text = "The mayorâ€™s “plan” costs &pound;5m and the caf\u00c3\u00a9 stays open\u00a0all\u200b year, officials said today."
    result = generic_cleaner.clean(text, format="text")
    assert result.text == "The mayor’s “plan” costs £5m and the café stays open all year, officials said today."


def test_xml_declaration_in_a_string_page(generic_cleaner):
    html = '<?xml version="1.0" encoding="utf-8"?>' + page(f"<article><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p></article>")
    assert PARAGRAPHS[0] in generic_cleaner.clean(html).text


def test_teaser_cards_wrapped_in_links_are_removed(generic_cleaner):
    card = ('<a href="/other"><div><h2>Other story</h2><p>RISK REMAINS: An official said the vote may be delayed '
            'again after the weekend, while the opposition asked for a recount.</p></div></a>')
    body = f"<article><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p><p>{PARAGRAPHS[2]}</p></article><aside>{card}</aside>"
    result = generic_cleaner.clean(page(body, HEAD))
    assert "RISK REMAINS" not in result.text and PARAGRAPHS[2] in result.text
    assert any(r.rule == "generic.teaser-cards" for r in result.removed)


def cleaner_with(profile_dir, profile: str) -> Cleaner:
    return Cleaner(profile_dirs=(str(profile_dir("c.yaml", profile)),), bundled_profiles=False)


def test_a_container_selector_gathers_every_match_in_page_order(profile_dir):
    cleaner = cleaner_with(profile_dir, "outlet: c\nhtml:\n  container: ['p.dek, div.body']\n")
    body = (f"<article><h1>Council passes budget</h1><p class='dek'>{PARAGRAPHS[0]}</p><div class='meta'>By Ann Lee</div>"
            f"<div class='body'><p>{PARAGRAPHS[1]}</p></div><aside>Promo</aside><div class='body'><p>{PARAGRAPHS[2]}</p></div></article>")
    assert cleaner.clean(page(body), outlet="c").text.split("\n\n") == PARAGRAPHS


def test_a_match_inside_another_match_is_walked_once(profile_dir):
    cleaner = cleaner_with(profile_dir, "outlet: c\nhtml:\n  container: ['div.story, div.story p.lead']\n")
    body = f"<div class='story'><p class='lead'>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p></div>"
    assert cleaner.clean(page(body), outlet="c").text.split("\n\n") == PARAGRAPHS[:2]


def test_an_empty_container_falls_back_to_the_next_selector_then_the_generic_path(profile_dir):
    cleaner = cleaner_with(profile_dir, "outlet: c\nhtml:\n  container: ['div.video-body', 'div.gallery']\n")
    body = f"<div class='video-body'></div><article><p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p><p>{PARAGRAPHS[2]}</p></article>"
    result = cleaner.clean(page(body), outlet="c")
    assert all(paragraph in result.text for paragraph in PARAGRAPHS)


def test_keep_walks_a_normally_skipped_element(profile_dir):
    body = f"<div class='body'><p>{PARAGRAPHS[0]}</p><aside class='pull'>A pull quote worth keeping.</aside><aside class='promo'>Promo</aside></div>"
    plain = cleaner_with(profile_dir, "outlet: c\nhtml:\n  container: ['div.body']\n")
    assert plain.clean(page(body), outlet="c").text == PARAGRAPHS[0]
    keeping = cleaner_with(profile_dir, "outlet: c\nhtml:\n  container: ['div.body']\n  keep: ['aside.pull']\n")
    assert keeping.clean(page(body), outlet="c").text.split("\n\n") == [PARAGRAPHS[0], "A pull quote worth keeping."]


SCREEN_READER_LABELS = [
    '<span class="sr-only">, opens new tab</span>',
    '<span class="visually-hidden">, opens new tab</span>',
    '<span class="screen-reader-text">, opens new tab</span>',
    '<span class="c-link__a11y-text">, opens new tab</span>',
    '<span style="border:0;clip:rect(0 0 0 0);clip-path:inset(50%);height:1px;overflow:hidden;position:absolute">, opens new tab</span>',
]


def _story_with_label(label: str) -> str:
    linked = PARAGRAPHS[0].replace("the new budget", f'<a href="/budget">the new budget{label}</a>')
    return page(f'<article><div class="body"><p>{linked}</p><p>{PARAGRAPHS[1]}</p><p>{PARAGRAPHS[2]}</p></div></article>')


def test_screen_reader_text_is_not_read_by_the_container_walk(profile_dir):
    cleaner = Cleaner(profile_dirs=(str(profile_dir("h.yaml", PROFILE)),), bundled_profiles=False)
    for label in SCREEN_READER_LABELS:
        result = cleaner.clean(_story_with_label(label), url="https://www.harbourtimes.example/news/budget")
        assert result.text.split("\n\n") == PARAGRAPHS, label


def test_screen_reader_text_is_not_read_by_the_generic_path(generic_cleaner):
    for label in SCREEN_READER_LABELS:
        assert "opens new tab" not in generic_cleaner.clean(_story_with_label(label), format="html").text, label


def test_responsive_or_undone_screen_reader_classes_stay_visible(generic_cleaner):
    for label in ('<span class="sr-only md:not-sr-only"> (pictured)</span>', '<span class="md:sr-only"> (pictured)</span>'):
        assert "(pictured)" in generic_cleaner.clean(_story_with_label(label), format="html").text, label


def test_embedded_posts_are_removed_with_their_blockquote(generic_cleaner):
    tweet = ('<blockquote class="twitter-tweet"><p lang="en">Ferry back by the end of the month, says the mayor '
             '<a href="https://t.co/x">pic.twitter.com/x</a></p>&mdash; Ann Lee (@mayorannlee) '
             '<a href="https://twitter.com/mayorannlee/status/1">March 5, 2024</a></blockquote>')
    html = page(f'<article><p>{PARAGRAPHS[0]}</p>{tweet}<p>{PARAGRAPHS[1]}</p><p>{PARAGRAPHS[2]}</p></article>')
    result = generic_cleaner.clean(html, format="html")
    assert result.text.split("\n\n") == PARAGRAPHS
    assert any(r.rule == "generic.social-embed" for r in result.removed)


def _fast_pass_runs_together(monkeypatch, full_pass_keeps_only_one: bool = False) -> list[bool]:
    """trafilatura's fast pass made to return an ordinary page as one block (taken as run
    together from 200 characters on), and its full pass, if asked, to keep one paragraph only;
    the list of passes run, by their `fast` option."""
    import cleaner.extract as extract
    real = extract.bare_extraction
    passes = []
    monkeypatch.setattr(extract, "RAN_TOGETHER_CHARS", 200)

    def bare_extraction(tree, **options):
        passes.append(options["fast"])
        document = real(tree, **options)
        if options["fast"] or full_pass_keeps_only_one:
            first = document.body[0]
            if options["fast"]:
                first.text = " ".join(" ".join(p.itertext()) for p in document.body)
            for rest in list(document.body)[1:]:
                document.body.remove(rest)
        return document

    monkeypatch.setattr(extract, "bare_extraction", bare_extraction)
    return passes


def test_a_story_the_fast_pass_runs_into_one_block_gets_the_full_pass(monkeypatch):
    """Some templates (paragraphs split by <br> among ad slots and embeds) make trafilatura's fast
    pass return the whole page as one block; its full pass, with fallback extractors, keeps the
    paragraphs."""
    passes = _fast_pass_runs_together(monkeypatch)
    result = Cleaner().clean(page(ARTICLE, HEAD), format="html")
    assert passes == [True, False]
    assert [p for p in result.text.split("\n\n") if p in PARAGRAPHS] == PARAGRAPHS


def test_a_full_pass_that_loses_most_of_the_text_is_not_taken(monkeypatch):
    passes = _fast_pass_runs_together(monkeypatch, full_pass_keeps_only_one=True)
    result = Cleaner().clean(page(ARTICLE, HEAD), format="html")
    assert passes == [True, False]
    assert "\n" not in result.text and " ".join(PARAGRAPHS) in result.text  # the fast pass's one block


def test_sentences_a_fallback_cut_around_links_are_mended():
    from cleaner.extract import _rejoined
    from cleaner.model import Block
    cut = ["NEW DELHI:", "Harbour", "'s council met on Tuesday.", "Members blamed a party without naming its leader",
           "Ann Lee", "’s group, which has many members.", "A subheading", "The mayor spoke last."]
    assert [b.text for b in _rejoined([Block(text) for text in cut])] == [
        "NEW DELHI: Harbour's council met on Tuesday.",
        "Members blamed a party without naming its leader Ann Lee’s group, which has many members.",
        "A subheading", "The mayor spoke last."]


STANDFIRST = "Councillors backed the harbour plan after a night of debate, but the schools lose out"


def _page_with_standfirst(standfirst_markup: str, body_extra: str = "") -> str:
    head = HEAD + f'<meta property="og:description" content="{STANDFIRST}">'
    return page(f"""<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<header><a class="kicker" href="/news/politics">Politics</a><h1>Council passes budget</h1>{standfirst_markup}</header>
<article><div class="body">{''.join(f'<p>{p}</p>' for p in PARAGRAPHS)}{body_extra}</div></article>
<footer>© 2024 Harbour Times</footer>""", head)


def test_a_standfirst_the_page_states_under_its_headline_opens_the_body(generic_cleaner):
    """trafilatura reads the story's container, not the header over it: the standfirst shown right
    under the headline, which the page also gives as its description, is put back first."""
    result = generic_cleaner.clean(_page_with_standfirst(f'<div class="sc-x1">{STANDFIRST}</div>'))
    assert result.text.split("\n\n") == [STANDFIRST, *PARAGRAPHS]


def test_a_description_is_no_standfirst_unless_shown_right_under_the_headline_outside_links(generic_cleaner):
    not_shown = _page_with_standfirst("")
    linked = _page_with_standfirst(f'<a href="/other"><span>{STANDFIRST}</span></a>')
    further_down = _page_with_standfirst("<div>By Ann Lee</div>" * 8 + f"<div>{STANDFIRST}</div>")
    for html in (not_shown, linked, further_down):
        assert STANDFIRST not in generic_cleaner.clean(html).text


def test_a_standfirst_in_the_body_already_is_not_repeated(generic_cleaner):
    result = generic_cleaner.clean(_page_with_standfirst(f"<p>{STANDFIRST}</p>", body_extra=f"<p>{STANDFIRST}</p>"))
    assert result.text.count(STANDFIRST) == 1


def test_a_standfirst_goes_after_the_blocks_the_page_shows_before_it():
    kicker, *story = [Block("Politics"), *map(Block, PARAGRAPHS)]
    standfirst = Standfirst(STANDFIRST, preceded_by=" home news politics council passes budget ")
    assert [b.text for b in with_standfirst([kicker, *story], standfirst)] == ["Politics", STANDFIRST, *PARAGRAPHS]


def test_a_page_without_a_story_gets_no_standfirst_alone():
    standfirst = Standfirst(STANDFIRST, preceded_by=" home news ")
    assert with_standfirst([], standfirst) == []
