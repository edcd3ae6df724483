"""Property tests (hypothesis): cleaning never raises, is idempotent and invents no words.

Examples are generated, not written: arbitrary Unicode text, HTML built from the tags pages use
(with entities, scripts, deep lists and stray markup), and arbitrary bytes through the read
stage. Runs are bounded (150 examples a test, no deadline: a shared CI machine is noisy) so the
suite stays fast. Under CI the examples are derandomized, so a submission is never failed by a
counterexample its own change did not bring; locally every run explores new examples.
"""
from __future__ import annotations

import itertools
import os
import re
from copy import deepcopy as copy_tree

from lxml import etree
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner.decode import NotText, decode
from cleaner.extract import SKIPPED_TAGS, parse_html
from cleaner.model import Failure, Result
from cleaner.pool import clean_outcome
from cleaner.read import document_from_bytes
from cleaner.repair import repair

BOUNDED = settings(max_examples=150, deadline=None, derandomize=os.environ.get("CI") == "true",
                   suppress_health_check=[HealthCheck.too_slow])
_WORD = re.compile(r"\w+")

words = st.sampled_from(
    "The council approved budget harbour works Tuesday Advertisement Share Read more Related "
    "Photo: © 2024 By Jane Doe Home › News café naïve Straße 東京 новости ١٢ & &amp; &lt; &#8217; "
    "\u00a0 \u200b \ufeff â€™ Ã© \t".split(" ")
)
sentences = st.lists(words, min_size=1, max_size=14).map(" ".join)
# Text like scraped pages: lines of words, blank lines, list markers, and arbitrary Unicode.
scraped_text = st.one_of(
    st.lists(st.one_of(sentences, st.just(""), sentences.map(lambda s: "- " + s)), max_size=12).map("\n".join),
    st.text(max_size=300),
)

_INLINE = ["span", "a", "b", "em", "strong", "i"]
_BLOCK = ["p", "div", "li", "h1", "h2", "blockquote", "td", "article", "section", "nav", "aside", "ul", "figure"]


def _element(children: st.SearchStrategy) -> st.SearchStrategy:
    tag = st.sampled_from(_INLINE + _BLOCK)
    attrs = st.sampled_from(["", ' class="related"', ' class="article-body"', ' hidden', ' style="display:none"', ' href="/x"'])
    return st.tuples(tag, attrs, st.lists(children, max_size=4)).map(
        lambda t: f"<{t[0]}{t[1]}>{''.join(t[2])}</{t[0]}>"
    )


html_fragments = st.recursive(
    st.one_of(sentences, st.sampled_from(["<br>", "<hr>", "<script>var a = '<p>x</p>';</script>", "<!-- c -->", "<", "&", "</p>"])),
    _element, max_leaves=30,
)
html_pages = st.one_of(
    st.lists(html_fragments, max_size=6).map(lambda parts: f"<html><head><title>T</title></head><body>{''.join(parts)}</body></html>"),
    st.lists(html_fragments, max_size=6).map("".join),
    st.text(max_size=300),
)


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text))


def _repaired_words(text: str) -> set[str]:
    """Words of the text as it is and as repaired; repairs include dropping characters nobody
    can see (controls, format and unassigned code points), which may join what they split."""
    visible = "".join(c for c in text if c.isprintable() or c.isspace())
    return _words(text) | _words(repair(text)) | _words(visible) | _words(repair(visible))


def _page_texts(html: str) -> list[str]:
    """The page's text with any combination of its non-content elements (navigation, asides,
    figures, scripts...) and of its hidden elements left out, each as written and repaired.
    Text nodes are joined without separators, as inline markup joins them, and with spaces."""
    tree = parse_html(html)
    present = sorted({e.tag for e in tree.iter() if isinstance(e.tag, str) and e.tag in SKIPPED_TAGS} - {"html"})
    texts = []
    for hide_hidden in (False, True):
        for count in range(len(present) + 1):
            for left_out in itertools.combinations(present, count):
                copy = copy_tree(tree)
                if hide_hidden:
                    for hidden in copy.xpath('//*[@hidden or contains(@style, "display:none")]'):
                        hidden.drop_tree()
                etree.strip_elements(copy, *left_out, with_tail=False)
                texts.append(copy.text_content())
                # Pieces the extractor sets apart are repaired one by one: mojibake ftfy leaves
                # alone inside "The©Ã©" it repairs in "The © Ã©".
                texts.append(" ".join(copy.itertext()))
    visible = ["".join(c for c in text if c.isprintable() or c.isspace()) for text in texts]
    # Runs of whitespace (Python's: "\x1f" is one) become one space, and ftfy may read the bytes
    # around that space as one character ("ð¢\x1f¡" -> "ð¢ ¡" -> "𢠡").
    visible += [" ".join(text.split()) for text in visible]
    # trafilatura (upstream) sometimes drops the space between a nested block and the text after
    # it ('<blockquote>council</blockquote>\xa0 The' -> 'councilThe'): words glued from
    # neighbours that way are not counted as invented; words from nowhere or out of order are.
    unspaced = ["".join(text.split()) for text in visible]
    return [variant for text in texts + visible + unspaced for variant in (text, repair(text))]


@BOUNDED
@given(scraped_text)
def test_text_never_raises_and_invents_no_words(generic_cleaner, text):
    result = generic_cleaner.clean(text, format="text")
    assert _words(result.text) <= _repaired_words(text)


@BOUNDED
@given(html_pages)
def test_html_never_raises_and_invents_no_words(generic_cleaner, html):
    result = generic_cleaner.clean(html, format="html")
    texts = _page_texts(html)
    # A word may end where an element did (a block split inside a word), so each is looked up
    # as a piece of the page's text, not as a whole word of it.
    assert [w for w in _words(result.text) if not any(w in text for text in texts)] == []


@BOUNDED
@given(st.one_of(scraped_text, html_pages))
def test_cleaning_clean_output_changes_nothing(generic_cleaner, content):
    once = generic_cleaner.clean(content).text
    assert generic_cleaner.clean(once, format="text").text == once


@BOUNDED
@given(st.one_of(st.binary(max_size=400), html_pages.map(lambda h: h.encode("utf-8")),
                 scraped_text.map(lambda t: t.encode("utf-16")), scraped_text.map(lambda t: t.encode("cp1252", "ignore"))))
def test_bytes_become_a_result_or_a_failure(generic_cleaner, data):
    item = document_from_bytes(data, "generated", "generated", None)
    assert isinstance(clean_outcome(generic_cleaner, item), (Result, Failure))
    try:
        assert isinstance(decode(data), str)
    except NotText:
        pass
