#!/usr/bin/env bash
# Helpers that let @wordpress/env run this plugin with or without Docker and wordpress.org.
# Sourced by bin/start.sh and bin/stop.sh after bin/lib.sh, never run on its own.
#
# Everything here was checked against the source of @wordpress/env 11.16
# (node_modules/@wordpress/env/lib); the file each fact comes from is named below, so that
# an upgrade of wp-env can be re-checked quickly.
# shellcheck shell=bash
# shellcheck disable=SC2016 # the single-quoted snippets are JavaScript for `node -e`
# shellcheck disable=SC2034 # the settings below are used by start.sh and stop.sh
: "${ROOT:?source bin/lib.sh first}" "${CACHE:?}" "${CORE_DIR:?}"

# wp-env keeps its state (work folder, downloaded sources, wp-env-cache.json) under
# $WP_ENV_HOME, by default ~/.wp-env (lib/config/get-cache-directory.js). Keep it inside the
# project's gitignored .cache/ so that nothing lands in the home folder and a fresh clone starts
# from a clean state. Anyone running `npx wp-env …` by hand must export the same value.
export WP_ENV_HOME="$CACHE/wp-env"

WP_PORT=8888
WP_URL="http://localhost:$WP_PORT"
# Our own record of what runs: the process group of the Playground server (pid == pgid, as
# wp-env spawns it with `detached: true`, i.e. setsid), and which runtime was started.
SERVER_PIDFILE="$CACHE/wordpress.pid"
RUNTIME_FILE="$CACHE/wordpress.runtime"
OVERRIDE_FILE="$ROOT/.wp-env.override.json"
# The value the offline mode puts in .wp-env.override.json. wp-env resolves relative paths
# against its working folder (lib/config/parse-source-string.js), which is always the checkout:
# it reads .wp-env.json from there.
OFFLINE_CORE="./.wp-core"
# Playground always runs with --login: a request without this cookie is logged in as admin and
# redirected. Sending it makes a request anonymous (harmless under Docker).
ANON_COOKIE="playground_auto_login_already_happened=1"

wp_env() { (cd "$ROOT" && "$ROOT/node_modules/.bin/wp-env" "$@"); }

# wp-env's work folder for this checkout, computed exactly like lib/config/load-config.js:
# the md5 is of the absolute path of the .wp-env.json FILE (not of the folder), taken from
# process.cwd() (the physical path, symlinks resolved). A legacy folder named by the full md5
# wins when it exists; otherwise it is
# `wp-env-<name of the folder holding .wp-env.json>-<first 8 hex of that md5>`.
WPENV_WORK="$(cd "$ROOT" && node -e '
	const path = require("path"), fs = require("fs"), crypto = require("crypto");
	const home = path.resolve(process.env.WP_ENV_HOME);
	const configFile = path.resolve(".wp-env.json");
	const hash = crypto.createHash("md5").update(configFile).digest("hex");
	const legacy = path.resolve(home, hash);
	console.log(fs.existsSync(legacy) ? legacy
		: path.resolve(home, `wp-env-${path.basename(path.dirname(configFile))}-${hash.slice(0, 8)}`));
')"
WPENV_CACHE_FILE="$WPENV_WORK/wp-env-cache.json"

# Edits a JSON object file in place: json_edit FILE KEY VALUE sets a string, json_edit FILE KEY
# deletes the key (and the file, when it ends up empty and DELETE_EMPTY=1).
json_edit() {
	node -e '
		const fs = require("fs");
		const [file, key, value] = process.argv.slice(1);
		let data = {};
		try { data = JSON.parse(fs.readFileSync(file, "utf8")); } catch {}
		if (value === undefined) delete data[key]; else data[key] = value;
		if (!Object.keys(data).length && process.env.DELETE_EMPTY === "1") {
			fs.rmSync(file, { force: true });
		} else {
			fs.mkdirSync(require("path").dirname(file), { recursive: true });
			fs.writeFileSync(file, JSON.stringify(data, null, "\t") + "\n");
		}
	' "$@"
}

# Reads one string key of a JSON object file ("" when the file or the key is missing).
json_get() {
	node -e '
		try {
			const v = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))[process.argv[2]];
			if (v !== undefined && v !== null) console.log(String(v));
		} catch {}
	' "$@"
}

