"""The shortcuts of the hot path give exactly what their plain definitions give.

Repair and the comparison key skip work when a cheap scan says it would change nothing; these
property tests compare them with the unconditional versions on text made of the characters
that steer the shortcuts (controls, odd spaces, mojibake leads, entities, typographic marks,
pieces of web addresses).
"""
from __future__ import annotations

import itertools
import re
import unicodedata

import ftfy
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cleaner import metadata
from cleaner import repair as repair_module
from cleaner.heuristics import region, signals, title
from cleaner.repair import repair

STEERING = (
    "abc XYZ 09_ '’.-'’.-?\n" "\t\r\x0b\x0c\x00\x1f\x7f\x85\u00a0\u2009\u200b\u2028\ufeff\u00ad"  # spaces, controls
    "Ã©Â€™â€œ\u0080\u009d\ufb01" "&amp;&#39;&nbsp;"  # mojibake, C1, ligature, entities
    "‘’“”–—…•«»™½ﬃß\u0301éÉİ\u0345ǅàÑçøÆÿªº²µ"  # typography, compatibility forms, combining marks, odd cases, Latin-1 letters
    "=\u0338\u2126\u212b\u1100\u1161\u11a8\uac00\u0b47\u0b3e"  # what NFC composes or replaces: ≠, Ω, Å, Hangul, Oriya
)
steering_text = st.text(alphabet=st.sampled_from(STEERING), max_size=60)


def _repair_everything(text: str) -> str:
    """repair() by its definition: every step on every text, repeated until nothing changes."""
    for _ in range(repair_module.MAX_PASSES):
        repaired = text.replace("\r\n", "\n")
        if repair_module._DAMAGE.search(repaired):
            repaired = ftfy.fix_text(repaired, repair_module._FTFY)
        repaired = re.sub(" {2,}", " ", unicodedata.normalize("NFC", repaired.translate(repair_module._TRANSLATION)))
        if repaired == text:
            break
        text = repaired
    return text


def _key_by_definition(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.casefold())
    return " ".join(re.findall(r"\w+", signals._COMBINING.sub("", folded)))


@settings(max_examples=600, deadline=None)
@given(steering_text)
@example("e\u0301 a\u00a0=\u0338")  # combining marks after ASCII letters and signs compose
@example("\u1100\u200b\u1161")  # Hangul jamo that compose once the invisible space between goes
def test_repair_skips_only_what_would_change_nothing(text):
    assert repair(text) == _repair_everything(text)


@settings(max_examples=600, deadline=None)
@given(steering_text)
def test_comparison_key_matches_its_definition(text):
    assert signals.normalise(text) == _key_by_definition(text)
    with signals.per_document():
        assert signals.normalise(text) == _key_by_definition(text)
        assert signals.normalise(text) == _key_by_definition(text)  # remembered


@settings(max_examples=600, deadline=None)
@given(steering_text)
def test_key_size_is_the_size_of_the_key(text):
    assert signals.key_size(text) == len(_key_by_definition(text).replace(" ", ""))


@settings(max_examples=300, deadline=None)
@given(st.lists(steering_text, max_size=6), steering_text)
def test_key_lookups_match_comparing_the_keys(texts, text):
    keys = [_key_by_definition(t) for t in texts]
    assert signals.Keys.of(keys).holds(text) == (_key_by_definition(text) in keys)
    shared = signals.shared_keys(texts)
    for key, found in zip(keys, shared):
        assert found == key or (found is None and keys.count(key) == 1)


@settings(max_examples=600, deadline=None)
@given(steering_text)
def test_word_count_matches_the_words(text):
    assert signals.word_count(text) == len(re.findall(r"\w+(?:['’.-]\w+)*", text)) == len(signals.words(text))


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(["the", "The", "THE", "of", "Of", "and", "K", "\u212a", "World", "news", "É", "über",
                                 "a", "A", ",", ".", "2024", "- ", "’s", "U.S.", "a.m.", "Of-the", "x--The", "story", "NATO", "reported",
                                 "well-known", "don’t", "into-the", "12345", "_under", "iPhone", "Reported", "Été", "école",
                                 "Ñandú", "café-bar", "from", "With", "over"]),
                max_size=60).map(" ".join))
@example("reported story reported " + ", " * 70 + "World " * 20)  # the capitals come after many other characters
def test_title_case_share_matches_its_definition(text):
    found = [w for w in signals.words(text) if w.lower() not in signals._MINOR_WORDS]
    expected = sum(w[0].isupper() for w in found) / len(found) if found else 0.0
    assert signals.title_case_share(text) == expected
    assert signals.is_title_case(text) == (expected >= 0.7)


def test_words_keep_inner_marks():
    assert signals.words("Don’t e-mail the U.S. team--now.") == ("Don’t", "e-mail", "the", "U.S", "team", "now")


def test_memory_ends_with_the_document():
    with signals.per_document():
        assert signals.words("one two") is signals.words("one two")
    assert all(memory.get() is None for memory in signals._MEMORIES)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(["see", "U.S.", "end.", "org.uk", "nationaltrust", "https://", "www.", "a-b", "/x?y=1",
                                 ".", "-", "/", " ", "  ", "\t", "\n", "\u00a0", "\u2003", "é", "_"]),
                max_size=12).map("".join))
