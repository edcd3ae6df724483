"""The repair stage: mojibake, entities, stray controls and odd spaces, with typography kept.

ftfy does the real repair, configured to leave the publisher's curly quotes and full-width
punctuation alone. It is also the slowest step of the text path, so it only runs when a cheap
scan finds a sign of damage it can fix (mojibake pairs, C1 controls, HTML entities, ligatures);
clean text goes through a few scans for single characters and nothing else: every rewrite below
runs only when such a scan finds something to rewrite.
"""
from __future__ import annotations

import re
import unicodedata

import ftfy

_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, fix_character_width=False, explain=False)

# UTF-8 read as latin-1/cp1252 leaves a lead character (Â..ô) followed by a continuation
# character (U+0080..U+00BF or the cp1252 punctuation that stands in for 0x80..0x9F).
_CP1252_CONTINUATION = "\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
_DAMAGE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf" + _CP1252_CONTINUATION + "]"  # mojibake pairs
    "|[\u0080-\u009f]"  # C1 controls, usually cp1252 bytes decoded as latin-1
    "|&(?:#[0-9]{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});"  # HTML entities
    "|[\ufb00-\ufb06]"  # Latin ligatures
)
_DAMAGE_START_CHARS = "\u00c2-\u00f4\u0080-\u009f&\ufb00-\ufb06"  # what a _DAMAGE match can start with
_DAMAGE_START = re.compile(f"[{_DAMAGE_START_CHARS}]")
# Spaces that are not plain spaces, and characters that are invisible or control noise.
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u205f\u3000\t\x0b\x0c"), " ")
_DROPPED = dict.fromkeys(
    [*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F, 0x200B, 0x2060, 0xFEFF, 0x00AD], None
)
_TRANSLATION = {**_SPACES, **_DROPPED, ord("\r"): "\n", 0x2028: "\n", 0x2029: "\n", 0x85: "\n"}
_TRANSLATED_CHARS = "".join(f"\\u{code:04x}" for code in sorted(_TRANSLATION))
_TRANSLATED = re.compile(f"[{_TRANSLATED_CHARS}]")
# One scan finds the first character that may need ftfy or the translation: most text has none.
_SUSPECT = re.compile(f"[{_DAMAGE_START_CHARS}{_TRANSLATED_CHARS}]")
_RUNS_OF_SPACES = re.compile(r" {2,}")
_PLAIN_ASCII = bytes(b for b in range(128) if not _SUSPECT.match(chr(b)))


def _unusual(text: str) -> str:
    """The text's characters other than plain ASCII, in order: what _SUSPECT can find, in a much
    shorter string (most text is ASCII), picked out by bytes operations instead of a regex scan."""
    return text.encode("utf-8", "surrogatepass").translate(None, _PLAIN_ASCII).decode("utf-8", "surrogatepass")


def _may_be_damaged(unusual: str) -> bool:
    """Whether text whose unusual characters these are may hold damage. A mojibake pair, a C1
    control and a ligature are unusual characters (the two of a pair stay side by side, since
    only ASCII is left out); an entity starts with an ampersand, which is one too."""
    return "&" in unusual or bool(_DAMAGE.search(unusual))


def _damaged(text: str, start: int) -> bool:
    """Whether damage begins at one of the characters it can begin with, from `start` on.

    Trying _DAMAGE only where it can match is much faster than searching with it: accented
    letters and ampersands are common, damage is not.
    """
    return any(_DAMAGE.match(text, found.start()) for found in _DAMAGE_START.finditer(text, start))


def _is_nfc(text: str, unusual: str) -> bool:
    """unicodedata.is_normalized("NFC", text), asked of the text's unusual characters alone (a
    fraction of its length) when none of them is a combining mark.

    An ASCII character composes with nothing but a combining mark after it, and NFC reorders only
    combining marks. Without them, NFC changes a text only by replacing a character (the ohm sign
    by omega) or composing two that stand side by side (Hangul jamo): both are unusual characters,
    and the pair stands side by side among them too (leaving ASCII out can join two of them, which
    only makes this answer no where the text's would be yes: a spare normalisation, never a
    missed one)."""
    if any(map(unicodedata.combining, unusual)):
        return unicodedata.is_normalized("NFC", text)
    return unicodedata.is_normalized("NFC", unusual)


MAX_PASSES = 3  # a pass that changes nothing ends the loop; two suffice in practice


def repair(text: str) -> str:
    """Repaired text: mojibake and entities fixed, invisible characters gone, spaces plain.

    Dropping an invisible character can join a new mojibake pair ("Â\x08¡" -> "Â¡"), so the
    repair is repeated until it changes nothing: repairing repaired text is a no-op.
    """
    for _ in range(MAX_PASSES):
        repaired = _repair_once(text)
        if repaired == text:
            break
        text = repaired
    return text


def _repair_once(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    unusual = _unusual(text)
    suspect = _SUSPECT.search(unusual)
    if suspect:
        first = text.find(suspect.group())  # the first suspect character of the text, as it is of the unusual ones
        if _may_be_damaged(unusual) and _damaged(text, first):
            text = ftfy.fix_text(text, _FTFY)
            unusual = _unusual(text)
        if _TRANSLATED.search(unusual):  # the characters it finds are all among the unusual ones
            text = text.translate(_TRANSLATION)
            unusual = unusual.translate(_TRANSLATION)  # again all the text's non-ASCII characters, in order
    if not text.isascii() and not _is_nfc(text, unusual):
        text = unicodedata.normalize("NFC", text)
    if "  " in text:
        text = _RUNS_OF_SPACES.sub(" ", text)
    return text

