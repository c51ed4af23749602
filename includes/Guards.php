<?php
/**
 * The cheap tests that decide whether a hook's listener is built at all.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel;

use AuthSentinel\Events\Issuers;
use AuthSentinel\Http\Request;
use AuthSentinel\Secrets\QuickDigest;

defined( 'ABSPATH' ) || exit;

/**
 * One static method per guard named in the hook table (`Hooks::TABLE`). Each gets the hook's
 * arguments and answers whether the row's listener has anything to do; none builds an object of
 * the plugin or queries the database (a few read what WordPress already holds in memory).
 *
 * @since 0.1.0
 */
final class Guards {

	/**
	 * How often a signed-in cookie session's last use is written, in seconds.
	 */
	const SEEN_EVERY = 15 * MINUTE_IN_SECONDS;

	/**
	 * The meta key of WooCommerce POS's refresh sessions.
	 */
	const WCPOS_META = '_woocommerce_pos_refresh_tokens';

	/**
	 * The apps' status route, which never authenticates anyone.
	 */
	const TOKEN_STATUS_ROUTE = '/auth-sentinel/v1/token-status';

	/**
	 * Where Http\Request reads a token besides the Authorization header, by their default names
	 * (named here so that asking loads no class; `GuardsTest` checks them against the reader):
	 * WCPOS's query parameter, Simple JWT Login's cookie, and the parameters (any case) of
	 * Simple JWT Login and of the refresh routes.
	 */
	const TOKEN_QUERY  = 'authorization';
	const TOKEN_COOKIE = 'simple-jwt-login-token';
	const TOKEN_PARAMS = array( 'jwt', 'refresh_token' );

	/**
	 * The schema's version, as Database\Schema installs it (compared without loading it).
	 */
	const SCHEMA_VERSION = 9;

	/**
	 * The keys and salts WordPress keeps in the database when wp-config.php does not define
	 * them: network options (options on a single site). Secrets\SecretResolver::SALTS, lowercase.
	 */
	const WATCHED_SITE_OPTIONS = array( 'auth_key', 'secure_auth_key', 'logged_in_key', 'nonce_key', 'auth_salt', 'secure_auth_salt', 'logged_in_salt', 'nonce_salt' );

	/**
	 * The options the secrets watch follows: the token plugins' secrets, Simple JWT Login's
	 * settings (its signing key), the site address, and the salts again (a plugin may write
	 * them with update_option() on a single site).
	 */
	const WATCHED_OPTIONS = array( 'woocommerce_pos_secret_key', 'woocommerce_pos_refresh_secret_key', 'simple_jwt_login_settings', 'siteurl', 'home', 'auth_key', 'secure_auth_key', 'logged_in_key', 'nonce_key', 'auth_salt', 'secure_auth_salt', 'logged_in_salt', 'nonce_salt' );

	/**
	 * The places `may_carry_token()` reads, with its answer: the Authorization headers as
	 * `$_SERVER` has them, `$_GET`, `$_POST`, `$_COOKIE`.
	 *
	 * @var array{0: array<int, mixed>, 1: bool}|null
	 */
	private static $token_places;

	/**
	 * The route a REST request asks for, from WordPress's query (before it is dispatched).
	 *
	 * @return string
	 */
	private static function requested_route(): string {
		global $wp;
		$route = isset( $wp->query_vars['rest_route'] ) && is_string( $wp->query_vars['rest_route'] ) ? $wp->query_vars['rest_route'] : '';
		return '' === $route ? '' : '/' . trim( $route, '/' );
	}

	/**
	 * Whether a REST request is for one of the plugin's routes.
	 *
	 * @param mixed $request The request.
	 * @return bool
	 */
	private static function is_own( $request ): bool {
		return $request instanceof \WP_REST_Request && 0 === strpos( $request->get_route(), '/auth-sentinel/v1/' );
	}

