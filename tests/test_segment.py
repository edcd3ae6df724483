"""Bare text to blocks (segment): one block per line that shows something."""
from __future__ import annotations

from cleaner.segment import text_blocks


def test_a_line_of_only_invisible_characters_is_a_blank_line():
    blocks = text_blocks("First line\n\u200c\n \u200d \u200e\nSecond line")
    assert [b.text for b in blocks] == ["First line", "Second line"]
    assert blocks[1].gap_before == 2


def test_joiners_inside_words_stay():
    assert [b.text for b in text_blocks("\u200cمی\u200cخواهم\nx")] == ["\u200cمی\u200cخواهم", "x"]
