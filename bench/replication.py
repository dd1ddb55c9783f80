#!/usr/bin/env python3
"""Replication benchmark: our push rule against `skopeo sync` copying the same set between registries of ours.

    python3 bench/replication.py                       # 200 tags, about 2 GiB, 3 alternating rounds
    TAGS=10 TOTAL_MIB=20 ROUNDS=1 OUT=/tmp/b.md python3 bench/replication.py    # a smoke run

One source registry of ours (Release build, embedded defaults, authentication on) is filled once with TAGS tags in
REPOS repositories (bench/app0, bench/app1, ...), about TOTAL_MIB MiB of distinct blobs generated from a fast
pseudo-random source. As real images do, tags share layers: each image is a config of its own, one of BASES base
layers (shared by every tag of the repositories that use it, across repositories: 40% of the total) and a layer of
its own (the other 60%, split evenly). Each round starts two empty destinations of ours, A and B, and copies the whole
set, in alternating order:

- ours: a push rule on the source (`filter: bench/**`, same names) run through the API, to A;
- skopeo: `skopeo sync --src docker --dest docker` of each repository (every tag) to B, one repository after another;

then each again with nothing changed (the no-change run). For each it records the wall time, MB/s (the distinct blob
bytes of the set over the wall time), the bytes the destination received and the requests it answered (from the
destination's `/metrics`: `registry_http_received_bytes_total`, `registry_http_requests_total`, less the scrape
itself), and requests per tag. Before its figures each copier copies one small image (warm/img) untimed, so neither
side's first-request costs land in them; skopeo's blob-info cache lives in a fresh directory per round.

Writes its section of docs/benchmarks.md (between the bench/replication.py markers, through bench/docsection.py) and
prints it. Environment: TAGS (200), TOTAL_MIB (2048), REPOS (10), BASES (5), ROUNDS (3), CHUNK_MIB (16: the rule's
Registry:Replication:ChunkSize), OUT (docs/benchmarks.md), KEEP=1 keeps the work directory.
"""
import base64
import hashlib
import http.client
import json
import os
import platform
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import datetime, timezone

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from docsection import write_section  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
TAGS = int(os.environ.get("TAGS", "200"))
TOTAL_MIB = float(os.environ.get("TOTAL_MIB", "2048"))
REPOS = int(os.environ.get("REPOS", "10"))
BASES = int(os.environ.get("BASES", "5"))
ROUNDS = int(os.environ.get("ROUNDS", "3"))
CHUNK_MIB = int(os.environ.get("CHUNK_MIB", "16"))
OUT = os.environ.get("OUT", os.path.join(REPO, "docs", "benchmarks.md"))
BEGIN, END = "<!-- bench/replication.py: begin -->", "<!-- bench/replication.py: end -->"
SOURCE_PORT, A_PORT, B_PORT = 5131, 5132, 5133
PASSWORD = "bench-admin-password"
AUTH = "Basic " + base64.b64encode(f"admin:{PASSWORD}".encode()).decode()
MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json"


def log(message):
    print(message, file=sys.stderr, flush=True)


def need(command, package):
    if shutil.which(command):
        return
    if os.geteuid() == 0:
        subprocess.run(["apt-get", "install", "-y", "-qq", package], check=True,
                       env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"}, stdout=subprocess.DEVNULL)
    else:
        sys.exit(f"bench/replication.py: needs {command} (apt-get install {package})")


def wait_ready(port):
    for _ in range(600):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/v2/", timeout=1)
            return
        except urllib.error.HTTPError as e:
            if e.code in (200, 401):
                return
        except OSError:
            pass
        time.sleep(0.1)
    sys.exit(f"bench/replication.py: nothing answers on port {port}")


def start_ours(work, publish, name, port, data):
    env = {**os.environ, "Registry__Storage__Path": data, "Registry__Auth__AdminPassword": PASSWORD,
           "Registry__Replication__ChunkSize": str(CHUNK_MIB * 1024 * 1024), "Logging__LogLevel__Default": "Warning"}
    out = open(os.path.join(work, f"{name}.log"), "a")
    process = subprocess.Popen(["dotnet", os.path.join(publish, "Registry.Api.dll"), "--urls", f"http://127.0.0.1:{port}"],
                               env=env, stdout=out, stderr=subprocess.STDOUT)
    wait_ready(port)
    return process


def stop(process):
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def request(port, method, path, body=None, headers=None, expect=(200, 201, 202)):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=3600)
    try:
        connection.request(method, path, body=body, headers={"Authorization": AUTH, **(headers or {})})
        response = connection.getresponse()
        data = response.read()
        if response.status not in expect:
            sys.exit(f"bench/replication.py: {method} {path} answered {response.status}: {data[:300]!r}")
        return response.status, response.headers, data
    finally:
        connection.close()


