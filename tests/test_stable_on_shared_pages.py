"""Cleaning is idempotent on real pages: the clean body of every labelled page in `../shared/data`
(both sets, each page as HTML, as a page dump and as loose text) comes back unchanged when it is
cleaned again, as text, with the page URL (the same outlet profile) and without it (the generic
rules only, as a user re-cleaning stored bodies gets). Without its profile, a body may lose only
what its profile keeps on purpose by switching a generic rule off (an outlet whose posts are
built on the tweets they embed). Skipped when the shared data is absent."""
from __future__ import annotations

import pytest
from conftest import SHARED_DATA
from shared_pages import INPUTS

from cleaner import Cleaner
from cleaner.evaluate import page_records

DATASETS = [d for d in ("fundus-dev", "news-generic-dev") if (SHARED_DATA / d / "pages.jsonl.gz").is_file()]
pytestmark = pytest.mark.skipif(not DATASETS, reason="shared pages absent")


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner()


@pytest.mark.parametrize("kind", list(INPUTS))
@pytest.mark.parametrize("dataset", DATASETS)
def test_clean_body_cleaned_again_is_unchanged(cleaner, dataset, kind):
    changed = []
    for page in page_records(SHARED_DATA / dataset):
        content, options = INPUTS[kind](page)
        once = cleaner.clean(content, **options)
        switched_off = cleaner.registry.profiles[once.profile].disable
        for url in (page["url"], ""):
            again = cleaner.clean(once.text, format="text", url=url)
            removed = [(b.removed_by, b.text[:60]) for b in again.blocks if not b.kept]
            own_choice = url == "" and removed and all(rule in switched_off for rule, _ in removed)
            if again.text != once.text and not own_choice:
                changed.append((page["id"], "with url" if url else "without url", removed[:3]))
    assert changed == []
