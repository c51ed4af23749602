<?php
/**
 * Browser-test helper, run inside the site by tests/bin/wp-run.php (fixture WCPOS enabled):
 * signs a user in as WooCommerce POS does and prints the access token.
 *
 * @package AuthSentinel
 */

$auth_sentinel_pair = fixture_wcpos_issue( (int) getenv( 'AUTH_SENTINEL_USER' ) );
echo is_array( $auth_sentinel_pair ) ? $auth_sentinel_pair['access_token'] : '';
