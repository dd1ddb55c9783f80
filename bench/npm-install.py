#!/usr/bin/env python3
"""npm install benchmark: a project with PACKAGES dependencies installed through a warm npm virtual repository of
ours, against the same packages served as plain files by a static file server, in one run.

    python3 bench/npm-install.py                  # 3 alternating rounds, 200 dependencies (about 3 minutes)
    ROUNDS=1 PACKAGES=50 python3 bench/npm-install.py

Setup, once: PACKAGES packages `bench-dep-NNN`, each published in three versions (1.0.0, 1.1.0, 2.0.0; a few KiB of
JavaScript each), and a project depending on every one of them with `^1.0.0` (so npm must read each packument and
pick 1.1.0). Ours: Release build, embedded defaults (filesystem + SQLite), authentication on; the versions are
published to an npm local repository with npm's own publish request, and the client reads an npm virtual repository
over it with a CI token in `.npmrc`. The static server: `python3 -m http.server` (threaded) over a folder holding one
packument file per package (what our registry answered, tarball URLs pointing at the static server) and a folder of
the tarballs.

Each round, in alternating order, runs `npm install --no-package-lock` with an empty `node_modules` and an empty npm
cache (so every packument and tarball is fetched) against each server, after one untimed install that warms the
server. The installed trees must be identical. Writes its section of docs/benchmarks.md (between the
bench/npm-install.py markers) and prints it.
Environment: ROUNDS (3), PACKAGES (200), OUT (docs/benchmarks.md), KEEP=1 keeps the work directory.
"""
import base64
import hashlib
import io
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.error
import urllib.request
from datetime import datetime, timezone

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from docsection import write_section  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
ROUNDS = int(os.environ.get("ROUNDS", "3"))
PACKAGES = int(os.environ.get("PACKAGES", "200"))
OUT = os.environ.get("OUT", os.path.join(REPO, "docs", "benchmarks.md"))
BEGIN, END = "<!-- bench/npm-install.py: begin -->", "<!-- bench/npm-install.py: end -->"
OURS_PORT, STATIC_PORT = 5121, 5122
PASSWORD = "bench-admin-password"
LOCAL, VIRTUAL = "npm-bench-local", "npm-bench"
VERSIONS = ["1.0.0", "1.1.0", "2.0.0"]


def log(message):
    print(message, file=sys.stderr, flush=True)


def request(method, url, body=None, auth=True, content_type="application/json"):
    headers = {"Content-Type": content_type}
    if auth:
        headers["Authorization"] = "Basic " + base64.b64encode(f"admin:{PASSWORD}".encode()).decode()
    data = body if isinstance(body, bytes) or body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def wait_ready(url):
    for _ in range(600):
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except urllib.error.HTTPError as e:
            if e.code in (200, 401, 404):
                return
        except OSError:
            pass
        time.sleep(0.1)
    sys.exit(f"bench/npm-install.py: nothing answers at {url}")


def stop(process):
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def tarball(name, version):
    """A package tarball as npm packs it: package/package.json and package/index.js, a few KiB."""
    manifest = {"name": name, "version": version, "main": "index.js", "license": "MIT",
                "description": f"benchmark dependency {name}"}
    body = "".join(f"exports.f{i} = function () {{ return '{hashlib.sha256(f'{name}{version}{i}'.encode()).hexdigest()}'; }};\n"
                   for i in range(40))
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz", format=tarfile.PAX_FORMAT) as tar:
        for path, text in (("package/package.json", json.dumps(manifest, indent=2)), ("package/index.js", body)):
            data = text.encode()
            info = tarfile.TarInfo(path)
            info.size, info.mode, info.mtime = len(data), 0o644, 499162500
            tar.addfile(info, io.BytesIO(data))
    return manifest, buffer.getvalue()


def publish_body(name, version, manifest, data, registry):
    shasum = hashlib.sha1(data).hexdigest()
    integrity = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()
    filename = f"{name}-{version}.tgz"
    version_doc = {**manifest, "_id": f"{name}@{version}",
                   "dist": {"shasum": shasum, "integrity": integrity, "tarball": f"{registry}/{name}/-/{filename}"}}
    return {"_id": name, "name": name, "description": manifest["description"], "dist-tags": {"latest": version},
            "versions": {version: version_doc},
            "_attachments": {filename: {"content_type": "application/octet-stream", "data": base64.b64encode(data).decode(), "length": len(data)}}}


