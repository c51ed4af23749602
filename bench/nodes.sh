#!/usr/bin/env bash
# Figures for docs/performance.md: two sites, each served by two web nodes (two PHP servers,
# one directory, one MariaDB), one without and one with a persistent object cache (Redis through
# the test-only drop-in), driven in alternation so that whatever else the machine runs weighs on
# both alike:
# - an adversarial storm split across the two nodes (tests/php/nodes: every request a new
#   credential), in five alternating rounds: requests, seconds, rows;
# - the median time of a successful and a failing application-password request on each node,
#   with the database queries and calls to Redis it made (bench/nodes.php).
#
#   bash bench/nodes.sh [storm requests per site, default 3000] [requests per cell, default 200]
set -euo pipefail
. "$(dirname "$0")/../bin/lib.sh"
cd "$ROOT"
STORM="${1:-3000}"
N="${2:-200}"
ROUNDS=5
# Ports of their own (the nodes check uses 8911, 8912 and 6391).
DB_P1=8913
DB_P2=8914
RD_P1=8917
RD_P2=8918
RP=6392

cleanup() {
	SITE_NAME=bench-nodes-db PORT=$DB_P1 PORT2=$DB_P2 bash "$ROOT/bin/test-site.sh" down >/dev/null 2>&1 || true
	SITE_NAME=bench-nodes-redis PORT=$RD_P1 PORT2=$RD_P2 REDIS_PORT=$RP bash "$ROOT/bin/test-site.sh" down >/dev/null 2>&1 || true
}
trap cleanup EXIT

db_url="$(NODES=2 SITE_NAME=bench-nodes-db PORT=$DB_P1 PORT2=$DB_P2 WITNESS=0 bash bin/test-site.sh up)"
rd_url="$(NODES=2 REDIS=1 SITE_NAME=bench-nodes-redis PORT=$RD_P1 PORT2=$RD_P2 REDIS_PORT=$RP WITNESS=0 bash bin/test-site.sh up)"
pass_script="$(mktemp --suffix=.php)"
echo '<?php list( $p ) = WP_Application_Passwords::create_new_application_password( 1, array( "name" => "bench" ) ); echo $p;' >"$pass_script"
for site in bench-nodes-db bench-nodes-redis; do cp bench/query-count.php "$CACHE/$site/wp-content/mu-plugins/"; done
db_pass="$(php tests/bin/wp-run.php "$CACHE/bench-nodes-db" "$db_url" "$pass_script")"
rd_pass="$(php tests/bin/wp-run.php "$CACHE/bench-nodes-redis" "$rd_url" "$pass_script")"
rm -f "$pass_script"

echo "WordPress $(sed -n "s/^\$wp_version = '\(.*\)';/\1/p" "$CORE_DIR/wp-includes/version.php"), PHP $(php -r 'echo PHP_VERSION;'), $(mariadb --version | awk '{print $5}' | tr -d ,), Redis $(redis-server --version | awk '{print $3}' | sed 's/^v=//'), $(nproc) cores; each node a PHP built-in server of 4 workers"
echo
echo "| site | storm requests | seconds | requests/s | new rows | of which summary rows | failures folded |"
echo "|---|---|---|---|---|---|---|"
declare -A seconds=() rows=() summary=() folded=()
for round in $(seq 1 $ROUNDS); do
	for mode in db redis; do
		if [ "$mode" = db ]; then site=bench-nodes-db url="$db_url" node2="http://localhost:$DB_P2"; else site=bench-nodes-redis url="$rd_url" node2="http://localhost:$RD_P2"; fi
		line="$(AUTH_SENTINEL_SITE_DIR="$CACHE/$site" AUTH_SENTINEL_SITE_URL="$url" AUTH_SENTINEL_NODE2_URL="$node2" \
			AUTH_SENTINEL_NODES_STORM=$((STORM / ROUNDS)) phpunit -c tests/php/phpunit.xml.dist --testsuite nodes --filter adversarial 2>&1 |
			grep 'adversarial storm' || echo "round $round of $mode failed")"
		read -r s r o f < <(sed -E 's/.* in ([0-9.]+) s, ([0-9]+) new rows \(([0-9]+) overflow\), ([0-9]+) folded.*/\1 \2 \3 \4/' <<<"$line")
		seconds[$mode]="$(awk -v a="${seconds[$mode]:-0}" -v b="$s" 'BEGIN { print a + b }')"
		rows[$mode]=$((${rows[$mode]:-0} + r))
		summary[$mode]=$((${summary[$mode]:-0} + o))
		folded[$mode]=$((${folded[$mode]:-0} + f))
	done
done
for mode in db redis; do
	label="without object cache"
	[ "$mode" = redis ] && label="with Redis"
	awk -v l="$label" -v n="$STORM" -v s="${seconds[$mode]}" -v r="${rows[$mode]}" -v o="${summary[$mode]}" -v f="${folded[$mode]}" \
		'BEGIN { printf "| %s | %d | %.1f | %.0f | %d | %d | %d |\n", l, n, s, n / s, r, o, f }'
done
echo
php bench/nodes.php "$N" "without object cache" "$db_url" "http://localhost:$DB_P2" "$db_pass" "with Redis" "$rd_url" "http://localhost:$RD_P2" "$rd_pass"
