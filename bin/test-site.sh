#!/usr/bin/env bash
# A disposable WordPress for the tests: core from .wp-core, MariaDB in a private data dir, PHP's
# built-in server, the plugin symlinked in. `up` (re)creates it from scratch, `down` stops it.
#
#   bash bin/test-site.sh up                 # the test site at http://localhost:8881, prints the URL
#   bash bin/test-site.sh down
#   SITE_NAME=bench-off PORT=8883 ACTIVATE=0 bash bin/test-site.sh up   # another site, plugin inactive
#   FIXTURES=0 …                              # without the fixture token issuers (tests/fixtures)
#   MULTISITE=1 SITE_NAME=network PORT=8886 … # a subdirectory network: the plugin network-activated,
#                                             # a second site /site2/ with its own administrator
#   NODES=2 PORT2=8912 …                      # a second web node: another PHP server on PORT2 serving the
#                                             # same directory and database (send it the site's Host)
#   REDIS=1 REDIS_PORT=6391 …                 # a persistent object cache: a private redis-server on loopback
#                                             # (no persistence) and tests/fixtures/object-cache/object-cache.php
#   REVALIDATE=2 …                            # opcache checks files for changes at most every 2 s, as PHP's
#                                             # default (and PHP-FPM's) does; 0, the default here, on every request
set -euo pipefail
. "$(dirname "$0")/lib.sh"

SITE_NAME="${SITE_NAME:-site}"
SITE="$CACHE/$SITE_NAME"
DB_DIR="$CACHE/mariadb"
SOCK="$DB_DIR/mysqld.sock"
PORT="${PORT:-8881}"
URL="http://localhost:$PORT"
DB_NAME="auth_sentinel_${SITE_NAME//-/_}"
ACTIVATE="${ACTIVATE:-1}"
FIXTURES="${FIXTURES:-$ACTIVATE}"
PIDFILE="$CACHE/$SITE_NAME-server.pid"
# DB=sqlite runs the site on SQLite through the drop-in Playground uses (shipped in @wp-playground/cli).
DB="${DB:-mariadb}"
MULTISITE="${MULTISITE:-0}"
NODES="${NODES:-1}"
PORT2="${PORT2:-$((PORT + 1))}"
PIDFILE2="$CACHE/$SITE_NAME-node2.pid"
REDIS="${REDIS:-0}"
REDIS_PORT="${REDIS_PORT:-6391}"
REDIS_PIDFILE="$CACHE/$SITE_NAME-redis.pid"

db_up() {
	if [ -S "$SOCK" ] && mariadb-admin --socket="$SOCK" -uroot ping >/dev/null 2>&1; then
		return 0
	fi
	stop_pidfile "$DB_DIR/pid"
	rm -f "$SOCK"
	if [ ! -d "$DB_DIR/data/mysql" ]; then
		mkdir -p "$DB_DIR/data"
		mariadb-install-db --user=root --datadir="$DB_DIR/data" --auth-root-authentication-method=normal \
			--skip-test-db >"$DB_DIR/install.log" 2>&1 || die "mariadb-install-db failed, see $DB_DIR/install.log"
	fi
	setsid mariadbd --no-defaults --user=root --datadir="$DB_DIR/data" --socket="$SOCK" --skip-networking \
		--pid-file="$DB_DIR/mariadbd.pid" --log-error="$DB_DIR/error.log" --innodb-buffer-pool-size=256M \
		--innodb-flush-log-at-trx-commit=2 >/dev/null 2>&1 &
	echo $! >"$DB_DIR/pid"
	for _ in $(seq 1 100); do
		mariadb-admin --socket="$SOCK" -uroot ping >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	die "MariaDB did not start, see $DB_DIR/error.log"
}