# The key wp-env saves after a successful start (lib/runtime/index.js, RUNTIME_CACHE_KEY) in
# <work folder>/wp-env-cache.json (lib/cache.js, CACHE_FILE_NAME).
wpenv_saved_runtime() { json_get "$WPENV_CACHE_FILE" runtime; }

# lib/commands/start.js asks an interactive question ("Environment was previously started with
# 'docker' runtime. Destroy it…?") whenever that saved runtime differs from --runtime; without a
# TTY that aborts the start. Callers stop the old runtime first, then forget it here, so the
# question can never be asked.
wpenv_forget_runtime() { json_edit "$WPENV_CACHE_FILE" runtime; }

# Offline, wp-env still resolves the "latest" WordPress version while parsing its DEFAULT config
# (lib/config/parse-config.js parseCoreSource → lib/wordpress.js getLatestWordPressVersion),
# even when the core is overridden. When wordpress.org does not resolve in DNS it falls back to
# `latestWordPressVersion` in wp-env-cache.json and fails when that is missing. Seed it with the
# version of the offline core (only when missing: a value fetched online is kept).
wpenv_seed_latest_version() {
	local version
	[ -n "$(json_get "$WPENV_CACHE_FILE" latestWordPressVersion)" ] && return 0
	version="$(sed -n "s/^\$wp_version = '\(.*\)';/\1/p" "$CORE_DIR/wp-includes/version.php")"
	[ -n "$version" ] || die "cannot read the WordPress version of $CORE_DIR"
	json_edit "$WPENV_CACHE_FILE" latestWordPressVersion "$version"
}

# Points wp-env at the Debian-built core in .wp-core/ through the (gitignored) override file,
# keeping any other key a developer put there. Playground then mounts it with
# --mount-dir-before-install and installs into it (lib/runtime/playground/blueprint-builder.js).
wpenv_use_offline_core() { json_edit "$OVERRIDE_FILE" core "$OFFLINE_CORE"; }

# Undoes wpenv_use_offline_core, so that Docker runs see .wp-env.json unchanged. Only our own
# value is removed; a "core" a developer set by hand is left alone.
wpenv_drop_offline_core() {
	[ -f "$OVERRIDE_FILE" ] || return 0
	[ "$(json_get "$OVERRIDE_FILE" core)" = "$OFFLINE_CORE" ] || return 0
	DELETE_EMPTY=1 json_edit "$OVERRIDE_FILE" core
}

# Docker is only worth it when the daemon answers AND wordpress.org is reachable: wp-env's
# Docker runtime downloads WordPress from GitHub/wordpress.org and images from Docker Hub.
docker_usable() {
	command -v docker >/dev/null 2>&1 && timeout 10 docker info >/dev/null 2>&1
}
wporg_reachable() {
	curl -fsS -o /dev/null --max-time 3 https://api.wordpress.org/core/version-check/1.7/ 2>/dev/null
}

# True when PID is alive and is a Playground server (guards against a recycled PID after a
# reboot: we never kill a process group we did not start).
is_playground_pid() {
	local pid="$1"
	[ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q 'wp-playground'
}

# Stops the Playground server recorded in a pid file (ours or wp-env's playground.pid).
stop_playground_pidfile() {
	local file="$1"
	[ -f "$file" ] || return 0
	if is_playground_pid "$(cat "$file")"; then
		stop_pidfile "$file"
	else
		rm -f "$file"
	fi
}

# Stops whatever a previous start left running, whichever runtime it used. Idempotent.
#
# Playground: `wp-env start --runtime=playground` does not stay in the foreground. It spawns
# the Playground CLI detached (its own session and process group, pid == pgid), writes that pid
# to <work folder>/playground.pid, and exits once the server answers. `wp-env stop` just sends
# SIGTERM then SIGKILL to that group after loading the whole config, so we do the same
# directly: faster, and it works even when wp-env's config or cache is broken.
# Docker: `wp-env stop` (docker compose down) is the only way.
stop_wordpress() {
	if [ "$(wpenv_saved_runtime)" = docker ] || [ "$(cat "$RUNTIME_FILE" 2>/dev/null)" = docker ]; then
		if docker_usable; then
			say "stopping the Docker environment"
			wp_env stop </dev/null >>"$CACHE/wp-env.log" 2>&1 || say "wp-env stop failed (see .cache/wp-env.log)"
		fi
	fi
	stop_playground_pidfile "$SERVER_PIDFILE"
	stop_playground_pidfile "$WPENV_WORK/playground.pid"
	rm -f "$RUNTIME_FILE"
}
