#!/usr/bin/env bash
# Fills the WordPress that bin/start.sh runs with Auth Sentinel's demo data (dev/: users with
# browser sessions, application passwords, WCPOS sessions and tokens, failures of every cause
# around a recorded change of the keys and salts, audit rows), on whichever runtime it runs:
#   Docker:     wp-env run cli wp auth-sentinel demo --yes --replace
#   Playground: dev/demo.php through the Playground CLI (node bin/playground-php.js), as
#               `wp-env run` is not supported there.
# Running it again replaces the demo data (one demo, whose story ends now), never adds to it.
#
#   bash bin/demo.sh            # or: npm run demo, bash bin/start.sh --demo
#   bash bin/demo.sh --remove   # takes the demo data away
# shellcheck source-path=SCRIPTDIR
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=wp-env-offline.sh
. "$ROOT/bin/wp-env-offline.sh"

remove=0
case "${1:-}" in
"") ;;
--remove) remove=1 ;;
*) die "usage: bash bin/demo.sh [--remove]" ;;
esac

started_at=$SECONDS
# Not while bin/start.sh or bin/stop.sh is at work.
exec 9>"$CACHE/wordpress.lock"
flock -w 120 9 || die "bin/start.sh or bin/stop.sh is still running"

runtime="$(cat "$RUNTIME_FILE" 2>/dev/null || true)"
if [ -z "$runtime" ] || ! curl -fsS -o /dev/null --max-time 10 -H "Cookie: $ANON_COOKIE" "$WP_URL/wp-json/"; then
	die "WordPress is not running at $WP_URL: start it with bash bin/start.sh --demo"
fi

if [ "$runtime" = docker ]; then
	if [ "$remove" = 1 ]; then set -- --remove; else set -- --replace; fi
	say "filling the site with the demo data (Docker: wp-env run cli wp auth-sentinel demo)"
	wp_env run cli wp auth-sentinel demo --yes "$@" </dev/null 9>&-
else
	if [ "$remove" = 1 ]; then set -- --remove; else set --; fi
	say "filling the site with the demo data (Playground: dev/demo.php through the Playground CLI)"
	node "$ROOT/bin/playground-php.js" dev/demo.php "$@" </dev/null 9>&-
fi

if [ "$remove" = 1 ]; then
	say "demo data removed in $((SECONDS - started_at)) s"
	exit 0
fi
admin="$WP_URL/wp-admin/admin.php?page=auth-sentinel"
say "demo data ready in $((SECONDS - started_at)) s"
cat <<EOF

  Sign in as admin / password, then look at:
  Overview   $admin
             failures by cause over the last 24 hours, and the spike after the keys changed
  Errors     $admin-errors
             every cause; open a row for its diagnosis and how to fix it
  Sessions   $admin-sessions
             browser sessions, application passwords, WCPOS sessions and tokens of the demo-* users
  Secrets    $admin-secrets
             the recorded change of the keys and salts
  Audit      $admin-audit
             sign-ins, revocations by a manager, password changes

  Take it away with: bash bin/demo.sh --remove

EOF