def push_blob(port, repo, content, digest, placed):
    """Monolithic upload, or a mount from a repository that has it; nothing when the repository has it."""
    if (repo, digest) in placed:
        return
    holder = next((r for (r, d) in placed if d == digest), None)
    if holder is not None:
        status, _, _ = request(port, "POST", f"/v2/{repo}/blobs/uploads/?mount={digest}&from={holder}", b"", expect=(201, 202))
        if status == 201:
            placed.add((repo, digest))
            return
    request(port, "POST", f"/v2/{repo}/blobs/uploads/?digest={digest}", content, {"Content-Type": "application/octet-stream"}, expect=(201,))
    placed.add((repo, digest))


def blob(seed, size):
    content = random.Random(seed).randbytes(size)
    return content, "sha256:" + hashlib.sha256(content).hexdigest()


def push_warm_up(port):
    """One small image in warm/img, copied untimed before each copier's figures so that neither side's first-request
    costs (JIT, connection pools) land in them."""
    placed = set()
    layer, layer_digest = blob("warm-up", 64 * 1024)
    config = json.dumps({"architecture": "amd64", "os": "linux", "rootfs": {"type": "layers", "diff_ids": [layer_digest]}}).encode()
    config_digest = "sha256:" + hashlib.sha256(config).hexdigest()
    for content, digest in ((config, config_digest), (layer, layer_digest)):
        push_blob(port, "warm/img", content, digest, placed)
    manifest = json.dumps({
        "schemaVersion": 2, "mediaType": MANIFEST_TYPE,
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": config_digest, "size": len(config)},
        "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar", "digest": layer_digest, "size": len(layer)}],
    }).encode()
    request(port, "PUT", "/v2/warm/img/manifests/1.0", manifest, {"Content-Type": MANIFEST_TYPE}, expect=(201,))


def populate(port):
    """TAGS tags in REPOS repositories; returns (distinct blob bytes, repositories)."""
    total = int(TOTAL_MIB * 1024 * 1024)
    base_size = max(1, int(total * 0.4 / BASES))
    own_size = max(1, int(total * 0.6 / TAGS))
    repos = [f"bench/app{i}" for i in range(REPOS)]
    bases = [blob(f"base-{b}", base_size) for b in range(BASES)]
    placed = set()
    distinct = BASES * base_size
    for t in range(TAGS):
        repo = repos[t % REPOS]
        base, base_digest = bases[(t % REPOS) % BASES]
        own, own_digest = blob(f"own-{t}", own_size)
        config = json.dumps({"architecture": "amd64", "os": "linux", "created": f"tag {t}",
                             "rootfs": {"type": "layers", "diff_ids": [base_digest, own_digest]}}).encode()
        config_digest = "sha256:" + hashlib.sha256(config).hexdigest()
        for content, digest in ((config, config_digest), (base, base_digest), (own, own_digest)):
            push_blob(port, repo, content, digest, placed)
        manifest = json.dumps({
            "schemaVersion": 2, "mediaType": MANIFEST_TYPE,
            "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": config_digest, "size": len(config)},
            "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar", "digest": base_digest, "size": base_size},
                       {"mediaType": "application/vnd.oci.image.layer.v1.tar", "digest": own_digest, "size": own_size}],
        }).encode()
        request(port, "PUT", f"/v2/{repo}/manifests/v{t // REPOS}.0.0", manifest, {"Content-Type": MANIFEST_TYPE}, expect=(201,))
        distinct += own_size + len(config)
        if (t + 1) % 20 == 0:
            log(f"  {t + 1}/{TAGS} tags pushed")
    return distinct, repos