	/**
	 * A check of the plugin's own capability (map_meta_cap).
	 *
	 * @param mixed ...$args The primitive capabilities, the capability checked, the user.
	 * @return bool
	 */
	public static function own_capability( ...$args ): bool {
		return 'manage_auth_sentinel' === ( $args[1] ?? null );
	}

	/**
	 * The audit trail's CSV export is the answer (rest_pre_serve_request): `instanceof` does
	 * not load the class to tell.
	 *
	 * @param mixed ...$args Whether served, the result, the request.
	 * @return bool
	 */
	public static function audit_csv( ...$args ): bool {
		return ( $args[1] ?? null ) instanceof Audit\AuditCsv;
	}

	/**
	 * A background export's file is the answer (rest_pre_serve_request).
	 *
	 * @param mixed ...$args The filter's arguments.
	 * @return bool
	 */
	public static function export_download( ...$args ): bool {
		return ( $args[1] ?? null ) instanceof Audit\ExportDownload;
	}

	/**
	 * On a network, a request to one of the plugin's routes (rest_request_*_callbacks).
	 *
	 * @param mixed ...$args The response, the handler, the request.
	 * @return bool
	 */
	public static function own_route( ...$args ): bool {
		return is_multisite() && self::is_own( $args[2] ?? null );
	}

	/**
	 * A request to one of the plugin's routes that WordPress refused for its parameters.
	 *
	 * @param mixed ...$args The response, the handler, the request.
	 * @return bool
	 */
	public static function own_route_refused( ...$args ): bool {
		return is_wp_error( $args[0] ?? null ) && self::is_own( $args[2] ?? null );
	}

	/**
	 * A request to one of the plugin's routes with a JSON body (rest_pre_dispatch).
	 *
	 * @param mixed ...$args The result so far, the server, the request.
	 * @return bool
	 */
	public static function own_json_body( ...$args ): bool {
		$request = $args[2] ?? null;
		return null === ( $args[0] ?? null ) && $request instanceof \WP_REST_Request && 0 === strpos( $request->get_route(), '/auth-sentinel/v1' ) && $request->is_json_content_type();
	}

	/**
	 * The stored schema is older than the code's (one comparison with an autoloaded option).
	 *
	 * @return bool
	 */
	public static function schema_behind(): bool {
		// From the autoloaded options (get_option() applies three filters first); an option not
		// autoloaded is asked for as get_option() would.
		$version = wp_load_alloptions()['auth_sentinel_db_version'] ?? get_option( 'auth_sentinel_db_version', 0 );
		return (int) $version < self::SCHEMA_VERSION;
	}

	/**
	 * The REST request may ask for a route under a prefix: its route starts with it, or is not
	 * known yet (code set the REST server up before WordPress parsed the request).
	 *
	 * @param string $prefix The route's start, e.g. '/simple-jwt-login/'.
	 * @return bool
	 */
	private static function route_may_be( string $prefix ): bool {
		$route = self::requested_route();
		return '' === $route || 0 === strpos( $route, $prefix );
	}

	/**
	 * The REST request may ask for the REST API's plugins route, which deactivates plugins (when
	 * the REST server is set up).
	 *
	 * @return bool
	 */
	public static function plugins_route_may_be(): bool {
		return self::route_may_be( '/wp/v2/plugins' );
	}

	/**
	 * A change of the plugin's settings (added_option, updated_option).
	 *
	 * @param mixed ...$args The option, and its values.
	 * @return bool
	 */
	public static function settings_option( ...$args ): bool {
		return Hooks::SETTINGS_OPTION === ( $args[0] ?? null );
	}

	/**
	 * The REST request may ask for a route of Simple JWT Login (when the REST server is set up).
	 *
	 * @return bool
	 */
	public static function issuer_route_may_be(): bool {
		return self::route_may_be( '/simple-jwt-login/' );
	}

