"""Byline and date lines: the same shape in every sample, different words.

"Published Wed, Feb 28 2024 7:00 AM EST" and "Published Tue, Mar 5 2024 11:35 AM EST" differ in
every date word but share a shape: a literal label, then weekday, month, numbers, a time and a
zone. Such a shape, found in enough samples, becomes a `date` pattern whose named group is what
the date parser reads. A byline shape is the text around the authors' names (known from the
page's metadata, or parsed from the line): "By <names>, CNBC" becomes
`^By (?P<authors>.+?), CNBC$`. Only lines that are not story and that the generic rules leave in
(in some sample), or whose metadata the generic path did not find, are looked at.
"""
from __future__ import annotations

import re
from collections import defaultdict

from ..heuristics.signals import word_count
from ..metadata import TIME_ZONES, parse_authors, parse_date
from ..patterns import PatternError, compile_pattern
from .candidates import Candidate, escape
from .samples import Sample, needed

MAX_WORDS = 16
MAX_LABEL_WORDS = 3  # the words around a byline's names ("By", ", CNBC"): a label, not a sentence
MONTHS = frozenset(
    "jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july august "
    "september october november december".split()
)
WEEKDAYS = frozenset("mon tue tues wed thu thur thurs fri sat sun monday tuesday wednesday thursday friday saturday sunday".split())
_TOKEN = re.compile(r"(?P<ampm>\b[AaPp]\.?[Mm]\b\.?)|(?P<word>\w+)|(?P<punct>[^\w\s])")
_BY_LABEL = re.compile(r"(?i)(?:\bby|\bwritten by|\bwords by|\bauthor|\breporter|\bvon|\bpar|\bpor)\s*:?\s*$")
_SEPARATOR = re.compile(r"\s+[|·•—–-]\s+|\s*\|\s*")  # "By Jane Doe | The Outlet": names end here
_DATE_KINDS = frozenset({"month", "weekday", "num", "ampm", "zone"})
_PIECES = {"month": r"\p{L}{3,9}", "weekday": r"\p{L}{3,9}", "ampm": r"[AaPp]\.?[Mm]\.?", "zone": r"[A-Z]{2,5}"}


def _tokens(text: str) -> list[tuple[str, str, str]]:
    """(kind, text, separator before it) for each token: month, weekday, num, ampm, zone, word, punct."""
    out, end = [], 0
    for match in _TOKEN.finditer(text):
        value = match.group()
        kind = match.lastgroup
        if kind == "word":
            lower = value.lower()
            if value.isdigit():
                kind = "num"
            elif lower in MONTHS:
                kind = "month"
            elif lower in WEEKDAYS:
                kind = "weekday"
            elif value in TIME_ZONES and value.isupper():
                kind = "zone"
        out.append((kind, value, text[end:match.start()]))
        end = match.end()
    return out


def _piece(kind: str, value: str) -> str:
    if kind == "num":
        return r"\d{4}" if len(value) == 4 else r"\d{1,2}" if len(value) <= 2 else r"\d+"
    return _PIECES.get(kind) or escape(value)


def _shape_key(tokens) -> tuple:
    return tuple((kind, _piece(kind, value), bool(sep)) for kind, value, sep in tokens)


def _date_pattern(tokens) -> tuple[str, str] | None:
    """(pattern with a named date group, the date text) for a line that is a date with at most a
    short label around it, else None."""
    dated = [i for i, (kind, _, _) in enumerate(tokens) if kind in _DATE_KINDS]
    if not dated:
        return None
    first, last = dated[0], dated[-1]
    kinds = [kind for kind, _, _ in tokens[first:last + 1]]
    label = [v for kind, v, _ in tokens[:first] + tokens[last + 1:] if kind == "word"]
    if not ("month" in kinds or kinds.count("num") >= 3) or len(label) > MAX_LABEL_WORDS:
        return None
    parts = []
    for i, (kind, value, sep) in enumerate(tokens):
        glue = " " if sep and i else ""
        if i == first:
            parts.append(glue + "(?P<date>")
            glue = ""
        parts.append(glue + _piece(kind, value))
        if i == last:
            parts.append(")")
    text = "".join(sep + value for _, value, sep in tokens[first:last + 1]).strip()
    return "^" + "".join(parts) + "$", text


def dates(samples: list[Sample]) -> list[Candidate]:
    """Date lines of one shape in enough samples, each parsed to a date by the date parser."""
    return _shaped(samples, _date_line, "date")


def _date_line(sample: Sample, text: str) -> str | None:
    tokens = _tokens(text)
    found = _date_pattern(tokens)
    if found and parse_date(found[1]):
        return found[0]
    return None


def looks_dated(text: str) -> bool:
    """Whether a line is a date with at most a short label ("Published Wed, Feb 28 2024 7:00 AM
    EST", "March 2, 2024 6:00 am (Updated 6:01 am)"), whether or not the date parser reads it."""
    return _date_pattern(_tokens(text)) is not None


def bylines(samples: list[Sample]) -> list[Candidate]:
    """Byline lines of one shape (the same words around the names) in enough samples."""
    return _shaped(samples, _byline_line, "byline")


def line_shape(sample: Sample, text: str) -> str | None:
    """The byline or date pattern a line fits, if it is one (and short enough to be one)."""
    if len(text.split()) > MAX_WORDS:
        return None
    return _byline_line(sample, text) or _date_line(sample, text)


def _byline_line(sample: Sample, text: str) -> str | None:
    known = [n for n in sample.result.metadata.authors if n and n in text] if sample.page else []
    names = known or parse_authors(_SEPARATOR.split(text)[0])
    spans = [(text.find(n), text.find(n) + len(n)) for n in names if n in text]
    if not spans:
        return None
    start, end = min(s for s, _ in spans), max(e for _, e in spans)
    before, after = text[:start], text[end:]
    anchored = known and (before.strip() or after.strip()) or _BY_LABEL.search(before) or _SEPARATOR.match(after) or after.lstrip().startswith(",")
    label_sized = word_count(before) <= MAX_LABEL_WORDS and word_count(after) <= MAX_LABEL_WORDS
    if not anchored or not label_sized or not parse_authors(text[start:end]):
        return None
    return "^" + _literal(before) + "(?P<authors>.+?)" + _literal(after) + "$"


def _literal(text: str) -> str:
    return r"\d+".join(escape(part) for part in re.split(r"\d+", text))


def _shaped(samples: list[Sample], shape_of, kind: str) -> list[Candidate]:
    """Candidates of one kind: a pattern found in enough samples, from lines that are not story."""
    found: dict[str, set[int]] = defaultdict(set)
    useful: set[str] = set()
    for n, sample in enumerate(samples):
        for i, block in enumerate(sample.blocks):
            if i in sample.story or len(block.text.split()) > MAX_WORDS:
                continue
            pattern = shape_of(sample, block.text)
            if pattern is None:
                continue
            found[pattern].add(n)
            if block.kept or not (sample.result.authors if kind == "byline" else sample.result.date):
                useful.add(pattern)
    rules = []
    for pattern, where in found.items():
        if len(where) >= needed(samples) and pattern in useful and _compiles(pattern):
            rules.append(Candidate(kind, kind, (pattern,)))
    return rules


def _compiles(pattern: str) -> bool:
    try:
        compile_pattern(pattern)
    except PatternError:
        return False
    return True
