"""Measure cleaning on labelled pages: body precision/recall/F1 and metadata accuracy.

A labelled dataset is a folder with `pages.jsonl.gz` (or `pages.jsonl`): records in the form
`cleaner clean` reads (`id`, optional `url` and `outlet`, `html` or `text`), and `truth.jsonl`:
per line the same `id` with the expected `body`, and optionally `title`, `authors` (a list) and
`date`. The body metric is the article-extraction-benchmark's: 4-gram shingles over `\\w+`
tokens, precision and recall per document, macro-averaged, F1 of the two averages. Metadata is
right when the title matches after whitespace normalisation, the authors match as a set, and the
date names the same calendar day (the publisher's day, as written). A metadata field the truth
does not carry is not scored.
"""
from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from statistics import mean
from typing import Callable, Iterable, Iterator

from .metadata import parse_date

SHINGLE = 4
_TOKEN = re.compile(r"\w+")
METADATA_FIELDS = ("title", "authors", "date")
PAGE_FILES = ("pages.jsonl.gz", "pages.jsonl")


class DatasetError(ValueError):
    """The dataset folder is not in the documented form; the message names the file and problem."""


def shingles(text: str, n: int = SHINGLE) -> Counter:
    tokens = _TOKEN.findall(text or "")
    if len(tokens) < n:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def body_scores(expected: str, got: str) -> tuple[float, float]:
    """(precision, recall) of one document's body; two empty bodies agree perfectly."""
    truth, found = shingles(expected), shingles(got)
    hits = sum((truth & found).values())
    extra, missed = sum((found - truth).values()), sum((truth - found).values())
    if extra == missed == 0:
        return 1.0, 1.0
    precision = hits / (hits + extra) if hits + extra else 0.0
    recall = hits / (hits + missed) if hits + missed else 0.0
    return precision, recall


def same_title(expected: str | None, got: str | None) -> bool:
    return " ".join((expected or "").split()) == " ".join((got or "").split())


def same_authors(expected: list[str] | None, got: list[str] | None) -> bool:
    return {" ".join(a.split()) for a in expected or []} == {" ".join(a.split()) for a in got or []}


def calendar_day(value: str | None) -> str | None:
    """The day a date string names, as written (no time-zone conversion)."""
    if not value:
        return None
    parsed = parse_date(value)
    return parsed[:10] if parsed else None


def same_day(expected: str | None, got: str | None) -> bool:
    return calendar_day(expected) == calendar_day(got)


METADATA_CHECKS: dict[str, Callable] = {"title": same_title, "authors": same_authors, "date": same_day}


@dataclass
class Prediction:
    """What an extractor said about one page."""

    text: str
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None

    @classmethod
    def from_record(cls, record: dict) -> "Prediction":
        return cls(record.get("text") or "", record.get("title"), record.get("authors") or [], record.get("date"))


@dataclass
class DocumentScore:
    id: str
    outlet: str
    precision: float
    recall: float
    metadata: dict[str, bool]  # only the fields the truth carries

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def score_document(truth: dict, prediction: Prediction | None, outlet: str = "") -> DocumentScore:
    """A missing prediction (the page failed) scores zero everywhere."""
    prediction = prediction or Prediction("")
    precision, recall = body_scores(truth.get("body") or "", prediction.text)
    metadata = {name: METADATA_CHECKS[name](truth[name], getattr(prediction, name)) for name in METADATA_FIELDS if name in truth}
    return DocumentScore(str(truth["id"]), outlet, precision, recall, metadata)


@dataclass
class Summary:
    """Macro-averaged body scores and metadata accuracy over a set of documents."""

    documents: int
    precision: float
    recall: float
    f1: float
    metadata: dict[str, float]  # field -> share right, over the documents whose truth has it

    @classmethod
    def of(cls, scores: list[DocumentScore]) -> "Summary":
        if not scores:
            return cls(0, 0.0, 0.0, 0.0, {})
        precision, recall = mean(s.precision for s in scores), mean(s.recall for s in scores)
        metadata = {}
        for name in METADATA_FIELDS:
            judged = [s.metadata[name] for s in scores if name in s.metadata]
            if judged:
                metadata[name] = sum(judged) / len(judged)
        return cls(len(scores), precision, recall, _f1(precision, recall), metadata)

    def line(self, label: str) -> str:
        rates = "  ".join(f"{name} {rate:.3f}" for name, rate in self.metadata.items())
        return f"  {label:12s} P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}   {rates}".rstrip()


def _read_jsonl(path: Path) -> Iterator[tuple[int, dict]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as stream:
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DatasetError(f"{path}:{number}: not a JSON record ({exc.msg})") from None
            if not isinstance(record, dict) or "id" not in record:
                raise DatasetError(f"{path}:{number}: a record needs an 'id'")
            yield number, record


def pages_file(dataset: Path) -> Path:
    for name in PAGE_FILES:
        if (dataset / name).is_file():
            return dataset / name
    raise DatasetError(f"{dataset}: no {' or '.join(PAGE_FILES)}")


def load_truth(dataset: Path) -> dict[str, dict]:
    """Expected values by document id, checked for the fields the metric needs."""
    path = dataset / "truth.jsonl"
    if not path.is_file():
        raise DatasetError(f"{dataset}: no truth.jsonl")
    truth: dict[str, dict] = {}
    for number, record in _read_jsonl(path):
        if not isinstance(record.get("body"), str):
            raise DatasetError(f"{path}:{number}: 'body' must be a string")
        if "authors" in record and not isinstance(record["authors"], list):
            raise DatasetError(f"{path}:{number}: 'authors' must be a list")
        truth[str(record["id"])] = record
    return truth


def page_records(dataset: Path) -> Iterator[dict]:
    """The raw page records (for peers that need the HTML itself)."""
    for _, record in _read_jsonl(pages_file(dataset)):
        yield record


def score_all(truth: dict[str, dict], predictions: dict[str, Prediction], outlets: dict[str, str]) -> list[DocumentScore]:
    return [score_document(expected, predictions.get(doc_id), outlets.get(doc_id, "")) for doc_id, expected in truth.items()]


def by_outlet(scores: Iterable[DocumentScore]) -> dict[str, Summary]:
    groups: dict[str, list[DocumentScore]] = {}
    for score in scores:
        groups.setdefault(score.outlet or "?", []).append(score)
    return {outlet: Summary.of(group) for outlet, group in sorted(groups.items())}


def trafilatura_prediction(record: dict) -> Prediction:
    """Trafilatura with its default settings on one HTML page: the peer to beat."""
    from trafilatura import bare_extraction

    html = record.get("html")
    document = bare_extraction(html, url=record.get("url") or None, with_metadata=True) if html else None
    if document is None:
        return Prediction("")
    authors = [a.strip() for a in (document.author or "").split(";") if a.strip()]
    return Prediction(document.text or "", document.title, authors, document.date)