	/**
	 * The REST request may reach the plugin's routes (rest_api_init): the index, one of the
	 * plugin's routes, or a batch. Filter `auth_sentinel_register_routes` decides otherwise.
	 *
	 * @return bool
	 */
	public static function routes_needed(): bool {
		$route  = self::requested_route();
		$needed = '' === $route || '/' === $route || 0 === strpos( $route . '/', '/auth-sentinel/' ) || 0 === strpos( $route, '/batch/' );
		/**
		 * Filters whether the plugin registers its REST routes on this request.
		 *
		 * @since 0.1.0
		 *
		 * @param bool   $needed Whether they are needed.
		 * @param string $route  The route asked for.
		 */
		return (bool) apply_filters( 'auth_sentinel_register_routes', $needed, $route );
	}

	/**
	 * A malformed sign-in cookie was really sent: core fires auth_cookie_malformed for every
	 * visitor without one, when nothing failed.
	 *
	 * @param mixed ...$args The cookie, its scheme.
	 * @return bool
	 */
	public static function cookie_sent( ...$args ): bool {
		return ! empty( $args[0] ) || ! empty( $_COOKIE[ AUTH_COOKIE ] ) || ! empty( $_COOKIE[ SECURE_AUTH_COOKIE ] ) || ! empty( $_COOKIE[ LOGGED_IN_COOKIE ] ); // phpcs:ignore WordPress.Security.ValidatedSanitizedInput -- Only tested for presence.
	}

	/**
	 * A REST answer that refuses a credential (rest_post_dispatch): 401 or 403, or an error a
	 * token plugin answers in its own shape (Simple JWT Login: 400 and 500 too, as
	 * {success: false, data: {message, error_code}}; the plugins' codes at any status).
	 *
	 * @param mixed ...$args The response, the server, the request.
	 * @return bool
	 */
	public static function rest_refusal( ...$args ): bool {
		$response = $args[0] ?? null;
		if ( ! $response instanceof \WP_REST_Response ) {
			return false;
		}
		$status = $response->get_status();
		if ( in_array( $status, array( 401, 403 ), true ) ) {
			return true;
		}
		if ( $status < 400 ) {
			return false;
		}
		$data = $response->get_data();
		if ( ! is_array( $data ) ) {
			return false;
		}
		if ( false === ( $data['success'] ?? null ) && isset( $data['data'] ) && is_array( $data['data'] ) && ( isset( $data['data']['error_code'] ) || isset( $data['data']['errorCode'] ) ) ) {
			return true;
		}
		$code = isset( $data['code'] ) && is_string( $data['code'] ) ? $data['code'] : '';
		return '' !== $code && '' !== ( new Issuers() )->from_code( $code );
	}

	/**
	 * A route of Simple JWT Login, which ends its errors with wp_send_json_error(): no REST filter
	 * sees them, so their output is read at shutdown (rest_pre_dispatch).
	 *
	 * @param mixed ...$args The result so far, the server, the request.
	 * @return bool
	 */
	public static function issuer_output_route( ...$args ): bool {
		$request = $args[2] ?? null;
		return $request instanceof \WP_REST_Request && 0 === strpos( $request->get_route(), '/simple-jwt-login/' );
	}

	/**
	 * A valid cookie session whose last use is older than SEEN_EVERY (auth_cookie_valid): the
	 * session is read from core's storage, which validating the cookie already loaded.
	 *
	 * @param mixed ...$args The cookie's elements, the user.
	 * @return bool
	 */
	public static function cookie_seen_due( ...$args ): bool {
		$elements = $args[0] ?? null;
		$user     = $args[1] ?? null;
		if ( ! is_array( $elements ) || empty( $elements['token'] ) || ! $user instanceof \WP_User ) {
			return false;
		}
		$session = \WP_Session_Tokens::get_instance( $user->ID )->get( (string) $elements['token'] );
		if ( ! is_array( $session ) ) {
			return false;
		}
		$seen = (int) ( $session['last_seen'] ?? $session['login'] ?? 0 );
		return time() - $seen >= self::SEEN_EVERY;
	}

