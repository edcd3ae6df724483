"""The polite fetcher against a loopback site: robots.txt, pace per host, retries, limits."""
from __future__ import annotations

import gzip
import socket

import pytest
from loopback import Reply

from cleaner.fetch import Fetcher, FetchError, FetchPolicy, fetch_all

PAGE = b"<html><head><title>Harbour</title></head><body><p>The council approved the budget.</p></body></html>"
FAST = FetchPolicy(contact="https://example.org/crawl-info", delay=0.0, retries=2, backoff=0.01, max_backoff=1.0,
                   connect_timeout=1.0, read_timeout=1.0, total_timeout=2.0)


def fetch(site, path: str, policy: FetchPolicy = FAST):
    return Fetcher(policy).fetch(site.url(path))


def failure(site, path: str, policy: FetchPolicy = FAST) -> FetchError:
    with pytest.raises(FetchError) as caught:
        fetch(site, path, policy)
    return caught.value


def test_page_records_status_final_url_headers_and_agent(site):
    site.routes["/a"] = Reply(body=PAGE, headers={"X-Served-By": "test"})
    page = fetch(site, "/a")
    record = page.to_record()
    assert record["id"] == record["url"] == site.url("/a")
    assert record["status"] == 200 and record["html"] == PAGE.decode()
    assert record["headers"]["x-served-by"] == "test" and record["fetched_at"].endswith("Z")
    agent = site.seen[-1].user_agent
    assert agent.startswith("cleaner/") and "+https://example.org/crawl-info" in agent


def test_http_charset_decodes_the_body(site):
    site.routes["/ru"] = Reply(body="<p>Городской совет утвердил бюджет.</p>".encode("cp1251"),
                               content_type="text/html; charset=windows-1251")
    assert "Городской совет" in fetch(site, "/ru").html


def test_robots_rules_are_obeyed_with_wildcards_and_groups(site):
    site.routes["/robots.txt"] = Reply(body=b"User-agent: *\nDisallow: /\n\n"
                                            b"User-agent: cleaner\nDisallow: /private/\nDisallow: /*?print=\n",
                                       content_type="text/plain")
    site.routes["/news/a"] = Reply(body=PAGE)
    fetcher = Fetcher(FAST)
    assert fetcher.fetch(site.url("/news/a")).exchange.status == 200
    for path in ("/private/b", "/news/a?print=1"):
        with pytest.raises(FetchError) as caught:
            fetcher.fetch(site.url(path))
        assert caught.value.kind == "robots" and caught.value.reason == "disallowed by robots.txt"
    assert site.paths() == ["/robots.txt", "/news/a"]  # robots.txt read once, refused pages never asked for


def test_robots_server_error_keeps_the_whole_host_off_limits(site):
    site.routes["/robots.txt"] = Reply(503, b"down", "text/plain")
    site.routes["/a"] = Reply(body=PAGE)
    error = failure(site, "/a")
    assert error.kind == "robots" and "unreachable" in error.reason and "503" in error.reason
    assert "/a" not in site.paths()


def test_missing_robots_allows_everything(site):
    site.routes["/a"] = Reply(body=PAGE)  # /robots.txt answers 404
    assert fetch(site, "/a").exchange.status == 200


def test_one_request_at_a_time_per_host_with_a_pause(site):
    site.routes["/robots.txt"] = Reply(body=b"User-agent: *\nCrawl-delay: 0.1\n", content_type="text/plain")
    for name in "abc":
        site.routes[f"/{name}"] = Reply(body=PAGE, wait=0.02)
    policy = FetchPolicy(delay=0.05, retries=0)
    outcomes = list(fetch_all(Fetcher(policy), [site.url(f"/{name}") for name in "abc"], workers=3))
    assert [url for url, _ in outcomes] == [site.url(f"/{name}") for name in "abc"]  # input order
    requests = sorted(site.seen, key=lambda seen: seen.started)
    assert [seen.path for seen in requests][0] == "/robots.txt"
    for before, after in zip(requests, requests[1:]):
        # A request takes 0.02s on the server; the next may start only after its answer arrived plus
        # the pause: --delay after robots.txt, then the host's longer Crawl-delay. So never two at once.
        pause = 0.05 if before.path == "/robots.txt" else 0.02 + 0.1
        assert after.started - before.started >= pause


def test_server_error_then_success_is_retried(site):
    site.routes["/a"] = [Reply(500, b"oops"), Reply(body=PAGE)]
    page = fetch(site, "/a")
    assert page.exchange.status == 200 and page.exchange.attempts == 2
    assert site.paths().count("/a") == 2


def test_retry_after_is_honoured(site):
    site.routes["/a"] = [Reply(429, b"slow down", headers={"Retry-After": "1"}), Reply(body=PAGE)]
    assert fetch(site, "/a", FetchPolicy(delay=0, backoff=0.01, max_backoff=2)).exchange.status == 200
    first, second = sorted((s for s in site.seen if s.path == "/a"), key=lambda seen: seen.started)
    assert second.started - first.started >= 1.0


