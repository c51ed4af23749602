#!/usr/bin/env bash
# Runs every check and test suite, then prints one closing line "N passed, N failed".
#
# Installs what is missing first (Debian packages, npm and Composer packages, WordPress core),
# starts a throwaway WordPress on MariaDB for the integration and browser tests, and stops it.
#   bash bin/test.sh            # everything
#   bash bin/test.sh php e2e    # only the named suites
set -uo pipefail
. "$(dirname "$0")/lib.sh"
cd "$ROOT" || exit 1

RESULTS="$CACHE/results"
rm -rf "$RESULTS" && mkdir -p "$RESULTS"
PASSED=0
FAILED=0
SUMMARY=()
ONLY=" $* "

wanted() { [ "$ONLY" = "  " ] || [[ "$ONLY" == *" $1 "* ]]; }

# Records a suite's counts: record NAME PASSED FAILED.
record() {
	PASSED=$((PASSED + $2))
	FAILED=$((FAILED + $3))
	local status="ok"
	[ "$3" -gt 0 ] && status="FAILED"
	SUMMARY+=("$(printf '%-12s %-6s %4d passed, %d failed' "$1" "$status" "$2" "$3")")
}

# Runs a check that passes or fails as a whole: check NAME COMMAND...
check() {
	local name="$1"
	shift
	say "── $name"
	if "$@" >"$RESULTS/$name.log" 2>&1; then
		record "$name" 1 0
	else
		cat "$RESULTS/$name.log"
		record "$name" 0 1
	fi
}

# Reads passed/failed counts from a JSON or JUnit report: counts KIND FILE.
counts() {
	node -e '
		const fs = require("fs");
		const [kind, file] = process.argv.slice(1);
		let p = 0, f = 1;
		try {
			const text = fs.readFileSync(file, "utf8");
			if (kind === "jest") { const r = JSON.parse(text); p = r.numPassedTests; f = r.numFailedTests + r.numRuntimeErrorTestSuites; }
			if (kind === "playwright") { const s = JSON.parse(text).stats; p = s.expected + s.flaky; f = s.unexpected; }
			if (kind === "junit") {
				const m = text.match(/<testsuite [^>]*>/);
				const n = (k) => Number((m[0].match(new RegExp(k + "=\"(\\d+)\"")) || [0, 0])[1]);
				f = n("failures") + n("errors"); p = n("tests") - f - n("skipped");
			}
		} catch (e) { p = 0; f = 1; }
		console.log(p + " " + f);
	' "$1" "$2"
}

say "preparing: Debian packages, npm and Composer packages, WordPress core"
ensure_debs php-cli php-mysql php-xml php-mbstring php-intl php-curl php-zip php-sqlite3 mariadb-server mariadb-client \
	chromium unzip curl ca-certificates shellcheck rsyslog redis-server php-redis
command -v composer >/dev/null || ensure_debs composer
command -v phpunit >/dev/null || ensure_debs phpunit
ensure_npm
if [ ! -x vendor/bin/phpcs ] || [ composer.json -nt vendor/autoload.php ]; then
	COMPOSER_ALLOW_SUPERUSER=1 composer install --no-interaction --no-progress -q || say "Composer packages unavailable: PHPCS and PHPStan will be skipped"
fi
bash bin/wp-core.sh || die "could not get WordPress core"
# A real WP-CLI for the CLI tests (from the Packagist mirror); they are skipped, and say so, without it.
bash bin/wp-cli.sh >/dev/null || say "WP-CLI unavailable: the CLI tests will be skipped"

# Static checks.
wanted lint && check eslint npm run -s lint:js
wanted lint && check tsc npx tsc --noEmit
wanted lint && check shellcheck bash -c 'shellcheck -x -S warning bin/*.sh bench/*.sh .ci/run'
wanted lint && check php-lint bash -c 'git ls-files -co --exclude-standard "*.php" | xargs -r -n 20 -P 2 php -l | { ! grep -v "^No syntax errors"; }'
# The .pot reads the built app: build it aside, so that build/ stays as it is.
wanted lint && check pot bash -c 'rm -rf .cache/pot-build && npx wp-scripts build --output-path=.cache/pot-build >/dev/null && node bin/i18n.js pot --check --build .cache/pot-build'
if wanted lint && [ -x vendor/bin/phpcs ]; then check phpcs vendor/bin/phpcs -q --no-colors; fi
if wanted lint && [ -x vendor/bin/phpstan ]; then check phpstan vendor/bin/phpstan analyse -c phpstan.neon.dist --no-progress --memory-limit=1G; fi

