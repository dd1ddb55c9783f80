#!/usr/bin/env python3
"""Pull-through benchmark: a docker remote repository of ours against CNCF Distribution's proxy mode.

    python3 bench/remote.py                 # 3 alternating rounds, 50 clients, 256 MiB layer (about 10 minutes)
    ROUNDS=1 CLIENTS=20 LAYER_MIB=64 python3 bench/remote.py

Both caches sit in front of the same upstream, a plain Distribution (`docker-registry`) on loopback seeded once with
two images (config + one random layer of LAYER_MIB each: one for the herd, one for time to first byte). Each round
starts each cache with empty storage (ours: Release build, embedded defaults, authentication on; Distribution:
`proxy: remoteurl:` and no authentication) and measures, in this order:

- (not timed) a warm-up pull of a 1 MiB image through the cache;
- time to first byte of a cold LAYER_MIB blob (one curl, `time_starttransfer`);
- a cold herd: CLIENTS curl processes at once, each pulling manifest, config and layer; the upstream's access log
  counts how often each blob was fetched (one fetch per blob is the goal);
- the same herd again, now warm;
- ours only: the same herd on a local repository holding the same image (pushed straight to it), the figure a warm
  remote pull should match.

Writes its section of docs/benchmarks.md (between the bench/remote.py markers) and prints it.
Environment: ROUNDS (3), CLIENTS (50), LAYER_MIB (256), OUT (docs/benchmarks.md), KEEP=1 keeps the work directory.
"""
import hashlib
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import datetime, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
ROUNDS = int(os.environ.get("ROUNDS", "3"))
CLIENTS = int(os.environ.get("CLIENTS", "50"))
LAYER_MIB = int(os.environ.get("LAYER_MIB", "256"))
OUT = os.environ.get("OUT", os.path.join(REPO, "docs", "benchmarks.md"))
BEGIN, END = "<!-- bench/remote.py: begin -->", "<!-- bench/remote.py: end -->"
UPSTREAM_PORT, OURS_PORT, PROXY_PORT = 5111, 5112, 5113
PASSWORD = "bench-admin-password"
MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json"
REMOTE_KEY = "hub"


def log(message):
    print(message, file=sys.stderr, flush=True)


