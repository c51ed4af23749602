#!/usr/bin/env bash
# Counts the CPU instructions one request takes, plugin on and off, on one test site (toggled
# between the two), under Valgrind: a figure that a machine shared with other work does not
# change, unlike times. Each request runs in its own PHP process with opcache's file cache
# (php -S and PHP-FPM keep scripts in shared memory instead, so loading a file costs more here
# than there); the counts include PHP's start-up, the same on and off. Median of 3 per cell.
#
#   bash bench/instructions.sh   (INSTR_SITE / INSTR_PORT name another site: default instr, 8954)
set -euo pipefail
. "$(dirname "$0")/../bin/lib.sh"
command -v valgrind >/dev/null || ensure_debs valgrind

name="${INSTR_SITE:-instr}"
port="${INSTR_PORT:-8954}"
site_dir="$CACHE/$name"
cleanup() { SITE_NAME="$name" PORT="$port" bash "$ROOT/bin/test-site.sh" down >/dev/null 2>&1 || true; }
trap cleanup EXIT
url="$(SITE_NAME="$name" PORT="$port" ACTIVATE=1 FIXTURES=0 WITNESS=0 bash "$ROOT/bin/test-site.sh" up)"
rm -f "$site_dir/wp-content/mu-plugins/auth-sentinel-dev.php" # Development tools: not in the release zip.
run() { php "$ROOT/tests/bin/wp-run.php" "$site_dir" "$url" "$1"; }
script="$(mktemp --suffix=.php)"
echo '<?php list( $p ) = WP_Application_Passwords::create_new_application_password( 1, array( "name" => "bench" ) ); echo $p;' >"$script"
good="Basic $(printf 'admin:%s' "$(run "$script")" | base64 -w0)"
wrong="Basic $(printf 'admin:%s' 'aaaa bbbb cccc dddd eeee ffff' | base64 -w0)"
cache="$(mktemp -d)"
php_request=(php -d opcache.enable_cli=1 -d opcache.file_cache="$cache" -d opcache.file_cache_only=1 "$ROOT/bench/request.php" "$site_dir" "localhost:$port")
count() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "${php_request[@]}" "$@" 2>&1 >/dev/null | sed -n 's/.*Collected : //p'; }
median() { printf '%s\n' "$@" | sort -n | sed -n 2p; }

labels=(
	"successful authenticated REST request (application password, GET /wp/v2/users/me)"
	"anonymous REST request (GET /wp/v2/posts)"
	"front page, anonymous"
	"failed application password (REST)"
	"garbage Bearer token (REST)"
)
args_of() {
	case "$1" in
	0) args=(/wp-json/wp/v2/users/me "$good") ;;
	1) args=(/wp-json/wp/v2/posts) ;;
	2) args=(/) ;;
	3) args=(/wp-json/wp/v2/users/me "$wrong") ;;
	4) args=(/wp-json/wp/v2/users/me "Bearer garbage.not-a.token") ;;
	esac
}
declare -A counts
for state in on off; do
	if [ "$state" = on ]; then plugins='array( "auth-sentinel/plugin.php" )'; else plugins='array()'; fi
	echo "<?php update_option( 'active_plugins', $plugins );" >"$script"
	run "$script"
	for i in "${!labels[@]}"; do
		args_of "$i"
		"${php_request[@]}" "${args[@]}" >/dev/null 2>&1 # Twice first: the file cache, the first use's writes.
		"${php_request[@]}" "${args[@]}" >/dev/null 2>&1
		counts[$state-$i]="$(median "$(count "${args[@]}")" "$(count "${args[@]}")" "$(count "${args[@]}")")"
	done
done
rm -rf "$script" "$cache"

echo "WordPress $(sed -n "s/^\$wp_version = '\(.*\)';/\1/p" "$CORE_DIR/wp-includes/version.php"), PHP $(php -r 'echo PHP_VERSION;'), $(valgrind --version), instructions of one request (median of 3)"
echo
echo "| workload | instructions off | instructions on | added | ratio on/off |"
echo "|---|---|---|---|---|"
for i in "${!labels[@]}"; do
	on="${counts[on-$i]}" off="${counts[off-$i]}"
	printf '| %s | %s | %s | %s | %s |\n' "${labels[$i]}" "$off" "$on" "$((on - off))" "$(awk -v a="$on" -v b="$off" 'BEGIN { printf "%.4f×", a / b }')"
done
