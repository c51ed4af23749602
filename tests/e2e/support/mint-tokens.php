<?php
/**
 * Browser-test helper, run inside the site by tests/bin/wp-run.php with the fixture issuers
 * awake: signs the user AUTH_SENTINEL_USER in as each awake issuer would and prints the tokens
 * as JSON (WooCommerce POS: an access and a refresh token; Simple JWT Login: a JWT).
 *
 * @package AuthSentinel
 */

$auth_sentinel_user   = (int) getenv( 'AUTH_SENTINEL_USER' );
$auth_sentinel_tokens = array();
if ( function_exists( 'fixture_wcpos_issue' ) ) {
	$auth_sentinel_tokens['wcpos'] = fixture_wcpos_issue( $auth_sentinel_user );
}
if ( function_exists( 'fixture_simple_jwt_login_mint' ) ) {
	$auth_sentinel_tokens['simple_jwt_login'] = fixture_simple_jwt_login_mint( array( 'id' => $auth_sentinel_user ) );
}
echo wp_json_encode( $auth_sentinel_tokens );
