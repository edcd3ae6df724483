"""Signals that survive in bare text: word counts, sentence punctuation, capitalisation.

Small pure functions over one block's text, shared by the heuristics. They are deliberately
cheap (str methods and one precompiled regex each) because they run on every block. Several
heuristics ask for the words and the comparison key of the same block, so while one document is
filtered (`per_document()`), `words`, `word_count` and `normalise` remember their answers by
text; the memory ends with the document, so nothing is shared between documents or threads.
`remember_lines` fills the memories with the signals every rule asks of every line, all lines of
the document in one loop.
Most text is ASCII plus typographic punctuation and accented Latin letters; its word counts and
keys are found with bytes operations and one counting loop over its bytes (C in the compiled
build, slow as pure Python), a fraction of the cost of the regular expressions that define them
(the tests hold the two ways equal).
"""
from __future__ import annotations

import codecs
import itertools
import operator
import re
import unicodedata
from collections import Counter
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from fractions import Fraction
from mypy_extensions import i64
from typing import Any, Callable, Final, Iterable, Iterator, Sequence, TypeVar

_WORD_INNER = "'’.-"  # joins word characters into one word: don't, U.S., e-mail
# Possessive quantifiers: the same words as \w+(?:[...]\w+)*, found without backtracking bookkeeping.
_WORD = re.compile(rf"\w++(?:[{_WORD_INNER}]\w++)*+")
_TOKEN = re.compile(r"\w+")
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")  # combining marks
_SENTENCE_END = tuple(".!?…)")  # a closing bracket too: "... the lowest since 2019 (Reuters)"
_QUOTES = "\"'”’»"  # a sentence may end inside quotes: ... he said.”
_END_MARKS = "♦◆■□▪◼∎●"  # the marks magazines print after a story's last sentence
_MINOR_WORDS = frozenset(
    "a an and as at but by for from in into of on or over per the to up via vs with".split()
)
T = TypeVar("T")


ANNOUNCING_WORDS = 4  # a line announcing a list has this many words at least

# How a page title joins the headline and the site's name: "Headline | The Outlet".
SITE_SEPARATORS = (" | ", " - ", " — ", " – ", " :: ", " · ")


_MEMORIES: list[ContextVar[Any]] = []  # one per remembered function
_REMEMBERED: dict[Callable[[str], Any], tuple[ContextVar[Any], Callable[[str], Any]]] = {}  # its memory and function
_UNKNOWN = object()


@contextmanager
def per_document() -> Iterator[None]:
    """Within: `words`, `word_count`, `normalise` and the other `remembered` functions compute
    each distinct text once."""
    tokens = [memory.set({}) for memory in _MEMORIES]
    try:
        yield
    finally:
        for memory, token in zip(_MEMORIES, tokens):
            memory.reset(token)


def remembered(compute: Callable[[str], T]) -> Callable[[str], T]:
    """compute(text), remembered by text while a document is filtered (see `per_document`).

    For pure functions of one block's text that several rules ask about. The memory and the
    function are registered for `remember_lines` rather than set as attributes of the returned
    function, which a function compiled by mypyc cannot carry.
    """
    memory: ContextVar[dict[str, Any] | None] = ContextVar(f"{compute.__module__}.{compute.__qualname__}", default=None)
    _MEMORIES.append(memory)

    def remembered_compute(text: str) -> T:
        known = memory.get()
        if known is None:
            return compute(text)
        value = known.get(text, _UNKNOWN)
        if value is _UNKNOWN:
            value = known[text] = compute(text)
        return value

    _REMEMBERED[remembered_compute] = (memory, compute)
    return remembered_compute


def _separates_words(character: str) -> bool:
    """Whether a character is no word character, and no case or normal form of it holds one."""
    folded = unicodedata.normalize("NFKD", character.casefold())
    return not _TOKEN.search(character + folded) and not any(map(unicodedata.combining, folded))


def _folded(character: str) -> str:
    """The character as keys hold it: case folded, compatibility forms and accents undone."""
    return _COMBINING.sub("", unicodedata.normalize("NFKD", character.casefold()))


def _folds_to_an_ascii_word_character(character: str) -> bool:
    folded = _folded(character)
    return bool(_TOKEN.fullmatch(character)) and len(folded) == 1 and folded.isascii() and bool(_TOKEN.fullmatch(folded))


