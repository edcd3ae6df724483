"""One slow page among quick ones: does `cleaner clean -j 2` keep both cores busy behind it?

    python benchmarks/slow_page.py [--documents 3000] [--slow-lines 120000] [--workdir DIR]

Writes a JSONL file whose first record is a page dump of many short lines (seconds of work)
and whose other records are short stories of made-up words, then cleans it with `-j 1` and
`-j 2` and the slow page alone with `-j 1`, each timed by the command's own clock. Output is
written in input order, so every record waits for the slow one; the other worker should go on
cleaning meanwhile. Then `-j 2` takes about max(slow page, all the work / 2), which is printed
beside it; a worker left idle behind the slow page shows as a time well over that.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from warc_memory import WORDS  # the made-up words of the other benchmark (this folder is on sys.path)

_SECONDS = re.compile(r" in (\d+(?:\.\d+)?)s -> ")


def story(rng: random.Random) -> str:
    lines = ["Home", "News", " ".join(rng.choices(WORDS, k=8)).title()]
    lines += [" ".join(rng.choices(WORDS, k=rng.randint(20, 60))).capitalize() + "." for _ in range(rng.randint(4, 12))]
    return "\n".join(lines + ["Share", "Related Stories", " ".join(rng.choices(WORDS, k=6)).title()])


def slow_page(rng: random.Random, lines: int) -> str:
    """A page dump of short menu-like lines: the per-line work adds up to seconds."""
    return "\n".join(" ".join(rng.choices(WORDS, k=rng.randint(2, 6))).title() for _ in range(lines))


def write_corpus(path: Path, documents: int, slow_lines: int) -> None:
    rng = random.Random(7)
    with path.open("w", encoding="utf-8") as out:
        out.write(json.dumps({"id": "slow", "text": slow_page(rng, slow_lines)}) + "\n")
        for n in range(documents):
            out.write(json.dumps({"id": f"story-{n}", "text": story(rng)}) + "\n")


def clean_seconds(source: Path, jobs: int, out: Path) -> float:
    """The seconds `cleaner clean` reports for reading, cleaning and writing (start-up left out)."""
    run = subprocess.run([sys.executable, "-m", "cleaner", "clean", str(source), "-o", str(out), "-j", str(jobs),
                          "--timeout", "0"], capture_output=True, text=True, check=True)
    return float(_SECONDS.findall(run.stderr)[-1])


def records(path: Path) -> list[dict]:
    """The output records without their timing, which differs from run to run."""
    found = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    for record in found:
        record["stats"].pop("ms", None)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=3000, help="quick documents after the slow one")
    parser.add_argument("--slow-lines", type=int, default=120_000, help="lines of the slow page")
    parser.add_argument("--workdir", type=Path, help="where to write the corpus and outputs (default: a temporary one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        work = args.workdir or Path(temporary)
        work.mkdir(parents=True, exist_ok=True)
        corpus, alone = work / "slow_page.jsonl", work / "slow_page_alone.jsonl"
        write_corpus(corpus, args.documents, args.slow_lines)
        alone.write_text(corpus.read_text(encoding="utf-8").split("\n", 1)[0] + "\n", encoding="utf-8")
        slow = clean_seconds(alone, 1, work / "alone.out.jsonl")
        one = clean_seconds(corpus, 1, work / "j1.out.jsonl")
        two = clean_seconds(corpus, 2, work / "j2.out.jsonl")
        same = records(work / "j1.out.jsonl") == records(work / "j2.out.jsonl")
    expected = max(slow, one / 2)
    print(f"slow page alone, -j 1        {slow:6.2f} s")
    print(f"all {args.documents + 1} documents, -j 1   {one:6.2f} s")
    print(f"all {args.documents + 1} documents, -j 2   {two:6.2f} s   (both workers busy: about {expected:.2f} s; "
          f"{two / expected:.2f}x that)")
    print(f"-j 2 output identical to -j 1 (order and content, timings left out): {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
