"""The headline: found at the top of bare text, and removed wherever it is repeated.

HTML pages state their headline in metadata; bare text does not, so the first block is taken as
the headline only with evidence: it is repeated right below, a byline or date line follows it, a
breadcrumb above names it, it holds nearly every word of the page URL's slug (which is made from
the headline), it is in Title Case and followed straight away by prose, or it stands
over a standfirst that is no prose (no full stop) over the story (a section label above such a
headline goes as a one-crumb breadcrumb). With no evidence the first block stays: losing a
paragraph costs more than keeping a headline. A line in sentence case followed by prose is not
evidence: a standfirst or a subheading looks the same, and cleaning the clean body again would
take it. Each kind of evidence is gone from a clean body (copies of the headline and of the
body's opening block, bylines and breadcrumbs are removed, and it opens with its standfirst or
prose, followed by prose), which keeps cleaning idempotent.

A whole-page text dump opens with the page's <title> ("Headline | The Outlet") and, after the
menus, shows the headline again right above the story. That second copy is the headline (and an
anchor for where the story starts, see `region`): the last line before the story's first prose
run that repeats the <title>'s headline part. The part that names the site (as the URL's host
spells it) is no headline, though the masthead repeats it above the story.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Sequence

from ..model import LIST_ITEM
from ..urls import host_of, path_of
from .navigation import BREADCRUMB
from .region import OUTSIDE_STORY, PROSE, classify
from .signals import (
    SITE_SEPARATORS, Keys, ends_sentence, is_headline_like, is_prose, key_size, normalise, title_case_share, word_count,
)

if TYPE_CHECKING:
    from ..filter import Context

TITLE = "generic.title"
REPEATED_HEADLINE = "generic.repeated-headline"
LOOKAHEAD = 3  # a repeated headline is looked for among this many following blocks
HEADLINE_WORDS = 25
BREADCRUMB_TITLE_WORDS = 40
TITLE_CASE_WORDS, TITLE_CASE_SHARE = 3, 0.8  # a Title Case headline: this many words, this share capitalised
HEADLINE_MIN_WORDS = 4  # a headline over a standfirst has this many words at least ("Sign in" has not)
KICKER_WORDS = 3
SLUG_SHARE = 0.9  # a headline holds (nearly) all the words of its page URL's slug: a standfirst echoing it, fewer
SLUG_STORY_WITHIN = 6  # ... when the story's prose starts within this many lines below it
SLUG_MIN_WORDS = 3  # fewer words in a URL's path segments make no slug ("/news/world/123")
SITE_LABEL_LETTERS = 4  # a host label this long may spell the site's name ("restofworld", "news"; not "www", "co")
SITE_NAME_SHARE = 0.5  # ... when it makes up this share of a page title part's letters ("The Washington Post")
# Signs a headline writes and its URL slug spells out
SIGN_WORDS = {"$": ("dollar", "dollars"), "£": ("pound", "pounds"), "€": ("euro", "euros"), "%": ("percent", "per", "cent"),
              "&": ("and",)}
_LETTERS = re.compile(r"[^\W\d_]+")
_SLUG_WORD = re.compile(r"^[^\W\d_]{2,}$")


def _evidence(context: Context, first: int, kept: Sequence[int]) -> bool:
    """Whether the first kept block is the headline: see the module docstring."""
    blocks = context.blocks
    text = blocks[first].text
    key = normalise(text)
    if first > 0 and blocks[first - 1].removed_by == BREADCRUMB and key[:40] in normalise(blocks[first - 1].text):
        return True
    if word_count(text) > HEADLINE_WORDS:
        return False
    if not text.endswith(".") and any(normalise(blocks[i].text) == key for i in kept[1 : 1 + LOOKAHEAD]):
        return True
    if first + 1 in context.metadata_blocks:
        return True
    if _names_the_slug(context, first, kept):
        return True
    return (
        word_count(text) >= TITLE_CASE_WORDS and title_case_share(text) >= TITLE_CASE_SHARE and is_headline_like(text)
        and not is_prose(text) and len(kept) > 1 and kept[1] == first + 1 and is_prose(blocks[kept[1]].text)
    )


def slug_words(url: str) -> frozenset[str]:
    """The words of the URL's slug: its path segment of the most hyphen-joined words (ids,
    numbers and file suffixes left out), lower-cased; none when no segment has three."""
    best: list[str] = []
    for segment in path_of(url).split("/"):
        found = [w.lower() for w in re.split(r"[-_+]", segment.rsplit(".", 1)[0]) if _SLUG_WORD.match(w)]
        best = max(best, found, key=len)
    return frozenset(best) if len(best) >= SLUG_MIN_WORDS else frozenset()


def slug_share(url: str, text: str) -> float:
    """The share of the URL slug's words that the text holds (0 without a slug)."""
    slug = slug_words(url)
    return len(slug & _spelled_words(text)) / len(slug) if slug else 0.0


def _spelled_words(text: str) -> set[str]:
    """The text's words, lower-cased, with the words a slug spells its signs with ("$1 bill"
    becomes "1-dollar-bill" or "dollar-bill" in a URL)."""
    found = set(_LETTERS.findall(text.lower()))
    for sign, words in SIGN_WORDS.items():
        if sign in text:
            found.update(words)
    return found


def _names_the_slug(context: Context, first: int, kept: Sequence[int]) -> bool:
    """A line naming the page's URL slug right above the story (whose prose starts within a few
    lines: a page dump's <title> line stands over its menus instead, see `_repeated_page_title`)."""
    text = context.blocks[first].text
    return (
        context.blocks[first].kind != LIST_ITEM and not text.endswith(".")
        and slug_share(context.url, text) >= SLUG_SHARE and _first_prose_run(context, kept) <= SLUG_STORY_WITHIN
    )


