"""`cleaner fetch` end to end: a loopback site fetched, then cleaned, as a pipeline runs it."""
from __future__ import annotations

import gzip
import json
import signal
import subprocess
import sys
import time

import pytest
from conftest import PROJECT
from loopback import Reply
from test_cli import cleaner

PARAGRAPHS = {
    "harbour": ["The council approved the new budget on Tuesday after a long debate about the harbour works.",
                "Opposition members said the spending plan left too little for the schools in the north."],
    "floods": ["Rivers in the valley rose above their banks overnight, and two villages were cut off by water.",
               "Rescue teams reached the last stranded families by boat before dawn, near the old café."],
}
FAST = ["--delay", "0", "--backoff", "0.01", "--retries", "1", "--contact", "https://example.org/crawl-info"]


def article(name: str, charset: str = "utf-8") -> bytes:
    body = "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS[name])
    return (f"<html><head><title>{name.title()}</title></head><body><nav><a href='/'>Home</a> <a href='/sport'>Sport</a>"
            f"</nav><article><h1>{name.title()}</h1>{body}</article><footer>© 2024 Example News</footer></body></html>"
            ).encode(charset)


@pytest.fixture
def news(site):
    """A news site: two articles (one behind a redirect), a disallowed page, a PDF and a missing page."""
    site.routes["/robots.txt"] = Reply(body=b"User-agent: *\nDisallow: /members/\n", content_type="text/plain")
    site.routes["/2024/harbour"] = Reply(body=article("harbour"))
    site.routes["/floods"] = Reply(301, headers={"Location": "/2024/floods"})
    site.routes["/2024/floods"] = Reply(body=article("floods", "latin-1"),
                                          content_type="text/html; charset=iso-8859-1")
    site.routes["/members/secret"] = Reply(body=article("harbour"))
    site.routes["/report.pdf"] = Reply(body=b"%PDF-1.7", content_type="application/pdf")
    return site


def bodies(records) -> dict[str, str]:
    return {record["url"].rsplit("/", 1)[1]: record["text"] for record in records}


def expected() -> dict[str, str]:
    return {name: "\n\n".join(paragraphs) for name, paragraphs in PARAGRAPHS.items()}


def test_fetch_to_jsonl_then_clean(news, tmp_path):
    urls = tmp_path / "urls.txt"
    urls.write_text("# today's crawl\n" + "\n".join(news.url(p) for p in ("/members/secret", "/report.pdf", "/gone")) + "\n")
    pages, errors = tmp_path / "pages.jsonl.gz", tmp_path / "errors.jsonl"
    run = cleaner("fetch", news.url("/2024/harbour"), news.url("/floods"), "--urls", str(urls),
                  "-o", str(pages), "--errors", str(errors), *FAST)
    assert run.returncode == 1  # some URLs gave no page
    assert "fetched 2 page(s), 3 failed (1 robots, 1 content-type, 1 http)" in run.stderr
    assert f"{news.url('/members/secret')}: fetch: disallowed by robots.txt" in run.stderr
    failures = {record["kind"]: record for record in map(json.loads, errors.read_text().splitlines())}
    assert failures["http"]["status"] == 404 and failures["http"]["stage"] == "fetch"
    assert failures["content-type"]["id"] == news.url("/report.pdf")
    records = [json.loads(line) for line in gzip.decompress(pages.read_bytes()).splitlines()]
    assert [r["id"] for r in records] == [news.url("/2024/harbour"), news.url("/floods")]
    assert records[1]["url"] == news.url("/2024/floods") and records[1]["redirects"] == [news.url("/floods")]
    assert all(r["status"] == 200 and r["fetched_at"] and r["headers"]["content-type"] for r in records)

    out = tmp_path / "clean.jsonl"
    run = cleaner("clean", str(pages), "-o", str(out))
    assert run.returncode == 0, run.stderr
    assert bodies(map(json.loads, out.read_text().splitlines())) == expected()


def test_fetch_to_warc_then_clean(news, tmp_path):
    pages = tmp_path / "pages.warc.gz"
    run = cleaner("fetch", news.url("/2024/harbour"), news.url("/floods"), "-o", str(pages), *FAST)
    assert run.returncode == 0, run.stderr
    out = tmp_path / "clean.jsonl"
    run = cleaner("clean", str(pages), "-o", str(out), "-j", "2")
    assert run.returncode == 0, run.stderr
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert bodies(records) == expected()
    assert all(record["id"].startswith("urn:uuid:") for record in records)


def test_fetch_piped_into_clean(news):
    fetch = subprocess.Popen([sys.executable, "-m", "cleaner", "fetch", news.url("/2024/harbour"), news.url("/floods"),
                              *FAST], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=PROJECT)
    clean = subprocess.run([sys.executable, "-m", "cleaner", "clean", "-"], stdin=fetch.stdout, capture_output=True,
                           text=True, cwd=PROJECT, timeout=120)
    fetch.stdout.close()
    assert fetch.wait(timeout=60) == 0, fetch.stderr.read()
    fetch.stderr.close()
    assert clean.returncode == 0, clean.stderr
    assert bodies(map(json.loads, clean.stdout.splitlines())) == expected()


def _hear_interrupts() -> None:
    """Undo an inherited SIG_IGN for SIGINT (a runner started in the background without job control
    passes one on), or the child never sees the Ctrl-C the test sends."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_interrupted_fetch_leaves_no_complete_looking_output(news, tmp_path):
    # The read timeout must not run out before the interrupt arrives (a loaded machine may take a
    # second to send it), and the fetch under way ends within it once interrupted.
    news.routes["/slow"] = Reply(body=article("harbour"), wait=5)
    pages = tmp_path / "pages.jsonl.gz"
    fetch = subprocess.Popen([sys.executable, "-m", "cleaner", "fetch", news.url("/2024/harbour"), news.url("/slow"),
                              "-o", str(pages), "--read-timeout", "3", *FAST], stderr=subprocess.PIPE, text=True, cwd=PROJECT,
                             preexec_fn=_hear_interrupts)
    deadline = time.monotonic() + 30
    while "/slow" not in news.paths() and time.monotonic() < deadline:  # the slow page is under way
        time.sleep(0.02)
    fetch.send_signal(signal.SIGINT)
    _, stderr = fetch.communicate(timeout=60)
    assert fetch.returncode == 130 and "interrupted after" in stderr and "Traceback" not in stderr, stderr
    assert not pages.exists()


def test_unusable_arguments():
    assert cleaner("fetch").returncode == 2
    run = cleaner("fetch", "http://127.0.0.1:9/a", "-o", "pages.csv")
    assert run.returncode == 2 and "fetch writes .jsonl(.gz) or .warc(.gz)" in run.stderr
    assert cleaner("fetch", "--urls", "/no/such/list.txt").returncode == 2
