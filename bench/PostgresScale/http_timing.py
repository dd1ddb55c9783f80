#!/usr/bin/env python3
"""Times the registry's HTTP listings on the PostgreSQL scale data set (run by bench/PostgresScale/run.sh).

Usage: http_timing.py BASE_URL USER PASSWORD REPOSITORY TAGS REPOSITORIES

Over one kept-alive connection, with a bearer token from the registry's own token flow:
- walks REPOSITORY's whole tag list in pages of 100 by following Link; every page is requested for the first time,
  so each is a keyset query on PostgreSQL, not a cached answer. Reports the per-page latency (median, p99, max).
- walks the whole catalog in pages of 100 by following Link, 5 times; the first walk is uncached.
Checks the entries: every tag and repository once, in ordinal order. Exits 1 when a check or a target fails
(a page above 10 ms at the median, a catalog walk above 1 s).
"""
import base64
import http.client
import json
import re
import statistics
import sys
import time
import urllib.parse

base, user, password, repository, expected_tags, expected_repositories = sys.argv[1:7]
expected_tags, expected_repositories = int(expected_tags), int(expected_repositories)
target = urllib.parse.urlsplit(base)
connection = http.client.HTTPConnection(target.hostname, target.port)
tokens = {}


def token_for(challenge):
    params = dict(re.findall(r'(\w+)="([^"]*)"', challenge))
    realm = urllib.parse.urlsplit(params["realm"])
    query = urllib.parse.urlencode({"service": params.get("service", ""), "scope": params.get("scope", "")})
    basic = base64.b64encode(f"{user}:{password}".encode()).decode()
    connection.request("GET", f"{realm.path}?{query}", headers={"Authorization": f"Basic {basic}"})
    response = connection.getresponse()
    body = json.loads(response.read())
    if response.status != 200:
        sys.exit(f"token request failed: HTTP {response.status} {body}")
    return body.get("token") or body.get("access_token")


def get(path, scope_key):
    """GET path; returns (seconds for the authorized request, parsed JSON, next Link path or None)."""
    for _ in range(2):
        headers = {"Authorization": f"Bearer {tokens[scope_key]}"} if scope_key in tokens else {}
        start = time.perf_counter()
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        body = response.read()
        elapsed = time.perf_counter() - start
        if response.status == 401:
            tokens[scope_key] = token_for(response.getheader("WWW-Authenticate", "").removeprefix("Bearer "))
            continue
        if response.status != 200:
            sys.exit(f"GET {path}: HTTP {response.status} {body[:300]!r}")
        link = response.getheader("Link")
        next_path = re.match(r"<([^>]*)>", link).group(1) if link else None
        return elapsed, json.loads(body), next_path
    sys.exit(f"GET {path}: still 401 after authenticating")


def walk(first, field, scope_key):
    pages, items, path = [], [], first
    while path:
        elapsed, doc, path = get(path, scope_key)
        pages.append(elapsed * 1000)
        items.extend(doc[field])
    return pages, items


def check(what, items, expected):
    if len(items) != expected or len(set(items)) != expected:
        sys.exit(f"{what}: {len(items)} entries ({len(set(items))} distinct), expected {expected}")
    if items != sorted(items, key=lambda s: s.encode()):
        sys.exit(f"{what}: not in ordinal order")


failed = False
get(f"/v2/{repository}/tags/list?n=1", "tags")  # authenticates; this one page is not counted
start = time.perf_counter()
pages, tags = walk(f"/v2/{repository}/tags/list?n=100", "tags", "tags")
total = time.perf_counter() - start
check("tag walk", tags, expected_tags)
pages_sorted = sorted(pages)
median = statistics.median(pages)
p99 = pages_sorted[int(len(pages_sorted) * 0.99) - 1]
print(f"tags/list of {repository} ({expected_tags:,} tags), {len(pages)} pages of 100, each requested for the first time: "
      f"median {median:.2f} ms, p99 {p99:.2f} ms, max {pages_sorted[-1]:.2f} ms per page; whole walk {total:.2f} s"
      f" -> {'OK' if median < 10 else 'ABOVE'} the 10 ms target")
failed |= median >= 10

walks = []
get("/v2/_catalog?n=1", "catalog")
for i in range(5):
    start = time.perf_counter()
    pages, repositories = walk("/v2/_catalog?n=100", "repositories", "catalog")
    walks.append(time.perf_counter() - start)
    check("catalog walk", repositories, expected_repositories)
print(f"catalog of {expected_repositories:,} repositories in {len(pages)} pages of 100: first walk {walks[0] * 1000:.0f} ms, "
      f"median of 5 walks {statistics.median(walks) * 1000:.0f} ms -> {'OK' if max(walks) < 1 else 'ABOVE'} the 1 s target")
failed |= max(walks) >= 1
sys.exit(1 if failed else 0)
