"""Throughput beside the tools users would otherwise run, on the same documents, in the same run.

The corpus is the labelled pages of a data folder (HTML, by default `../shared/data`), text made
from those pages the way a loose scraper makes it (trafilatura in favor_recall mode, residue
included, like the seeds) plus the seed texts, each replicated until it reaches a target size.
Four in-process timings run on one core (CPU seconds), interleaved round by round with the best
round kept: the cleaner's HTML path beside bare `trafilatura.extract`, and its text path beside
`ftfy.fix_text`. Then the command line cleans the whole corpus as one JSONL file with `-j 1` and
with `-j N`, which also checks that both outputs agree. Their throughput is timed by the command's
own clock (reading, cleaning and writing: the rate a long run keeps up), their wall-clock time,
start-up included, is shown beside it.

Replicas are the same strings again, so nothing here may cache results by content: a cache would
measure the corpus's repetition, not the cleaner.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass, replace
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path
from typing import Callable, Iterable, Sequence

import ftfy
import trafilatura

from .model import Document, Failure
from .pipeline import Cleaner
from .read import InputReader

MB = 1_000_000
PAGE_FILES = "*/pages.jsonl.gz"
SCALING_SHARE = 0.9  # -j N should reach this share of N times the -j 1 throughput
MEMORY_TARGET_INPUT, MEMORY_TARGET_MB = 1000 * MB, 300  # cleaning 1 GB of JSONL stays under 300 MB RSS


@dataclass(frozen=True)
class Corpus:
    """The benchmark's documents, already replicated, and where they came from."""

    html: tuple[Document, ...]
    text: tuple[Document, ...]
    origin: tuple[str, ...]  # one line per source, for the report

    def describe(self) -> list[str]:
        return [*self.origin, f"html: {_size_line(self.html)}", f"text: {_size_line(self.text)}"]


def _size_line(documents: Sequence[Document]) -> str:
    distinct = len({d.id.rsplit("#", 1)[0] for d in documents})
    return f"{len(documents)} docs ({distinct} distinct), {size_of(documents) / MB:.1f} MB"


def size_of(documents: Iterable[Document]) -> int:
    """Bytes of content, counted as UTF-8: what MB/s is measured in."""
    return sum(len(d.content.encode("utf-8")) for d in documents)


def loose_text(page: Document) -> Document:
    """The page as a loose scraper gives it: trafilatura favor_recall text with its residue."""
    text = trafilatura.extract(page.content, url=page.url or None, favor_recall=True, include_comments=True,
                               include_tables=True) or ""
    return replace(page, content=text, format="text")


