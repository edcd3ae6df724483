"""Signals that survive in bare text: word counts, sentence punctuation, capitalisation.

Small pure functions over one block's text, shared by the heuristics. They are deliberately
cheap (str methods and one precompiled regex each) because they run on every block. Several
heuristics ask for the words and the comparison key of the same block, so while one document is
filtered (`per_document()`), `words`, `word_count` and `normalise` remember their answers by
text; the memory ends with the document, so nothing is shared between documents or threads.
Most text is ASCII plus typographic punctuation; its word counts and keys are found with bytes
operations, a tenth of the cost of the regular expressions that define them (the tests hold the
two ways equal).
"""
from __future__ import annotations

import functools
import re
import unicodedata
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Callable, Iterator, TypeVar

_WORD_INNER = "'’.-"  # joins word characters into one word: don't, U.S., e-mail
# Possessive quantifiers: the same words as \w+(?:[...]\w+)*, found without backtracking bookkeeping.
_WORD = re.compile(rf"\w++(?:[{_WORD_INNER}]\w++)*+")
_TOKEN = re.compile(r"\w+")
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")  # combining marks
_SENTENCE_END = tuple(".!?…\"'”’»)")  # text ending a sentence, possibly inside a quote
_MINOR_WORDS = frozenset(
    "a an and as at but by for from in into of on or over per the to up via vs with".split()
)
T = TypeVar("T")


# How a page title joins the headline and the site's name: "Headline | The Outlet".
SITE_SEPARATORS = (" | ", " - ", " — ", " – ", " :: ", " · ")


_MEMORY: ContextVar[dict | None] = ContextVar("signals_of_this_document", default=None)


@contextmanager
def per_document() -> Iterator[None]:
    """Within: `words`, `word_count` and `normalise` compute each distinct text once."""
    token = _MEMORY.set({})
    try:
        yield
    finally:
        _MEMORY.reset(token)


def _remembered(compute: Callable[[str], T]) -> Callable[[str], T]:
    """compute(text), remembered by text while a document is filtered (see `per_document`)."""

    @functools.wraps(compute)
    def remembered(text: str) -> T:
        memory = _MEMORY.get()
        if memory is None:
            return compute(text)
        known = memory.get(compute)
        if known is None:
            known = memory[compute] = {}
        value = known.get(text)
        if value is None:
            value = known[text] = compute(text)
        return value

    return remembered


def _separates_words(character: str) -> bool:
    """Whether a character is no word character, and no case or normal form of it holds one."""
    folded = unicodedata.normalize("NFKD", character.casefold())
    return not _TOKEN.search(character + folded) and not any(map(unicodedata.combining, folded))


# Typographic punctuation that separates words in every form. In "plain" text, made of ASCII and
# these, words and keys can be found with bytes operations: encoded as ASCII with "replace", each
# of these becomes "?", which separates words just as it did.
_SEPARATORS = "".join(filter(_separates_words, "‘’‚‛“”„‟‹›«»‐‑‒–—―…•·′″§¶†‡°©®€£¥×÷"))
_NOT_PLAIN = re.compile(f"[^\x00-\x7f{_SEPARATORS}]")
_IS_WORD_BYTE = [bool(_TOKEN.match(chr(b))) for b in range(128)] + [False] * 128
# bytes.translate tables: word bytes lowered, the rest spaces; word bytes to w, inner marks to m.
_KEY_BYTES = bytes(ord(chr(b).lower()) if word else 32 for b, word in enumerate(_IS_WORD_BYTE))
_WORD_CLASSES = bytes(
    ord("w") if word else ord("m") if chr(b) in _WORD_INNER else 32 for b, word in enumerate(_IS_WORD_BYTE)
)


def _plain(text: str) -> bool:
    return text.isascii() or not _NOT_PLAIN.search(text)


@_remembered
def words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text))


@_remembered
def word_count(text: str) -> int:
    """len(words(text)), counted on plain text without building the words."""
    if not _plain(text):
        return len(words(text))
    classes = text.replace("’", "'").encode("ascii", "replace").translate(_WORD_CLASSES)
    # A word starts at each run of word bytes, except a run that one inner mark joins to the run before.
    return (classes.count(b" w") + classes.count(b"mmw") + classes.count(b" mw")
            + classes.startswith((b"w", b"mw")))


def ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(_SENTENCE_END)


def is_prose(text: str, min_words: int = 12) -> bool:
    """A sentence-like paragraph: long enough and closed by sentence punctuation."""
    return ends_sentence(text) and word_count(text) >= min_words


@_remembered
def normalise(text: str) -> str:
    """A comparison key: case, accents, punctuation and spacing ignored."""
    if _plain(text):  # ASCII folds by lower(), and no normal form changes the tokens
        return b" ".join(text.encode("ascii", "replace").translate(_KEY_BYTES).split()).decode("ascii")
    text = text.casefold()
    if not text.isascii():
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    return " ".join(_TOKEN.findall(text))


def is_headline_like(text: str, max_words: int = 25) -> bool:
    """A short line in headline shape: a few words, starts with a capital or digit, no final full stop."""
    if not 2 <= word_count(text) <= max_words:
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
