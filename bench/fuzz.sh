#!/usr/bin/env bash
# The fuzz at bench size: a million in-process cases and 20,000 over HTTP against a site of its
# own (the test command runs 100,000 and 5,000). Same seed, same checks as tests/php/FuzzTest.php.
#
#   bash bench/fuzz.sh [in-process cases, default 1000000] [HTTP cases, default 20000]
set -euo pipefail
. "$(dirname "$0")/../bin/lib.sh"
CASES="${1:-1000000}"
HTTP="${2:-20000}"

cleanup() { SITE_NAME=bench-fuzz PORT=8885 bash "$ROOT/bin/test-site.sh" down >/dev/null 2>&1 || true; }
trap cleanup EXIT
url="$(SITE_NAME=bench-fuzz PORT=8885 WITNESS=0 bash "$ROOT/bin/test-site.sh" up)"
AUTH_SENTINEL_SITE_DIR="$CACHE/bench-fuzz" AUTH_SENTINEL_SITE_URL="$url" \
	AUTH_SENTINEL_FUZZ_CASES="$CASES" AUTH_SENTINEL_FUZZ_HTTP="$HTTP" \
	phpunit -c "$ROOT/tests/php/phpunit.xml.dist" --filter FuzzTest
