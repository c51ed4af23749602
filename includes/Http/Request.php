<?php
/**
 * The one reader of a request's credentials.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Http;

defined( 'ABSPATH' ) || exit;

/**
 * Reads every place the known token plugins, WordPress and this plugin take a credential from,
 * once per request (facts from the plugins' sources, see docs/security.md):
 *
 * - the Authorization header under each name it reaches PHP by: `HTTP_AUTHORIZATION`,
 *   `REDIRECT_HTTP_AUTHORIZATION` (Apache + CGI/FPM rewrite), the `$_SERVER` key JWT Auth lets
 *   sites choose (filter `jwt_auth_authorization_header`), and the raw headers
 *   (`getallheaders()`, which Simple JWT Login reads first, under the header name its settings
 *   give), with or without `Bearer`;
 * - the parameters issuers take a token from: WCPOS's `?authorization=` (query only), Simple JWT
 *   Login's `JWT` (any case; query, form or JSON body; its settings can rename it), and the
 *   refresh routes' `refresh_token`;
 * - the cookies: Simple JWT Login's token cookie and JWT Auth's `refresh_token`
 *   ("<user id>.<random>"); Simple JWT Login's PHP-session token;
 * - HTTP Basic credentials and the REST nonce (read by `Credentials`, with the Authorization
 *   header and what a refused request presents, only once a credential is judged).
 *
 * This class is loaded on every request (the guards ask it whether a token was sent): what only
 * a failure needs is in `Credentials`, and the client's address in `ClientAddress`.
 *
 * Everything read is capped at MAX_LENGTH bytes: a larger value is reported as oversized and
 * never decoded. Values are only ever fingerprinted or decoded for diagnosis, never stored.
 * Nothing here queries the database: Simple JWT Login's renamed keys are read only from its
 * settings when WordPress autoloaded them.
 *
 * @since 0.1.0
 */
final class Request {

	/**
	 * The longest credential read, in bytes (a real one is well under 2 KB).
	 */
	const MAX_LENGTH = 16384;

	/**
	 * The most tokens judged in one request (each distinct value counts once).
	 */
	const MAX_TOKENS = 8;

	/**
	 * Simple JWT Login's default names: its token parameter, cookie, session key and header.
	 */
	const SIMPLE_JWT_LOGIN_DEFAULTS = array(
		'url'     => 'JWT',
		'cookie'  => 'simple-jwt-login-token',
		'session' => 'simple-jwt-login-token',
		'header'  => 'Authorization',
	);

	/**
	 * WCPOS's query parameter for servers that strip the header (read from the query string only).
	 */
	const QUERY_AUTHORIZATION = 'authorization';

	/**
	 * The refresh routes' parameter (WCPOS: a JWT; Simple JWT Login 4: an opaque token) and JWT
	 * Auth's refresh cookie ("<user id>.<random>").
	 */
	const REFRESH = 'refresh_token';

	/**
	 * The reader of the current request.
	 *
	 * @var Request|null
	 */
	private static $current;

	/**
	 * The server variables.
	 *
	 * @var array<string, mixed>
	 */
	private $server;

	/**
	 * Query-string parameters.
	 *
	 * @var array<string, mixed>
	 */
	private $query;

	/**
	 * Form-body parameters.
	 *
	 * @var array<string, mixed>
	 */
	private $form;

	/**
	 * Cookies.
	 *
	 * @var array<string, mixed>
	 */
	private $cookies;

	/**
	 * The PHP session's values, when a session is active.
	 *
	 * @var array<string, mixed>
	 */
	private $session;

	/**
	 * The raw request headers (getallheaders()), read when first needed; lowercase names.
	 *
	 * @var array<string, string>|null
	 */
	private $raw_headers;

	/**
	 * Simple JWT Login's names, once read.
	 *
	 * @var array{url: string, cookie: string, session: string, header: string}|null
	 */
	private $sjl_names;

	/**
	 * Returns the reader of the current request, made once.
	 *
	 * @return Request
	 */
	public static function current(): Request {
		if ( null === self::$current ) {
			// WordPress adds slashes to the request globals (wp_magic_quotes(), right after
			// `sanitize_comment_cookies`): read them as the client sent them.
			$unslash = did_action( 'sanitize_comment_cookies' ) > 0;
			$read    = static function ( array $values ) use ( $unslash ): array {
				return $unslash ? (array) wp_unslash( $values ) : $values;
			};
			// phpcs:ignore WordPress.Security.NonceVerification.Recommended,WordPress.Security.NonceVerification.Missing -- Credentials are read to be judged, never acted on as form input.
			self::$current = new self( $read( $_SERVER ), $read( $_GET ), $read( $_POST ), $read( $_COOKIE ), isset( $_SESSION ) ? (array) $_SESSION : array() );
		}
		return self::$current;
	}