write_config() {
	local salts="$SITE/salts.php"
	php -r '
		$names = array("AUTH_KEY","SECURE_AUTH_KEY","LOGGED_IN_KEY","NONCE_KEY","AUTH_SALT","SECURE_AUTH_SALT","LOGGED_IN_SALT","NONCE_SALT");
		$out = "<?php\n// Rewritten by tests that change the keys and salts.\n";
		foreach ($names as $n) { $out .= sprintf("define( %s, %s );\n", var_export($n, true), var_export(bin2hex(random_bytes(32)), true)); }
		file_put_contents($argv[1], $out);
	' "$salts"
	cat >"$SITE/wp-config.php" <<PHP
<?php
define( 'DB_ENGINE', '$DB' ); // Only the SQLite drop-in reads this.
define( 'DB_NAME', '$DB_NAME' );
if ( is_readable( __DIR__ . '/db-user.php' ) ) {
	require __DIR__ . '/db-user.php'; // Written by the fault test: a database user with fewer rights.
}
defined( 'DB_USER' ) || define( 'DB_USER', 'root' );
defined( 'DB_PASSWORD' ) || define( 'DB_PASSWORD', '' );
define( 'DB_HOST', 'localhost:$SOCK' );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );
\$table_prefix = 'wp_';
require __DIR__ . '/salts.php';
if ( is_readable( __DIR__ . '/redis-config.php' ) ) {
	require __DIR__ . '/redis-config.php'; // REDIS=1: where the test object cache connects.
}
if ( is_readable( __DIR__ . '/extra-config.php' ) ) {
	require __DIR__ . '/extra-config.php'; // Written by tests that need more constants.
}
if ( ! empty( \$_SERVER['HTTP_X_TEST_QUERY_LOG'] ) ) {
	define( 'SAVEQUERIES', true ); // The tests count the queries of this request (mu-plugin query-log.php).
}
define( 'WP_DEBUG', true );
define( 'WP_DEBUG_LOG', __DIR__ . '/debug.log' );
define( 'WP_DEBUG_DISPLAY', false );
define( 'WP_HTTP_BLOCK_EXTERNAL', true );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'WP_ENVIRONMENT_TYPE', 'local' );
define( 'DISABLE_WP_CRON', true );
if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}
require_once ABSPATH . 'wp-settings.php';
PHP
}

use_sqlite() {
	local zip="$ROOT/node_modules/@wp-playground/cli/sqlite-database-integration.zip" dir
	[ -f "$zip" ] || die "no SQLite drop-in: run npm install"
	unzip -q -o "$zip" -d "$SITE/wp-content/plugins/"
	dir="$(basename "$(find "$SITE/wp-content/plugins" -maxdepth 2 -name db.copy -printf '%h\n' | head -n1)")"
	sed -e "s|{SQLITE_IMPLEMENTATION_FOLDER_PATH}|$SITE/wp-content/plugins/$dir|" -e "s|{SQLITE_PLUGIN}|$dir/load.php|" \
		"$SITE/wp-content/plugins/$dir/db.copy" >"$SITE/wp-content/db.php"
	mkdir -p "$SITE/wp-content/database"
}

# A private Redis for one site (REDIS=1): loopback only, nothing saved to disk.
redis_up() {
	command -v redis-server >/dev/null || die "REDIS=1 needs redis-server (Debian: redis-server php-redis)"
	php -r 'exit(class_exists("Redis") ? 0 : 1);' || die "REDIS=1 needs php-redis"
	stop_pidfile "$REDIS_PIDFILE"
	free_port "$REDIS_PORT"
	setsid redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize no \
		--logfile "$CACHE/$SITE_NAME-redis.log" >/dev/null 2>&1 &
	echo $! >"$REDIS_PIDFILE"
	for _ in $(seq 1 50); do
		redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	die "redis-server did not start on $REDIS_PORT, see $CACHE/$SITE_NAME-redis.log"
}

# Starts one PHP server for the site: serve PORT PIDFILE.
serve() {
	local port="$1" pidfile="$2"
	stop_pidfile "$pidfile"
	free_port "$port"
	(
		cd "$SITE"
		PHP_CLI_SERVER_WORKERS=4 setsid php -d opcache.revalidate_freq="${REVALIDATE:-0}" -d display_errors=0 -d log_errors=1 -d error_log="$SITE/php-errors.log" \
			-S "localhost:$port" -t "$SITE" "$ROOT/tests/bin/router.php" >"$CACHE/$SITE_NAME-server-$port.log" 2>&1 &
		echo $! >"$pidfile"
	)
}

