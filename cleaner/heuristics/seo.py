"""SEO blocks appended after the story: a FAQ that rehashes the article as questions.

A FAQ heading in the second half of the story, followed within two blocks by a question,
starts the block; it runs to the end of the document, since such sections close the page.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .signals import Keys, is_prose, normalise

if TYPE_CHECKING:
    from ..filter import Context

SEO_FAQ = "generic.seo-faq"
FAQ_HEADINGS = Keys.of(normalise(h) for h in (
    "Frequently Asked Questions", "Frequently Asked Questions (FAQs)", "Frequently Asked Questions (FAQ)",
    "FAQ", "FAQs", "People Also Ask", "Questions and Answers",
))
_QUESTION = re.compile(r"^(?:Q(?:uestion)?\s*\.?\s*\d*\s*[.:)]|\d+[.)]\s)|\?\s*$")


def _second_half(context: Context, index: int) -> bool:
    prose = [len(b.text) for b in context.blocks[:index] if b.kept and is_prose(b.text)]
    rest = [len(b.text) for b in context.blocks[index:] if b.kept and is_prose(b.text)]
    return sum(prose) > sum(rest) * 0.5 and sum(prose) > 0


def remove_faq_rehash(context: Context) -> None:
    kept = context.kept_indexes()
    for position, index in enumerate(kept):
        if not FAQ_HEADINGS.holds(context.blocks[index].text):
            continue
        following = kept[position + 1 : position + 3]
        if any(_QUESTION.search(context.blocks[i].text) for i in following) and _second_half(context, index):
            for i in kept[position:]:
                context.remove(i, SEO_FAQ)
            return
