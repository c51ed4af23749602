#!/usr/bin/env bash
# Measures what the plugin adds to requests: two identical sites, plugin on and off, driven in
# alternation from one process; medians, the ratio, and the queries each request made.
#
#   bash bench/request-overhead.sh [requests per cell, default 300]
set -euo pipefail
. "$(dirname "$0")/../bin/lib.sh"
N="${1:-300}"

cleanup() {
	SITE_NAME=bench-on PORT=8882 bash "$ROOT/bin/test-site.sh" down >/dev/null 2>&1 || true
	SITE_NAME=bench-off PORT=8883 bash "$ROOT/bin/test-site.sh" down >/dev/null 2>&1 || true
}
trap cleanup EXIT

on_url="$(SITE_NAME=bench-on PORT=8882 ACTIVATE=1 FIXTURES=0 WITNESS=0 bash "$ROOT/bin/test-site.sh" up)"
off_url="$(SITE_NAME=bench-off PORT=8883 ACTIVATE=0 WITNESS=0 bash "$ROOT/bin/test-site.sh" up)"
pass_script="$(mktemp --suffix=.php)"
echo '<?php list( $p ) = WP_Application_Passwords::create_new_application_password( 1, array( "name" => "bench" ) ); echo $p;' >"$pass_script"
# The query and CPU counter in both sites; the development tools (dev/, not in the release zip) in neither.
for site in bench-on bench-off; do
	cp "$ROOT/bench/query-count.php" "$CACHE/$site/wp-content/mu-plugins/"
	rm -f "$CACHE/$site/wp-content/mu-plugins/auth-sentinel-dev.php"
done
on_pass="$(php "$ROOT/tests/bin/wp-run.php" "$CACHE/bench-on" "$on_url" "$pass_script")"
off_pass="$(php "$ROOT/tests/bin/wp-run.php" "$CACHE/bench-off" "$off_url" "$pass_script")"
rm -f "$pass_script"

echo "WordPress $(sed -n "s/^\$wp_version = '\(.*\)';/\1/p" "$CORE_DIR/wp-includes/version.php"), PHP $(php -r 'echo PHP_VERSION;'), $(mariadb --version | awk '{print $5}' | tr -d ,), $(nproc) cores, $N requests per cell"
echo
php "$ROOT/bench/drive.php" "$N" "$on_url" "$on_pass" "$off_url" "$off_pass"
echo
php "$ROOT/tests/bin/wp-run.php" "$CACHE/bench-on" "$on_url" "$ROOT/bench/quick-check.php"
echo
echo "Storage on the plugin-on site after the run above (every failed request above was recorded):"
php "$ROOT/tests/bin/wp-run.php" "$CACHE/bench-on" "$on_url" "$ROOT/bench/storage.php"