def metrics(port):
    """(requests answered, bytes received) so far, from /metrics."""
    text = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=30).read().decode()
    requests = received = 0.0
    for line in text.splitlines():
        if line.startswith("registry_http_requests_total"):
            requests += float(line.rsplit(" ", 1)[1])
        elif line.startswith("registry_http_received_bytes_total"):
            received += float(line.rsplit(" ", 1)[1])
    return requests, received


def measured(port, distinct, action):
    before = metrics(port)
    started = time.monotonic()
    action()
    seconds = time.monotonic() - started
    after = metrics(port)
    requests = after[0] - before[0] - 1  # the first scrape is counted once it is answered
    return {"seconds": seconds, "mb_per_s": distinct / seconds / 1e6, "received_mb": (after[1] - before[1]) / 1e6,
            "requests": requests, "requests_per_tag": requests / TAGS}


def run_rule(name="bench"):
    _, _, data = request(SOURCE_PORT, "POST", f"/api/v1/replication/rules/{name}/run", b"", expect=(200,))
    run = json.loads(data)
    if run.get("status") != "succeeded":
        sys.exit(f"bench/replication.py: the rule's run {run.get('status')}: {json.dumps(run)[:500]}")


def run_skopeo(repos, cache):
    env = {**os.environ, "XDG_DATA_HOME": cache, "HOME": cache}
    for repo in repos:
        result = subprocess.run(
            ["skopeo", "sync", "--src", "docker", "--dest", "docker", "--src-tls-verify=false", "--dest-tls-verify=false",
             "--src-creds", f"admin:{PASSWORD}", "--dest-creds", f"admin:{PASSWORD}", "--all",
             f"127.0.0.1:{SOURCE_PORT}/{repo}", f"127.0.0.1:{B_PORT}/{repo.rsplit('/', 1)[0]}"],
            env=env, capture_output=True, text=True)
        if result.returncode != 0:
            sys.exit(f"bench/replication.py: skopeo sync {repo} failed: {result.stderr[-800:]}")


def check_copied(port, repos):
    tags = 0
    for repo in repos:
        _, _, data = request(port, "GET", f"/v2/{repo}/tags/list")
        tags += len(json.loads(data).get("tags") or [])
    if tags != TAGS:
        sys.exit(f"bench/replication.py: the destination on {port} has {tags} tags, not {TAGS}")


