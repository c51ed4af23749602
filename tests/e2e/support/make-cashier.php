<?php
/**
 * Browser-test helper, run inside the site by tests/bin/wp-run.php: makes a cashier with an
 * application password and a WooCommerce POS (fixture) sign-in, and prints them as JSON.
 *
 * @package AuthSentinel
 */

$auth_sentinel_login = 'cashier-' . strtolower( wp_generate_password( 6, false ) );
$auth_sentinel_id    = wp_insert_user(
	array(
		'user_login'   => $auth_sentinel_login,
		'user_pass'    => 'password',
		'user_email'   => $auth_sentinel_login . '@example.org',
		'role'         => 'author',
		'display_name' => 'Cashier ' . substr( $auth_sentinel_login, 8 ),
	)
);
( new WP_User( $auth_sentinel_id ) )->add_cap( 'access_woocommerce_pos' );
update_option( 'auth_sentinel_fixture_issuers', array( 'fixture-wcpos' ), true );
list( $auth_sentinel_app ) = WP_Application_Passwords::create_new_application_password( $auth_sentinel_id, array( 'name' => 'Till 3' ) );
echo wp_json_encode(
	array(
		'id'    => $auth_sentinel_id,
		'login' => $auth_sentinel_login,
		'name'  => 'Cashier ' . substr( $auth_sentinel_login, 8 ),
		'app'   => $auth_sentinel_app,
	)
);
