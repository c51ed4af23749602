#!/usr/bin/env bash
# Counts the CPU instructions of the parts of a request's work, one call each, under Valgrind:
# the plugin's per-request pieces (the secrets' quick digest, the token guard, the schema guard,
# hooking a row of the hook table and a row's call when its guard says no) and the WordPress
# primitives they are made of (wp_load_alloptions(), get_option(), add_filter(), apply_filters()).
# Each part runs in a process that loads the site, once 0 times and once TIMES times; the
# difference divided by TIMES is one call. Like bench/instructions.sh, the figures do not move
# with the machine's load.
#
#   bash bench/components.sh   (COMPONENTS_SITE / COMPONENTS_PORT name another site: default
#                               components on 8956; TIMES, default 200)
set -euo pipefail
. "$(dirname "$0")/../bin/lib.sh"
command -v valgrind >/dev/null || ensure_debs valgrind

name="${COMPONENTS_SITE:-components}"
port="${COMPONENTS_PORT:-8956}"
times="${TIMES:-200}"
cleanup() { SITE_NAME="$name" PORT="$port" bash "$ROOT/bin/test-site.sh" down >/dev/null 2>&1 || true; }
trap cleanup EXIT
url="$(SITE_NAME="$name" PORT="$port" ACTIVATE=1 FIXTURES=0 WITNESS=0 bash "$ROOT/bin/test-site.sh" up)"
rm -f "$CACHE/$name/wp-content/mu-plugins/auth-sentinel-dev.php" # Development tools: not in the release zip.
# The secrets learnt, so that the quick digest compares (as on every request after the first).
php "$ROOT/tests/bin/wp-run.php" "$CACHE/$name" "$url" "$ROOT/bench/quick-check.php" >/dev/null

# Instructions of one process running a part n times.
count() {
	COMPONENT="$1" TIMES="$2" valgrind --tool=callgrind --callgrind-out-file=/dev/null \
		php -d opcache.enable_cli=1 "$ROOT/tests/bin/wp-run.php" "$CACHE/$name" "$url" "$ROOT/bench/components.php" 2>&1 >/dev/null |
		sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
parts=(
	"alloptions|wp_load_alloptions() (WordPress; the options are in memory)"
	"get_option|get_option( 'siteurl' ) (WordPress: the filters, then wp_load_alloptions())"
	"add_filter|add_filter() on a new hook (WordPress)"
	"apply_none|apply_filters() on a hook with no callback (WordPress)"
	"apply_plain|apply_filters() on a hook with one plain callback (WordPress)"
	"add_row|a row of the hook table hooked (Hooks::add(): a closure, then add_filter())"
	"apply_row|apply_filters() on a hook with one row whose guard says no (map_meta_cap's)"
	"schema_behind|Guards::schema_behind() (every request's init)"
	"may_carry_token|Guards::may_carry_token() (up to three times on a REST request)"
	"quick_digest|QuickDigest::unchanged() (every request's init)"
)
echo "WordPress $(sed -n "s/^\$wp_version = '\(.*\)';/\1/p" "$CORE_DIR/wp-includes/version.php"), PHP $(php -r 'echo PHP_VERSION;'), $(valgrind --version), instructions per call ($times calls against none, opcache on)"
echo
echo "| part | instructions per call |"
echo "|---|---|"
for part in "${parts[@]}"; do
	key="${part%%|*}"
	none="$(count "$key" 0)"
	many="$(count "$key" "$times")"
	printf '| %s | %s |\n' "${part#*|}" "$(( (many - none) / times ))"
done
