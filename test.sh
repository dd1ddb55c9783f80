#!/usr/bin/env bash
# Builds the solution and runs every test: unit, integration and end-to-end (docker, podman, skopeo and 1 GiB
# blobs against the real registry process). The last line printed is "N passed, N failed, N skipped"; the exit
# code is non-zero when the build or any test failed.
#
#   ./test.sh                      everything (run as root: the end-to-end tests start a private dockerd)
#   REGISTRY_E2E=0 ./test.sh       skip the tests that drive docker, podman and skopeo
#   ./test.sh --filter 'FullyQualifiedName~EndToEnd'    extra arguments go to 'dotnet test'
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

configuration=${CONFIGURATION:-Release}
results=TestResults/test-sh
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# As this machine's image sets them: package signatures are checked without online revocation lookups (only the
# package registries are reachable), and node trusts the system's CA bundle.
export NUGET_CERT_REVOCATION_MODE=${NUGET_CERT_REVOCATION_MODE:-offline}
if [[ -z "${NODE_EXTRA_CA_CERTS:-}" && -f /etc/ssl/certs/ca-certificates.crt ]]; then
  export NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
fi

# 1. The external clients the end-to-end tests need. The tests start dockerd themselves.
if [[ "${REGISTRY_E2E:-}" == "0" ]]; then
  echo "test.sh: REGISTRY_E2E=0: the docker, podman and skopeo tests will be skipped."
else
  if [[ $(id -u) -eq 0 ]]; then
    # Returns at once when everything is present (docker, podman, skopeo, PostgreSQL, node and s3rver).
    bash .ci/install-tools || echo "test.sh: installing the test tools failed; the tests that need them will fail." >&2
  else
    missing=()
    for tool in docker dockerd podman skopeo; do
      command -v "$tool" >/dev/null 2>&1 || [[ -x "/usr/sbin/$tool" ]] || missing+=("$tool")
    done
    [[ -x /usr/lib/postgresql/15/bin/initdb ]] || missing+=(postgresql-15)
    [[ -x /usr/bin/chromium ]] || missing+=(chromium)
    if [[ ${#missing[@]} -gt 0 ]]; then
      echo "test.sh: missing ${missing[*]}. Install them with 'sudo apt-get install docker.io podman skopeo postgresql-15 chromium'" >&2
      echo "test.sh: (or run ./test.sh as root), or set REGISTRY_E2E=0 to skip the tests that need docker, podman and skopeo." >&2
    fi
  fi
  if [[ $(id -u) -ne 0 ]]; then
    echo "test.sh: not root: the docker and podman tests need root (private dockerd, podman vfs store)." >&2
  fi
fi

# 2. Build.
if ! dotnet build Registry.sln -c "$configuration" -nologo -v:minimal; then
  echo "test.sh: the build failed (counted as one failure)."
  echo "0 passed, 1 failed"
  exit 1
fi

# 3. Test, with a trx file per run to count from: every test on the embedded defaults (filesystem + SQLite; the
#    PostgreSQL and S3 store contract tests start their own servers), then the whole API suite again on PostgreSQL
#    metadata + S3 blobs, against a PostgreSQL cluster and s3rver this script starts and tears down.
rm -rf "$results"
dotnet test Registry.sln -c "$configuration" --no-build --nologo \
  --results-directory "$results" \
  --logger "trx;LogFileName=embedded.trx" --logger "console;verbosity=normal" \
  --blame-hang-timeout 10m \
  "$@"
test_exit=$?

if [[ $# -eq 0 ]]; then
  backends="/tmp/registry-backends-$$"
  trap 'bash .ci/backends stop "$backends"' EXIT
  if bash .ci/backends start "$backends"; then
    # shellcheck disable=SC1091
    source "$backends/env"
    REGISTRY_TEST_BACKEND=postgres-s3 dotnet test Registry.Tests -c "$configuration" --no-build --nologo \
      --results-directory "$results" \
      --logger "trx;LogFileName=api-postgres-s3.trx" --logger "console;verbosity=minimal" \
      --filter "FullyQualifiedName~Registry.Tests.Api" \
      --blame-hang-timeout 10m
    [[ $? -eq 0 ]] || test_exit=1
  else
    echo "test.sh: PostgreSQL and s3rver did not start (see above); the PostgreSQL + S3 API pass could not run (counted as one failure)."
    backend_failure=1
  fi
fi

# 4. Sum the counters of every trx file.
passed=0 failed=0 skipped=0
counter() {
  local value
  value=$(sed -n "s/.*[[:space:]]$1=\"\([0-9]*\)\".*/\1/p" <<<"$2")
  echo "${value:-0}"
}
shopt -s nullglob
trx_files=("$results"/*.trx)
for trx in "${trx_files[@]}"; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  [[ -n "$counters" ]] || continue
  passed=$((passed + $(counter passed "$counters")))
  failed=$((failed + $(counter failed "$counters") + $(counter error "$counters") + $(counter timeout "$counters") + $(counter aborted "$counters")))
  # Skipped tests are in "total" but not in "executed" (their own counter, notExecuted, stays 0).
  skipped=$((skipped + $(counter total "$counters") - $(counter executed "$counters")))
done

failed=$((failed + ${backend_failure:-0}))
if [[ $test_exit -ne 0 && $failed -eq 0 ]]; then
  echo "test.sh: 'dotnet test' exited with $test_exit but no trx file reports a failed test (crash or hang?); counted as one failure."
  failed=1
fi
if [[ ${#trx_files[@]} -eq 0 ]]; then
  echo "test.sh: no trx file under $results."
fi

echo "$passed passed, $failed failed, $skipped skipped"
[[ $test_exit -eq 0 && $failed -eq 0 ]]