# Typographic punctuation that separates words in every form, and the Latin-1 letters that fold
# to one ASCII letter or digit (é to e, Ñ to n). In "plain" text, made of ASCII and these, words
# and keys can be found with bytes operations on text encoded one byte a character, in which each
# separator still separates words (’ joins them, as ' does) and each letter is a word byte that
# its key spells as the ASCII one.
_SEPARATORS = "".join(filter(_separates_words, "‘’‚‛“”„‟‹›«»‐‑‒–—―…•·′″§¶†‡°©®€£¥×÷"))
_LATIN_LETTERS = "".join(filter(_folds_to_an_ascii_word_character, map(chr, range(0xC0, 0x100))))
# Plain text one byte a character: ASCII as itself, the separators and letters as the bytes above.
# A charmap codec's table (what the standard library's cp1252 and the like are made of) encodes by
# it in one C call that fails on any other character, so it also tells whether text is plain.
_PLAIN_CHARS = "".join(map(chr, range(128))) + (_SEPARATORS + _LATIN_LETTERS).ljust(128, "\ufffe")  # U+FFFE: no character
_PLAIN_CODEC = codecs.charmap_build(_PLAIN_CHARS)
_IS_WORD_BYTE = [bool(_TOKEN.fullmatch(char)) for char in _PLAIN_CHARS]
# bytes.translate tables. Keys: word bytes folded, the rest spaces. Classes (of the plain
# encoding's bytes): a capital to U, another word byte to w, an inner mark (’ too) to m, the rest
# spaces.
_KEY_BYTES = bytes(ord(_folded(char)) if word else 32 for char, word in zip(_PLAIN_CHARS, _IS_WORD_BYTE))
_CLASS_BYTES = bytes(
    (ord("U") if char.isupper() else ord("w")) if word else ord("m") if char in _WORD_INNER else 32
    for char, word in zip(_PLAIN_CHARS, _IS_WORD_BYTE)
)
# The classes as the numbers a loop over the bytes reads (literals, which the compiled build inlines).
_CAPITAL: Final = 0x55  # U
_LOWER: Final = 0x77  # w
_MARK: Final = 0x6D  # m
_SPACE: Final = 0x20
_LOWER_RUN: Final = 5  # lower-case word characters after a space that surely make a non-minor word


def _plain_bytes(text: str) -> bytes | None:
    """Plain text encoded one byte a character (see _PLAIN_CHARS); None for other text."""
    try:
        return text.encode("ascii") if text.isascii() else codecs.charmap_encode(text, "strict", _PLAIN_CODEC)[0]
    except UnicodeEncodeError:
        return None


class Plain:
    """Plain text's one-byte encoding and what one pass over its classes counts: the signals every
    rule asks of every line, found together instead of by a scan of the line for each.

    A class of its own, not a dataclass: one is made for every line, and the compiled build
    makes a dataclass's objects through the Python __init__ that `dataclasses` writes, run by
    the interpreter (0.66 µs against 0.14 µs here, 7% of the text path's instructions). `Final`
    keeps the fields read-only, as a frozen dataclass would. Plains live in one document's
    memory and are never pickled, which a compiled class with its own __init__ could not be:
    its constructor calls that __init__ with no arguments."""

    def __init__(self, encoded: bytes, words: int, word_bytes: int, capitals: int, lower_words: int):
        self.encoded: Final = encoded
        self.words: Final = words  # word_count
        self.word_bytes: Final = word_bytes  # key_size: each word character is one character of the key
        self.capitals: Final = capitals
        self.lower_words: Final = lower_words  # words after a space whose first five characters are lower-case word characters

    def _fields(self) -> tuple[bytes, int, int, int, int]:
        return self.encoded, self.words, self.word_bytes, self.capitals, self.lower_words

    def __eq__(self, other: object) -> bool:
        """The same encoding and counts (tests compare the fast ways with the definitions)."""
        return isinstance(other, Plain) and self._fields() == other._fields()

    def __repr__(self) -> str:
        return f"Plain{self._fields()!r}"


@remembered
def _plain(text: str) -> Plain | None:
    """Plain text's encoding and counts (see Plain); None for other text."""
    encoded = _plain_bytes(text)
    if encoded is None:
        return None
    words, word_bytes, capitals, lower_words = _count_classes(encoded.translate(_CLASS_BYTES))
    return Plain(encoded, words, word_bytes, capitals, lower_words)