site_up() {
	bash "$ROOT/bin/wp-core.sh"
	if [ "$DB" = mariadb ]; then
		db_up
		mariadb --socket="$SOCK" -uroot -e "DROP DATABASE IF EXISTS $DB_NAME; CREATE DATABASE $DB_NAME CHARACTER SET utf8mb4;"
	fi
	stop_pidfile "$PIDFILE"
	stop_pidfile "$PIDFILE2"
	stop_pidfile "$REDIS_PIDFILE"
	free_port "$PORT"
	rm -rf "$SITE"
	cp -a "$CORE_DIR" "$SITE"
	rm -rf "$SITE/wp-content/database" "$SITE/wp-content/db.php" "$SITE/wp-config.php" "$SITE/wp-content/debug.log"
	mkdir -p "$SITE/wp-content/plugins" "$SITE/wp-content/mu-plugins"
	ln -sfn "$ROOT" "$SITE/wp-content/plugins/auth-sentinel"
	cp "$ROOT/tests/bin/quiet-updates.php" "$ROOT/tests/bin/query-log.php" "$ROOT/tests/bin/mail-catcher.php" "$ROOT/tests/bin/rtl.php" "$SITE/wp-content/mu-plugins/"
	# Every raw credential the tests send, for the data-hygiene test (WITNESS=0: none, as the benches want).
	[ "${WITNESS:-1}" = 0 ] || cp "$ROOT/tests/bin/credential-witness.php" "$SITE/wp-content/mu-plugins/"
	# The development tools (dev/: wp auth-sentinel demo), as wp-env maps them in.
	ln -sfn "$ROOT/dev/mu-plugins/auth-sentinel-dev.php" "$SITE/wp-content/mu-plugins/auth-sentinel-dev.php"
	if [ -d "$ROOT/tests/fixtures/plugins" ]; then
		for p in "$ROOT"/tests/fixtures/plugins/*/; do ln -sfn "${p%/}" "$SITE/wp-content/plugins/$(basename "$p")"; done
	fi
	[ "$DB" = sqlite ] && use_sqlite
	write_config
	if [ "$REDIS" = 1 ]; then
		redis_up
		cp "$ROOT/tests/fixtures/object-cache/object-cache.php" "$SITE/wp-content/object-cache.php"
		printf "<?php\ndefine( 'AUTH_SENTINEL_TEST_REDIS_HOST', '127.0.0.1' );\ndefine( 'AUTH_SENTINEL_TEST_REDIS_PORT', %d );\ndefine( 'AUTH_SENTINEL_TEST_REDIS_PREFIX', '%s' );\n" \
			"$REDIS_PORT" "$SITE_NAME" >"$SITE/redis-config.php"
	fi
	php "$ROOT/tests/bin/install-site.php" "$SITE" "$URL" "$ACTIVATE" "$FIXTURES" "$MULTISITE" >/dev/null || die "WordPress install failed"
	serve "$PORT" "$PIDFILE"
	wait_http "$URL/wp-login.php" 30 || die "the test site did not answer, see $CACHE/$SITE_NAME-server-$PORT.log"
	if [ "$NODES" = 2 ]; then
		serve "$PORT2" "$PIDFILE2"
		wait_http "http://localhost:$PORT2/wp-login.php" 30 || die "the second node did not answer, see $CACHE/$SITE_NAME-server-$PORT2.log"
	fi
	echo "$URL"
}

site_down() {
	stop_pidfile "$PIDFILE"
	stop_pidfile "$PIDFILE2"
	stop_pidfile "$REDIS_PIDFILE"
	# The database server is shared by every site: stop it only when no site runs any more.
	if ls "$CACHE"/*-server.pid >/dev/null 2>&1; then
		return 0
	fi
	if [ -S "$SOCK" ]; then
		mariadb-admin --socket="$SOCK" -uroot shutdown >/dev/null 2>&1 || true
	fi
	stop_pidfile "$DB_DIR/pid"
}

case "${1:-}" in
up) site_up ;;
down) site_down ;;
*) echo "usage: $0 up|down" >&2; exit 2 ;;
esac
