<?php
/**
 * The error catalog's filing index: written by `php bin/catalog-index.php` from catalog.json.
 * Do not edit: edit catalog.json and run the command again (CatalogTest compares them).
 *
 * @package AuthSentinel
 */

// phpcs:disable WordPress.Arrays.MultipleStatementAlignment -- Written by a script, aligned by its longest key.

defined( 'ABSPATH' ) || exit;

return array(
	// The entry each server code belongs to (listed without a `when`).
	'server'     => array(
		'woocommerce_pos_auth_token_expired'                            => 'token_expired',
		'simple_jwt_login_middleware_error:14'                          => 'token_expired',
		'jwt_auth_invalid_token'                                        => 'token_invalid',
		'woocommmerce_pos_auth_invalid_token'                           => 'token_invalid',
		'woocommmerce_pos_auth_invalid_token_type'                      => 'token_invalid',
		'simple_jwt_login_middleware_error'                             => 'token_invalid',
		'simple_jwt_login_middleware_error:11'                          => 'token_invalid',
		'auth_sentinel_token_revoked'                                   => 'token_revoked',
		'woocommerce_pos_auth_token_revoked'                            => 'token_revoked',
		'woocommerce_pos_auth_session_revoked'                          => 'token_revoked',
		'simple_jwt_login_middleware_error:55'                          => 'token_revoked',
		'jwt_auth_obsolete_token'                                       => 'token_obsolete',
		'jwt_auth_bad_iss'                                              => 'token_wrong_site',
		'woocommmerce_pos_auth_bad_iss'                                 => 'token_wrong_site',
		'woocommerce_pos_auth_user_not_found'                           => 'token_user_unknown',
		'jwt_auth_user_not_found'                                       => 'token_user_unknown',
		'jwt_auth_invalid_refresh_token'                                => 'refresh_token_invalid',
		'jwt_auth_obsolete_refresh_token'                               => 'refresh_token_invalid',
		'jwt_auth_no_auth_cookie'                                       => 'refresh_token_invalid',
		'woocommerce_pos_auth_refresh_token_revoked'                    => 'refresh_token_invalid',
		'jwt_auth_expired_refresh_token'                                => 'refresh_token_expired',
		'jwt_auth_no_auth_header'                                       => 'authorization_header_missing',
		'jwt_auth_bad_auth_header'                                      => 'authorization_header_missing',
		'jwt_auth_bad_config'                                           => 'token_plugin_misconfigured',
		'jwt_auth_unsupported_algorithm'                                => 'token_plugin_misconfigured',
		'jwt_auth_bad_request'                                          => 'token_plugin_misconfigured',
		'woocommmerce_pos_auth_bad_request'                             => 'token_plugin_misconfigured',
		'woocommerce_pos_jwt_auth_bad_config'                           => 'token_plugin_misconfigured',
		'auth_cookie_expired'                                           => 'cookie_expired',
		'auth_cookie_bad_hash'                                          => 'cookie_invalid',
		'auth_cookie_malformed'                                         => 'cookie_invalid',
		'auth_cookie_bad_username'                                      => 'cookie_invalid',
		'auth_cookie_bad_session_token'                                 => 'session_ended',
		'wp_login_failed'                                               => 'login_failed',
		'incorrect_password'                                            => 'login_failed',
		'invalid_username'                                              => 'login_failed',
		'invalid_email'                                                 => 'login_failed',
		'empty_username'                                                => 'login_failed',
		'empty_password'                                                => 'login_failed',
		'[jwt_auth] incorrect_password'                                 => 'login_failed',
		'application_password_failed_authentication'                    => 'application_password_failed',
		'application_password_failed_authentication:incorrect_password' => 'application_password_failed',
		'application_password_failed_authentication:invalid_username'   => 'application_password_failed',
		'application_password_failed_authentication:invalid_email'      => 'application_password_failed',
		'application_passwords_disabled'                                => 'application_password_failed',
		'application_passwords_disabled_for_user'                       => 'application_password_failed',
		'rest_cookie_invalid_nonce'                                     => 'rest_nonce_invalid',
		'rest_not_logged_in'                                            => 'auth_unknown',
		'rest_forbidden'                                                => 'auth_unknown',
	),
	// The kind of credential each entry is about.
	'credential' => array(
		'token_expired'                => 'token',
		'token_invalid'                => 'token',
		'token_revoked'                => 'token',
		'token_obsolete'               => 'token',
		'token_wrong_site'             => 'token',
		'token_user_unknown'           => 'token',
		'refresh_token_invalid'        => 'token',
		'refresh_token_expired'        => 'token',
		'authorization_header_missing' => 'token',
		'token_plugin_misconfigured'   => 'token',
		'plugin_conflict'              => 'token',
		'cookie_expired'               => 'cookie',
		'cookie_invalid'               => 'cookie',
		'session_ended'                => 'cookie',
		'login_failed'                 => 'password',
		'application_password_failed'  => 'application_password',
		'rest_nonce_invalid'           => 'nonce',
		'auth_unknown'                 => 'any',
	),
);