	/**
	 * Forgets the memoised reader (after the request globals changed, e.g. in tests).
	 *
	 * @return void
	 */
	public static function reset(): void {
		self::$current = null;
	}

	/**
	 * Whether the request carries a token, once known.
	 *
	 * @var bool|null
	 */
	private $carries;

	/**
	 * Creates a reader over request globals.
	 *
	 * @param array<string, mixed>      $server      Server variables.
	 * @param array<string, mixed>      $query       Query-string parameters.
	 * @param array<string, mixed>      $form        Form-body parameters.
	 * @param array<string, mixed>      $cookies     Cookies.
	 * @param array<string, mixed>      $session     The PHP session's values.
	 * @param array<string, mixed>|null $raw_headers The raw headers; null to ask getallheaders() when needed.
	 */
	public function __construct( array $server, array $query = array(), array $form = array(), array $cookies = array(), array $session = array(), ?array $raw_headers = null ) {
		$this->server  = $server;
		$this->query   = $query;
		$this->form    = $form;
		$this->cookies = $cookies;
		$this->session = $session;
		if ( null !== $raw_headers ) {
			$this->raw_headers = self::lower_keys( $raw_headers );
		}
	}

	/**
	 * Tells, without decoding anything or asking the database, whether the request carries a
	 * token in any form an issuer accepts (the cheap guard of the token gate). A request that
	 * carries none costs a few array lookups and one getallheaders().
	 *
	 * @return bool
	 */
	public function carries_token(): bool {
		if ( null === $this->carries ) {
			$this->carries = array() !== $this->tokens();
		}
		return $this->carries;
	}

	/**
	 * Returns every token the request presents, in every form, each distinct value once: each
	 * name the Authorization header may reach PHP by and the raw headers (`Bearer <token>` or a
	 * bare token), WCPOS's query parameter, Simple JWT Login's parameter (query, form and, given
	 * the REST request, JSON body), cookie and session, and the refresh routes' `refresh_token`.
	 * Only values shaped like a JWT (three dot-separated parts) count.
	 *
	 * @param \WP_REST_Request|null $rest The REST request, for the parameters of a JSON body.
	 * @return array<int, array{token: string, via: string}>
	 */
	public function tokens( $rest = null ): array {
		$found = array();
		$add   = static function ( $value, string $via ) use ( &$found ) {
			$token = self::token_of( $value );
			if ( null !== $token && ! isset( $found[ $token ] ) && count( $found ) < self::MAX_TOKENS ) {
				$found[ $token ] = $via;
			}
		};

		foreach ( $this->header_keys() as $key ) {
			$add( $this->server[ $key ] ?? null, 'header:' . $key );
		}
		$names = $this->sjl_names();
		$raw   = $this->raw_headers();
		foreach ( array_unique( array( 'authorization', strtolower( $names['header'] ) ) ) as $header ) {
			$add( $raw[ $header ] ?? null, 'raw_header:' . $header );
		}
		$add( $this->query[ self::QUERY_AUTHORIZATION ] ?? null, 'query:' . self::QUERY_AUTHORIZATION );
		$json   = $rest instanceof \WP_REST_Request ? (array) $rest->get_json_params() : array();
		$wanted = array( strtolower( $names['url'] ), self::REFRESH );
		foreach ( array(
			'query' => $this->query,
			'form'  => $this->form,
			'json'  => $json,
		) as $where => $params ) {
			foreach ( $params as $name => $value ) {
				if ( in_array( strtolower( (string) $name ), $wanted, true ) ) {
					$add( $value, $where . ':' . $name );
				}
			}
		}
		$add( $this->cookies[ $names['cookie'] ] ?? null, 'cookie:' . $names['cookie'] );
		$add( $this->session[ $names['session'] ] ?? null, 'session:' . $names['session'] );

		$out = array();
		foreach ( $found as $token => $via ) {
			$out[] = array(
				'token' => (string) $token,
				'via'   => $via,
			);
		}
		return $out;
	}

