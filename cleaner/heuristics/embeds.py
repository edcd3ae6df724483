"""Posts embedded from social networks: in bare text, the attribution line of an embedded post
("— Jane Doe (@janedoe) March 2, 2024", as X/Twitter, Bluesky and Threads embeds print it) and
the post's text above it. (In HTML the embed's whole blockquote goes by the selector rule of the
same id in the generic profile.)

The text has no frame left to say where the post starts, so its extent is judged from the post's
own limits: the line right above the attribution is the post, and lines above that are too while
the whole still fits in one post (280 characters, a link counted as 23, attached media as
nothing) and each reads like a post rather than a paragraph of the story (no full sentence of
prose unless it carries a link, a hashtag or a mention; no line announcing what follows, "He
posted on X:", which is the story's). A removed block above ends the post too, and so does a
blank line where the text has them (a page dump sets paragraphs apart, not a post's lines).
What is left of a long post is a quote the story shows: better kept than a paragraph lost.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .signals import is_prose

if TYPE_CHECKING:
    from ..filter import Context

SOCIAL_EMBED = "generic.social-embed"
POST_CHARS = 280  # the longest post an embed shows in full
LINK_CHARS = 23  # what a link counts for in a post, whatever its length
_DATE = r"(?:[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}|\d{1,2} [A-Z][a-z]{2,8}\.? \d{4})"
ATTRIBUTION = re.compile(rf"^[—–-]{{1,2}}\s*\S.{{0,80}}?\(@[\w.]{{1,60}}\)\s*(?:on\s+)?{_DATE}\s*$")
ATTRIBUTION_START = ("—", "–", "-")  # tested first: most lines start otherwise
_MEDIA = re.compile(r"\s*pic\.twitter\.com/\w+")
_LINK = re.compile(r"https?://\S+")
_POST_MARK = re.compile(r"(?:^|\s)[#@]\w|https?://|pic\.twitter\.com/")


def remove_social_embeds(context: Context) -> None:
    for index, block in enumerate(context.blocks):
        if block.kept and block.text.startswith(ATTRIBUTION_START) and ATTRIBUTION.match(block.text):
            context.remove(index, SOCIAL_EMBED)
            _remove_post_above(context, index)


def _remove_post_above(context: Context, attribution: int) -> None:
    left = POST_CHARS
    index = attribution - 1
    while index >= 0 and context.blocks[index].kept:
        text = context.blocks[index].text
        nearest = index == attribution - 1
        cost = _post_length(text) + (0 if nearest else 1)  # a line break counts too
        if cost > left or not (nearest or (_reads_like_post(text) and not context.blocks[index + 1].gap_before)):
            return
        context.remove(index, SOCIAL_EMBED)
        left -= cost
        index -= 1


def _post_length(text: str) -> int:
    text = _MEDIA.sub("", text)
    return len(_LINK.sub("x" * LINK_CHARS, text))


def _reads_like_post(text: str) -> bool:
    if text.rstrip().endswith(":"):
        return False
    return not is_prose(text) or bool(_POST_MARK.search(text))
