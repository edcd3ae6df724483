"""Bare text to blocks (segment): one block per line that shows something."""
from __future__ import annotations

import time

from cleaner.segment import text_blocks


def test_a_line_of_only_invisible_characters_is_a_blank_line():
    blocks = text_blocks("First line\n\u200c\n \u200d \u200e\nSecond line")
    assert [b.text for b in blocks] == ["First line", "Second line"]
    assert blocks[1].gap_before == 2


def test_joiners_inside_words_stay():
    assert [b.text for b in text_blocks("\u200cمی\u200cخواهم\nx")] == ["\u200cمی\u200cخواهم", "x"]


def test_a_caption_fused_into_a_line_by_its_credit_is_split_off():
    line = ("The storm reached the coast. Waves break over the harbour wall, Tuesday. Photo: Jane Doe, "
            "Harbour News The mayor said the water would recede by the morning.")
    assert [b.text for b in text_blocks(line)] == [
        "The storm reached the coast.",
        "Waves break over the harbour wall, Tuesday. Photo: Jane Doe, Harbour News",
        "The mayor said the water would recede by the morning.",
    ]


def test_a_credit_keeps_its_own_lower_case_joiners():
    line = "The quay, Tuesday. Photo: Jane Doe/Miami Herald via AP The mayor said the water would recede."
    assert text_blocks(line)[0].text == "The quay, Tuesday. Photo: Jane Doe/Miami Herald via AP"


def test_a_line_stays_whole_when_the_credit_ends_it_or_its_end_is_unclear():
    ends_the_line = "The storm reached the coast. Waves break over the harbour wall. Photo: AFP"
    no_sentence_after = "Waves break over the harbour wall. Photo: Jane Doe Harbour News archive"
    overlong = "It rained. " + "word " * 70 + "end. Photo: AFP The mayor said the water would recede."
    for line in (ends_the_line, no_sentence_after, overlong):
        assert [b.text for b in text_blocks(line)] == [line.strip()]


def test_the_pieces_of_a_list_item_after_the_first_are_paragraphs():
    blocks = text_blocks("- The quay. Flooded streets, Tuesday. Photo: AFP The mayor said it would recede.")
    assert [b.kind for b in blocks] == ["li", "p", "p"]


def test_a_line_full_of_credits_that_split_nothing_is_read_in_linear_time():
    """Each credit's search for the sentences around it stays short: looking from the line's
    start, or to its end, for every credit took quadratic time (20 s for this line)."""
    line = "(a) Photo: Aa bb " * 16_000
    started = time.perf_counter()
    assert [b.text for b in text_blocks(line)] == [line.strip()]
    assert time.perf_counter() - started < 5.0
