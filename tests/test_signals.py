"""The bare-text signals the heuristics share: where a sentence ends, and what a line announces."""
from __future__ import annotations

import pytest

from cleaner.heuristics.signals import announces_list, ends_sentence


@pytest.mark.parametrize("text", [
    "The council approved the budget.",
    "“We will rebuild the wall,” the mayor said.”",
    "Is it safe to swim?",
    "Most popular modern Labour politician (YouGov)",
    "She said it was ‘a disaster’.",
    "On a rock in the Atlantic the light has run itself ever since. ♦",
])
def test_sentence_ends(text):
    assert ends_sentence(text)


@pytest.mark.parametrize("text", [
    "Army raises spectre of 'digital terrorism'",
    "Rapper Aitch is definitely Team “Kylie”",
    "Easter trail 23 March-14 April",
    "Share this article",
])
def test_no_sentence_end(text):
    assert not ends_sentence(text)


def test_a_sentence_ending_in_a_colon_announces_a_list_a_label_does_not():
    assert announces_list("See the full list of winners below:")
    assert not announces_list("Tags:")
    assert not announces_list("The list of winners follows below.")