def test_retry_after_beyond_the_limit_gives_up_at_once(site):
    site.routes["/a"] = Reply(503, b"maintenance", headers={"Retry-After": "3600"})
    error = failure(site, "/a")
    assert error.kind == "http" and error.status == 503 and "3600s" in error.reason
    assert site.paths().count("/a") == 1


def test_persistent_server_error_fails_after_every_retry(site):
    site.routes["/a"] = Reply(502, b"bad gateway")
    error = failure(site, "/a")
    assert (error.kind, error.status) == ("http", 502) and "after 3 attempts" in error.reason
    assert site.paths().count("/a") == 3


def test_client_error_is_not_retried(site):
    error = failure(site, "/missing")
    assert (error.kind, error.status, error.reason) == ("http", 404, "HTTP 404 Not Found")
    assert site.paths().count("/missing") == 1


def test_slow_host_times_out(site):
    site.routes["/slow"] = Reply(body=PAGE, wait=0.5)
    error = failure(site, "/slow", FetchPolicy(delay=0, retries=1, backoff=0.01, read_timeout=0.1))
    assert error.kind == "timeout" and "2 attempts" in error.reason


def test_a_body_that_trickles_in_hits_the_total_timeout(site):
    site.routes["/drip"] = Reply(body=PAGE * 20, drip=0.02)
    error = failure(site, "/drip", FetchPolicy(delay=0, retries=0, read_timeout=1, total_timeout=0.2))
    assert error.kind == "timeout" and "whole response" in error.reason


def test_redirect_is_followed_and_recorded(site):
    site.routes["/old"] = Reply(301, headers={"Location": "/new"})
    site.routes["/new"] = Reply(body=PAGE)
    page = fetch(site, "/old")
    assert page.exchange.url == site.url("/new") and page.redirects == (site.url("/old"),)
    assert page.to_record()["url"] == site.url("/new") and page.to_record()["id"] == site.url("/old")


def test_redirect_loop_is_reported(site):
    site.routes["/a"] = Reply(302, headers={"Location": "/b"})
    site.routes["/b"] = Reply(302, headers={"Location": "/a"})
    error = failure(site, "/a")
    assert error.kind == "redirect" and "loop" in error.reason and error.reason.count("->") == 2


def test_unreadable_redirect_location_is_reported(site):
    site.routes["/a"] = Reply(302, headers={"Location": "http://[bad/b"})
    error = failure(site, "/a")
    assert error.kind == "redirect" and "unreadable redirect location" in error.reason


def test_redirect_limit(site):
    for n in range(5):
        site.routes[f"/r{n}"] = Reply(307, headers={"Location": f"/r{n + 1}"})
    error = failure(site, "/r0", FetchPolicy(delay=0, max_redirects=2))
    assert error.kind == "redirect" and "more than 2 redirects" in error.reason
    assert "/r3" not in site.paths()


def test_redirect_into_a_disallowed_path_is_refused(site):
    site.routes["/robots.txt"] = Reply(body=b"User-agent: *\nDisallow: /private\n", content_type="text/plain")
    site.routes["/a"] = Reply(301, headers={"Location": "/private/a"})
    assert failure(site, "/a").kind == "robots"
    assert "/private/a" not in site.paths()


@pytest.mark.parametrize("reply", [
    Reply(body=b"<p>" + b"x" * 5000 + b"</p>"),  # Content-Length says so at once
    Reply(body=b"<p>" + b"x" * 5000 + b"</p>", chunked=True),  # only reading tells
    Reply(body=gzip.compress(b"<p>" + b"x" * 100_000 + b"</p>"), headers={"Content-Encoding": "gzip"}),  # small on the wire
], ids=["content-length", "chunked", "gzip-bomb"])
def test_oversized_body_is_refused(site, reply):
    site.routes["/big"] = reply
    error = failure(site, "/big", FetchPolicy(delay=0, max_bytes=4096))
    assert error.kind == "size" and "4096 bytes" in error.reason


def test_gzip_page_is_decoded(site):
    site.routes["/gz"] = Reply(body=gzip.compress(PAGE), headers={"Content-Encoding": "gzip"})
    assert fetch(site, "/gz").html == PAGE.decode()


def test_non_html_content_type_is_refused(site):
    site.routes["/report.pdf"] = Reply(body=b"%PDF-1.7 ...", content_type="application/pdf")
    error = failure(site, "/report.pdf")
    assert (error.kind, error.status) == ("content-type", 200) and "application/pdf" in error.reason


def test_refused_connection_and_bad_urls():
    with socket.socket() as sock:  # a loopback port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(FetchError) as caught:
        Fetcher(FAST).fetch(f"http://127.0.0.1:{port}/a")
    assert caught.value.kind == "robots" and "unreachable" in caught.value.reason
    with pytest.raises(FetchError) as caught:
        Fetcher(FAST).fetch("ftp://127.0.0.1/file")
    assert caught.value.kind == "url"
    with pytest.raises(FetchError) as caught:
        Fetcher(FAST).fetch("http://[bad/page")  # urllib cannot split it
    assert caught.value.kind == "url"
