"""`cleaner fetch URL... | --urls FILE [-o PAGES]`: fetch pages politely for `cleaner clean`.

Pages go to JSONL records {id, url, status, headers, fetched_at, redirects, html} (stdout by
default, so `cleaner fetch ... | cleaner clean -` streams) or to WARC response records. A URL
that gives no page is never in the output: it is reported on stderr, optionally written to
`--errors FILE`, and makes the exit status 1.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Callable, Iterator

from ..fetch import Fetcher, FetchError, FetchPolicy, Page, fetch_all
from ..write import AtomicFile, JsonlSink, is_jsonl_path
from ..warc import WarcSink
from .common import FAILED, OK, USAGE_ERROR, warn

WARC_SUFFIXES = (".warc", ".warc.gz")


def _seconds(text: str) -> float:
    value = float(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must not be negative: {text}")
    return value


def _count(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must not be negative: {text}")
    return value


def register(subparsers, shared: argparse.ArgumentParser) -> None:
    defaults = FetchPolicy()
    parser = subparsers.add_parser(
        "fetch", help="fetch pages politely (robots.txt, per-host pace, retries) for cleaning",
        description="Fetch HTML pages politely: robots.txt obeyed, one request at a time per host with a pause "
                    "after it, retries with backoff on 408/429/5xx, timeouts, a size cap and a redirect limit.")
    parser.add_argument("urls", nargs="*", metavar="URL")
    parser.add_argument("--urls", dest="url_file", metavar="FILE", help="a file of URLs, one a line (# comments; - for stdin)")
    parser.add_argument("-o", "--output", metavar="OUT",
                        help="PAGES.jsonl(.gz) or PAGES.warc(.gz); default or -: JSONL on stdout")
    parser.add_argument("--errors", metavar="FILE",
                        help="also write failed URLs as JSONL {id, source, stage, reason, kind, status, url}")
    parser.add_argument("--contact", default="", metavar="URL",
                        help="where site owners can reach you (a URL or e-mail), sent in the User-Agent")
    parser.add_argument("--user-agent", default="", metavar="UA", help="the whole User-Agent (replaces the default)")
    parser.add_argument("-w", "--workers", type=_count, default=4, metavar="N", help="fetches at a time (default 4)")
    group = parser.add_argument_group("politeness and limits")
    group.add_argument("--delay", type=_seconds, default=defaults.delay, metavar="S",
                       help=f"seconds between requests to one host (default {defaults.delay:g}; robots.txt may ask more)")
    group.add_argument("--retries", type=_count, default=defaults.retries, metavar="N",
                       help=f"retries after 408/429/5xx, timeouts, dropped connections (default {defaults.retries})")
    group.add_argument("--backoff", type=_seconds, default=defaults.backoff, metavar="S",
                       help=f"first retry wait, doubled each time; Retry-After wins when longer (default {defaults.backoff:g})")
    group.add_argument("--max-backoff", type=_seconds, default=defaults.max_backoff, metavar="S",
                       help=f"longest wait; a longer Retry-After gives up on the URL (default {defaults.max_backoff:g})")
    group.add_argument("--connect-timeout", type=_seconds, default=defaults.connect_timeout, metavar="S")
    group.add_argument("--read-timeout", type=_seconds, default=defaults.read_timeout, metavar="S",
                       help=f"longest silence from the server (default {defaults.read_timeout:g})")
    group.add_argument("--timeout", type=_seconds, default=defaults.total_timeout, metavar="S",
                       help=f"longest time for one whole response (default {defaults.total_timeout:g})")
    group.add_argument("--max-bytes", type=_count, default=defaults.max_bytes, metavar="N",
                       help=f"largest (decoded) body kept (default {defaults.max_bytes})")
    group.add_argument("--max-redirects", type=_count, default=defaults.max_redirects, metavar="N")
    parser.set_defaults(run=run_fetch)


def policy_from_args(args: argparse.Namespace) -> FetchPolicy:
    return FetchPolicy(contact=args.contact, user_agent=args.user_agent, delay=args.delay, retries=args.retries,
                       backoff=args.backoff, max_backoff=args.max_backoff, connect_timeout=args.connect_timeout,
                       read_timeout=args.read_timeout, total_timeout=args.timeout, max_bytes=args.max_bytes,
                       max_redirects=args.max_redirects)


def _urls(args: argparse.Namespace) -> Iterator[str]:
    yield from args.urls
    if args.url_file:
        lines = sys.stdin if args.url_file == "-" else open(args.url_file, encoding="utf-8", errors="replace")
        with lines:
            for line in lines:
                line = line.strip()
                if line and not line.startswith("#"):
                    yield line


def _open_output(output: str | None, software: str) -> tuple[JsonlSink | WarcSink, Callable[[Page], None]]:
    """The sink for -o and how to write one page to it."""
    if output and output.endswith(WARC_SUFFIXES):
        warc = WarcSink(Path(output), software=software)

        def write_warc(page: Page) -> None:
            exchange = page.exchange
            warc.write_response(exchange.url, f"{exchange.status} {exchange.reason}".strip(), exchange.headers,
                                exchange.body, page.fetched_at)
        return warc, write_warc
    jsonl = JsonlSink(None if output in (None, "-") else output)
    streaming = jsonl.describe() == "stdout"

    def write_jsonl(page: Page) -> None:
        jsonl.write(page.to_record())
        if streaming:  # `cleaner fetch | cleaner clean -` cleans each page as soon as it arrives
            sys.stdout.flush()
    return jsonl, write_jsonl


def run_fetch(args: argparse.Namespace) -> int:
    if not args.urls and not args.url_file:
        warn("fetch: give URLs or --urls FILE")
        return USAGE_ERROR
    if args.url_file and args.url_file != "-" and not Path(args.url_file).is_file():
        warn(f"{args.url_file}: no such file")
        return USAGE_ERROR
    if args.output and args.output != "-" and not (args.output.endswith(WARC_SUFFIXES) or is_jsonl_path(args.output)):
        warn(f"{args.output}: fetch writes .jsonl(.gz) or .warc(.gz), or - for stdout")
        return USAGE_ERROR
    policy = policy_from_args(args)
    if not policy.contact and not policy.user_agent:
        warn("no --contact given: site owners cannot reach you about this crawl; please name a URL or e-mail")
    sink, write_page = _open_output(args.output, policy.agent())
    errors = AtomicFile(Path(args.errors)) if args.errors else None
    failed: Counter = Counter()
    fetched, started = 0, time.perf_counter()
    try:
        for url, outcome in fetch_all(Fetcher(policy), _urls(args), args.workers or 1):
            if isinstance(outcome, FetchError):
                failed[outcome.kind] += 1
                warn(f"{url}: fetch: {outcome.reason}")
                if errors:
                    errors.stream.write(json.dumps(outcome.to_record(url), ensure_ascii=False) + "\n")
                continue
            fetched += 1
            write_page(outcome)
    except BaseException:
        sink.abort()
        if errors:
            errors.abort()
        raise
    sink.close()
    if errors:
        errors.commit()
    kinds = ", ".join(f"{count} {kind}" for kind, count in failed.most_common())
    total_failed = sum(failed.values())
    print(f"cleaner: fetched {fetched} page(s), {total_failed} failed{f' ({kinds})' if kinds else ''} "
          f"in {time.perf_counter() - started:.1f}s -> {sink.describe()}", file=sys.stderr)
    return FAILED if total_failed else OK