	/**
	 * Returns the first token the request presents, null without one.
	 *
	 * @return string|null
	 */
	public function token(): ?string {
		$tokens = $this->tokens();
		return $tokens ? $tokens[0]['token'] : null;
	}

	/**
	 * Returns the values the request was read from: `server`, `query`, `form` or `cookies`.
	 *
	 * @param string $where Which.
	 * @return array<string, mixed>
	 */
	public function values( string $where ): array {
		switch ( $where ) {
			case 'server':
				return $this->server;
			case 'query':
				return $this->query;
			case 'form':
				return $this->form;
			case 'cookies':
				return $this->cookies;
		}
		return array();
	}

	/**
	 * Extracts a token from one value: `Bearer <token>` or a bare token, cleaned as the issuers
	 * clean it (sanitize_text_field(): tags, percent-encoded octets and stray whitespace
	 * removed), three dot-separated parts; null otherwise.
	 *
	 * @param mixed $value The value.
	 * @return string|null
	 */
	public static function token_of( $value ): ?string {
		if ( ! is_string( $value ) || '' === $value || strlen( $value ) > self::MAX_LENGTH ) {
			return null;
		}
		$value = sanitize_text_field( $value );
		if ( preg_match( '/^bearer(?:\s+|$)/i', $value, $prefix ) ) {
			$value = trim( substr( $value, strlen( $prefix[0] ) ) );
		}
		if ( '' === $value || false !== strpos( $value, ' ' ) || 2 !== substr_count( $value, '.' ) ) {
			return null;
		}
		return $value;
	}

	/**
	 * The server keys the Authorization header may arrive under, in the order issuers read them.
	 *
	 * @return string[]
	 */
	public function header_keys(): array {
		$keys = array( 'HTTP_AUTHORIZATION', 'REDIRECT_HTTP_AUTHORIZATION' );
		if ( has_filter( 'jwt_auth_authorization_header' ) ) {
			// JWT Auth (Useful Team) lets a site read the token from another $_SERVER key.
			$custom = apply_filters( 'jwt_auth_authorization_header', 'HTTP_AUTHORIZATION' ); // phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals.NonPrefixedHooknameFound -- The token plugin's own filter.
			if ( is_string( $custom ) && '' !== $custom && ! in_array( $custom, $keys, true ) ) {
				$keys[] = $custom;
			}
		}
		return $keys;
	}

	/**
	 * Simple JWT Login's parameter, cookie, session and header names: its settings' when
	 * WordPress autoloaded them (3.x keeps `request_keys` at the top, 4.x under `general`),
	 * else its defaults.
	 *
	 * @return array{url: string, cookie: string, session: string, header: string}
	 */
	public function sjl_names(): array {
		if ( null !== $this->sjl_names ) {
			return $this->sjl_names;
		}
		$names = self::SIMPLE_JWT_LOGIN_DEFAULTS;
		$all   = function_exists( 'wp_load_alloptions' ) ? wp_load_alloptions() : array();
		$raw   = $all['simple_jwt_login_settings'] ?? null;
		if ( is_string( $raw ) && '' !== $raw && strlen( $raw ) < 262144 ) {
			$settings = json_decode( $raw, true );
			$keys     = is_array( $settings ) ? ( $settings['general']['request_keys'] ?? $settings['request_keys'] ?? null ) : null;
			foreach ( is_array( $keys ) ? array_keys( $names ) : array() as $name ) {
				if ( isset( $keys[ $name ] ) && is_string( $keys[ $name ] ) && '' !== trim( $keys[ $name ] ) ) {
					$names[ $name ] = trim( $keys[ $name ] );
				}
			}
		}
		$this->sjl_names = $names;
		return $names;
	}

	/**
	 * Returns the raw request headers with lowercase names.
	 *
	 * @return array<string, string>
	 */
	public function raw_headers(): array {
		if ( null === $this->raw_headers ) {
			$this->raw_headers = function_exists( 'getallheaders' ) ? self::lower_keys( (array) getallheaders() ) : array();
		}
		return $this->raw_headers;
	}

	/**
	 * Lowercases header names; drops values that are not strings.
	 *
	 * @param array<mixed> $headers Headers.
	 * @return array<string, string>
	 */
	private static function lower_keys( array $headers ): array {
		$out = array();
		foreach ( $headers as $name => $value ) {
			if ( is_string( $value ) ) {
				$out[ strtolower( (string) $name ) ] = $value;
			}
		}
		return $out;
	}
}
