"""Author bios under the story: "Jane Doe is a reporter covering ...", "A veteran journalist, Jane has ...".

A bio is recognised by two signals together: it reads like a bio (a profession, or "has
covered", "joined", "writes about"), and it is about one of the story's authors (full name,
first or last name, as found in the page's metadata or a byline). Only the last few blocks are
looked at, since that is where templates put bios; a story that quotes someone sharing the
author's name is far from that place.

Bare text often names no author. There a bio is recognised by where it sits instead: after the
story's closing template (a follow prompt, a newsletter box, removed by another rule right
above it), and it must say what its subject does in its opening words ("A veteran journalist,
Lance has covered ..."), not somewhere in a long sentence.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Sequence

from .signals import word_count, words

if TYPE_CHECKING:
    from ..filter import Context

AUTHOR_BIO = "generic.author-bio"
TAIL_BLOCKS = 4  # bios are looked for among the last kept blocks
MAX_BIO_WORDS = 90
OPENING_WORDS = 15  # a bio of an unnamed author says what its subject does within these words
_BIO_PHRASES = re.compile(
    r"\b(?:is an? (?:[\w-]+ ){0,4}(?:journalist|reporter|writer|editor|correspondent|columnist|producer|contributor|"
    r"critic|analyst|author|freelancer)|has (?:covered|written|reported|worked|been (?:covering|writing|reporting))|"
    r"(?:joined|joins) (?:the|us|[A-Z]\w+) |writes (?:about|on|for)|covers |reports on|makes frequent appearances|"
    r"previously worked|is based in)",
)
# What only a bio says of its subject: a journalist's trade, not a committee that "covers" a region.
_SELF_DESCRIPTION = re.compile(
    r"\b(?:journalist|reporter|correspondent|columnist|editor|has covered|has written for|has reported (?:on|for)|"
    r"makes frequent appearances)\b",
    re.IGNORECASE,
)


def _name_keys(authors: list[str]) -> list[re.Pattern]:
    keys = set()
    for author in authors:
        parts = [w for w in words(author) if len(w) > 2]
        keys.update(parts)
        keys.add(author)
    return [re.compile(rf"\b{re.escape(k)}\b") for k in keys]


def _is_bio(text: str, names: list[re.Pattern]) -> bool:
    return word_count(text) <= MAX_BIO_WORDS and bool(_BIO_PHRASES.search(text)) and any(n.search(text) for n in names)


def _is_unnamed_bio(text: str) -> bool:
    opening = " ".join(text.split(None, OPENING_WORDS)[:OPENING_WORDS])  # no need to split the rest
    return word_count(text) <= MAX_BIO_WORDS and bool(_SELF_DESCRIPTION.search(opening))


def remove_author_bios(context: Context) -> None:
    tail = context.kept_indexes()[-TAIL_BLOCKS:]
    if context.metadata.authors:
        names = _name_keys(context.metadata.authors)
        found = [i for i in tail if _is_bio(context.blocks[i].text, names)]
    else:
        found = _bios_after_closing_template(context, tail)
    if found:
        for i in tail[tail.index(found[0]) :]:
            if i <= found[-1]:
                context.remove(i, AUTHOR_BIO)


def _bios_after_closing_template(context: Context, tail: Sequence[int]) -> list[int]:
    """Unnamed bios in the tail, the first right under a block another rule removed. Lines are
    read only until that is settled: most tails have no removed block above any of their lines."""
    if not any(i > 0 and not context.blocks[i - 1].kept for i in tail):
        return []
    bios = (i for i in tail if _is_unnamed_bio(context.blocks[i].text))
    first = next(bios, None)
    if first is None or first == 0 or context.blocks[first - 1].kept:
        return []
    return [first, *bios]