def main():
    need("skopeo", "skopeo")
    work = tempfile.mkdtemp(prefix="registry-replication-bench.")
    processes = []
    try:
        log("building the registry (Release)...")
        publish = os.path.join(work, "publish")
        subprocess.run(["dotnet", "publish", os.path.join(REPO, "Registry.Api"), "-c", "Release", "-o", publish, "--nologo", "-v", "quiet"],
                       check=True, stdout=subprocess.DEVNULL)
        source = start_ours(work, publish, "source", SOURCE_PORT, os.path.join(work, "source-data"))
        processes.append(source)
        log(f"filling the source: {TAGS} tags, about {TOTAL_MIB:g} MiB...")
        distinct, repos = populate(SOURCE_PORT)
        push_warm_up(SOURCE_PORT)
        for name, repositories in (("bench", ["bench/**"]), ("warm", ["warm/**"])):
            rule = {"name": name, "registry": {"url": f"http://127.0.0.1:{A_PORT}", "username": "admin", "password": PASSWORD},
                    "filter": {"repositories": repositories}}
            request(SOURCE_PORT, "POST", "/api/v1/replication/rules", json.dumps(rule).encode(), {"Content-Type": "application/json"}, expect=(201,))

        results = {"ours": [], "skopeo": []}
        for round_no in range(1, ROUNDS + 1):
            data_a, data_b, cache = (os.path.join(work, f"{n}-{round_no}") for n in ("a", "b", "skopeo-cache"))
            os.makedirs(cache)
            a = start_ours(work, publish, "a", A_PORT, data_a)
            b = start_ours(work, publish, "b", B_PORT, data_b)
            processes += [a, b]
            order = ["ours", "skopeo"] if round_no % 2 else ["skopeo", "ours"]
            for copier in order:
                log(f"round {round_no}: {copier}")
                if copier == "ours":
                    run_rule("warm")
                    row = {"first": measured(A_PORT, distinct, run_rule), "again": measured(A_PORT, distinct, run_rule)}
                    check_copied(A_PORT, repos)
                else:
                    run_skopeo(["warm/img"], cache)
                    row = {"first": measured(B_PORT, distinct, lambda: run_skopeo(repos, cache)),
                           "again": measured(B_PORT, distinct, lambda: run_skopeo(repos, cache))}
                    check_copied(B_PORT, repos)
                results[copier].append(row)
                log(f"  {json.dumps(row)}")
            for process in (a, b):
                stop(process)
                processes.remove(process)
            for path in (data_a, data_b, cache):
                shutil.rmtree(path, ignore_errors=True)
        report(results, distinct)
    finally:
        for process in processes:
            stop(process)
        if os.environ.get("KEEP") != "1":
            shutil.rmtree(work, ignore_errors=True)


def median(rows, run, key):
    return statistics.median(row[run][key] for row in rows)


def report(results, distinct):
    ours, skopeo = results["ours"], results["skopeo"]
    commit = subprocess.run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip() or "unknown"
    version = subprocess.run(["skopeo", "--version"], capture_output=True, text=True).stdout.strip()
    rows = []
    for run, label in (("first", "to an empty destination"), ("again", "again, nothing changed")):
        rows += [
            (f"{label}: wall time", "s", median(ours, run, "seconds"), median(skopeo, run, "seconds"), False),
            (f"{label}: throughput (distinct bytes / wall time)", "MB/s", median(ours, run, "mb_per_s"), median(skopeo, run, "mb_per_s"), True),
            (f"{label}: bytes the destination received", "MB", median(ours, run, "received_mb"), median(skopeo, run, "received_mb"), False),
            (f"{label}: requests per tag", "requests", median(ours, run, "requests_per_tag"), median(skopeo, run, "requests_per_tag"), False),
        ]
    lines = [f"Measured with `python3 bench/replication.py` ({ROUNDS} alternating round{'s' if ROUNDS != 1 else ''}, medians) on {datetime.now(timezone.utc):%Y-%m-%d}, "
             f"commit `{commit}`, {os.cpu_count()} CPUs, Linux {platform.release()}, {version}.",
             f"{TAGS} tags in {REPOS} repositories, {distinct / 1e6:.0f} MB of distinct blobs ({BASES} base layers shared across "
             f"repositories, one layer of its own per tag), copied between registries of ours on loopback; the rule's chunk "
             f"{CHUNK_MIB} MiB. The ratio is ours against skopeo, above 1.0 means ours is better.",
             "",
             "| figure | unit | our push rule | `skopeo sync` | ratio | better is |",
             "|---|---|---:|---:|---:|---|"]
    for label, unit, a, b, higher in rows:
        ratio = f"{(a / b if higher else b / a):.2f}x" if a > 0 and b > 0 else "–"
        lines.append(f"| {label} | {unit} | {a:,.1f} | {b:,.1f} | {ratio} | {'higher' if higher else 'lower'} |")
    section = "\n".join(lines)
    write_section(OUT, BEGIN, END, section)
    print(section)


if __name__ == "__main__":
    main()
