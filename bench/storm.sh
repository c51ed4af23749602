#!/usr/bin/env bash
# An adversarial storm against two identical sites, plugin on and off: every request a new
# credential and a new User-Agent, from 200 addresses in ten networks, eight in flight. Prints
# the time of each and the ratio, then what the plugin stored (rows, overflow, bytes).
#
#   bash bench/storm.sh [requests, default 20000]
set -euo pipefail
. "$(dirname "$0")/../bin/lib.sh"
N="${1:-20000}"

cleanup() {
	SITE_NAME=bench-on PORT=8882 bash "$ROOT/bin/test-site.sh" down >/dev/null 2>&1 || true
	SITE_NAME=bench-off PORT=8883 bash "$ROOT/bin/test-site.sh" down >/dev/null 2>&1 || true
}
trap cleanup EXIT

on_url="$(SITE_NAME=bench-on PORT=8882 ACTIVATE=1 FIXTURES=0 WITNESS=0 bash "$ROOT/bin/test-site.sh" up)"
off_url="$(SITE_NAME=bench-off PORT=8883 ACTIVATE=0 WITNESS=0 bash "$ROOT/bin/test-site.sh" up)"
# The default caps (the test sites raise them for the tests), and the storm's "proxy" trusted.
settings="$(mktemp --suffix=.php)"
echo '<?php \AuthSentinel\Settings\Settings::update( array( "failure_cap_network" => 100, "failure_cap_hour" => 1000, "trusted_proxies" => "127.0.0.1" ) ); echo "ok";' >"$settings"
php "$ROOT/tests/bin/wp-run.php" "$CACHE/bench-on" "$on_url" "$settings" >/dev/null
rm -f "$settings"

echo "WordPress $(sed -n "s/^\$wp_version = '\(.*\)';/\1/p" "$CORE_DIR/wp-includes/version.php"), PHP $(php -r 'echo PHP_VERSION;'), $(mariadb --version | awk '{print $5}' | tr -d ,), $(nproc) cores, $N requests, 8 in flight"
echo
php "$ROOT/bench/storm-drive.php" "$N" "$on_url" "$off_url"
echo
php "$ROOT/tests/bin/wp-run.php" "$CACHE/bench-on" "$on_url" "$ROOT/bench/storm-storage.php"
