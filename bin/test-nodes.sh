#!/usr/bin/env bash
# Two web nodes of one site: the nodes suite (tests/php/nodes) on a site served by two PHP
# servers sharing one directory and one database, first without a persistent object cache, then
# with Redis (REDIS=1: a private redis-server and the test-only object-cache.php). Writes each
# pass's JUnit report to OUT (default .cache/results) as nodes-db.xml and nodes-redis.xml, and
# the site's PHP logs to OUT/nodes-php.log; stops the site and Redis afterwards.
#
#   bash bin/test-nodes.sh                 # both passes (about a minute each)
#   PASSES=redis bash bin/test-nodes.sh    # one pass: db or redis
#   NODES_PORT=8911 NODES_PORT2=8912 NODES_REDIS_PORT=6391   # the ports (the defaults)
set -uo pipefail
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 1

OUT="${OUT:-$CACHE/results}"
PASSES="${PASSES:-db redis}"
P1="${NODES_PORT:-8911}"
P2="${NODES_PORT2:-8912}"
RP="${NODES_REDIS_PORT:-6391}"
mkdir -p "$OUT"
: >"$OUT/nodes-php.log"
status=0

for pass in $PASSES; do
	redis=0
	[ "$pass" = redis ] && redis=1
	say "── nodes ($pass): two web nodes on :$P1 and :$P2$([ "$redis" = 1 ] && echo ", Redis on :$RP")"
	if NODES=2 REDIS="$redis" SITE_NAME=nodes PORT="$P1" PORT2="$P2" REDIS_PORT="$RP" bash bin/test-site.sh up >"$OUT/nodes-$pass-site.log" 2>&1; then
		AUTH_SENTINEL_SITE_DIR="$CACHE/nodes" AUTH_SENTINEL_SITE_URL="http://localhost:$P1" AUTH_SENTINEL_NODE2_URL="http://localhost:$P2" \
			phpunit -c tests/php/phpunit.xml.dist --testsuite nodes --log-junit "$OUT/nodes-$pass.xml" >"$OUT/nodes-$pass.log" 2>&1 || status=1
		tail -n 15 "$OUT/nodes-$pass.log"
		cat "$CACHE/nodes/debug.log" "$CACHE/nodes/php-errors.log" >>"$OUT/nodes-php.log" 2>/dev/null || true
	else
		cat "$OUT/nodes-$pass-site.log"
		rm -f "$OUT/nodes-$pass.xml"
		status=1
	fi
done
SITE_NAME=nodes PORT="$P1" PORT2="$P2" REDIS_PORT="$RP" bash bin/test-site.sh down
exit "$status"