def need(command, package):
    if shutil.which(command):
        return
    if os.geteuid() == 0:
        subprocess.run(["apt-get", "install", "-y", "-qq", package], check=True,
                       env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"}, stdout=subprocess.DEVNULL)
    else:
        sys.exit(f"bench/remote.py: needs {command} (apt-get install {package})")


def wait_ready(port):
    for _ in range(300):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/v2/", timeout=1)
            return
        except urllib.error.HTTPError as e:
            if e.code in (200, 401):
                return
        except OSError:
            pass
        time.sleep(0.1)
    sys.exit(f"bench/remote.py: nothing answers on port {port}")


def start_distribution(work, name, port, data, proxy_url=None, access_log=False):
    config = os.path.join(work, f"{name}.yml")
    with open(config, "w") as f:
        f.write(f"""version: 0.1
log:
  level: error
  accesslog:
    disabled: {"false" if access_log else "true"}
storage:
  filesystem:
    rootdirectory: {data}
  delete:
    enabled: true
http:
  addr: 127.0.0.1:{port}
""")
        if proxy_url:
            f.write(f"proxy:\n  remoteurl: {proxy_url}\n")
    out = open(os.path.join(work, f"{name}.log"), "a")
    process = subprocess.Popen(["docker-registry", "serve", config], stdout=out, stderr=subprocess.STDOUT)
    wait_ready(port)
    return process


def start_ours(work, publish, port, data):
    env = {**os.environ, "Registry__Storage__Path": data, "Registry__Auth__AdminPassword": PASSWORD,
           "Logging__LogLevel__Default": "Warning"}
    out = open(os.path.join(work, "ours.log"), "a")
    process = subprocess.Popen(["dotnet", os.path.join(publish, "Registry.Api.dll"), "--urls", f"http://127.0.0.1:{port}"],
                               env=env, stdout=out, stderr=subprocess.STDOUT)
    wait_ready(port)
    return process


def stop(process):
    rss = 0
    try:
        with open(f"/proc/{process.pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    rss = int(line.split()[1]) // 1024
    except OSError:
        pass
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    return rss


def curl(*args, check=True):
    result = subprocess.run(["curl", "-sS", *args], capture_output=True, text=True)
    if check and result.returncode != 0:
        sys.exit(f"bench/remote.py: curl {' '.join(args)} failed: {result.stderr}")
    return result.stdout


def write_blob(path, mib, seed):
    """A random blob of `mib` MiB written in 1 MiB blocks; returns its digest."""
    digest = hashlib.sha256()
    block = hashlib.sha256(seed.encode()).digest() * (1024 * 1024 // 32)
    with open(path, "wb") as f:
        for i in range(mib):
            chunk = hashlib.sha256(f"{seed}-{i}".encode()).digest() + block[32:]
            f.write(chunk)
            digest.update(chunk)
    return "sha256:" + digest.hexdigest()


def push_blob(base, repo, path, digest, auth):
    location = curl("-X", "POST", "-o", "/dev/null", "-w", "%{redirect_url}|%{header_json}", *auth, f"{base}/v2/{repo}/blobs/uploads/")
    headers = json.loads(location.split("|", 1)[1])
    url = headers.get("location", [""])[0]
    if not url.startswith("http"):
        url = base + url
    sep = "&" if "?" in url else "?"
    code = curl("-X", "PUT", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Content-Type: application/octet-stream",
                "--data-binary", f"@{path}", *auth, f"{url}{sep}digest={digest}")
    if code != "201":
        sys.exit(f"bench/remote.py: blob push to {base}/{repo} answered {code}")


def push_image(base, repo, tag, layer_path, layer_digest, auth, work):
    config = json.dumps({"architecture": "amd64", "os": "linux", "rootfs": {"type": "layers", "diff_ids": [layer_digest]}}).encode()
    config_path = os.path.join(work, f"config-{layer_digest[7:19]}.json")
    with open(config_path, "wb") as f:
        f.write(config)
    config_digest = "sha256:" + hashlib.sha256(config).hexdigest()
    push_blob(base, repo, config_path, config_digest, auth)
    push_blob(base, repo, layer_path, layer_digest, auth)
    manifest = json.dumps({
        "schemaVersion": 2, "mediaType": MANIFEST_TYPE,
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": config_digest, "size": len(config)},
        "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar", "digest": layer_digest, "size": os.path.getsize(layer_path)}],
    }).encode()
    manifest_path = os.path.join(work, f"manifest-{layer_digest[7:19]}.json")
    with open(manifest_path, "wb") as f:
        f.write(manifest)
    code = curl("-X", "PUT", "-o", "/dev/null", "-w", "%{http_code}", "-H", f"Content-Type: {MANIFEST_TYPE}",
                "--data-binary", f"@{manifest_path}", *auth, f"{base}/v2/{repo}/manifests/{tag}")
    if code != "201":
        sys.exit(f"bench/remote.py: manifest push to {base}/{repo}:{tag} answered {code}")
    return config_digest


def ours_auth(port, scope):
    """Basic credentials for pushes are refused by the token flow: fetch a Bearer token for the scope."""
    challenge = curl("-o", "/dev/null", "-w", "%{header_json}", f"http://127.0.0.1:{port}/v2/")
    header = json.loads(challenge).get("www-authenticate", [""])[0]
    realm = re.search(r'realm="([^"]+)"', header).group(1)
    service = re.search(r'service="([^"]+)"', header).group(1)
    answer = curl("-u", f"admin:{PASSWORD}", "-G", realm, "--data-urlencode", f"service={service}", "--data-urlencode", f"scope={scope}")
    return ["-H", f"Authorization: Bearer {json.loads(answer)['token']}"]


def herd(base, repo, tag, config_digest, layer_digest, layer_bytes, auth, clients):
    """CLIENTS curl processes at once, each pulling manifest, config and layer on one connection; MB/s of layer bytes."""
    urls = [f"{base}/v2/{repo}/manifests/{tag}", f"{base}/v2/{repo}/blobs/{config_digest}", f"{base}/v2/{repo}/blobs/{layer_digest}"]
    command = ["curl", "-sS", "-L", "-H", f"Accept: {MANIFEST_TYPE}", *auth, "-w", "%{http_code} %{size_download}\n"]
    for url in urls:
        command += ["-o", "/dev/null", url]
    started = time.monotonic()
    processes = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(clients)]
    failures = 0
    for process in processes:
        out, err = process.communicate()
        lines = out.split()
        if process.returncode != 0 or lines[0::2] != ["200", "200", "200"] or int(lines[-1]) != layer_bytes:
            failures += 1
            if failures == 1:
                log(f"  a client failed: rc={process.returncode} out={out.strip()!r} err={err.strip()[:200]!r}")
    elapsed = time.monotonic() - started
    return {"mb_per_s": clients * layer_bytes / elapsed / 1e6, "seconds": elapsed, "failures": failures}


