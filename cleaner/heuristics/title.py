"""The headline: found at the top of bare text, and removed wherever it is repeated.

HTML pages state their headline in metadata; bare text does not, so the first block is taken as
the headline only with evidence: it is repeated right below, a byline or date line follows it, a
breadcrumb above names it, or it is in Title Case and followed straight away by prose. With no
evidence the first block stays: losing a paragraph costs more than keeping a headline. A line in
sentence case followed by prose is not evidence: a standfirst or a subheading looks the same,
and cleaning the clean body again would take it. Each kind of evidence is gone from a clean
body (copies of the headline and of the body's opening block, bylines and breadcrumbs are
removed, and it opens with prose), which keeps cleaning idempotent.

A whole-page text dump opens with the page's <title> ("Headline | The Outlet") and, after the
menus, shows the headline again right above the story. That second copy is the headline (and an
anchor for where the story starts, see `region`): the last line before the story's first prose
run that repeats the <title>'s headline part.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .navigation import BREADCRUMB
from .region import PROSE, classify
from .signals import SITE_SEPARATORS, is_headline_like, is_prose, normalise, title_case_share, word_count

if TYPE_CHECKING:
    from ..filter import Context

TITLE = "generic.title"
REPEATED_HEADLINE = "generic.repeated-headline"
LOOKAHEAD = 3  # a repeated headline is looked for among this many following blocks
HEADLINE_WORDS = 25
BREADCRUMB_TITLE_WORDS = 40
TITLE_CASE_WORDS, TITLE_CASE_SHARE = 3, 0.8  # a Title Case headline: this many words, this share capitalised


def _evidence(context: Context, first: int, kept: list[int]) -> bool:
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
    return (
        word_count(text) >= TITLE_CASE_WORDS and title_case_share(text) >= TITLE_CASE_SHARE and is_headline_like(text)
        and not is_prose(text) and len(kept) > 1 and kept[1] == first + 1 and is_prose(blocks[kept[1]].text)
    )


def _headline_keys(page_title: str) -> set[str]:
    """The page title and its parts around site-name separators, as comparison keys."""
    keys = {normalise(page_title)}
    for separator in SITE_SEPARATORS:
        if separator in page_title:
            keys.update(normalise(part) for part in page_title.split(separator))
    return {k for k in keys if len(k.split()) >= 3}


def _first_prose_run(context: Context, kept: list[int]) -> int:
    """Position in `kept` where two of three lines in a row are prose (the story's likely start)."""
    labels = [classify(context.blocks[i].text) for i in kept]
    for position in range(len(labels)):
        if labels[position] == PROSE and labels[position : position + 3].count(PROSE) >= 2:
            return position
    return len(labels)


def _repeated_page_title(context: Context, kept: list[int]) -> int | None:
    """Index of the headline line that repeats the page title (first line) before the story, if any."""
    keys = _headline_keys(context.blocks[kept[0]].text)
    if not keys:
        return None
    story = _first_prose_run(context, kept)
    found = [i for i in kept[1:story] if normalise(context.blocks[i].text) in keys]
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
    if word_count(context.blocks[first].text) <= BREADCRUMB_TITLE_WORDS and _evidence(context, first, kept):
        context.metadata.title = context.blocks[first].text
        context.headline_index = first
        context.remove(first, TITLE)


def remove_repeated_headline(context: Context) -> None:
    """Blocks that repeat the headline: the page's own headline block and its later copies."""
    title = context.metadata.title
    if not title:
        return
    key = normalise(title)
    for i in context.kept_indexes():
        if normalise(context.blocks[i].text) == key:
            context.remove(i, REPEATED_HEADLINE)
