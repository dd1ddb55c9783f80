#!/usr/bin/env python3
"""Rollout benchmark: CLIENTS pullers on an edge that was preheated against the same pullers on a cold edge.

    python3 bench/preheat.py                          # 3 alternating rounds, 50 clients, 256 MiB layer
    ROUNDS=1 CLIENTS=3 LAYER_MIB=4 python3 bench/preheat.py   # a smoke run

Two registries of ours (Release build, embedded defaults, authentication on) on loopback: an origin holding one image
(config + one random layer of LAYER_MIB), and an edge with a docker remote repository `origin` over it. Each round
starts, with empty storage each, an edge that is preheated first (`POST /api/v1/preheat` on the origin with the edge
stored in `/api/v1/preheat/edges`; the time the preheat took is recorded apart) and an edge that is not (the cold
one: the first pullers' requests reach the origin through the remote's single flight), in alternating order, and
times the rollout: CLIENTS curl processes at once, each pulling manifest, config and layer from the edge.

Prints the rows as JSON and a small table; it writes no file (the lead records figures in docs/benchmarks.md).
Environment: ROUNDS (3), CLIENTS (50), LAYER_MIB (256), KEEP=1 keeps the work directory.
"""
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import remote  # noqa: E402  (the helpers of bench/remote.py: start, push, herd)

REPO = os.path.dirname(HERE)
ROUNDS = int(os.environ.get("ROUNDS", "3"))
CLIENTS = int(os.environ.get("CLIENTS", "50"))
LAYER_MIB = int(os.environ.get("LAYER_MIB", "256"))
ORIGIN_PORT, EDGE_PORT = 5121, 5122
PASSWORD = remote.PASSWORD
REMOTE_KEY = "origin"


def api(port, method, path, body=None):
    args = ["-u", f"admin:{PASSWORD}", "-X", method, "-o", "-", "-w", "\n%{http_code}", f"http://127.0.0.1:{port}{path}"]
    if body is not None:
        args[0:0] = ["-H", "Content-Type: application/json", "-d", json.dumps(body)]
    out = remote.curl(*args)
    text, _, code = out.rpartition("\n")
    if not code.startswith("2"):
        sys.exit(f"bench/preheat.py: {method} {path} on :{port} answered {code}: {text[:300]}")
    return json.loads(text) if text.strip().startswith("{") else None


def start_edge(work, publish, data):
    edge = remote.start_ours(work, publish, EDGE_PORT, data)
    api(EDGE_PORT, "PUT", f"/artifactory/api/repositories/{REMOTE_KEY}", {
        "rclass": "remote", "packageType": "docker", "url": f"http://127.0.0.1:{ORIGIN_PORT}", "username": "admin", "password": PASSWORD,
    })
    return edge


def rollout(config_digest, layer_digest, layer_bytes):
    auth = remote.ours_auth(EDGE_PORT, f"repository:{REMOTE_KEY}/bench/img:pull")
    return remote.herd(f"http://127.0.0.1:{EDGE_PORT}", f"{REMOTE_KEY}/bench/img", "v1", config_digest, layer_digest, layer_bytes, auth, CLIENTS)


def main():
    work = tempfile.mkdtemp(prefix="registry-preheat-bench.")
    origin = None
    try:
        remote.log("building the registry (Release)...")
        publish = os.path.join(work, "publish")
        subprocess.run(["dotnet", "publish", os.path.join(REPO, "Registry.Api"), "-c", "Release", "-o", publish, "--nologo", "-v", "quiet"],
                       check=True, stdout=subprocess.DEVNULL)
        layer_bytes = LAYER_MIB * 1024 * 1024
        layer = os.path.join(work, "layer.bin")
        layer_digest = remote.write_blob(layer, LAYER_MIB, "preheat")

        rows = {"preheated": [], "cold": []}
        for round_no in range(1, ROUNDS + 1):
            origin_data = os.path.join(work, f"origin-{round_no}")
            os.makedirs(origin_data)
            origin = remote.start_ours(work, publish, ORIGIN_PORT, origin_data)
            push_auth = remote.ours_auth(ORIGIN_PORT, "repository:bench/img:pull,push")
            config_digest = remote.push_image(f"http://127.0.0.1:{ORIGIN_PORT}", "bench/img", "v1", layer, layer_digest, push_auth, work)
            order = ["preheated", "cold"] if round_no % 2 else ["cold", "preheated"]
            for kind in order:
                data = os.path.join(work, f"edge-{kind}-{round_no}")
                os.makedirs(data)
                edge = start_edge(work, publish, data)
                row = {}
                if kind == "preheated":
                    api(ORIGIN_PORT, "POST", "/api/v1/preheat/edges", {
                        "name": f"edge-{round_no}", "url": f"http://127.0.0.1:{EDGE_PORT}", "remoteKey": REMOTE_KEY, "username": "admin", "password": PASSWORD,
                    })
                    started = time.monotonic()
                    ran = api(ORIGIN_PORT, "POST", "/api/v1/preheat", {"repository": "bench/img", "tag": "v1", "edges": [f"edge-{round_no}"]})
                    row["preheat_seconds"] = time.monotonic() - started
                    if not ran["succeeded"]:
                        sys.exit(f"bench/preheat.py: the preheat failed: {json.dumps(ran)}")
                    api(ORIGIN_PORT, "DELETE", f"/api/v1/preheat/edges/edge-{round_no}")
                remote.log(f"round {round_no}: {kind}")
                row["rollout"] = rollout(config_digest, layer_digest, layer_bytes)
                row["edge_rss_mib"] = remote.stop(edge)
                rows[kind].append(row)
                shutil.rmtree(data, ignore_errors=True)
                remote.log(f"  {json.dumps(row)}")
            remote.stop(origin)
            origin = None
            shutil.rmtree(origin_data, ignore_errors=True)
        report(rows)
    finally:
        if origin is not None:
            remote.stop(origin)
        if os.environ.get("KEEP") != "1":
            shutil.rmtree(work, ignore_errors=True)


def report(rows):
    def med(kind, *path):
        values = []
        for row in rows[kind]:
            value = row
            for key in path:
                value = value[key]
            values.append(value)
        return statistics.median(values)

    print(json.dumps(rows, indent=1))
    failures = sum(r["rollout"]["failures"] for kind in rows for r in rows[kind])
    print(f"| rollout ({CLIENTS} clients, {LAYER_MIB} MiB layer) | preheated edge | cold edge |")
    print("|---|---:|---:|")
    print(f"| seconds until every client has the image | {med('preheated', 'rollout', 'seconds'):.2f} | {med('cold', 'rollout', 'seconds'):.2f} |")
    print(f"| MB/s of layer bytes | {med('preheated', 'rollout', 'mb_per_s'):,.1f} | {med('cold', 'rollout', 'mb_per_s'):,.1f} |")
    print(f"| edge peak resident memory, MiB | {med('preheated', 'edge_rss_mib'):.0f} | {med('cold', 'edge_rss_mib'):.0f} |")
    print(f"The preheat itself took {med('preheated', 'preheat_seconds'):.2f} s (median), before the rollout. Client failures: {failures}.")


if __name__ == "__main__":
    main()
