<?php
/**
 * Browser-test helper, run inside the site by tests/bin/wp-run.php: puts the fixture token
 * issuers back to sleep.
 *
 * @package AuthSentinel
 */

delete_option( 'auth_sentinel_fixture_issuers' );
echo 'ok';
