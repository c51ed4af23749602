#!/usr/bin/env bash
# Installs WP-CLI into .cache/wp-cli with Composer (once) and prints the path of a `wp` that runs
# it. The plugin needs no WP-CLI; the CLI tests (tests/php/CliTest.php) run the real one.
#   bash bin/wp-cli.sh                      # prints .cache/wp-cli/wp
#   "$(bash bin/wp-cli.sh)" --path=.cache/site --allow-root auth-sentinel events list
# Fails (exit 1, a message on stderr) when Composer or the package registry is not there.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

DIR="$CACHE/wp-cli"
WP="$DIR/wp"
BOOT="$DIR/vendor/wp-cli/wp-cli/php/boot-fs.php"

# Writes composer.json: WP-CLI's framework only (the plugin's commands need no bundled command).
manifest() {
	local mustache="$1"
	{
		printf '{\n\t"require": {\n\t\t"wp-cli/wp-cli": "^2.10"'
		[ -n "$mustache" ] && printf ',\n\t\t"mustache/mustache": "%s"' "$mustache"
		printf '\n\t},\n\t"config": { "platform": { "php": "%s" } }\n}\n' "$(php -r 'echo PHP_MAJOR_VERSION . "." . PHP_MINOR_VERSION;')"
	} >"$DIR/composer.json"
}

install() {
	command -v composer >/dev/null || die "WP-CLI: Composer is not installed"
	mkdir -p "$DIR"
	rm -f "$DIR/composer.lock"
	manifest ""
	if ! COMPOSER_ALLOW_SUPERUSER=1 composer update --working-dir="$DIR" --no-interaction --no-progress -q 2>"$DIR/composer.log"; then
		# Some package mirrors lack the Mustache release WP-CLI asks for; 2.13 runs it just as well.
		manifest "2.13.0 as 2.14.1"
		COMPOSER_ALLOW_SUPERUSER=1 composer update --working-dir="$DIR" --no-interaction --no-progress -q 2>>"$DIR/composer.log" \
			|| die "WP-CLI could not be installed with Composer, see $DIR/composer.log"
	fi
}

[ -f "$BOOT" ] || install
cat >"$WP" <<SH
#!/bin/sh
# Runs the WP-CLI that bin/wp-cli.sh installed.
exec php "$BOOT" --require="$ROOT/tests/cli/quiet-vendor-deprecations.php" "\$@"
SH
chmod +x "$WP"
"$WP" --allow-root --version >/dev/null 2>&1 || die "WP-CLI was installed but does not run: $WP --allow-root --version"
echo "$WP"