def _count_classes(classes: bytes) -> tuple[int, int, int, int]:
    """Plain's counts (words, word_bytes, capitals, lower_words) in one loop over the classes,
    which the compiled build runs as C over the bytes.

    A word starts at each run of word characters, except a run that one inner mark joins to the
    run before: so after a space, after two marks, or after a mark that follows a space (the
    line's start counts as a space).

    The counters are `i64`: machine integers in the compiled build (ints in Python). As plain
    ints, mypyc checks every step for overflow into Python's big integers: 5.5% of the text
    path's instructions went on that.
    """
    words: i64 = 0
    word_bytes: i64 = 0
    capitals: i64 = 0
    lower_words: i64 = 0
    before: i64 = _SPACE
    previous: i64 = _SPACE
    lower_run: i64 = -1  # lower-case word characters since the last space; -1 when something else came
    position: i64
    for position in range(len(classes)):
        current: i64 = classes[position]
        if current == _CAPITAL or current == _LOWER:
            word_bytes += 1
            if current == _CAPITAL:
                capitals += 1
            if previous == _SPACE or (previous == _MARK and (before == _SPACE or before == _MARK)):
                words += 1
        if current == _SPACE:
            lower_run = 0
        elif current == _LOWER and lower_run >= 0:
            lower_run += 1
            if lower_run == _LOWER_RUN:
                lower_words += 1
                lower_run = -1
        else:
            lower_run = -1
        before, previous = previous, current
    return words, word_bytes, capitals, lower_words


@remembered
def words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text))


@remembered
def word_count(text: str) -> int:
    """len(words(text)), counted on plain text without building the words."""
    plain = _plain(text)
    return len(words(text)) if plain is None else plain.words


@remembered
def ends_sentence(text: str) -> bool:
    """Whether the text closes a sentence, possibly inside quotes ("... he said.”"); a quote
    closing on a word ("... spectre of 'digital terrorism'") closes no sentence, and a story's
    end mark after the last one ("... the land.” ♦") is ignored."""
    return text.rstrip().rstrip(_END_MARKS).rstrip().rstrip(_QUOTES).endswith(_SENTENCE_END)


def announces_list(text: str) -> bool:
    """A sentence ending in a colon announces what follows ("See the full list of winners below:");
    a label with a colon ("Tags:", "Follow us:") does not."""
    return text.rstrip().endswith(":") and word_count(text) >= ANNOUNCING_WORDS


def is_prose(text: str, min_words: int = 12) -> bool:
    """A sentence-like paragraph: long enough and closed by sentence punctuation."""
    return ends_sentence(text) and word_count(text) >= min_words


@remembered
def normalise(text: str) -> str:
    """A comparison key: case, accents, punctuation and spacing ignored."""
    plain = _plain(text)
    if plain is not None:  # each word byte folds on its own, to one ASCII byte
        return b" ".join(plain.encoded.translate(_KEY_BYTES).split()).decode("ascii")
    text = text.casefold()
    if not text.isascii():
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    return " ".join(_TOKEN.findall(text))


@remembered
def key_size(text: str) -> int:
    """The characters of normalise(text) other than spaces. Texts with equal keys have equal sizes,
    and plain text tells its size by counting its word bytes, without building the key: comparing
    sizes first spares building the keys of most blocks."""
    plain = _plain(text)
    return _size_of_key(normalise(text)) if plain is None else plain.word_bytes


def remember_lines(texts: Iterable[str]) -> None:
    """Within `per_document`: the signals every rule asks of every line (its classes, and for
    plain text its word count and key size), worked out for all the document's lines in one
    loop, by the functions' own definitions. Line by line, each would cost a few calls through
    the memory of each function; the rules then find them there."""
    (plain_memory, compute_plain), (ends_memory, compute_ends) = _REMEMBERED[_plain], _REMEMBERED[ends_sentence]
    known_plain, known_ends = plain_memory.get(), ends_memory.get()
    known_counts, known_sizes = _REMEMBERED[word_count][0].get(), _REMEMBERED[key_size][0].get()
    if known_plain is None or known_counts is None or known_sizes is None or known_ends is None:
        return
    for text in texts:
        if text in known_plain:
            continue
        plain = known_plain[text] = compute_plain(text)
        known_ends[text] = compute_ends(text)
        if plain is not None:
            known_counts[text] = plain.words
            known_sizes[text] = plain.word_bytes


def _size_of_key(key: str) -> int:
    return len(key) - key.count(" ")


@dataclass(frozen=True)
class Keys:
    """Comparison keys that texts are looked up in (`holds`): a text's own key is built only when
    one of the keys has its size."""

    keys: frozenset[str]
    sizes: frozenset[int]

    @classmethod
    def of(cls, keys: Iterable[str]) -> "Keys":
        keys = frozenset(keys)
        return cls(keys, frozenset(map(_size_of_key, keys)))

    def holds(self, text: str) -> bool:
        """Whether normalise(text) is one of the keys."""
        return key_size(text) in self.sizes and normalise(text) in self.keys


