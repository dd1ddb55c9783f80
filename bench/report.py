#!/usr/bin/env python3
"""Turns bench/run.sh's regbench JSON files into the markdown table of docs/benchmarks.md.

Usage: report.py WORKDIR ROUNDS COMMIT OUT

Replaces the part of OUT between the BEGIN and END markers (the whole file when it has none) and prints it.
"""
import json
import os
import platform
import statistics
import subprocess
import sys
from datetime import datetime, timezone

work, rounds, commit, out = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
BEGIN, END = "<!-- bench/run.sh: begin -->", "<!-- bench/run.sh: end -->"

# (label, scenario, path inside the scenario result, unit, higher_is_better)
FIGURES = [
    ("push, monolithic", "push-mono", ["mb_per_s"], "MB/s", True),
    ("push, chunked", "push-chunked", ["mb_per_s"], "MB/s", True),
    ("blob pull", "pull-blob", ["mb_per_s"], "MB/s", True),
    ("thundering herd (50 clients)", "thundering-herd", ["mb_per_s"], "MB/s", True),
    ("manifest GET", "manifest-get", ["get", "requests_per_s"], "req/s", True),
    ("manifest GET p99", "manifest-get", ["get", "latency_ms", "p99"], "ms", False),
    ("manifest HEAD", "manifest-get", ["head", "requests_per_s"], "req/s", True),
    ("manifest HEAD p99", "manifest-get", ["head", "latency_ms", "p99"], "ms", False),
    ("tag creation", "tags-scale", ["tags_per_s"], "tags/s", True),
    ("tag list, whole", "tags-scale", ["list_full", "median_ms"], "ms", False),
    ("tag list, n=100 walk", "tags-scale", ["list_paged", "median_ms"], "ms", False),
    ("catalog walk, n=100", "catalog-scale", ["walk_paged", "median_ms"], "ms", False),
    ("catalog, whole", "catalog-scale", ["walk_full", "median_ms"], "ms", False),
    ("repository creation", "catalog-scale", ["repos_per_s"], "repos/s", True),
    ("cross-repository mounts", "mount", ["mounts_per_s"], "mounts/s", True),
    ("tag list, whole, at the server (curl)", "curl", ["tags_whole_ms"], "ms", False),
    ("catalog, whole, at the server (curl)", "curl", ["catalog_whole_ms"], "ms", False),
]


def load(target):
    runs = []
    for r in range(1, rounds + 1):
        path = os.path.join(work, f"{target}-{r}.json")
        rss_path = os.path.join(work, f"{target}-{r}.rss")
        doc = json.load(open(path)) if os.path.exists(path) else {"results": []}
        by_name = {res.get("scenario"): res for res in doc.get("results", [])}
        rss = None
        if os.path.exists(rss_path):
            text = open(rss_path).read().strip()
            rss = int(text) / 1024 if text else None
        lists_path = os.path.join(work, f"{target}-{r}.lists.json")
        try:
            by_name["curl"] = json.load(open(lists_path))
        except (OSError, ValueError):
            pass
        runs.append((by_name, rss))
    return runs


def pick(result, path):
    value = result
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value if isinstance(value, (int, float)) else None


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt(value):
    if value is None:
        return "n/a"
    return f"{value:,.0f}" if value >= 100 else f"{value:,.2f}"


ours, dist = load("ours"), load("distribution")
rows = []
for label, scenario, path, unit, higher in FIGURES:
    o = median([pick(runs.get(scenario, {}), path) for runs, _ in ours])
    d = median([pick(runs.get(scenario, {}), path) for runs, _ in dist])
    ratio = None
    if o and d:
        ratio = o / d if higher else d / o
    rows.append((label, unit, o, d, ratio, "higher" if higher else "lower"))
o_rss, d_rss = median([r for _, r in ours]), median([r for _, r in dist])
rows.append(("peak resident memory", "MiB", o_rss, d_rss, (d_rss / o_rss) if o_rss and d_rss else None, "lower"))

