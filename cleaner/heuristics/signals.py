"""Signals that survive in bare text: word counts, sentence punctuation, capitalisation.

Small pure functions over one block's text, shared by the heuristics. They are deliberately
cheap (str methods and one precompiled regex each) because they run on every block. Several
heuristics ask for the words and the comparison key of the same block, so while one document is
filtered (`per_document()`), `words` and `normalise` remember their answers by text; the memory
ends with the document, so nothing is shared between documents or threads.
"""
from __future__ import annotations

import re
import unicodedata
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterator

_WORD_INNER = "'’.-"  # joins word characters into one word: don't, U.S., e-mail
# Possessive quantifiers: the same words as \w+(?:[...]\w+)*, found without backtracking bookkeeping.
_WORD = re.compile(rf"\w++(?:[{_WORD_INNER}]\w++)*+")
_TOKEN = re.compile(r"\w+")
_SENTENCE_END = tuple(".!?…\"'”’»)")  # text ending a sentence, possibly inside a quote
_MINOR_WORDS = frozenset(
    "a an and as at but by for from in into of on or over per the to up via vs with".split()
)


_WORDS: ContextVar[dict[str, tuple[str, ...]] | None] = ContextVar("words_of_text", default=None)
_KEYS: ContextVar[dict[str, str] | None] = ContextVar("key_of_text", default=None)


@contextmanager
def per_document() -> Iterator[None]:
    """Within: `words` and `normalise` compute each distinct text once."""
    words_token, keys_token = _WORDS.set({}), _KEYS.set({})
    try:
        yield
    finally:
        _WORDS.reset(words_token)
        _KEYS.reset(keys_token)


def words(text: str) -> tuple[str, ...]:
    memo = _WORDS.get()
    if memo is None:
        return tuple(_WORD.findall(text))
    found = memo.get(text)
    if found is None:
        found = memo[text] = tuple(_WORD.findall(text))
    return found


def ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(_SENTENCE_END)


def is_prose(text: str, min_words: int = 12) -> bool:
    """A sentence-like paragraph: long enough and closed by sentence punctuation."""
    return ends_sentence(text) and len(words(text)) >= min_words


class _WithoutCombiningMarks(dict):
    """A `str.translate` table deleting combining marks, filled in as characters are met."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_STRIP_MARKS = _WithoutCombiningMarks()


def _separates_words(character: str) -> bool:
    """Whether a character is no word character, and no case or normal form of it holds one."""
    folded = unicodedata.normalize("NFKD", character.casefold())
    return not _TOKEN.search(character + folded) and not any(map(unicodedata.combining, folded))


# Typographic punctuation that separates words in every form. Text made of ASCII and these has the
# same tokens before and after case folding and NFKD, which allows the short way to its key.
_SEPARATORS = "".join(filter(_separates_words, "‘’‚‛“”„‟‹›«»‐‑‒–—―…•·′″§¶†‡°©®€£¥×÷"))
_NOT_PLAIN = re.compile(f"[^\x00-\x7f{_SEPARATORS}]")


def normalise(text: str) -> str:
    """A comparison key: case, accents, punctuation and spacing ignored."""
    memo = _KEYS.get()
    if memo is None:
        return _comparison_key(text)
    key = memo.get(text)
    if key is None:
        key = memo[text] = _comparison_key(text)
    return key


def _comparison_key(text: str) -> str:
    if not _NOT_PLAIN.search(text):
        # The tokens are the words split at their inner marks; ASCII folds by lower().
        key = " ".join(words(text)).lower()
        for mark in _WORD_INNER:
            key = key.replace(mark, " ")
        return key
    text = text.casefold()
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).translate(_STRIP_MARKS)
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
