"""Regression gate for the outlet profiles on the Fundus evaluation pages (`../shared/data/fundus-dev`).

In the manner of trafilatura's eval gate: each outlet's body F1 on its pages (the
article-extraction-benchmark metric of `cleaner.evaluate`) must stay at or above a pinned floor,
from HTML with and without the page URL, and overall from the two text inputs the shared scorer
builds (a whole-page text dump, and trafilatura's recall-oriented text). The floors sit a little
under the scores measured when they were pinned; raise them when the profiles improve. Skipped
when the shared data is absent (a fresh clone, CI).
"""
from __future__ import annotations

from typing import Callable

import pytest
from conftest import SHARED_DATA

from cleaner import Cleaner
from cleaner.evaluate import DocumentScore, Prediction, Summary, by_outlet, load_truth, page_records, score_all

FUNDUS = SHARED_DATA / "fundus-dev"
pytestmark = pytest.mark.skipif(not (FUNDUS / "truth.jsonl").is_file(), reason="shared Fundus pages absent")

# Outlet -> HTML body F1 floor (1.000 measured unless noted).
HTML_FLOORS = {
    "APNews": 0.99, "CNBC": 0.99, "FoxNews": 0.99, "FreeBeacon": 0.99, "LATimes": 0.99,
    "OccupyDemocrats": 0.99, "Reuters": 0.99, "TheGatewayPundit": 0.99, "TheGuardian": 0.99,
    "TheIndependent": 0.95,  # 0.962: the truth leaves out a live blog's standfirst, the profile keeps it
    "TheIntercept": 0.98,  # 0.990: lead-ins set in capitals by CSS are capitals in the truth
    "TheNation": 0.99, "TheNewYorker": 0.99, "TheTelegraph": 0.99, "WashingtonTimes": 0.99, "iNews": 0.99,
}
TEXT_FLOORS = {"page": 0.98, "loose": 0.96}  # measured 0.990 and 0.971 (the loose text caps recall at 0.975)

Input = Callable[[dict], tuple[str, dict]]  # page record -> (content, options for Cleaner.clean)


@pytest.fixture(scope="module")
def pages() -> list[dict]:
    return list(page_records(FUNDUS))


@pytest.fixture(scope="module")
def truth() -> dict[str, dict]:
    return load_truth(FUNDUS)


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner()


def document_scores(cleaner: Cleaner, pages: list[dict], truth: dict, make_input: Input) -> list[DocumentScore]:
    predictions = {}
    for page in pages:
        content, options = make_input(page)
        predictions[page["id"]] = Prediction(cleaner.clean(content, **options).text)
    return score_all(truth, predictions, {p["id"]: p["outlet"] for p in pages})


def page_dump(page: dict) -> tuple[str, dict]:
    """Every visible line of the page, as a scraper without a DOM keeps it."""
    import html_text

    return html_text.extract_text(page["html"], guess_layout=True), {"url": page["url"], "format": "text"}


def loose_text(page: dict) -> tuple[str, dict]:
    """Trafilatura's text in recall mode, residue included (like the seed texts)."""
    import trafilatura

    text = trafilatura.extract(page["html"], url=page["url"], favor_recall=True, include_comments=True, include_tables=True)
    return text or "", {"url": page["url"], "format": "text"}


@pytest.mark.parametrize("with_url", [True, False], ids=["url", "no-url"])
def test_html_f1_of_every_outlet_stays_above_its_floor(cleaner, pages, truth, with_url):
    def html(page: dict) -> tuple[str, dict]:
        return page["html"], {"url": page["url"] if with_url else "", "format": "html"}

    scores = by_outlet(document_scores(cleaner, pages, truth, html))
    assert set(scores) == set(HTML_FLOORS)
    below = {outlet: round(summary.f1, 3) for outlet, summary in scores.items() if summary.f1 < HTML_FLOORS[outlet]}
    assert not below, f"outlets below their HTML floor: {below}"


@pytest.mark.parametrize("name, make_input", [("page", page_dump), ("loose", loose_text)])
def test_text_input_f1_stays_above_its_floor(cleaner, pages, truth, name, make_input):
    overall = Summary.of(document_scores(cleaner, pages, truth, make_input))
    assert overall.f1 >= TEXT_FLOORS[name], f"{name} text F1 {overall.f1:.3f}"


def test_every_page_resolves_to_its_outlet_without_a_url(cleaner, pages):
    """The page's canonical link or its own site name is enough to pick the profile."""
    resolved = {page["outlet"]: cleaner.clean(page["html"], format="html").profile for page in pages}
    assert all(profile == outlet.lower() for outlet, profile in resolved.items()), resolved
