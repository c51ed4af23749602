#!/usr/bin/env bash
# Stops the WordPress that bin/start.sh started (Playground or Docker). Idempotent: exits 0
# when nothing runs.
# shellcheck source-path=SCRIPTDIR
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=wp-env-offline.sh
. "$ROOT/bin/wp-env-offline.sh"

# Wait for a start.sh that is still starting, rather than killing half of it.
exec 9>"$CACHE/wordpress.lock"
flock -w 120 9 || die "bin/start.sh is still running"

# Without node_modules, nothing of ours can be running (start.sh installs it first).
[ -x "$ROOT/node_modules/.bin/wp-env" ] || exit 0

stop_wordpress
say "WordPress is stopped"
