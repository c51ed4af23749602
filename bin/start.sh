#!/usr/bin/env bash
# Starts WordPress at http://localhost:8888 with Auth Sentinel active (admin / password).
#   bash bin/start.sh          # the site
#   bash bin/start.sh --demo   # the site, then filled with demo data (bin/demo.sh)
#
# With a usable Docker daemon and wordpress.org in reach, this is plain `wp-env start` with
# .wp-env.json as is. Otherwise (no Docker, or offline) it runs wp-env's Playground runtime
# (PHP-WebAssembly + SQLite, no Docker) on the WordPress core that bin/wp-core.sh builds from
# Debian's archive into .wp-core/. Force a runtime with WP_ENV_RUNTIME=docker|playground.
#
# Safe to run again at any time (also after a crash): it stops what the previous run started.
# Returns once the site really answers, leaving the server running in the background.
# shellcheck source-path=SCRIPTDIR
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=wp-env-offline.sh
. "$ROOT/bin/wp-env-offline.sh"

demo=0
for arg in "$@"; do
	case "$arg" in
	--demo) demo=1 ;;
	*) die "usage: bash bin/start.sh [--demo]" ;;
	esac
done

started_at=$SECONDS

# One start/stop at a time. Descriptor 9 is closed for wp-env below, so the server it leaves
# running does not inherit (and hold) the lock.
exec 9>"$CACHE/wordpress.lock"
flock -w 120 9 || die "another bin/start.sh or bin/stop.sh is still running"

ensure_npm
bash "$ROOT/bin/wp-core.sh"
ensure_build

# --- Which runtime --------------------------------------------------------------------------
runtime="${WP_ENV_RUNTIME:-}"
if [ -z "$runtime" ]; then
	if docker_usable && wporg_reachable; then runtime=docker; else runtime=playground; fi
fi
case "$runtime" in docker | playground) ;; *) die "WP_ENV_RUNTIME must be docker or playground" ;; esac

# --- Clear what a previous run left ---------------------------------------------------------
stop_wordpress
# After a crash (or a server started by hand) something may still hold the port; wp-env would
# then fail, as "autoPort" is off.
free_port "$WP_PORT"

# A different saved runtime would make wp-env ask an interactive question (see
# wp-env-offline.sh); the old one is stopped above, so forget it.
saved_runtime="$(wpenv_saved_runtime)"
if [ -n "$saved_runtime" ] && [ "$saved_runtime" != "$runtime" ]; then
	say "switching from the $saved_runtime runtime to $runtime"
	wpenv_forget_runtime
fi

if [ "$runtime" = playground ]; then
	wpenv_seed_latest_version
	wpenv_use_offline_core
	args=(--runtime=playground)
	say "starting WordPress in Playground (no Docker needed) on the core in .wp-core/"
else
	wpenv_drop_offline_core
	args=()
	say "starting WordPress with Docker"
fi

# --- Start ----------------------------------------------------------------------------------
# wp-env returns by itself in both runtimes (Docker: the containers keep running; Playground: it
# spawns the server detached in its own session and exits), so it runs in the foreground and
# its exit status is kept. stdin is /dev/null so that no prompt can ever wait for an answer.
log="$CACHE/wp-env.log"
: >"$log"
if ! wp_env start "${args[@]}" </dev/null >>"$log" 2>&1 9>&-; then
	tail -n 40 "$log" >&2
	die "wp-env start failed (log: .cache/wp-env.log)"
fi
printf '%s\n' "$runtime" >"$RUNTIME_FILE"

if [ "$runtime" = playground ]; then
	# Record the server's process group ourselves: stop.sh and the next start.sh kill it even
	# if wp-env's work folder is gone.
	[ -s "$WPENV_WORK/playground.pid" ] || die "wp-env did not record a Playground pid"
	cp "$WPENV_WORK/playground.pid" "$SERVER_PIDFILE"
	ln -sfn "$WPENV_WORK/playground.log" "$CACHE/playground.log"
fi

