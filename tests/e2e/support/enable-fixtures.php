<?php
/**
 * Browser-test helper, run inside the site by tests/bin/wp-run.php: wakes the fixture token
 * issuers named in AUTH_SENTINEL_FIXTURES (comma-separated slugs) for the next requests.
 *
 * @package AuthSentinel
 */

update_option( 'auth_sentinel_fixture_issuers', array_values( array_filter( explode( ',', (string) getenv( 'AUTH_SENTINEL_FIXTURES' ) ) ) ), true );
echo 'ok';