def npm_install(project, registry, npmrc_lines, cache):
    shutil.rmtree(os.path.join(project, "node_modules"), ignore_errors=True)
    shutil.rmtree(cache, ignore_errors=True)
    npmrc = os.path.join(project, ".npmrc")
    with open(npmrc, "w") as f:
        f.write("\n".join([f"registry={registry}/", *npmrc_lines]) + "\n")
    env = {**os.environ, "npm_config_userconfig": npmrc, "npm_config_cache": cache, "npm_config_update_notifier": "false"}
    started = time.monotonic()
    result = subprocess.run(["npm", "install", "--no-package-lock", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"],
                            cwd=project, env=env, capture_output=True, text=True)
    elapsed = time.monotonic() - started
    if result.returncode != 0:
        sys.exit(f"bench/npm-install.py: npm install from {registry} failed:\n{result.stdout}\n{result.stderr}")
    return elapsed


def fetch_all(registry, token):
    """Every packument and the tarball npm picks (1.1.0), one request after the other: the server's own time per request."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    started = time.monotonic()
    for i in range(PACKAGES):
        name = f"bench-dep-{i:03d}"
        with urllib.request.urlopen(urllib.request.Request(f"{registry}/{name}", headers=headers), timeout=60) as response:
            packument = json.loads(response.read())
        with urllib.request.urlopen(urllib.request.Request(packument["versions"]["1.1.0"]["dist"]["tarball"], headers=headers), timeout=60) as response:
            response.read()
    return time.monotonic() - started


def tree_digest(project):
    digest = hashlib.sha256()
    root = os.path.join(project, "node_modules")
    count = 0
    for folder, folders, files in sorted(os.walk(root)):
        folders.sort()
        if os.path.basename(folder) == ".bin" or folder.endswith("/node_modules") and ".package-lock.json" in files:
            files = [f for f in files if f != ".package-lock.json"]
        for name in sorted(files):
            path = os.path.join(folder, name)
            digest.update(os.path.relpath(path, root).encode())
            with open(path, "rb") as f:
                digest.update(f.read())
            count += 1
    return digest.hexdigest(), count


def installed_versions(project):
    versions = {}
    for i in range(PACKAGES):
        name = f"bench-dep-{i:03d}"
        with open(os.path.join(project, "node_modules", name, "package.json")) as f:
            versions[name] = json.load(f)["version"]
    return versions


def main():
    if not shutil.which("npm"):
        sys.exit("bench/npm-install.py: needs npm (Node.js)")
    work = tempfile.mkdtemp(prefix="registry-npm-bench.")
    processes = []
    try:
        log("building the registry (Release)...")
        publish = os.path.join(work, "publish")
        subprocess.run(["dotnet", "publish", os.path.join(REPO, "Registry.Api"), "-c", "Release", "-o", publish, "--nologo", "-v", "quiet"],
                       check=True, stdout=subprocess.DEVNULL)
        env = {**os.environ, "Registry__Storage__Path": os.path.join(work, "data"), "Registry__Auth__AdminPassword": PASSWORD,
               "Logging__LogLevel__Default": "Warning"}
        ours = subprocess.Popen(["dotnet", os.path.join(publish, "Registry.Api.dll"), "--urls", f"http://127.0.0.1:{OURS_PORT}"],
                                env=env, stdout=open(os.path.join(work, "ours.log"), "a"), stderr=subprocess.STDOUT)
        processes.append(ours)
        base = f"http://127.0.0.1:{OURS_PORT}"
        wait_ready(base + "/v2/")
        for key, body in ((LOCAL, {"rclass": "local", "packageType": "npm"}),
                          (VIRTUAL, {"rclass": "virtual", "packageType": "npm", "repositories": [LOCAL], "defaultDeploymentRepo": LOCAL})):
            status, answer = request("PUT", f"{base}/artifactory/api/repositories/{key}", body)
            if status not in (200, 201):
                sys.exit(f"bench/npm-install.py: creating {key} answered {status}: {answer[:300]}")
        status, answer = request("POST", f"{base}/api/v1/tokens", {"name": "npm-bench", "namespaces": [VIRTUAL], "actions": ["pull"], "expiresInDays": 1})
        token = json.loads(answer).get("secret") if status in (200, 201) else None
        if not token:
            sys.exit(f"bench/npm-install.py: creating a CI token answered {status}: {answer[:300]}")

        log(f"publishing {PACKAGES} packages x {len(VERSIONS)} versions...")
        local_registry = f"{base}/artifactory/api/npm/{LOCAL}"
        tarball_bytes = 0
        for i in range(PACKAGES):
            name = f"bench-dep-{i:03d}"
            for version in VERSIONS:
                manifest, data = tarball(name, version)
                tarball_bytes += len(data)
                status, answer = request("PUT", f"{local_registry}/{name}", publish_body(name, version, manifest, data, local_registry))
                if status not in (200, 201):
                    sys.exit(f"bench/npm-install.py: publishing {name}@{version} answered {status}: {answer[:300]}")

        virtual_registry = f"{base}/artifactory/api/npm/{VIRTUAL}"
        static = os.path.join(work, "static")
        static_registry = f"http://127.0.0.1:{STATIC_PORT}"
        os.makedirs(os.path.join(static, "tarballs"))
        for i in range(PACKAGES):
            name = f"bench-dep-{i:03d}"
            status, answer = request("GET", f"{virtual_registry}/{name}")
            if status != 200:
                sys.exit(f"bench/npm-install.py: the packument of {name} answered {status}")
            packument = json.loads(answer)
            for version, doc in packument["versions"].items():
                filename = f"{name}-{version}.tgz"
                status, data = request("GET", doc["dist"]["tarball"])
                if status != 200:
                    sys.exit(f"bench/npm-install.py: {doc['dist']['tarball']} answered {status}")
                with open(os.path.join(static, "tarballs", filename), "wb") as f:
                    f.write(data)
                doc["dist"]["tarball"] = f"{static_registry}/tarballs/{filename}"
            with open(os.path.join(static, name), "w") as f:
                json.dump(packument, f)
        server = subprocess.Popen([sys.executable, "-m", "http.server", str(STATIC_PORT), "--bind", "127.0.0.1", "--directory", static],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        processes.append(server)
        wait_ready(static_registry + "/")

        project = os.path.join(work, "project")
        os.makedirs(project)
        with open(os.path.join(project, "package.json"), "w") as f:
            json.dump({"name": "bench-app", "version": "1.0.0", "private": True,
                       "dependencies": {f"bench-dep-{i:03d}": "^1.0.0" for i in range(PACKAGES)}}, f, indent=2)
        host = f"//127.0.0.1:{OURS_PORT}/artifactory/api/npm/{VIRTUAL}/"
        targets = {
            "ours": (virtual_registry, [f"{host}:_authToken={token}"]),
            "static": (static_registry, []),
        }
        cache = os.path.join(work, "npm-cache")
        digests = {}
        for target, (registry, lines) in targets.items():
            npm_install(project, registry, lines, cache)  # warm-up, untimed
            digests[target] = tree_digest(project)
            if set(installed_versions(project).values()) != {"1.1.0"}:
                sys.exit(f"bench/npm-install.py: npm did not resolve ^1.0.0 to 1.1.0 from {target}")
        if digests["ours"] != digests["static"]:
            sys.exit(f"bench/npm-install.py: the installed trees differ: {digests}")

        times = {"ours": [], "static": []}
        sequential = {"ours": [], "static": []}
        for round_no in range(1, ROUNDS + 1):
            order = ["ours", "static"] if round_no % 2 else ["static", "ours"]
            for target in order:
                registry, lines = targets[target]
                seconds = npm_install(project, registry, lines, cache)
                times[target].append(seconds)
                sequential[target].append(fetch_all(registry, token if target == "ours" else None))
                log(f"round {round_no}: {target} {seconds:.2f} s, {sequential[target][-1]:.2f} s sequential")

        ours_s, static_s = statistics.median(times["ours"]), statistics.median(times["static"])
        ours_seq, static_seq = statistics.median(sequential["ours"]), statistics.median(sequential["static"])
        requests = 2 * PACKAGES
        commit = subprocess.run(["git", "-C", REPO, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
        npm_version = subprocess.run(["npm", "--version"], capture_output=True, text=True).stdout.strip()
        cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), platform.machine())
        section = "\n".join([
            f"Measured {datetime.now(timezone.utc):%Y-%m-%d} at `{commit}` by `bench/npm-install.py` ({ROUNDS} alternating rounds, "
            f"median; {os.cpu_count()} cores, {cpu}; npm {npm_version}).",
            "",
            f"`npm install` of a project with {PACKAGES} dependencies (each with {len(VERSIONS)} versions; `^1.0.0` resolves to 1.1.0), "
            f"empty `node_modules` and npm cache each time: {PACKAGES} packuments and {PACKAGES} tarballs "
            f"({tarball_bytes / len(VERSIONS) / 1024:.0f} KiB of tarballs per install). Both installed trees are identical.",
            "",
            "| Served by | install time | static server time / this time |",
            "|---|---|---|",
            f"| our npm virtual repository (over a local one, CI token) | {ours_s:.2f} s | {static_s / ours_s:.2f}x |",
            f"| `python3 -m http.server` over the same files | {static_s:.2f} s | 1.00x |",
            "",
            f"The same {requests} requests one after the other from one Python client (packument, then the tarball npm picks), "
            f"the servers' own time: ours {ours_seq:.2f} s ({1000 * ours_seq / requests:.1f} ms a request, CI token checked on each), "
            f"the static server {static_seq:.2f} s ({1000 * static_seq / requests:.1f} ms a request), "
            f"{static_seq / ours_seq:.2f}x. npm's own work (resolving, extracting, writing `node_modules`) is most of an install.",
            "",
            "Every round: " + "; ".join(f"ours {o:.2f} s, static {s:.2f} s" for o, s in zip(times["ours"], times["static"])) + ".",
        ])
        write_section(OUT, BEGIN, END, section)
        print(section)
    finally:
        for process in processes:
            stop(process)
        if os.environ.get("KEEP") != "1":
            shutil.rmtree(work, ignore_errors=True)
        else:
            log(f"kept {work}")


if __name__ == "__main__":
    main()
