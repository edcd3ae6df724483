"""Bare text to blocks: one block per non-empty line, remembering the blank lines between.

Scraped text keeps one paragraph per line (with or without blank lines between), so a line is
the unit the filter judges. Lines opened by a list marker become list items. The one exception:
a photo credit in the middle of a line shows an extractor that ran the page's blocks together,
and the caption it closes is split off (`fused_caption_pieces`) so that the filter can judge it.
"""
from __future__ import annotations

import re
from itertools import islice

from .model import LIST_ITEM, PARAGRAPH, Block

LIST_MARKERS = ("- ", "• ", "* ", "· ", "– ")
# Format characters that repair keeps, since they matter inside words (joiners in Indic scripts and
# emoji, direction marks in Arabic and Hebrew), but that show nothing on a line of their own.
INVISIBLE = "\u200c\u200d\u200e\u200f\u034f\u180e\u2061\u2062\u2063\u2064"


def is_blank(line: str) -> bool:
    """Whether a stripped line shows nothing: empty, or only invisible characters and spaces."""
    return not line or (line[0] in INVISIBLE and not line.strip(INVISIBLE + " "))


# A photo credit right after a sentence's end, in the middle of a line: "... yesterday. Photo: AFP The
# joint exercises ...". Only page text run together puts one there. (Only the "Photo" labels: a
# search for the word costs one fast scan of the text, and most texts hold none.)
FUSED_CREDIT_WORD = "Photo"
FUSED_CREDIT = re.compile(r"Photo(?:s|graph)?: (?=\S)")  # a literal head: the fast search
SENTENCE_CLOSERS = frozenset('.!?"”’)')
# The end of the sentence before the caption: a stop, maybe a closing quote, a space, a capital.
SENTENCE_END = re.compile(r"[.!?][\"”’)]? (?=[\"“‘(]?[^\W\d_])")
SENTENCE_STOP = re.compile(r"[.!?]")
WORD = re.compile(r"\S+")
CREDIT_JOINERS = frozenset({"via", "for", "of", "from", "and", "by", "de", "van", "von", "da", "del"})
MAX_CREDIT_WORDS = 8
MAX_CAPTION_WORDS = 60  # as the generic photo-credit family's max_words: longer is no caption
MAX_CAPTION_CHARS = 800  # sixty words of up to a dozen characters
MAX_SENTENCE_CHARS = 1000  # the sentence after a credit ends within this many characters


def text_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    gap = 0
    may_fuse_captions = FUSED_CREDIT_WORD in text
    for line in text.split("\n"):
        line = line.strip()
        if is_blank(line):
            gap += 1
            continue
        kind = LIST_ITEM if line.startswith(LIST_MARKERS) else PARAGRAPH
        if may_fuse_captions and FUSED_CREDIT_WORD in line and (labels := _fused_credit_labels(line)):
            for piece in fused_caption_pieces(line, labels):
                blocks.append(Block(piece, kind, gap))
                kind, gap = PARAGRAPH, 0
            continue
        blocks.append(Block(line, kind, gap))  # text, kind, gap_before: positional, a third cheaper per line
        gap = 0
    return blocks


def _fused_credit_labels(line: str) -> list[re.Match]:
    """The credit labels of a line that follow a sentence's end ("... yesterday. Photo: ")."""
    return [label for label in FUSED_CREDIT.finditer(line)
            if label.start() >= 2 and line[label.start() - 1] == " " and line[label.start() - 2] in SENTENCE_CLOSERS]


def fused_caption_pieces(line: str, labels: list[re.Match]) -> list[str]:
    """The line cut before and after each caption whose credit sits mid-line.

    The caption is the one sentence before the credit label; the credit runs to where the next
    sentence starts (a capitalised word followed by a lower-case one: "AFP | The joint ..."). When
    either end is unclear (no sentence start within a few words, an overlong caption), the line
    stays whole: a missed caption costs less than a story cut in the wrong place.
    """
    pieces: list[str] = []
    start = 0
    for label in labels:
        if label.start() < start:
            continue
        credit_end = _credit_end(line, label.end())
        caption_start = _caption_start(line, start, label.start() - 1)
        if credit_end is None or caption_start is None or len(line[caption_start:credit_end].split()) > MAX_CAPTION_WORDS:
            continue
        pieces += [line[start:caption_start].strip(), line[caption_start:credit_end].strip()]
        start = credit_end
    pieces.append(line[start:].strip())
    return [piece for piece in pieces if piece]


def _credit_end(line: str, offset: int) -> int | None:
    """Where the credit that starts at offset ends: before the first word that starts a sentence,
    one that goes on to a sentence's end ("AFP | The joint exercises ... ."). Credits hold
    lower-case joiners of their own ("Miami Herald via AP", "courtesy of the ministry")."""
    words = list(islice(WORD.finditer(line, offset), MAX_CREDIT_WORDS + 2))
    for previous, word, following in zip(words, words[1:MAX_CREDIT_WORDS + 1], words[2:]):
        starts_sentence = word.group()[0].isupper() and following.group()[0].islower()
        if (starts_sentence and following.group() not in CREDIT_JOINERS
                and SENTENCE_STOP.search(line, word.end(), word.end() + MAX_SENTENCE_CHARS)):
            return previous.end()
    return None


def _caption_start(line: str, start: int, stop: int) -> int | None:
    """Where the sentence that ends at stop begins: after the sentence end before it (looked for
    no further back than a caption's length: each search stays short whatever the line). None
    when the sentence is longer than a caption."""
    window = max(start, stop - MAX_CAPTION_CHARS)
    ends = [match.end() for match in SENTENCE_END.finditer(line, window, stop)]
    return ends[-1] if ends else (start if window == start else None)
