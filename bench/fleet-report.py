#!/usr/bin/env python3
"""Turns bench/fleet.sh's files into the fleet table of docs/benchmarks.md.

Usage: fleet-report.py WORKDIR ROUNDS COMMIT OUT SMOKE BALANCER "NODES" "REDIRECTS" CONFIG...
(NODES e.g. "1 2 3", REDIRECTS e.g. "off on", CONFIG is CLIENTSxSIZE, e.g. 50x64MiB; SMOKE 1 labels the section as a
smoke run.)

Replaces the part of OUT between the BEGIN and END markers (appends them at the end when missing) and prints it.
"""
import json
import os
import platform
import statistics
import sys
from datetime import datetime, timezone
from docsection import write_section

work, rounds, commit, out, smoke, balancer = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5] == "1", sys.argv[6]
node_counts = [int(n) for n in sys.argv[7].split()]
redirects = sys.argv[8].split()
configs = sys.argv[9:]
BEGIN, END = "<!-- bench/fleet.sh: begin -->", "<!-- bench/fleet.sh: end -->"


def load(path):
    try:
        return json.load(open(path))
    except (OSError, ValueError):
        return None


def herd_result(path):
    for result in (load(path) or {}).get("results", []):
        if result.get("scenario") == "thundering-herd":
            return result
    return None


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt(value, digits=0):
    return "n/a" if value is None else f"{value:,.{digits}f}"


def each(values, digits=0):
    return " / ".join(fmt(v, digits) for v in values) if values else "n/a"


def load_average(name):
    try:
        return float(open(os.path.join(work, name + ".load")).read().split()[0])
    except (OSError, ValueError, IndexError):
        return None


rows, notes, loads = [], [], []
for config in configs:
    clients, size = config.split("x", 1)
    one_node = {}
    for count in node_counts:
        for mode in redirects:
            mbps, wall, p50, p99, pg, s3, lb, cl, lb_mb = [], [], [], [], [], [], [], [], []
            node_cpu, node_rss, node_req = [[] for _ in range(count)], [[] for _ in range(count)], [[] for _ in range(count)]
            for r in range(1, rounds + 1):
                name = f"fleet-{config}-n{count}-{mode}-r{r}"
                loads.append(load_average(name))
                result = herd_result(os.path.join(work, name + ".json"))
                if result is None or not result.get("ok", False):
                    notes.append(f"- round {r}, {count} node(s), redirects {mode}, {config}: failed "
                                 f"({(result or {}).get('error', 'no result')})")
                    continue
                mbps.append(result.get("mb_per_s"))
                wall.append(result.get("wall_s"))
                p50.append((result.get("client_ms") or {}).get("p50"))
                p99.append((result.get("client_ms") or {}).get("p99"))
                cost = load(os.path.join(work, name + ".cost.json")) or {}
                for i, v in enumerate((cost.get("node_cpu_s") or [])[:count]):
                    node_cpu[i].append(v)
                for i, v in enumerate((cost.get("node_peak_kib") or [])[:count]):
                    node_rss[i].append(v / 1024)
                for i, v in enumerate((cost.get("node_requests") or [])[:count]):
                    node_req[i].append(v)
                lb_mb.append(cost.get("balancer_mb"))
                pg.append(cost.get("postgres_cpu_s"))
                s3.append(cost.get("s3rver_cpu_s"))
                lb.append(cost.get("balancer_cpu_s"))
                cl.append(cost.get("clients_cpu_s"))
            m = median(mbps)
            if count == node_counts[0]:
                one_node[mode] = m
            base = one_node.get(mode)
            growth = "n/a" if not m or not base else f"{m / base:.2f}x"
            p50s, p99s = median(p50), median(p99)
            rows.append(
                f"| {clients} | {size} | {count} | {mode} | {fmt(m)} | {growth} | {fmt(median(wall), 1)} "
                f"| {fmt(p50s and p50s / 1000, 1)} | {fmt(p99s and p99s / 1000, 1)} "
                f"| {each([median(c) for c in node_req if c])} | {fmt(median(lb_mb))} "
                f"| {each([median(c) for c in node_cpu if c], 1)} | {each([median(c) for c in node_rss if c])} "
                f"| {fmt(median(pg), 1)} | {fmt(median(s3), 1)} | {fmt(median(lb), 1)} | {fmt(median(cl), 1)} |")

cpu_model = "unknown"
try:
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu_model = line.split(":", 1)[1].strip()
            break
except OSError:
    pass

cpus = os.cpu_count()
loads = [v for v in loads if v is not None]
base_name = f"{node_counts[0]} node{'s' if node_counts[0] != 1 else ''}"
lines = []
if smoke:
    lines += [
        "**Smoke run, not a measurement:** `bench/fleet.sh --smoke` only shows that the machinery works end to end (a",
        "few clients, a small layer, one round, see the load average below). Run `bench/fleet.sh` on a quiet machine",
        "for the figures; it replaces this section.",
        "",
    ]
lines += [
    f"Measured with `bench/fleet.sh{' --smoke' if smoke else ''}` ({rounds} round{'s' if rounds != 1 else ''}, "
    f"{'medians, node order alternating' if rounds > 1 else 'one run each'}) on {datetime.now(timezone.utc):%Y-%m-%d}, commit "
    f"`{commit}`, {cpus} CPUs ({cpu_model}), {platform.system()} {platform.release()}; balancer {balancer} "
    f"(round-robin, per request, no stickiness); 1-minute load average before the storms "
    f"{fmt(min(loads), 1) if loads else 'n/a'} to {fmt(max(loads), 1) if loads else 'n/a'}.",
    "",
    f"All of it shares the same {cpus} CPUs: every registry node, PostgreSQL, s3rver (one node.js process), the",
    "balancer and the regbench clients (which hash every byte they receive). Adding nodes adds no cores, so throughput",
    "can only grow with the nodes while one node cannot use the machine's CPUs by itself; beyond that, more nodes only",
    "share the same cores. Without redirects every layer byte passes through s3rver, a node and the balancer; with",
    "redirects the node answers 307 and the client fetches the layer from s3rver directly, so the nodes serve only the",
    "logins, the manifest and the two blob redirects. Either way s3rver, one node.js process, reads out every layer",
    "byte, so its speed bounds both. Read the CPU columns for where the time went.",
    "",
    f"Throughput is all bytes over the wall time until the last client is done; *vs {base_name}* compares it with the",
    f"same redirect setting at {base_name}; client p50/p99 are the clients' times for manifest + config + layer.",
    "Requests per node, MB via balancer and the CPU seconds cover regbench's herd run, which pushes the one image",
    "first (one layer upload, against N downloads of it), and not the warm-up: the balancer's counters (HAProxy only)",
    "for the requests each node was sent, in balancer order, and the response bytes the balancer passed to the",
    "clients; user + system time of each node, PostgreSQL (postmaster and backends), s3rver, the balancer and the",
    "clients (regbench, mostly hashing what it receives). Node peak is each node process's peak resident set over its",
    "life (start, warm-up and herd).",
    "",
    f"| clients | layer | nodes | redirects | MB/s | vs {base_name} | wall s | client p50 s | client p99 s "
    "| requests per node | MB via balancer | node CPU s | node peak MiB | PostgreSQL CPU s | s3rver CPU s "
    "| balancer CPU s | clients CPU s |",
    "|---:|---|---:|---|---:|---:|---:|---:|---:|---|---:|---|---|---:|---:|---:|---:|",
    *rows,
]
if notes:
    lines += ["", "Notes:", *notes]
section = "\n".join(lines)

write_section(out, BEGIN, END, section)
print(section)
