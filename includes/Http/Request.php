<?php
/**
 * The one reader of a request's credentials.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Http;

use AuthSentinel\Settings\Settings;

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
 * - HTTP Basic credentials and the REST nonce.
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
	 * The Authorization header, once read.
	 *
	 * @var array{value: ?string, via: string, stripped: bool, oversized: bool}|null
	 */
	private $authorization;

	/**
	 * The client's address, once worked out.
	 *
	 * @var string|null
	 */
	private $client_ip;

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
	 * Returns the Authorization header and where it was found.
	 *
	 * `stripped` is true when the server hid it from code that reads HTTP_AUTHORIZATION: it
	 * arrived only as REDIRECT_HTTP_AUTHORIZATION, or only in the raw headers.
	 *
	 * @return array{value: ?string, via: string, stripped: bool, oversized: bool}
	 */
	public function authorization(): array {
		if ( null !== $this->authorization ) {
			return $this->authorization;
		}
		$found = array(
			'value'     => null,
			'via'       => '',
			'stripped'  => false,
			'oversized' => false,
		);
		foreach ( array_merge( $this->header_keys(), array( 'raw_headers' ) ) as $key ) {
			$value = 'raw_headers' === $key ? ( $this->raw_headers()['authorization'] ?? null ) : ( $this->server[ $key ] ?? null );
			if ( ! is_string( $value ) || '' === trim( $value ) ) {
				continue;
			}
			$found['via']      = $key;
			$found['stripped'] = in_array( $key, array( 'REDIRECT_HTTP_AUTHORIZATION', 'raw_headers' ), true );
			if ( strlen( $value ) > self::MAX_LENGTH ) {
				$found['oversized'] = true;
			} else {
				$found['value'] = $value;
			}
			break;
		}
		$this->authorization = $found;
		return $found;
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
	 * Returns what the request presents as a token, for diagnosing a refusal: the first JWT-shaped
	 * token, else whatever the Authorization header carries as one (`Bearer <anything>` or a
	 * single word — garbage is a corrupted token, not no token), else a token parameter's value.
	 * An oversized value comes back cut just past the cap, so that it reads as too long.
	 *
	 * @return string|null
	 */
	public function presented_token(): ?string {
		$token = $this->token();
		if ( null !== $token ) {
			return $token;
		}
		$header = $this->authorization();
		if ( $header['oversized'] ) {
			return str_repeat( 'A', self::MAX_LENGTH + 1 );
		}
		$value = null === $header['value'] ? '' : trim( $header['value'] );
		if ( preg_match( '/^bearer\s+(\S+)/i', $value, $match ) ) {
			return $match[1];
		}
		if ( '' !== $value && ! preg_match( '/\s/', $value ) ) {
			return $value;
		}
		$names = $this->sjl_names();
		foreach ( array( $this->query[ self::QUERY_AUTHORIZATION ] ?? null, $this->query[ $names['url'] ] ?? null, $this->form[ $names['url'] ] ?? null ) as $param ) {
			if ( is_string( $param ) && '' !== trim( $param ) ) {
				return substr( trim( $param ), 0, self::MAX_LENGTH + 1 );
			}
		}
		return null;
	}

	/**
	 * Returns JWT Auth's refresh cookie split into its user id and value, null without one.
	 *
	 * @return array{user_id: int, value: string}|null
	 */
	public function refresh_cookie(): ?array {
		$cookie = $this->cookies[ self::REFRESH ] ?? null;
		if ( ! is_string( $cookie ) || strlen( $cookie ) > self::MAX_LENGTH ) {
			return null;
		}
		$cookie = trim( wp_strip_all_tags( $cookie ) );
		if ( ! preg_match( '/^(\d{1,20})\.(\S+)$/', $cookie, $match ) ) {
			return null;
		}
		return array(
			'user_id' => (int) $match[1],
			'value'   => $match[2],
		);
	}

	/**
	 * Returns the HTTP Basic credentials: PHP's own parse, else the Authorization header's.
	 *
	 * @return array{0: string, 1: string}|null Login and password; null without Basic credentials.
	 */
	public function basic(): ?array {
		$user = $this->server['PHP_AUTH_USER'] ?? null;
		$pass = $this->server['PHP_AUTH_PW'] ?? null;
		if ( is_string( $user ) && is_string( $pass ) ) {
			return strlen( $user ) + strlen( $pass ) <= self::MAX_LENGTH ? array( $user, $pass ) : null;
		}
		$header = $this->authorization()['value'];
		if ( null === $header || ! preg_match( '/^\s*Basic\s+([A-Za-z0-9+\/=]+)\s*$/i', $header, $match ) ) {
			return null;
		}
		$decoded = base64_decode( $match[1], true ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_decode -- HTTP Basic is base64.
		if ( false === $decoded || false === strpos( $decoded, ':' ) ) {
			return null;
		}
		list( $login, $password ) = explode( ':', $decoded, 2 );
		return array( $login, $password );
	}

	/**
	 * Returns the client's address: the connecting peer, or what a trusted proxy saw (see
	 * ClientAddress). '' when there is no valid address.
	 *
	 * @return string
	 */
	public function client_ip(): string {
		if ( null === $this->client_ip ) {
			$this->client_ip = ClientAddress::resolve( $this->server, self::trusted_proxies() );
		}
		return $this->client_ip;
	}

	/**
	 * Tells whether the request looks proxied while its peer is not a trusted proxy.
	 *
	 * @return bool
	 */
	public function behind_untrusted_proxy(): bool {
		return ClientAddress::untrusted_proxy( $this->server, self::trusted_proxies() );
	}

	/**
	 * Returns the trusted proxies: the constant AUTH_SENTINEL_TRUSTED_PROXIES, the setting, and
	 * what the filter adds.
	 *
	 * @return string[]
	 */
	public static function trusted_proxies(): array {
		$list = defined( 'AUTH_SENTINEL_TRUSTED_PROXIES' ) && is_string( constant( 'AUTH_SENTINEL_TRUSTED_PROXIES' ) ) ? (string) constant( 'AUTH_SENTINEL_TRUSTED_PROXIES' ) : '';
		$list = $list . "\n" . (string) Settings::get( 'trusted_proxies' );
		/**
		 * Filters the proxies whose forwarded headers are believed (addresses or CIDR ranges).
		 *
		 * @since 0.1.0
		 *
		 * @param string[] $proxies From the constant AUTH_SENTINEL_TRUSTED_PROXIES and the setting.
		 */
		return array_values( array_filter( (array) apply_filters( 'auth_sentinel_trusted_proxies', ClientAddress::parse_list( $list ) ), 'is_string' ) );
	}

	/**
	 * Returns the REST nonce the request sent ('' for none), bounded.
	 *
	 * @return string
	 */
	public function nonce(): string {
		$nonce = $this->query['_wpnonce'] ?? $this->form['_wpnonce'] ?? $this->server['HTTP_X_WP_NONCE'] ?? '';
		return is_string( $nonce ) ? substr( $nonce, 0, 64 ) : '';
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
	private function header_keys(): array {
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
	private function sjl_names(): array {
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
	private function raw_headers(): array {
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