@dataclass(frozen=True)
class KeyPrefixes:
    """Beginnings of comparison keys that texts' keys are tested against (`begin`): plain text's
    key is built only when its folded bytes hold the first word of one of them, since its key is
    its words folded."""

    prefixes: tuple[str, ...]
    first_words: re.Pattern[bytes]  # finds any of the prefixes' first words: one scan, not one per word

    @classmethod
    def of(cls, prefixes: Iterable[str]) -> "KeyPrefixes":
        prefixes = tuple(prefixes)
        words = sorted({prefix.split()[0].encode() for prefix in prefixes if prefix.split()})
        return cls(prefixes, re.compile(b"|".join(map(re.escape, words)) if words else b"(?!)"))

    def begin(self, text: str) -> bool:
        """Whether normalise(text) starts with one of the prefixes."""
        plain = _plain(text)
        if plain is not None and not self.first_words.search(plain.encoded.translate(_KEY_BYTES)):
            return False
        return normalise(text).startswith(self.prefixes)


def shared_keys(texts: Sequence[str]) -> list[str | None]:
    """normalise() of each text that may share its key with another of the texts; None for the
    others, whose keys no other text has (their sizes are unique)."""
    sizes = [key_size(text) for text in texts]
    counts = Counter(sizes)
    return [normalise(text) if counts[size] > 1 else None for text, size in zip(texts, sizes)]


def is_headline_like(text: str, max_words: int = 25) -> bool:
    """A short line in headline shape: a few words, starts with a capital or digit, no final full stop."""
    if not 2 <= word_count(text) <= max_words:
        return False
    stripped = text.rstrip()
    if stripped.endswith((".", ":", ";", ",")) and not stripped.endswith("..."):
        return False
    return text.lstrip()[:1].isupper() or text.lstrip()[:1].isdigit() or text.lstrip()[:1] in "“\"‘'"


def _spellings(word: str) -> set[str]:
    """Every string whose lower() is `word` (ASCII): each letter in either case, and KELVIN SIGN
    for k, the one non-ASCII character that lowers to ASCII."""
    letters = [{c, c.upper(), *("\u212a" if c == "k" else "")} for c in word]
    return {"".join(spelling) for spelling in itertools.product(*letters)}


_MINOR_SPELLINGS = frozenset(s for w in _MINOR_WORDS for s in _spellings(w))
_CAPITALISED_MINOR = frozenset(s for s in _MINOR_SPELLINGS if s[0].isupper())
_FIRST = operator.itemgetter(0)


@remembered
def title_case_share(text: str) -> float:
    """Share of the non-minor words (w.lower() not in _MINOR_WORDS) that start with a capital:
    high in headlines and menus. Counted by set lookups that run in C, word after word."""
    found = words(text)
    counted = len(found) - sum(map(_MINOR_SPELLINGS.__contains__, found))
    if not counted:
        return 0.0
    return (sum(map(str.isupper, map(_FIRST, found))) - sum(map(_CAPITALISED_MINOR.__contains__, found))) / counted


TITLE_CASE_SHARE = Fraction(7, 10)  # a fraction, so that the shortcut below compares in integers
# Its parts as plain numbers: a Fraction's numerator, denominator and float() are Python calls.
_SHARE_NUMERATOR, _SHARE_DENOMINATOR = TITLE_CASE_SHARE.as_integer_ratio()
_SHARE = float(TITLE_CASE_SHARE)


def is_title_case(text: str) -> bool:
    """title_case_share(text) >= 0.7: a headline or menu line, not a sentence.

    The share is K / (K + L), K the counted words that start with a capital and L those that do
    not, so it is below 0.7 when 3 K < 7 L. Story lines have far too few capitals for it, which
    plain text shows by its counts, without building its words: K is at most the number of
    capitals, and L at least the number of words that follow a space and start with five word
    characters none of them a capital (minor words are shorter, so each of those is counted).
    """
    plain = _plain(text)
    if plain is not None and _below_title_case_share(plain.capitals, plain.lower_words):
        return False
    return title_case_share(text) >= _SHARE


def _below_title_case_share(capitalised: int, other: int) -> bool:
    """Whether K / (K + L) < TITLE_CASE_SHARE for every K <= capitalised and L >= other."""
    return capitalised * (_SHARE_DENOMINATOR - _SHARE_NUMERATOR) < _SHARE_NUMERATOR * other
