"""Author bios under the story: "Jane Doe is a reporter covering ...", "A veteran journalist, Jane has ...".

A bio is recognised by two signals together: it names one of the story's authors (full name,
first or last name, as found in the page's metadata or a byline), and it reads like a bio (a
profession, or "has covered", "joined", "writes about"). Only the last few blocks are looked at,
since that is where templates put bios; a story that quotes someone sharing the author's name is
far from that place.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .signals import word_count, words

if TYPE_CHECKING:
    from ..filter import Context

AUTHOR_BIO = "generic.author-bio"
TAIL_BLOCKS = 4  # bios are looked for among the last kept blocks
MAX_BIO_WORDS = 90
_BIO_PHRASES = re.compile(
    r"\b(?:is an? (?:[\w-]+ ){0,4}(?:journalist|reporter|writer|editor|correspondent|columnist|producer|contributor|"
    r"critic|analyst|author|freelancer)|has (?:covered|written|reported|worked|been (?:covering|writing|reporting))|"
    r"(?:joined|joins) (?:the|us|[A-Z]\w+) |writes (?:about|on|for)|covers |reports on|makes frequent appearances|"
    r"previously worked|is based in)",
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


def remove_author_bios(context: Context) -> None:
    if not context.metadata.authors:
        return
    names = _name_keys(context.metadata.authors)
    tail = context.kept_indexes()[-TAIL_BLOCKS:]
    found = [i for i in tail if _is_bio(context.blocks[i].text, names)]
    if found:
        for i in tail[tail.index(found[0]) :]:
            if i <= found[-1]:
                context.remove(i, AUTHOR_BIO)