def _headline_keys(page_title: str, sizes: set[int], url: str) -> Keys:
    """The page title and its parts around site-name separators, as comparison keys: those with
    one of the key sizes (of the lines they are looked for in; no other key can be found there).
    The part that names the site is left out: the page's masthead repeats it above the story."""
    parts = [page_title]
    for separator in SITE_SEPARATORS:
        if separator in page_title:
            parts.extend(part for part in page_title.split(separator) if not _names_site(part, url))
    keys = {normalise(part) for part in parts if key_size(part) in sizes}
    return Keys.of(k for k in keys if len(k.split()) >= 3)


def _names_site(text: str, url: str) -> bool:
    """Whether the text is the site's name as its URL's host spells it: a host label (not the
    last, the top-level domain) makes up most of its letters ("The Washington Post" on
    washingtonpost.com, "Rest of World" on restofworld.org); a headline that merely mentions it has
    many more letters."""
    letters = "".join(_LETTERS.findall(text.lower()))
    labels = ["".join(_LETTERS.findall(label)) for label in host_of(url).split(".")[:-1]]  # "example-times": exampletimes
    return any(
        len(label) >= SITE_LABEL_LETTERS and label in letters and len(label) >= SITE_NAME_SHARE * len(letters)
        for label in labels
    )


def _first_prose_run(context: Context, kept: Sequence[int]) -> int:
    """Position in `kept` where two of three lines in a row are prose (the story's likely start).

    Lines are classified as the scan reaches them: the story mostly starts within a few lines,
    and the lines below it are never looked at."""
    blocks = context.blocks
    prose = [classify(blocks[i].text) == PROSE for i in kept[:2]]
    for position in range(len(kept)):
        if position + 2 < len(kept):
            prose.append(classify(blocks[kept[position + 2]].text) == PROSE)
        if prose[position] and True in prose[position + 1 : position + 3]:
            return position
    return len(kept)


def _repeated_page_title(context: Context, kept: Sequence[int]) -> int | None:
    """Index of the headline line that repeats the page title (first line) before the story, if any."""
    story = _first_prose_run(context, kept)
    lines = [context.blocks[i].text for i in kept[1:story]]
    keys = _headline_keys(context.blocks[kept[0]].text, {key_size(line) for line in lines}, context.url)
    found = [i for i, line in zip(kept[1:story], lines) if keys.holds(line)]
    return found[-1] if found else None


def take_title(context: Context) -> None:
    """Bare text only: move the headline to `title` when the evidence says which line it is."""
    if context.format != "text" or context.metadata.title:
        return
    kept = context.kept_indexes()
    if not kept:
        return
    first = kept[0]
    headline = _repeated_page_title(context, kept) if len(kept) > 2 else None
    if headline is not None:
        context.metadata.title = context.blocks[headline].text
        context.headline_index = headline
        context.remove(first, TITLE)  # the copy goes as a repeated headline
        return
    if _led_by_region(context, first):
        return
    kicker = _kicker_over_headline(context, kept)
    if kicker:
        context.remove(first, BREADCRUMB)  # a section label over the headline: a one-crumb trail
        first, kept = kept[1], kept[1:]
    if word_count(context.blocks[first].text) <= BREADCRUMB_TITLE_WORDS and (
        _evidence(context, first, kept) or _over_standfirst(context, kept)
    ):
        context.metadata.title = context.blocks[first].text
        context.headline_index = first
        context.remove(first, TITLE)


def _over_standfirst(context: Context, kept: Sequence[int]) -> bool:
    """A headline over a standfirst over the story: a headline-shaped line, then a line that is
    no prose (a standfirst without a full stop, a short dek), then prose. A clean body never
    opens that way (its standfirst is followed by prose), so cleaning it again finds nothing."""
    if len(kept) < 3:
        return False
    headline, standfirst, story = (context.blocks[i] for i in kept[:3])
    return (
        headline.kind != LIST_ITEM and word_count(headline.text) >= HEADLINE_MIN_WORDS
        and is_headline_like(headline.text, max_words=BREADCRUMB_TITLE_WORDS) and classify(headline.text) != PROSE
        and standfirst.kind != LIST_ITEM and classify(standfirst.text) != PROSE and not standfirst.text.rstrip().endswith(":")
        and is_prose(story.text)
    )


def _kicker_over_headline(context: Context, kept: Sequence[int]) -> bool:
    """A section label ("World", "Business News") right above a headline over a standfirst."""
    text = context.blocks[kept[0]].text
    return (
        len(kept) > 3 and word_count(text) <= KICKER_WORDS and not ends_sentence(text)
        and context.blocks[kept[0]].kind != LIST_ITEM and _over_standfirst(context, kept[1:])
    )


def _led_by_region(context: Context, first: int) -> bool:
    """Whether the region rule removed the lines right above `first`: it judged `first` to open
    the story (a standfirst under the headline it removed), so it is no headline."""
    above = next((i for i in range(first - 1, -1, -1) if i not in context.metadata_blocks), None)
    return above is not None and context.blocks[above].removed_by == OUTSIDE_STORY


def remove_repeated_headline(context: Context) -> None:
    """Blocks that repeat the headline: the page's own headline block and its later copies."""
    title = context.metadata.title
    if not title:
        return
    headline = Keys.of([normalise(title)])
    kept = context.kept_indexes()
    copies = [i for i in kept if headline.holds(context.blocks[i].text)]
    if copies and context.format == "text" and context.headline_index is None:
        first_prose = _first_prose_run(context, kept)
        story = kept[first_prose] if first_prose < len(kept) else len(context.blocks)
        context.headline_index = max((i for i in copies if i < story), default=None)
    for i in copies:
        context.remove(i, REPEATED_HEADLINE)