def test_trailing_link_shortcut_matches_the_search(text):
    assert region._without_trailing_link(text) == region._TRAILING_LINK.sub("", text)



@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=st.sampled_from("0 9.,:-%apm$€£¥x\u00a0\u0663"), max_size=10))
def test_figures_are_found_where_the_plain_alternatives_find_them(text):
    plain = re.compile(r"\d[.,:-]\d|\d\s?%|[$€£¥]\s?\d|\d\s?[ap]\.m\.")
    found, expected = region._FIGURE.search(text), plain.search(text)
    assert (found and found.span()) == (expected and expected.span())


_DATE_PARTS = st.sampled_from(["Tue", "Tuesday", "thu", "Thurs", "SUN", "March", "mar", "MAY", "Sept", "Sep", "Mays",
                               "February", "0", "5", "05", "29", "30", "31", "32", "2024", "1999", "0999", "24",
                               " ", ",", ", ", "  ", ".", ":", "9:12", "12:05", "13", "00", "60", "AM", "pm", "a", "EDT",
                               "est", "GMT", "Z", "PT", "UTC", "CEST"])


def _read_alike(found, by_dateutil) -> bool:
    """The same instant, written the same (aware or naive, the same offset)."""
    return by_dateutil is not None and found.isoformat() == by_dateutil.isoformat()


@settings(max_examples=3000, deadline=None)
@given(st.lists(_DATE_PARTS, min_size=3, max_size=10).map("".join))
def test_written_days_are_read_as_dateutil_reads_them(text):
    found = metadata._written_day(text)
    assert found is None or _read_alike(found, metadata._parse_with_dateutil(text))


def test_written_day_shapes_are_read_as_dateutil_reads_them():
    read = 0
    for weekday, shape, month, day, year in itertools.product(
        ["", "Tue ", "Tuesday, ", "Thurs, ", "Mays "], ["{m} {d}, {y}", "{m} {d} {y}", "{d} {m} {y}", "{m}. {d}, {y}", "{d} {m}, {y}"],
        ["March", "mar", "Sept", "MAY"], ["0", "5", "05", "31", "32"], ["2024", "0999"],
    ):
        text = weekday + shape.format(m=month, d=day, y=year)
        found = metadata._written_day(text)
        assert found is None or _read_alike(found, metadata._parse_with_dateutil(text)), text
        read += found is not None
    assert read > 100  # the common shapes take the short way


def test_times_of_day_are_read_as_dateutil_reads_them():
    read = 0
    for time_of_day, half, zone in itertools.product(
        ["0:12", "9:12", "05:26", "12:05", "13:05", "23:59", "24:00", "9:60", "9:5"],
        ["", " AM", "am", " pm", " PM", " a", " p.m."], ["", " EDT", " EST", " GMT", " UTC", " Z", " PT", " est", " CEST"],
    ):
        text = f"Apr 22, 2024 {time_of_day}{half}{zone}"
        found = metadata._written_day(text)
        assert found is None or _read_alike(found, metadata._parse_with_dateutil(text)), text
        read += found is not None
    assert read > 100  # dated bylines ("Apr 22, 2024 05:26 AM EDT") take the short way


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Storm hits the coast", "storm, hits the Coast!", " | ", " - ", "The Outlet news", "É’s 2024",
                                 "news"]), max_size=5).map("".join),
       st.lists(st.sampled_from(["Storm hits the coast", "storm  hits the Coast!", "The Outlet news", "coast", "É’s 2024 news",
                                 "É’s 2024"]), max_size=4))
def test_headline_keys_of_the_lines_sizes_find_what_all_keys_find(page_title, lines):
    parts = [page_title] + [part for s in signals.SITE_SEPARATORS if s in page_title for part in page_title.split(s)]
    every_key = {k for k in map(_key_by_definition, parts) if len(k.split()) >= 3}
    keys = title._headline_keys(page_title, {signals.key_size(line) for line in lines}, "")
    assert [keys.holds(line) for line in lines] == [_key_by_definition(line) in every_key for line in lines]


@settings(max_examples=300, deadline=None)
@given(st.lists(steering_text, max_size=6))
def test_lines_remembered_in_bulk_are_what_the_functions_give(texts):
    signals_of = (signals.word_count, signals.key_size, signals.ends_sentence, signals._plain)
    expected = [[signal(text) for signal in signals_of] for text in texts]  # outside a document: computed afresh
    with signals.per_document():
        signals.remember_lines(texts)
        assert [[signal(text) for signal in signals_of] for text in texts] == expected


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(["More from ", "more in", "ALSO ON ", "Sport", " ", "-", "’", "…", "É", "ｍｏｒｅ from ",
                                 "Mo re from "]), max_size=5).map("".join))
def test_key_prefixes_match_the_keys_beginnings(text):
    prefixes = signals.KeyPrefixes.of(["more from ", "more in ", "also on "])
    assert prefixes.begin(text) == _key_by_definition(text).startswith(prefixes.prefixes)
