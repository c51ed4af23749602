#!/usr/bin/env bash
# Shared helpers for the project's scripts. Sourced, never run.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="$ROOT/.cache"
export CORE_DIR="$ROOT/.wp-core"
mkdir -p "$CACHE"

say() { printf '\033[1m[auth-sentinel]\033[0m %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

# Runs apt-get install only for the Debian packages that are missing.
ensure_debs() {
	local missing=()
	local pkg
	for pkg in "$@"; do
		dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	[ "$(id -u)" -eq 0 ] || die "missing Debian packages: ${missing[*]} (run as root or install them)"
	say "installing Debian packages: ${missing[*]}"
	if [ ! -f "$CACHE/.apt-updated" ]; then
		apt-get update -q >/dev/null && touch "$CACHE/.apt-updated"
	fi
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
}

# Installs the npm packages when node_modules is missing or older than the manifest.
ensure_npm() {
	if [ ! -d "$ROOT/node_modules" ] || [ "$ROOT/package.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
		say "installing npm packages"
		(cd "$ROOT" && npm install --no-audit --no-fund --loglevel=error) || die "npm install failed"
	fi
}

# Builds the admin UI when build/ is missing or older than any source file (one script per
# screen, each with its .asset.php: the oldest of those is the build's age).
ensure_build() {
	local oldest
	oldest="$(find "$ROOT/build" -maxdepth 1 -name '*.asset.php' -printf '%T@ %p\n' 2>/dev/null | sort -n | head -n 1 | cut -d' ' -f2- || true)"
	if [ -z "$oldest" ] || [ -n "$(find "$ROOT/src" -newer "$oldest" -type f -print -quit)" ]; then
		say "building the admin UI"
		(cd "$ROOT" && npx wp-scripts build >/dev/null) || die "UI build failed"
	fi
}

# Stops the process group recorded in a pid file, if it still runs.
stop_pidfile() {
	local file="$1" pid
	[ -f "$file" ] || return 0
	pid="$(cat "$file")"
	if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
		kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
		for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
		kill -KILL -- "-$pid" 2>/dev/null || true
	fi
	rm -f "$file"
}

# Kills whatever listens on a TCP port (a server left over by a crash).
free_port() {
	local port="$1" pids
	pids="$(ss -Htlnp "sport = :$port" 2>/dev/null | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u || true)"
	[ -z "$pids" ] && return 0
	say "port $port is held by a stale process ($pids): stopping it"
	# shellcheck disable=SC2086
	kill -TERM $pids 2>/dev/null || true
	sleep 0.5
	# shellcheck disable=SC2086
	kill -KILL $pids 2>/dev/null || true
}

# Waits until a URL answers (any HTTP status), up to N seconds.
wait_http() {
	local url="$1" secs="${2:-60}"
	for _ in $(seq 1 $((secs * 5))); do
		curl -s -o /dev/null --max-time 2 "$url" && return 0
		sleep 0.2
	done
	return 1
}
