"""`cleaner fetch URL... | --urls FILE [-o PAGES]`: fetch pages politely for `cleaner clean`.

Pages go to JSONL records {id, url, status, headers, fetched_at, redirects, html} (stdout by
default, so `cleaner fetch ... | cleaner clean -` streams) or to WARC response records. A URL
that gives no page is never in the output: it is reported on stderr, optionally written to
`--errors FILE`, and makes the exit status 1.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Callable, Iterator

from ..fetch import Fetcher, FetchError, FetchPolicy, Page, fetch_all
from ..warc import WarcSink
from ..write import JsonlSink, committed, is_jsonl_path
from .common import FAILED, INTERRUPTED, OK, USAGE_ERROR, warn

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


# The policy's flags: flag, FetchPolicy field, type, metavar, help (the default is appended).
POLICY_OPTIONS = (
    ("--contact", "contact", str, "URL", "where site owners can reach you (a URL or e-mail), sent in the User-Agent"),
    ("--user-agent", "user_agent", str, "UA", "the whole User-Agent, replacing the one built from --contact"),
    ("--delay", "delay", _seconds, "S", "seconds between requests to one host; robots.txt may ask more"),
    ("--retries", "retries", _count, "N", "retries after 408/429/5xx, timeouts and dropped connections"),
    ("--backoff", "backoff", _seconds, "S", "first retry wait, doubled each time; a longer Retry-After wins"),
    ("--max-backoff", "max_backoff", _seconds, "S", "longest wait; a longer Retry-After gives up on the URL"),
    ("--connect-timeout", "connect_timeout", _seconds, "S", "longest wait for a connection"),
    ("--read-timeout", "read_timeout", _seconds, "S", "longest silence from the server"),
    ("--timeout", "total_timeout", _seconds, "S", "longest time for one whole response"),
    ("--max-bytes", "max_bytes", _count, "N", "largest (decoded) body kept"),
    ("--max-redirects", "max_redirects", _count, "N", "redirects followed at most"),
)


def register(subparsers, shared: argparse.ArgumentParser) -> None:
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
    parser.add_argument("-w", "--workers", type=_count, default=4, metavar="N", help="fetches at a time (default 4)")
    group = parser.add_argument_group("politeness and limits")
    defaults = FetchPolicy()
    for flag, name, kind, metavar, text in POLICY_OPTIONS:
        default = getattr(defaults, name)
        group.add_argument(flag, dest=name, type=kind, default=default, metavar=metavar,
                           help=f"{text} (default {default!r})" if default != "" else text)
    parser.set_defaults(run=run_fetch)


def policy_from_args(args: argparse.Namespace) -> FetchPolicy:
    return FetchPolicy(**{name: getattr(args, name) for _, name, *_ in POLICY_OPTIONS})


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
    errors = JsonlSink(args.errors) if args.errors else None
    failed: Counter = Counter()
    fetched, started = 0, time.perf_counter()
    try:
        with committed(sink, errors):
            for url, outcome in fetch_all(Fetcher(policy), _urls(args), args.workers or 1):
                if isinstance(outcome, FetchError):
                    failed[outcome.kind] += 1
                    warn(f"{url}: fetch: {outcome.reason}")
                    if errors:
                        errors.write(outcome.to_record(url))
                    continue
                fetched += 1
                write_page(outcome)
    except KeyboardInterrupt:  # Ctrl-C: the fetches under way end (within their timeouts), nothing looks complete
        unwritten = "" if sink.describe() == "stdout" else f"; {sink.describe()} was not written"
        warn(f"interrupted after {fetched} page(s){unwritten}")
        return INTERRUPTED
    kinds = ", ".join(f"{count} {kind}" for kind, count in failed.most_common())
    total_failed = sum(failed.values())
    print(f"cleaner: fetched {fetched} page(s), {total_failed} failed{f' ({kinds})' if kinds else ''} "
          f"in {time.perf_counter() - started:.1f}s -> {sink.describe()}", file=sys.stderr)
    return FAILED if total_failed else OK