	/**
	 * An application password's first use, or its first in a day: when core writes its
	 * last_used too (application_password_did_authenticate).
	 *
	 * @param mixed ...$args The user, the password's item.
	 * @return bool
	 */
	public static function app_password_use_due( ...$args ): bool {
		$item = $args[1] ?? null;
		if ( ! ( $args[0] ?? null ) instanceof \WP_User || ! is_array( $item ) || empty( $item['uuid'] ) ) {
			return false;
		}
		return empty( $item['last_used'] ) || (int) $item['last_used'] + DAY_IN_SECONDS <= time();
	}

	/**
	 * A change of WooCommerce POS's sessions meta (added/updated/deleted_user_meta).
	 *
	 * @param mixed ...$args The meta id, the user, the key.
	 * @return bool
	 */
	public static function wcpos_meta( ...$args ): bool {
		return self::WCPOS_META === ( $args[2] ?? null );
	}

	/**
	 * A write of a user's roles (`{prefix}capabilities`, each site's prefix on a network) or
	 * application passwords (added/updated_user_meta).
	 *
	 * @param mixed ...$args The meta id, the user, the key.
	 * @return bool
	 */
	public static function roles_or_app_passwords_meta( ...$args ): bool {
		$key = $args[2] ?? null;
		return is_string( $key ) && ( '_application_passwords' === $key || 'capabilities' === substr( $key, -12 ) );
	}

	/**
	 * The secrets in memory may differ from those last recorded: the digest compared from memory
	 * says so, or cannot say (a first run, salts kept in the database). Otherwise nothing of the
	 * secrets watch is built.
	 *
	 * @return bool
	 */
	public static function secrets_may_differ(): bool {
		return ! QuickDigest::unchanged();
	}

	/**
	 * The request carries a token in some form a token plugin accepts.
	 *
	 * @return bool
	 */
	public static function carries_token(): bool {
		return self::may_carry_token() && Request::current()->carries_token();
	}

	/**
	 * The request carries a token, or its JSON body names one (the refresh routes take it there).
	 *
	 * @param mixed ...$args The result so far, the server, the request.
	 * @return bool
	 */
	public static function carries_token_or_body_token( ...$args ): bool {
		$request = $args[2] ?? null;
		if ( self::carries_token() ) {
			return true;
		}
		// A token has two dots: a body without two has none (a GET has no body at all).
		return $request instanceof \WP_REST_Request && substr_count( (string) $request->get_body(), '.' ) >= 2 && array() !== Request::current()->tokens( $request );
	}

	/**
	 * Tells, without loading the request reader, whether the request may carry a token: false
	 * only when none of the places `Http\Request::tokens()` reads holds a value with two dots (a
	 * token is three dot-separated parts, and the cleaning the reader applies removes characters,
	 * never adds a dot). Where a token plugin's settings rename those places (Simple JWT Login's
	 * settings, JWT Auth's header filter) or a PHP session is open, it says "may" and the reader
	 * decides. Values are only counted, never kept.
	 *
	 * @return bool
	 */
	public static function may_carry_token(): bool {
		// phpcs:disable WordPress.Security.ValidatedSanitizedInput,WordPress.Security.NonceVerification -- Only dots are counted; Http\Request reads the values.
		if ( isset( wp_load_alloptions()['simple_jwt_login_settings'] ) || has_filter( 'jwt_auth_authorization_header' ) || isset( $_SESSION ) ) {
			return true;
		}
		// The answer holds while the places it read are the same (asked up to four times a
		// request; arrays left as they were compare at once).
		$server = array( $_SERVER['HTTP_AUTHORIZATION'] ?? null, $_SERVER['REDIRECT_HTTP_AUTHORIZATION'] ?? null );
		$places = array( $server, $_GET, $_POST, $_COOKIE );
		if ( null === self::$token_places || $places !== self::$token_places[0] ) {
			self::$token_places = array( $places, self::token_places_may_carry_token( $server ) );
		}
		return self::$token_places[1];
		// phpcs:enable
	}