def ttfb(base, repo, digest, auth):
    out = curl("-L", "-o", "/dev/null", "-w", "%{http_code} %{time_starttransfer} %{time_total}", *auth, f"{base}/v2/{repo}/blobs/{digest}")
    code, first, total = out.split()
    if code != "200":
        sys.exit(f"bench/remote.py: cold blob at {base}/{repo} answered {code}")
    return {"ttfb_ms": float(first) * 1000, "total_ms": float(total) * 1000}


def upstream_fetches(log_path, start_offset, digest):
    with open(log_path, errors="replace") as f:
        f.seek(start_offset)
        return sum(1 for line in f if f'"GET /v2/bench/img/blobs/{digest}' in line)


def main():
    need("docker-registry", "docker-registry")
    work = tempfile.mkdtemp(prefix="registry-remote-bench.")
    processes = []
    try:
        log("building the registry (Release)...")
        publish = os.path.join(work, "publish")
        subprocess.run(["dotnet", "publish", os.path.join(REPO, "Registry.Api"), "-c", "Release", "-o", publish, "--nologo", "-v", "quiet"],
                       check=True, stdout=subprocess.DEVNULL)
        layer_bytes = LAYER_MIB * 1024 * 1024
        herd_layer, cold_layer = os.path.join(work, "herd.bin"), os.path.join(work, "cold.bin")
        herd_digest = write_blob(herd_layer, LAYER_MIB, "herd")
        cold_digest = write_blob(cold_layer, LAYER_MIB, "cold")

        upstream_log = os.path.join(work, "upstream.log")
        upstream = start_distribution(work, "upstream", UPSTREAM_PORT, os.path.join(work, "upstream-data"), access_log=True)
        processes.append(upstream)
        upstream_url = f"http://127.0.0.1:{UPSTREAM_PORT}"
        herd_config = push_image(upstream_url, "bench/img", "herd", herd_layer, herd_digest, [], work)
        push_image(upstream_url, "bench/cold", "cold", cold_layer, cold_digest, [], work)
        warm_layer = os.path.join(work, "warm.bin")
        warm_digest = write_blob(warm_layer, 1, "warm-up")
        warm_config = push_image(upstream_url, "bench/warm", "warm", warm_layer, warm_digest, [], work)

        results = {"ours": [], "distribution": []}
        for round_no in range(1, ROUNDS + 1):
            order = ["ours", "distribution"] if round_no % 2 else ["distribution", "ours"]
            for target in order:
                data = os.path.join(work, f"data-{target}-{round_no}")
                os.makedirs(data)
                if target == "ours":
                    server = start_ours(work, publish, OURS_PORT, data)
                    base, prefix = f"http://127.0.0.1:{OURS_PORT}", REMOTE_KEY + "/"
                    body = json.dumps({"key": REMOTE_KEY, "rclass": "remote", "packageType": "docker", "url": upstream_url})
                    code = curl("-u", f"admin:{PASSWORD}", "-X", "PUT", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Content-Type: application/json",
                                "-d", body, f"{base}/artifactory/api/repositories/{REMOTE_KEY}")
                    if code not in ("200", "201"):
                        sys.exit(f"bench/remote.py: creating the remote answered {code}")
                    auth = ours_auth(OURS_PORT, f"repository:{prefix}bench/img:pull repository:{prefix}bench/cold:pull repository:{prefix}bench/warm:pull repository:local/img:pull,push")
                else:
                    server = start_distribution(work, "proxy", PROXY_PORT, data, proxy_url=upstream_url)
                    base, prefix, auth = f"http://127.0.0.1:{PROXY_PORT}", "", []
                log(f"round {round_no}: {target}")
                # Not timed: one small pull through the cache first, so neither side's first-request costs (a JIT, a
                # connection pool, an upstream token) land in the figures.
                herd(base, f"{prefix}bench/warm", "warm", warm_config, warm_digest, 1024 * 1024, auth, 2)
                row = {"ttfb": ttfb(base, f"{prefix}bench/cold", cold_digest, auth)}
                offset = os.path.getsize(upstream_log)
                row["cold"] = herd(base, f"{prefix}bench/img", "herd", herd_config, herd_digest, layer_bytes, auth, CLIENTS)
                time.sleep(1)  # the access log is written after each response
                row["upstream_layer_fetches"] = upstream_fetches(upstream_log, offset, herd_digest)
                row["warm"] = herd(base, f"{prefix}bench/img", "herd", herd_config, herd_digest, layer_bytes, auth, CLIENTS)
                if target == "ours":
                    local_config = push_image(base, "local/img", "herd", herd_layer, herd_digest, auth, work)
                    row["local"] = herd(base, "local/img", "herd", local_config, herd_digest, layer_bytes, auth, CLIENTS)
                row["rss_mib"] = stop(server)
                results[target].append(row)
                shutil.rmtree(data, ignore_errors=True)
                log(f"  {json.dumps(row)}")
        report(results, work)
    finally:
        for process in processes:
            stop(process)
        if os.environ.get("KEEP") != "1":
            shutil.rmtree(work, ignore_errors=True)


