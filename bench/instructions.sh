#!/usr/bin/env bash
# Counts the CPU instructions one request takes, plugin on and off, on one test site (toggled
# between the two), under Valgrind: a figure that a machine shared with other work does not
# change, unlike times. The requests are served as in production: by one `php -S` process with
# opcache in shared memory (compiled once, as PHP-FPM keeps it), run under callgrind; after a
# warm-up its counters are zeroed, it serves REQUESTS more, and the total is divided by them.
# WP-Cron is off in this server (DISABLE_WP_CRON, on and off alike): a due event would send
# WordPress's own HTTP request to wp-cron.php from whichever request came first.
#
#   bash bench/instructions.sh   (INSTR_SITE / INSTR_PORT name another site: default instr,
#                                 8954, and the counted server on the port after it;
#                                 REQUESTS, default 8; WORKLOADS, the numbers of the
#                                 workloads to count, default all: "0 1 2 3 4")
set -euo pipefail
. "$(dirname "$0")/../bin/lib.sh"
command -v valgrind >/dev/null || ensure_debs valgrind
command -v callgrind_control >/dev/null || ensure_debs valgrind

name="${INSTR_SITE:-instr}"
port="${INSTR_PORT:-8954}"
counted_port="$((port + 1))"
requests="${REQUESTS:-8}"
site_dir="$CACHE/$name"
work="$(mktemp -d)"
server=""
cleanup() {
	if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi
	SITE_NAME="$name" PORT="$port" bash "$ROOT/bin/test-site.sh" down >/dev/null 2>&1 || true
	rm -rf "$work"
}
trap cleanup EXIT
url="$(SITE_NAME="$name" PORT="$port" ACTIVATE=1 FIXTURES=0 WITNESS=0 bash "$ROOT/bin/test-site.sh" up)"
rm -f "$site_dir/wp-content/mu-plugins/auth-sentinel-dev.php" # Development tools: not in the release zip.
run() { php "$ROOT/tests/bin/wp-run.php" "$site_dir" "$url" "$1"; }
echo '<?php list( $p ) = WP_Application_Passwords::create_new_application_password( 1, array( "name" => "bench" ) ); echo $p;' >"$work/password.php"
good="Basic $(printf 'admin:%s' "$(run "$work/password.php")" | base64 -w0)"
wrong="Basic $(printf 'admin:%s' 'aaaa bbbb cccc dddd eeee ffff' | base64 -w0)"
echo '<?php define( "DISABLE_WP_CRON", true );' >"$work/no-cron.php"

labels=(
	"successful authenticated REST request (application password, GET /wp/v2/users/me)"
	"anonymous REST request (GET /wp/v2/posts)"
	"front page, anonymous"
	"failed application password (REST)"
	"garbage Bearer token (REST)"
)
args_of() {
	case "$1" in
	0) path=/wp-json/wp/v2/users/me auth="$good" ;;
	1) path=/wp-json/wp/v2/posts auth="" ;;
	2) path=/ auth="" ;;
	3) path=/wp-json/wp/v2/users/me auth="$wrong" ;;
	4) path=/wp-json/wp/v2/users/me auth="Bearer garbage.not-a.token" ;;
	esac
}
# One request as the site's own address (WordPress redirects other hosts): to the counted server,
# or to the port given.
ask() {
	local headers=(-H "Host: localhost:$port")
	if [ -n "$auth" ]; then headers+=(-H "Authorization: $auth"); fi
	curl -s -o /dev/null "${headers[@]}" "http://127.0.0.1:${1:-$counted_port}$path"
}
# Instructions per request of one workload, in a fresh server.
count() {
	local out="$work/callgrind.out" i
	rm -f "$out"*
	if curl -s -o /dev/null "http://127.0.0.1:$counted_port/"; then
		echo "Port $counted_port is taken: set INSTR_PORT so that the port after it is free." >&2
		exit 1
	fi
	valgrind --tool=callgrind --callgrind-out-file="$out" \
		php -d auto_prepend_file="$work/no-cron.php" -d opcache.enable=1 -d opcache.revalidate_freq=0 -d display_errors=0 \
		-S "127.0.0.1:$counted_port" -t "$site_dir" "$ROOT/tests/bin/router.php" >"$work/server.log" 2>&1 &
	server=$!
	for i in $(seq 120); do
		curl -s -o /dev/null "http://127.0.0.1:$counted_port/wp-includes/css/dashicons.min.css" && break
		sleep 0.5
	done
	if ! kill -0 "$server" 2>/dev/null; then
		echo "The counted server did not start:" >&2
		cat "$work/server.log" >&2
		exit 1
	fi
	for i in $(seq 6); do ask; done # Warm-up: opcache, and the first use's writes.
	callgrind_control -z "$server" >/dev/null # Applied when the next request wakes the server.
	for i in $(seq "$requests"); do ask; done
	kill -INT "$server"
	wait "$server" 2>/dev/null || true
	server=""
	echo $(($(sed -n 's/^totals: //p' "$out") / requests))
}
declare -A counts
for state in on off; do
	if [ "$state" = on ]; then plugins='array( "auth-sentinel/plugin.php" )'; else plugins='array()'; fi
	echo "<?php update_option( 'active_plugins', $plugins );" >"$work/toggle.php"
	run "$work/toggle.php"
	# Every workload once through the site's own server, whichever are counted: the front page
	# caches what later requests read (without it a REST request counted before any front page
	# took about 220,000 instructions more than one counted after, which made the plugin's figure
	# depend on the order of the counts).
	for i in "${!labels[@]}"; do
		args_of "$i"
		ask "$port"
	done
	for i in ${WORKLOADS:-${!labels[@]}}; do
		args_of "$i"
		counts[$state-$i]="$(count)"
	done
done

echo "WordPress $(sed -n "s/^\$wp_version = '\(.*\)';/\1/p" "$CORE_DIR/wp-includes/version.php"), PHP $(php -r 'echo PHP_VERSION;'), $(valgrind --version), instructions per request served by php -S with opcache (mean of $requests after a warm-up)"
echo
echo "| workload | instructions off | instructions on | added | ratio on/off |"
echo "|---|---|---|---|---|"
for i in ${WORKLOADS:-${!labels[@]}}; do
	on="${counts[on-$i]}" off="${counts[off-$i]}"
	printf '| %s | %s | %s | %s | %s |\n' "${labels[$i]}" "$off" "$on" "$((on - off))" "$(awk -v a="$on" -v b="$off" 'BEGIN { printf "%.4f×", a / b }')"
done