def replicate(documents: Sequence[Document], target_bytes: int) -> tuple[Document, ...]:
    """The documents repeated (ids suffixed #1, #2, ...) until they add up to target_bytes."""
    size = size_of(documents)
    if not documents or size == 0:
        return ()
    copies = max(1, -(-target_bytes // size))
    if copies == 1:
        return tuple(documents)
    return tuple(replace(d, id=f"{d.id}#{n}") for n in range(1, copies + 1) for d in documents)


def read_documents(inputs: Sequence[str], warn: Callable[[str], None]) -> list[Document]:
    """Documents from any inputs `cleaner clean` takes; unreadable ones are reported and left out."""
    documents = []
    for item in InputReader().read(inputs):
        if isinstance(item, Failure):
            warn(item.message())
        else:
            documents.append(item)
    return documents


def build_corpus(inputs: Sequence[str], data_dir: Path, seeds_dir: Path, target_mb: float,
                 warn: Callable[[str], None]) -> Corpus:
    """The given inputs (else the data folder's pages) and the seeds, each page also as loose text."""
    origin = []
    if inputs:
        documents = read_documents(inputs, warn)
        origin.append(f"inputs: {', '.join(inputs)}")
    else:
        page_files = sorted(str(p) for p in data_dir.glob(PAGE_FILES)) if data_dir.is_dir() else []
        if not page_files:
            warn(f"{data_dir}: no {PAGE_FILES} found; the corpus is the seeds alone "
                 "(pass --data DIR or INPUT files for a real corpus)")
        documents = read_documents(page_files, warn)
        origin += [f"pages: {f}" for f in page_files]
    seeds = read_documents([str(seeds_dir)], warn) if seeds_dir.is_dir() else []
    if not seeds:
        warn(f"{seeds_dir}: no seeds (run from the project root or pass --seeds)")
    documents += seeds
    pages = [d for d in documents if d.format == "html"]
    texts = [d for d in documents if d.format == "text"]
    origin.append(f"seeds: {len(seeds)} from {seeds_dir}; text: {len(texts)} text documents and the "
                  f"trafilatura favor_recall text of the {len(pages)} pages")
    texts = [t for t in texts + [loose_text(p) for p in pages] if t.content.strip()]
    target = int(target_mb * MB)
    return Corpus(replicate(pages, target), replicate(texts, target), tuple(origin))


@dataclass(frozen=True)
class Timing:
    key: str  # what targets refer to: html-cleaner, html-trafilatura, text-cleaner, text-ftfy, cli-j1, cli-jN
    label: str
    docs: int
    bytes: int
    seconds: float
    rss_mb: int | None = None  # peak RSS of the largest process, for whole-command runs
    wall_seconds: float | None = None  # whole-command runs: start-up included

    @property
    def docs_per_second(self) -> float:
        return self.docs / self.seconds if self.seconds else 0.0

    @property
    def mb_per_second(self) -> float:
        return self.bytes / MB / self.seconds if self.seconds else 0.0


def _cpu_seconds(work: Callable[[Document], object], documents: Sequence[Document]) -> float:
    """CPU time of this process: on a shared machine it leaves out the time other processes ran."""
    started = time.process_time()
    for document in documents:
        work(document)
    return time.process_time() - started


def in_process_timings(corpus: Corpus, cleaner: Cleaner, rounds: int) -> list[Timing]:
    """The four single-core timings, interleaved round by round; each keeps its fastest round.

    One-time set-up (compiling every profile, lazy imports and tables of the tools) happens in an
    untimed first call of each, as it would once per worker in a long run.
    """
    clean = lambda d: cleaner.clean_document(d).to_record()  # noqa: E731 - what the CLI does per document
    measures = [
        ("html-cleaner", "html  cleaner (profiles on)", clean, corpus.html),
        ("html-trafilatura", "html  trafilatura.extract (defaults)",
         lambda d: trafilatura.extract(d.content, url=d.url or None), corpus.html),
        ("text-cleaner", "text  cleaner", clean, corpus.text),
        ("text-ftfy", "text  ftfy.fix_text (defaults)", lambda d: ftfy.fix_text(d.content), corpus.text),
    ]
    measures = [m for m in measures if m[3]]
    cleaner.compile_all()
    for _, _, work, documents in measures:
        work(documents[0])
    best = {key: float("inf") for key, *_ in measures}
    for _ in range(rounds):
        for key, _, work, documents in measures:
            best[key] = min(best[key], _cpu_seconds(work, documents))
    return [Timing(key, label, len(docs), size_of(docs), best[key]) for key, label, _, docs in measures]


def jsonl_line(document: Document) -> str:
    record = {"id": document.id, "url": document.url, "outlet": document.outlet, document.format: document.content}
    return json.dumps(record, ensure_ascii=False) + "\n"


def write_jsonl(documents: Iterable[Document], path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.writelines(map(jsonl_line, documents))


# Started from this (large) process, a command's peak RSS would include this process's pages:
# Linux carries the RSS from before exec into ru_maxrss. A small Python process in between starts
# the command and reports its peak RSS and exit code on stdout.
_MEASURED_RUN = (
    "import os, subprocess, sys\n"
    "child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)\n"
    "_, status, usage = os.wait4(child.pid, 0)\n"
    "print(usage.ru_maxrss, os.waitstatus_to_exitcode(status))\n"
)


# The closing line of `cleaner clean`: "N cleaned (E empty), F failed in 7.7s -> OUT"
_CLEANING_SECONDS = re.compile(r" in (\d+(?:\.\d+)?)s -> ")


def cleaning_seconds(stderr: str) -> float:
    """The seconds `cleaner clean` says it spent reading, cleaning and writing (start-up left out)."""
    found = _CLEANING_SECONDS.findall(stderr)
    if not found:
        raise RuntimeError(f"cleaner clean printed no closing line: {stderr[-2000:]}")
    return float(found[-1])


def run_cli(arguments: Sequence[str]) -> tuple[float, int, str]:
    """Seconds, peak RSS in MB (the largest process: the command or one of its workers) and stderr."""
    started = time.perf_counter()
    run = subprocess.run([sys.executable, "-c", _MEASURED_RUN, sys.executable, "-m", "cleaner", *arguments],
                         capture_output=True, text=True)
    seconds = time.perf_counter() - started
    max_rss_kb, status = (int(n) for n in run.stdout.split())
    if status not in (0, 1):
        raise RuntimeError(f"cleaner clean failed ({status}): {run.stderr[-2000:]}")
    return seconds, max_rss_kb // 1024, run.stderr


def _records_without_timing(path: Path) -> list[dict]:
    records = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            record["stats"].pop("ms", None)
            records.append(record)
    return records


@dataclass(frozen=True)
class ScalingResult:
    timings: list[Timing]
    identical: bool


def cli_scaling(corpus: Corpus, jobs: int, work_dir: Path, extra: Sequence[str] = (), rounds: int = 1) -> ScalingResult:
    """`cleaner clean CORPUS.jsonl -j 1` and `-j jobs` as whole processes, run in turn `rounds`
    times, the fastest run of each counting (as for the in-process timings: a run slowed by
    whatever else the machine did says nothing about the cleaner); whether their outputs agree."""
    documents = corpus.html + corpus.text
    source = work_dir / "corpus.jsonl"
    write_jsonl(documents, source)
    fastest: dict[int, Timing] = {}
    peak_rss: dict[int, int] = {}  # of all the runs with that many jobs
    for _ in range(rounds):
        for n in (1, jobs):
            output = work_dir / f"out-j{n}.jsonl"
            wall, rss, stderr = run_cli(["clean", str(source), "-o", str(output), "-j", str(n), *extra])
            timing = Timing(f"cli-j{n}" if n == 1 else "cli-jN", f"cli   cleaner clean -j {n}", len(documents),
                            size_of(documents), cleaning_seconds(stderr), wall_seconds=wall)
            if n not in fastest or timing.seconds < fastest[n].seconds:
                fastest[n] = timing
            peak_rss[n] = max(rss, peak_rss.get(n, 0))
    identical = _records_without_timing(work_dir / "out-j1.jsonl") == _records_without_timing(work_dir / f"out-j{jobs}.jsonl")
    return ScalingResult([replace(fastest[n], rss_mb=peak_rss[n]) for n in (1, jobs)], identical)


def memory_run(corpus: Corpus, size_mb: float, jobs: int, work_dir: Path, extra: Sequence[str] = ()) -> Timing:
    """`cleaner clean BIG.jsonl -j jobs` on the corpus repeated into a JSONL file of size_mb; its
    peak RSS shows whether memory stays flat whatever the input's size."""
    lines = [jsonl_line(d).encode("utf-8") for d in corpus.html + corpus.text]
    source, output = work_dir / "big.jsonl", work_dir / "big-out.jsonl"
    written = count = 0
    with source.open("wb") as out:
        while written < size_mb * MB:
            for line in lines:
                out.write(line)
                written += len(line)
                count += 1
    seconds, rss, _ = run_cli(["clean", str(source), "-o", str(output), "-j", str(jobs), *extra])
    source.unlink()
    output.unlink(missing_ok=True)
    return Timing("cli-memory", f"cli   -j {jobs} on {written / MB:.0f} MB of JSONL", count, written, seconds, rss)


def build() -> str:
    """Whether the per-line modules run compiled (setup.py builds them with mypyc) or as Python."""
    compiled = [name for name, module in list(sys.modules.items())
                if name.startswith("cleaner.") and str(getattr(module, "__file__", "")).endswith(tuple(EXTENSION_SUFFIXES))]
    return f"{len(compiled)} modules compiled with mypyc" if compiled else "pure Python (no compiled modules)"


def cores() -> str:
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"{os.cpu_count()} cores ({usable} usable by this process)"


def timing_table(timings: Sequence[Timing]) -> list[str]:
    lines = [f"{'measure':40s} {'docs':>7s} {'MB':>7s} {'seconds':>8s} {'docs/s':>8s} {'MB/s':>7s}"]
    for t in timings:
        lines.append(f"{t.label:40s} {t.docs:7d} {t.bytes / MB:7.1f} {t.seconds:8.2f} {t.docs_per_second:8.1f} "
                     f"{t.mb_per_second:7.2f}" + (f"   peak RSS {t.rss_mb} MB" if t.rss_mb is not None else "")
                     + (f", {t.wall_seconds:.2f} s wall-clock" if t.wall_seconds is not None else ""))
    return lines + ["(html and text: CPU seconds on one core, fastest round; cli: the command's own clock, start-up "
                    "left out, and its wall-clock time, start-up included)"]


@dataclass(frozen=True)
class Target:
    label: str
    value: float
    unit: str
    goal: float
    at_most: bool = False  # the value must stay at or under the goal (memory), not reach it

    def line(self) -> str:
        met = self.value <= self.goal if self.at_most else self.value >= self.goal
        sign = "<=" if self.at_most else ">="
        return (f"{self.label:44s} {self.value:6.2f}{self.unit:5s} "
                f"(target {sign} {self.goal:g}{self.unit}: {'met' if met else 'NOT met'})")


def _ratio(value: float, baseline: float) -> float:
    """value / baseline; NaN (never "met") when a corpus too small to time left the baseline at 0."""
    return value / baseline if baseline else float("nan")


def targets(timings: Sequence[Timing], jobs: int) -> list[Target]:
    """The issue's targets, as ratios of timings taken in this run (those that were measured)."""
    t = {timing.key: timing for timing in timings}
    found = []
    if "html-cleaner" in t and "html-trafilatura" in t:
        found.append(Target("html: cleaner / trafilatura.extract docs/s",
                            _ratio(t["html-cleaner"].docs_per_second, t["html-trafilatura"].docs_per_second), "x", 1.0))
    if "text-cleaner" in t:
        found.append(Target("text: cleaner MB/s on one core", t["text-cleaner"].mb_per_second, " MB/s", 10.0))
    if "text-cleaner" in t and "text-ftfy" in t:
        found.append(Target("text: cleaner / ftfy.fix_text MB/s",
                            _ratio(t["text-cleaner"].mb_per_second, t["text-ftfy"].mb_per_second), "x", 1.0))
    if "cli-j1" in t and "cli-jN" in t:
        found.append(Target(f"cli: -j {jobs} / -j 1 docs/s",
                            _ratio(t["cli-jN"].docs_per_second, t["cli-j1"].docs_per_second), "x", SCALING_SHARE * jobs))
    if "cli-memory" in t and t["cli-memory"].bytes >= MEMORY_TARGET_INPUT:
        found.append(Target(f"cli: peak RSS on {t['cli-memory'].bytes / MB:.0f} MB of JSONL", t["cli-memory"].rss_mb,
                            " MB", MEMORY_TARGET_MB, at_most=True))
    return found