# JavaScript unit tests.
if wanted unit; then
	say "── jest"
	npx wp-scripts test-unit-js --ci --json --outputFile="$RESULTS/jest.json" >"$RESULTS/jest.log" 2>&1 || cat "$RESULTS/jest.log"
	read -r p f < <(counts jest "$RESULTS/jest.json")
	record jest "$p" "$f"
fi

# The UI build the browser tests load.
if wanted php || wanted e2e; then
	check build npx wp-scripts build
fi

# Integration and browser tests against a real WordPress on MariaDB.
if wanted php || wanted e2e; then
	say "── starting the test site"
	if url="$(bash bin/test-site.sh up)"; then
		trap 'bash "$ROOT/bin/test-site.sh" down' EXIT
		if wanted php; then
			say "── phpunit (integration, $url)"
			AUTH_SENTINEL_SITE_URL="$url" phpunit -c tests/php/phpunit.xml.dist --testsuite integration,hygiene --log-junit "$RESULTS/phpunit.xml" >"$RESULTS/phpunit.log" 2>&1
			tail -n 40 "$RESULTS/phpunit.log"
			read -r p f < <(counts junit "$RESULTS/phpunit.xml")
			record phpunit "$p" "$f"
		fi
		if wanted e2e; then
			if wanted php; then
				# A fresh site, so the screenshots show one history, not the integration tests' changes.
				cat "$CACHE/site/debug.log" "$CACHE/site/php-errors.log" >"$RESULTS/php-debug.log" 2>/dev/null || true
				url="$(bash bin/test-site.sh up)"
			fi
			say "── playwright (end to end, Chromium)"
			AUTH_SENTINEL_SITE_URL="$url" PLAYWRIGHT_JSON_OUTPUT_NAME="$RESULTS/e2e.json" \
				npx playwright test --config tests/e2e/playwright.config.ts --reporter=list,json >"$RESULTS/e2e.log" 2>&1
			tail -n 40 "$RESULTS/e2e.log"
			read -r p f < <(counts playwright "$RESULTS/e2e.json")
			record e2e "$p" "$f"
			# And nothing the browser sent (sign-ins, cookies, the revoked sessions) is stored raw.
			AUTH_SENTINEL_SITE_URL="$url" phpunit -c tests/php/phpunit.xml.dist --testsuite hygiene --log-junit "$RESULTS/hygiene-e2e.xml" >"$RESULTS/hygiene-e2e.log" 2>&1
			tail -n 5 "$RESULTS/hygiene-e2e.log"
			read -r p f < <(counts junit "$RESULTS/hygiene-e2e.xml")
			record hygiene-e2e "$p" "$f"
		fi
		# The same queries on SQLite, as Playground runs WordPress (the fixture issuers' own tests are skipped).
		if wanted php; then
			say "── phpunit on SQLite"
			if sqlite_url="$(SITE_NAME=sqlite PORT=8887 DB=sqlite FIXTURES=1 bash bin/test-site.sh up)"; then
				# Also the security tests (tests/php/security), and the bounded storage with a smaller storm
				# (SQLite writes one at a time: 1,000 requests still fill the ten networks' caps).
				AUTH_SENTINEL_SITE_DIR="$CACHE/sqlite" AUTH_SENTINEL_SITE_URL="$sqlite_url" AUTH_SENTINEL_STORM_REQUESTS=1000 phpunit -c tests/php/phpunit.xml.dist \
					--filter '/(Events|Secrets|Catalog|Sessions(Revoke|Route|Policy)Test|AuditRouteTest|SettingsRouteTest|PrivacyTest|BoundedStorageTest|LogForwardingTest|Security\\)/' --log-junit "$RESULTS/sqlite.xml" >"$RESULTS/sqlite.log" 2>&1
				tail -n 20 "$RESULTS/sqlite.log"
				read -r p f < <(counts junit "$RESULTS/sqlite.xml")
				record sqlite "$p" "$f"
				cat "$CACHE/sqlite/debug.log" "$CACHE/sqlite/php-errors.log" >>"$RESULTS/php-debug.log" 2>/dev/null || true
				SITE_NAME=sqlite PORT=8887 bash bin/test-site.sh down
			else
				record sqlite 0 1
			fi
		fi
		# Two web nodes of one site and database, without then with a persistent object cache (Redis).
		if wanted php; then
			OUT="$RESULTS" bash bin/test-nodes.sh >"$RESULTS/nodes-run.log" 2>&1
			tail -n 40 "$RESULTS/nodes-run.log"
			np=0
			nf=0
			for pass in db redis; do
				read -r p f < <(counts junit "$RESULTS/nodes-$pass.xml")
				np=$((np + p))
				nf=$((nf + f))
			done
			record nodes "$np" "$nf"
			cat "$RESULTS/nodes-php.log" >>"$RESULTS/php-debug.log" 2>/dev/null || true
		fi
		# Nothing the tests did may have left a PHP warning, notice or error behind.
		# Read through cat: grep exits 2 when a file is missing, and `!` would take that for "clean".
		check php-log bash -c "! cat '$RESULTS/php-debug.log' '$CACHE/site/debug.log' '$CACHE/site/php-errors.log' 2>/dev/null | grep -E 'PHP (Warning|Notice|Deprecated|Fatal|Parse)'"
	else
		record test-site 0 1
	fi