notes = []
for name, runs in (("ours", ours), ("Distribution", dist)):
    for i, (results, _) in enumerate(runs, 1):
        for scenario, result in results.items():
            if not result.get("ok", True):
                notes.append(f"- round {i}, {name}, {scenario}: failed ({result.get('error', 'no detail')})")
        tags = results.get("tags-scale", {})
        if tags and (tags.get("sorted") is False or tags.get("list_paged", {}).get("n_honored") is False):
            notes.append(f"- round {i}, {name}: tags/list sorted={tags.get('sorted')}, n honoured={tags.get('list_paged', {}).get('n_honored')}")

cpu = "unknown"
try:
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
except OSError:
    pass
mem = subprocess.run(["free", "-g"], capture_output=True, text=True).stdout.split("\n")[1].split()[1] if os.path.exists("/usr/bin/free") else "?"

lines = []
say = lines.append
say(f"Measured with `bench/run.sh` ({rounds} alternating rounds, medians) on {datetime.now(timezone.utc):%Y-%m-%d}, "
    f"commit `{commit}`, {os.cpu_count()} CPUs ({cpu}), {mem} GiB memory, {platform.system()} {platform.release()}.")
say("Both registries run on loopback with fresh filesystem storage each round: ours with its embedded defaults")
say("(filesystem blobs fsynced before each acknowledgement, SQLite metadata, authentication on: regbench logs in as")
say("admin and runs Docker's token flow, one token per scope), Distribution 2.8 (`docker-registry`) with its filesystem")
say("driver and no authentication. The ratio is ours against Distribution, oriented so that above 1.0 means ours is better.")
say("")
say("| figure | unit | ours | Distribution | ratio | better is |")
say("|---|---|---:|---:|---:|---|")
for label, unit, o, d, ratio, better in rows:
    say(f"| {label} | {unit} | {fmt(o)} | {fmt(d)} | {'n/a' if ratio is None else f'{ratio:.2f}x'} | {better} |")
say("""
Reading the table: "tag list, n=100 walk" is not like for like. Distribution ignores `n` and `last` and answers the
whole list, unsorted, in one response, so its "walk" is a single request; ours follows `Link` through 100 sorted
pages of 100. "tag list, whole" compares one request each, timed by regbench from sending the request to having
decoded the 10,000 tags and put them in its maps. The two "at the server (curl)" rows time the same unpaginated
requests with curl right after regbench, on one kept-alive connection (`bench/list-timing.sh`): request sent to last
byte received, no decoding, median of 30. Distribution answers an unparameterised `_catalog` with its first 100
repositories and a `Link` (regbench follows it through 21 pages), so its curl catalog figure is one page of 100 while
ours is all 2,000-odd repositories in one answer.""")
by_label = {label: (o, d) for label, _, o, d, _, _ in rows}
(o_full, d_full), (o_curl, d_curl) = by_label["tag list, whole"], by_label["tag list, whole, at the server (curl)"]
if None not in (o_full, d_full, o_curl, d_curl):
    o_client, d_client = o_full - o_curl, d_full - d_curl
    client = min(o_client, d_client)
    say(f"""
The difference between the two tag-list rows is mostly regbench's own work, decoding the same 100 KB and filling the
same maps: {o_client:.2f} ms after our answer, {d_client:.2f} ms after Distribution's. That share is part of both regbench
figures, so taking the smaller one, regbench's whole-list ratio cannot exceed {d_full:.2f} / {client:.2f} = {d_full / client:.1f}x even
for a registry that answered in no time; at the server, the answer is {d_curl / o_curl:.1f}x faster.""")
if notes:
    say("\nNotes:\n" + "\n".join(notes))

section = "\n".join(lines)
try:
    text = open(out).read()
except OSError:
    text = ""
if BEGIN in text and END in text:
    text = text[:text.index(BEGIN) + len(BEGIN)] + "\n" + section + "\n" + text[text.index(END):]
else:
    text = "# Benchmarks\n\n## Side by side with CNCF Distribution\n\n" + BEGIN + "\n" + section + "\n" + END + "\n"
open(out, "w").write(text)
print(section)
