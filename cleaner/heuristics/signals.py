"""Signals that survive in bare text: word counts, sentence punctuation, capitalisation.

Small pure functions over one block's text, shared by the heuristics. They are deliberately
cheap (str methods and one precompiled regex each) because they run on every block.
"""
from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"\w+(?:['’.-]\w+)*")
_TOKEN = re.compile(r"\w+")
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")  # combining marks
_SENTENCE_END = tuple(".!?…)")  # a closing bracket too: "... the lowest since 2019 (Reuters)"
_QUOTES = "\"'”’»"  # a sentence may end inside quotes: ... he said.”
_END_MARKS = "♦◆■□▪◼∎●"  # the marks magazines print after a story's last sentence
_MINOR_WORDS = frozenset(
    "a an and as at but by for from in into of on or over per the to up via vs with".split()
)


ANNOUNCING_WORDS = 4  # a line announcing a list has this many words at least

# How a page title joins the headline and the site's name: "Headline | The Outlet".
SITE_SEPARATORS = (" | ", " - ", " — ", " – ", " :: ", " · ")


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def ends_sentence(text: str) -> bool:
    """Whether the text closes a sentence, possibly inside quotes ("... he said.”"); a quote
    closing on a word ("... spectre of 'digital terrorism'") closes no sentence, and a story's
    end mark after the last one ("... the land.” ♦") is ignored."""
    return text.rstrip().rstrip(_END_MARKS).rstrip().rstrip(_QUOTES).endswith(_SENTENCE_END)


def announces_list(text: str) -> bool:
    """A sentence ending in a colon announces what follows ("See the full list of winners below:");
    a label with a colon ("Tags:", "Follow us:") does not."""
    return text.rstrip().endswith(":") and len(words(text)) >= ANNOUNCING_WORDS


def is_prose(text: str, min_words: int = 12) -> bool:
    """A sentence-like paragraph: long enough and closed by sentence punctuation."""
    return ends_sentence(text) and len(words(text)) >= min_words


def normalise(text: str) -> str:
    """A comparison key: case, accents, punctuation and spacing ignored."""
    text = text.casefold()
    if not text.isascii():
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    return " ".join(_TOKEN.findall(text))


def is_headline_like(text: str, max_words: int = 25) -> bool:
    """A short line in headline shape: a few words, starts with a capital or digit, no final full stop."""
    found = words(text)
    if not 2 <= len(found) <= max_words:
        return False
    stripped = text.rstrip()
    if stripped.endswith((".", ":", ";", ",")) and not stripped.endswith("..."):
        return False
    return text.lstrip()[:1].isupper() or text.lstrip()[:1].isdigit() or text.lstrip()[:1] in "“\"‘'"


def title_case_share(text: str) -> float:
    """Share of the non-minor words that start with a capital: high in headlines and menus."""
    found = [w for w in words(text) if w.lower() not in _MINOR_WORDS]
    if not found:
        return 0.0
    return sum(w[0].isupper() for w in found) / len(found)