fi

# The release: readme.txt, the documentation's links, and the zip installed on a clean site.
for suite in readme docs; do
	if wanted "$suite"; then
		say "── $suite"
		phpunit -c tests/release/phpunit.xml.dist --testsuite "$suite" --log-junit "$RESULTS/$suite.xml" >"$RESULTS/$suite.log" 2>&1 || cat "$RESULTS/$suite.log"
		read -r p f < <(counts junit "$RESULTS/$suite.xml")
		record "$suite" "$p" "$f"
	fi
done
if wanted zip; then
	say "── zip (npm run plugin-zip, uploaded to a clean site, used, deleted)"
	if npm run -s plugin-zip >"$RESULTS/zip-build.log" 2>&1 && zip_url="$(SITE_NAME=zip PORT=8879 ACTIVATE=0 FIXTURES=0 bash bin/test-site.sh up)"; then
		tail -n 1 "$RESULTS/zip-build.log"
		AUTH_SENTINEL_ZIP="$ROOT/auth-sentinel.zip" AUTH_SENTINEL_ZIP_SITE_DIR="$CACHE/zip" AUTH_SENTINEL_ZIP_SITE_URL="$zip_url" \
			AUTH_SENTINEL_ZIP_DB=auth_sentinel_zip phpunit -c tests/release/phpunit.xml.dist --testsuite zip --log-junit "$RESULTS/zip.xml" >"$RESULTS/zip.log" 2>&1
		tail -n 20 "$RESULTS/zip.log"
		read -r p f < <(counts junit "$RESULTS/zip.xml")
		record zip "$p" "$f"
		SITE_NAME=zip PORT=8879 bash bin/test-site.sh down
	else
		cat "$RESULTS/zip-build.log"
		record zip 0 1
	fi
fi

# The demo a newcomer starts: bash bin/start.sh --demo, then its screens in Chromium. A site
# already running at :8888 is filled (bin/demo.sh) and left running; one started here is stopped.
if wanted demo; then
	say "── demo (bash bin/start.sh --demo, the demo site in Chromium)"
	started=0
	if curl -fsS -o /dev/null --max-time 5 http://localhost:8888/wp-login.php; then
		bash bin/demo.sh >"$RESULTS/demo-start.log" 2>&1
	else
		started=1
		bash bin/start.sh --demo >"$RESULTS/demo-start.log" 2>&1
	fi
	if [ $? -eq 0 ]; then
		AUTH_SENTINEL_DEMO_URL=http://localhost:8888 PLAYWRIGHT_JSON_OUTPUT_NAME="$RESULTS/demo.json" \
			npx playwright test --config tests/e2e/demo.config.ts --reporter=list,json >"$RESULTS/demo.log" 2>&1
		tail -n 5 "$RESULTS/demo.log"
		read -r p f < <(counts playwright "$RESULTS/demo.json")
		record demo "$p" "$f"
	else
		tail -n 30 "$RESULTS/demo-start.log"
		record demo 0 1
	fi
	[ "$started" = 1 ] && bash bin/stop.sh >/dev/null 2>&1
fi

printf '\n'
say "summary"
printf '  %s\n' "${SUMMARY[@]}"
printf '%d passed, %d failed\n' "$PASSED" "$FAILED"
[ "$FAILED" -eq 0 ] && [ "$PASSED" -gt 0 ]