# --- Wait until it is really ready ----------------------------------------------------------
# wp-env says "Done" as soon as the server answers its first request, but Playground only then
# runs the blueprint (install, login, plugin activation, wp-config constants); a failing step
# (e.g. a fatal error while activating the plugin) makes the server exit. So:
#   1. /wp-json/ must answer 200 with the REST index (JSON with "namespaces");
#   2. the plugin must be active. Fast path: the index lists the plugin's own namespace
#      "auth-sentinel/v1" (routes are only registered by an active plugin). Otherwise (routes
#      not written yet, or a broken route file) ask WordPress itself: log in with curl as
#      admin/password and GET /wp/v2/plugins?status=active with a REST nonce. Both ways ask
#      the running site (not files or the database), work on both runtimes, and the fallback
#      also proves that the printed credentials work.
server_died() {
	[ "$runtime" = playground ] && ! is_playground_pid "$(cat "$SERVER_PIDFILE")"
}
fail_with_logs() {
	say "$1"
	if [ "$runtime" = playground ]; then
		say "last lines of .cache/playground.log:"
		tail -n 25 "$WPENV_WORK/playground.log" >&2 || true
	fi
	if [ -s "$CORE_DIR/wp-content/debug.log" ]; then
		say "last lines of .wp-core/wp-content/debug.log:"
		tail -n 10 "$CORE_DIR/wp-content/debug.log" >&2
	fi
	die "WordPress did not start"
}

# Prints the REST namespaces of the site, one a line; fails unless /wp-json/ answers 200 JSON.
# shellcheck disable=SC2016 # JavaScript, not shell
rest_namespaces() {
	curl -fsS --max-time 10 -H "Cookie: $ANON_COOKIE" "$WP_URL/wp-json/" |
		node -e '
			let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
				const ns = JSON.parse(s).namespaces;
				if (!Array.isArray(ns)) process.exit(1);
				console.log(ns.join("\n"));
			});'
}

jar="$CACHE/login-cookies.txt"
# Logs in with curl and prints Auth Sentinel's plugin entry when WordPress lists it as active.
# shellcheck disable=SC2016 # JavaScript, not shell
plugin_active() {
	local nonce
	# The cookie jar starts with Playground's "no auto-login" cookie and WordPress's test cookie
	# (wp-login.php refuses logins from clients that did not keep it).
	printf 'localhost\tFALSE\t/\tFALSE\t0\t%s\t%s\n' \
		playground_auto_login_already_happened 1 wordpress_test_cookie 'WP%20Cookie%20check' >"$jar"
	curl -fsS -o /dev/null --max-time 20 -b "$jar" -c "$jar" \
		--data-urlencode log=admin --data-urlencode pwd=password \
		--data-urlencode testcookie=1 --data-urlencode "redirect_to=$WP_URL/wp-admin/" \
		"$WP_URL/wp-login.php" || return 1
	grep -q wordpress_logged_in_ "$jar" || return 1
	nonce="$(curl -fsS --max-time 20 -b "$jar" "$WP_URL/wp-admin/admin-ajax.php?action=rest-nonce")" || return 1
	curl -fsS --max-time 20 -b "$jar" -H "X-WP-Nonce: $nonce" "$WP_URL/wp-json/wp/v2/plugins?status=active" |
		node -e '
			let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
				const p = JSON.parse(s).find((p) => p.textdomain === "auth-sentinel" || p.name === "Auth Sentinel");
				if (!p) process.exit(1);
				console.log(`${p.plugin} ${p.version}`);
			});'
}

say "waiting for WordPress to be ready"
deadline=$((SECONDS + 180))
until namespaces="$(rest_namespaces 2>/dev/null)"; do
	server_died && fail_with_logs "the Playground server exited"
	[ $SECONDS -lt $deadline ] || fail_with_logs "no REST index at $WP_URL/wp-json/ after 180 s"
	sleep 0.5
done
if grep -qx 'auth-sentinel/v1' <<<"$namespaces"; then
	plugin="Auth Sentinel active (its auth-sentinel/v1 REST routes are registered)"
else
	until active="$(plugin_active 2>/dev/null)"; do
		server_died && fail_with_logs "the Playground server exited"
		[ $SECONDS -lt $deadline ] || fail_with_logs "could not log in as admin, or Auth Sentinel is not active"
		sleep 1
	done
	rm -f "$jar"
	plugin="Auth Sentinel active as $active, admin login checked"
fi

say "ready in $((SECONDS - started_at)) s ($runtime runtime; $plugin)"
cat <<EOF

  Auth Sentinel:  $WP_URL/wp-admin/admin.php?page=auth-sentinel
  User:           admin
  Password:       password

  Stop it with:   bash bin/stop.sh   (or npm run stop)
  Logs:           .cache/wp-env.log$([ "$runtime" = playground ] && printf '%s' ', .cache/playground.log, .wp-core/wp-content/debug.log')

EOF

if [ "$demo" = 1 ]; then
	exec 9>&- # bin/demo.sh takes the lock itself.
	bash "$ROOT/bin/demo.sh"
	say "site and demo data ready in $((SECONDS - started_at)) s"
fi
