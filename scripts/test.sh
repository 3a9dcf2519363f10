#!/usr/bin/env bash
# Runs the whole test suite on a fresh Debian machine with the .NET 10 SDK: installs what the tests
# need when it is missing (see below), then builds and tests everything.
set -euo pipefail
cd "$(dirname "$0")/.."

# redis-server for the cluster tests, chromium for the browser tests (Playwright drives Debian's build),
# Node.js and npm for the pages that LiveHost's build compiles, apertium-apy with the English-Spanish
# pair for the translation tests.
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v apertium-apy >/dev/null 2>&1 || missing+=(apertium-apy)
[ -e /usr/share/apertium/modes/eng-spa.mode ] || missing+=(apertium-eng-spa)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} (needed by the tests)..."
  if [ "$(id -u)" = "0" ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test LiveCommerce.sln -c Release --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One plain closing line for CI, summed over the test assemblies.
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
echo "${passed:-0} passed, ${failed:-0} failed"
if [ "${passed:-0}" = "0" ]; then echo "no test ran"; exit 1; fi
exit "$status"