def median(rows, *path):
    values = []
    for row in rows:
        value = row
        for key in path:
            value = value[key]
        values.append(value)
    return statistics.median(values)


def report(results, work):
    ours, dist = results["ours"], results["distribution"]
    commit = subprocess.run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip() or "unknown"
    rows = [
        (f"cold herd ({CLIENTS} clients, {LAYER_MIB} MiB layer)", "MB/s", median(ours, "cold", "mb_per_s"), median(dist, "cold", "mb_per_s"), True),
        ("upstream fetches of the layer in the cold herd", "fetches", median(ours, "upstream_layer_fetches"), median(dist, "upstream_layer_fetches"), False),
        (f"warm herd ({CLIENTS} clients)", "MB/s", median(ours, "warm", "mb_per_s"), median(dist, "warm", "mb_per_s"), True),
        (f"time to first byte, cold {LAYER_MIB} MiB blob", "ms", median(ours, "ttfb", "ttfb_ms"), median(dist, "ttfb", "ttfb_ms"), False),
        (f"cold {LAYER_MIB} MiB blob, whole", "ms", median(ours, "ttfb", "total_ms"), median(dist, "ttfb", "total_ms"), False),
        ("peak resident memory", "MiB", median(ours, "rss_mib"), median(dist, "rss_mib"), False),
    ]
    failures = sum(r["cold"]["failures"] + r["warm"]["failures"] for r in ours + dist)
    local = median(ours, "local", "mb_per_s")
    warm = median(ours, "warm", "mb_per_s")
    lines = [BEGIN,
             f"Measured with `python3 bench/remote.py` ({ROUNDS} alternating rounds, medians) on {datetime.now(timezone.utc):%Y-%m-%d}, "
             f"commit `{commit}`, {os.cpu_count()} CPUs, Linux {platform.release()}.",
             "Both caches pull from the same upstream (Distribution on loopback); ours is a docker remote repository "
             "(embedded defaults, authentication on), Distribution runs in `proxy:` mode without authentication. "
             "The ratio is ours against Distribution, above 1.0 means ours is better.",
             "",
             "| figure | unit | ours | Distribution proxy | ratio | better is |",
             "|---|---|---:|---:|---:|---|"]
    for label, unit, a, b, higher in rows:
        ratio = (a / b if higher else b / a) if a and b else float("nan")
        lines.append(f"| {label} | {unit} | {a:,.1f} | {b:,.1f} | {ratio:.2f}x | {'higher' if higher else 'lower'} |")
    lines += ["",
              f"A warm pull through the remote runs at {warm:,.0f} MB/s against {local:,.0f} MB/s for the same image in a local "
              f"repository of ours in the same rounds ({warm / local * 100:.0f}%).",
              f"Client failures over all rounds: {failures}.",
              END]
    section = "\n".join(lines) + "\n"
    text = open(OUT).read() if os.path.exists(OUT) else ""
    if BEGIN in text and END in text:
        text = text[:text.index(BEGIN)] + section + text[text.index(END) + len(END) + 1:]
    else:
        text = text.rstrip("\n") + "\n\n## Pull-through caches\n\n" + section
    with open(OUT, "w") as f:
        f.write(text)
    print(section)


if __name__ == "__main__":
    main()
