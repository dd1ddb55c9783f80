#!/usr/bin/env python3
"""Turns bench/run.sh --herd's files into the deploy-storm table of docs/benchmarks.md.

Usage: herd-report.py WORKDIR ROUNDS COMMIT OUT CONFIG...   (CONFIG is CLIENTSxSIZE, e.g. 50x64MiB)

Replaces the part of OUT between the BEGIN and END markers (appends them at the end when missing) and prints it.
"""
import json
import os
import platform
import statistics
import sys
from datetime import datetime, timezone
from docsection import write_section

work, rounds, commit, out = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
configs = sys.argv[5:]
BEGIN, END = "<!-- bench/run.sh --herd: begin -->", "<!-- bench/run.sh --herd: end -->"


def read_number(path, scale=1.0):
    try:
        text = open(path).read().strip()
        return float(text) / scale if text else None
    except (OSError, ValueError):
        return None


def herd_result(path):
    try:
        doc = json.load(open(path))
    except (OSError, ValueError):
        return None
    for result in doc.get("results", []):
        if result.get("scenario") == "thundering-herd":
            return result
    return None


def read_counters(path):
    """bench/tcp-counters.sh's output as a dict, or None when the file is missing."""
    try:
        return {name: int(value) for name, value in (line.split() for line in open(path) if line.strip())}
    except (OSError, ValueError):
        return None


def counter_delta(name, counter):
    before, after = read_counters(name + ".tcp-before"), read_counters(name + ".tcp-after")
    if before is None or after is None:
        return None
    return after.get(counter, 0) - before.get(counter, 0)


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt(value, digits=0):
    return "n/a" if value is None else f"{value:,.{digits}f}"


def ratio(better, worse):
    return "n/a" if not better or not worse else f"{better / worse:.2f}x"


def storm_row(config, storm):
    """One table row for CONFIG; storm "" is the first storm of each run, "-storm2" the second on the same process."""
    figures = {}
    for target in ("ours", "distribution"):
        mbps, cpu, rss, wall, client_cpu, idle = [], [], [], [], [], []
        for r in range(1, rounds + 1):
            name = os.path.join(work, f"herd-{target}-{r}-{config}")
            result = herd_result(name + storm + ".json")
            if result is None or not result.get("ok", False):
                which = "the second storm" if storm else "failed"
                notes.append(f"- round {r}, {target}, {config}: {which} ({(result or {}).get('error', 'no result')})")
            else:
                mbps.append(result.get("mb_per_s"))
                wall.append(result.get("wall_s"))
                cpu.append(read_number(name + storm + ".cpu"))
                client_cpu.append(read_number(name + storm + ".clientcpu"))
                idle.append(read_number(name + storm + ".idle"))
            rss.append(read_number(name + ".rss", 1024))
        figures[target] = (median(mbps), median(wall), median(cpu), median(rss), median(client_cpu), median(idle))
        if not storm:
            per_round = []
            for r in range(1, rounds + 1):
                name = os.path.join(work, f"herd-{target}-{r}-{config}")
                result = herd_result(name + ".json") or {}
                per_round.append((result.get("wall_s"), counter_delta(name, "TCPTimeouts"),
                                  counter_delta(name, "TCPRcvQDrop"), counter_delta(name, "TCPMemoryPressures")))
            label = "ours" if target == "ours" else "Distribution"
            clients, size = config.split("x", 1)
            tcp_rows.append(f"| {clients} | {size} | {label} | " + " | ".join(
                ", ".join(fmt(run[k], 1 if k == 0 else 0) for run in per_round) for k in range(4)) + " |")
    clients, size = config.split("x", 1)
    (om, ow, oc, orss, occ, oi), (dm, dw, dc, drss, dcc, di) = figures["ours"], figures["distribution"]
    return (f"| {clients} | {size} | {fmt(om)} | {fmt(dm)} | {ratio(om, dm)} | {fmt(ow, 1)} | {fmt(dw, 1)} "
            f"| {fmt(oc, 1)} | {fmt(dc, 1)} | {ratio(dc, oc)} | {fmt(occ, 1)} | {fmt(dcc, 1)} | {fmt(oi, 1)} "
            f"| {fmt(di, 1)} | {fmt(orss)} | {fmt(drss)} |")


rows, second_rows, tcp_rows, notes = [], [], [], []
for config in configs:
    rows.append(storm_row(config, ""))
    if os.path.exists(os.path.join(work, f"herd-ours-1-{config}-storm2.json")):
        second_rows.append(storm_row(config, "-storm2"))

cpu_model = "unknown"
try:
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu_model = line.split(":", 1)[1].strip()
            break
except OSError:
    pass

lines = [
    f"Measured with `bench/run.sh --herd` ({rounds} alternating round{'s' if rounds != 1 else ''}, medians) on "
    f"{datetime.now(timezone.utc):%Y-%m-%d}, commit `{commit}`, {os.cpu_count()} CPUs ({cpu_model}), "
    f"{platform.system()} {platform.release()}. Each run starts a fresh registry (ours with its embedded defaults, "
    "authentication on; Distribution 2.8 without authentication), warms it with a short push and pull, then regbench's",
    "thundering-herd: every client logs in (ours), then all pull the manifest, the config and the one layer at the same",
    "moment and check its sha256. Throughput is all bytes over the wall time until the last client is done; registry CPU",
    "is the server process's user + system time during the storm; clients CPU is regbench's user + system time for the",
    "scenario (hashing the layer before pushing it once, then every client hashing every byte it receives, and the",
    "kernel's receive work done on its behalf); idle is the CPU time the whole machine left unused during it; peak",
    "memory is the registry process's peak resident set.",
    "Both ratios are ours against Distribution, oriented so that above 1.0 means ours is better.",
    "",
    "| clients | layer | ours MB/s | Distribution MB/s | ratio | ours wall s | Distribution wall s "
    "| ours CPU s | Distribution CPU s | CPU ratio | clients CPU s, ours | clients CPU s, Distribution "
    "| idle s, ours | idle s, Distribution | ours peak MiB | Distribution peak MiB |",
    "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    *rows,
]
header = lines[-len(rows) - 2:-len(rows)]
if second_rows:
    lines += [
        "",
        "The second storm on the same process, right after the first (`HERD_STORMS=2`): a registry that has served a",
        "storm before, as a long-running one has when the next rollout comes. Peak memory covers both storms.",
        "",
        *header,
        *second_rows,
    ]

def sysctl(name):
    try:
        return " ".join(open("/proc/sys/net/ipv4/" + name).read().split())
    except OSError:
        return "unknown"


lines += [
    "",
    "Lost packets, per round in round order: the machine's TCP counters (`bench/tcp-counters.sh`, client and server",
    "sockets alike) taken before and after each storm. A retransmission timeout is a wait of 200 ms or more, doubling",
    "each time, with nothing moving on that connection; receive drops are segments a receiver dropped for want of TCP",
    f"memory (this machine: `net.ipv4.tcp_mem` {sysctl('tcp_mem')} pages, `tcp_rmem` {sysctl('tcp_rmem')} bytes).",
    "",
    "| clients | layer | registry | wall s | TCP timeouts | receive drops | memory-pressure entries |",
    "|---:|---|---|---|---|---|---|",
    *tcp_rows,
]
if notes:
    lines += ["", "Notes:", *notes]
section = "\n".join(lines)

write_section(out, BEGIN, END, section)
print(section)
