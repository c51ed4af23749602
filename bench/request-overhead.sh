#!/usr/bin/env bash
# Measures what the plugin adds to requests: two identical sites, plugin on and off, driven in
# alternation from one process; medians, the ratio, and the queries each request made.
#
#   bash bench/request-overhead.sh [requests per cell, default 300]
#   (BENCH_PREFIX / BENCH_PORT name other sites: default bench-on and bench-off on 8882 and 8883)
#   (REVALIDATE=2: opcache checks the scripts at most every 2 s, PHP's default; 0 by default here,
#   every request, as a development site does: each file loaded then costs a stat() call more)
set -euo pipefail
. "$(dirname "$0")/../bin/lib.sh"
N="${1:-300}"
on_site="${BENCH_PREFIX:-bench}-on"
off_site="${BENCH_PREFIX:-bench}-off"
on_port="${BENCH_PORT:-8882}"
off_port="$((on_port + 1))"

cleanup() {
	SITE_NAME="$on_site" PORT="$on_port" bash "$ROOT/bin/test-site.sh" down >/dev/null 2>&1 || true
	SITE_NAME="$off_site" PORT="$off_port" bash "$ROOT/bin/test-site.sh" down >/dev/null 2>&1 || true
}
trap cleanup EXIT

on_url="$(SITE_NAME="$on_site" PORT="$on_port" ACTIVATE=1 FIXTURES=0 WITNESS=0 bash "$ROOT/bin/test-site.sh" up)"
off_url="$(SITE_NAME="$off_site" PORT="$off_port" ACTIVATE=0 WITNESS=0 bash "$ROOT/bin/test-site.sh" up)"
pass_script="$(mktemp --suffix=.php)"
echo '<?php list( $p ) = WP_Application_Passwords::create_new_application_password( 1, array( "name" => "bench" ) ); echo $p;' >"$pass_script"
# The query and CPU counter in both sites; the development tools (dev/, not in the release zip) in neither.
for site in "$on_site" "$off_site"; do
	cp "$ROOT/bench/query-count.php" "$CACHE/$site/wp-content/mu-plugins/"
	rm -f "$CACHE/$site/wp-content/mu-plugins/auth-sentinel-dev.php"
done
on_pass="$(php "$ROOT/tests/bin/wp-run.php" "$CACHE/$on_site" "$on_url" "$pass_script")"
off_pass="$(php "$ROOT/tests/bin/wp-run.php" "$CACHE/$off_site" "$off_url" "$pass_script")"
rm -f "$pass_script"

echo "WordPress $(sed -n "s/^\$wp_version = '\(.*\)';/\1/p" "$CORE_DIR/wp-includes/version.php"), PHP $(php -r 'echo PHP_VERSION;'), $(mariadb --version | awk '{print $5}' | tr -d ,), $(nproc) cores, $N requests per cell, opcache.revalidate_freq=${REVALIDATE:-0}"
echo
php "$ROOT/bench/drive.php" "$N" "$on_url" "$on_pass" "$off_url" "$off_pass"
echo
php "$ROOT/tests/bin/wp-run.php" "$CACHE/$on_site" "$on_url" "$ROOT/bench/quick-check.php"
echo
echo "Storage on the plugin-on site after the run above (every failed request above was recorded):"
php "$ROOT/tests/bin/wp-run.php" "$CACHE/$on_site" "$on_url" "$ROOT/bench/storage.php"
