"""Memory of `cleaner clean` on WARC archives: peak RSS on a small and a large generated archive.

    python benchmarks/warc_memory.py [--pages 20000] [--jobs 1] [--workdir DIR]

Writes two archives in Common Crawl's layout (request, response, metadata per capture; one
capture in ten an image), the small one a tenth of the large one, with pages of made-up
words wrapped in the scripts, styles and menus real pages carry. It then cleans each with
`/usr/bin/time -v` and prints the archive sizes, the peak resident memory of each run and
their ratio: reading streams one record at a time, so the ratio should stay near 1 however
large the archive.
"""
from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
import tempfile
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

WORDS = [f"{a}{b}" for a in ("har", "cou", "bud", "sch", "riv", "val", "mar", "pol", "tra", "win")
         for b in ("bour", "ncil", "get", "ool", "er", "ley", "ket", "ice", "in", "ter", "ds", "ment", "ing", "ed")]


def page(rng: random.Random, n: int) -> bytes:
    paragraphs = "".join("<p>" + " ".join(rng.choices(WORDS, k=70)).capitalize() + ".</p>" for _ in range(12))
    script = "".join(rng.choices("abcdefghijklmnopqrstuvwxyz0123456789(){};=.", k=40_000))
    menu = "".join(f"<li><a href='/section/{i}'>Section {i}</a></li>" for i in range(40))
    return (f"<!doctype html><html><head><title>Story {n}</title><script>var s='{script}';</script>"
            f"<style>.a{{color:red}}</style></head><body><nav><ul>{menu}</ul></nav><article><h1>Story {n}</h1>"
            f"{paragraphs}</article><footer>© 2024 Example News. All rights reserved.</footer></body></html>").encode()


def write_archive(path: Path, captures: int, seed: int) -> None:
    rng = random.Random(seed)
    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for n in range(captures):
            url = f"https://news{n % 50}.example.com/2024/story-{n}"
            image = n % 10 == 9
            body = rng.randbytes(60_000) if image else page(rng, n)
            request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.com")], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", payload=BytesIO(b""), length=0,
                                                          http_headers=request))
            headers = StatusAndHeaders("200 OK", [("Content-Type", "image/jpeg" if image else "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(body), length=len(body),
                                                          http_headers=headers))
            metadata = b"fetchTimeMs: 120\n"
            writer.write_record(writer.create_warc_record(url, "metadata", payload=BytesIO(metadata),
                                                          length=len(metadata), warc_content_type="application/warc-fields"))


def peak_rss_kb(archive: Path, jobs: int, workdir: Path) -> tuple[int, str]:
    """Peak RSS (KB) of the largest process of one `cleaner clean` run, and its summary line."""
    command = ["/usr/bin/time", "-v", sys.executable, "-m", "cleaner", "clean", str(archive),
               "-o", str(workdir / "out.jsonl"), "-j", str(jobs)]
    run = subprocess.run(command, capture_output=True, text=True, check=True)
    peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr).group(1))
    summary = next(line for line in run.stderr.splitlines() if " cleaned (" in line)
    return peak, summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=20_000, help="captures in the large archive")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--workdir", type=Path, help="where the archives go (default: a temporary folder)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        workdir = args.workdir or Path(temporary)
        workdir.mkdir(parents=True, exist_ok=True)
        peaks = []
        for name, captures in (("small", args.pages // 10), ("large", args.pages)):
            archive = workdir / f"{name}.warc.gz"
            if not archive.exists():
                write_archive(archive, captures, seed=captures)
            peak, summary = peak_rss_kb(archive, args.jobs, workdir)
            peaks.append(peak)
            print(f"{name}: {archive.stat().st_size / 2**20:.0f} MB archive, {captures} captures, "
                  f"peak RSS {peak / 1024:.0f} MB (-j {args.jobs}); {summary}")
        print(f"peak RSS large/small: {peaks[1] / peaks[0]:.2f} for an archive {args.pages // (args.pages // 10)}x larger")


if __name__ == "__main__":
    main()