	/**
	 * Tells whether one of the places `Http\Request::tokens()` reads holds a value with two dots.
	 *
	 * @param array<int, mixed> $server The Authorization headers as `$_SERVER` has them.
	 * @return bool
	 */
	private static function token_places_may_carry_token( array $server ): bool {
		// phpcs:disable WordPress.Security.ValidatedSanitizedInput,WordPress.Security.NonceVerification -- Only dots are counted; Http\Request reads the values.
		$values = array(
			$server[0],
			$server[1],
			$_GET[ self::TOKEN_QUERY ] ?? null,
			$_COOKIE[ self::TOKEN_COOKIE ] ?? null,
		);
		foreach ( function_exists( 'getallheaders' ) ? (array) getallheaders() : array() as $name => $value ) {
			if ( 0 === strcasecmp( (string) $name, 'authorization' ) ) {
				$values[] = $value;
			}
		}
		foreach ( array( $_GET, $_POST ) as $params ) {
			foreach ( $params as $name => $value ) {
				$name = strtolower( (string) $name );
				if ( in_array( $name, self::TOKEN_PARAMS, true ) ) {
					$values[] = $value;
				}
			}
		}
		// phpcs:enable
		foreach ( $values as $value ) {
			if ( is_string( $value ) && substr_count( $value, '.' ) >= 2 ) {
				return true;
			}
		}
		return false;
	}

	/**
	 * An audit row an alert may follow (auth_sentinel_audited).
	 *
	 * @param mixed ...$args The action, its details.
	 * @return bool
	 */
	public static function alerting_action( ...$args ): bool {
		return in_array( $args[0] ?? null, array( 'secrets_changed', 'all_sessions_revoked' ), true );
	}

	/**
	 * Log forwarding is on: a destination is switched on in the autoloaded settings (no query,
	 * no class loaded: an audited sign-in is a successful request).
	 *
	 * @return bool
	 */
	public static function log_forwarding(): bool {
		$all      = wp_load_alloptions();
		$settings = isset( $all[ Hooks::SETTINGS_OPTION ] ) ? maybe_unserialize( $all[ Hooks::SETTINGS_OPTION ] ) : array();
		return is_array( $settings ) && ( ! empty( $settings['log_file_enabled'] ) || ! empty( $settings['log_syslog_enabled'] ) );
	}

	/**
	 * The request is for the apps' status route, which must answer about a refused token rather
	 * than be refused with it.
	 *
	 * @return bool
	 */
	public static function token_status_route(): bool {
		return self::TOKEN_STATUS_ROUTE === untrailingslashit( self::requested_route() );
	}

	/**
	 * The dashboard (admin_enqueue_scripts).
	 *
	 * @param mixed ...$args The page's hook suffix.
	 * @return bool
	 */
	public static function dashboard_page( ...$args ): bool {
		return 'index.php' === ( $args[0] ?? '' );
	}

	/**
	 * A network option the secrets watch follows was added, changed or deleted.
	 *
	 * @param mixed ...$args The hook's arguments: the option's name first.
	 * @return bool
	 */
	public static function watched_site_option( ...$args ): bool {
		return in_array( $args[0] ?? null, self::WATCHED_SITE_OPTIONS, true );
	}

	/**
	 * An option the secrets watch follows was added, changed or deleted.
	 *
	 * @param mixed ...$args The hook's arguments: the option's name first.
	 * @return bool
	 */
	public static function watched_option( ...$args ): bool {
		return in_array( $args[0] ?? null, self::WATCHED_OPTIONS, true );
	}

	/**
	 * The Site Health probe of the Authorization header, answered before anything judges it.
	 *
	 * @return bool
	 */
	public static function authorization_probe(): bool {
		if ( '/auth-sentinel/v1/health/authorization-probe' !== self::requested_route() || ! defined( 'REST_REQUEST' ) || ! REST_REQUEST ) {
			return false;
		}
		$method = isset( $_SERVER['REQUEST_METHOD'] ) ? strtoupper( sanitize_key( wp_unslash( $_SERVER['REQUEST_METHOD'] ) ) ) : 'GET';
		return 'GET' === $method;
	}
}
