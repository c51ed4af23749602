<?php
/**
 * The credentials a request presents, read when one is judged.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Http;

defined( 'ABSPATH' ) || exit;

/**
 * Reads, from the current request (`Request`, which finds its tokens on every request), what is
 * needed only once a credential is judged: the Authorization header and the name it reached PHP
 * by, what the request presents as a token when it has no well-formed one, JWT Auth's refresh
 * cookie, HTTP Basic credentials and the REST nonce. Capped as `Request` caps what it reads;
 * nothing is stored.
 *
 * @since 0.1.0
 */
final class Credentials {

	/**
	 * The reader of the current request's credentials.
	 *
	 * @var Credentials|null
	 */
	private static $current;

	/**
	 * The request read.
	 *
	 * @var Request
	 */
	private $request;

	/**
	 * The Authorization header, once read.
	 *
	 * @var array{value: ?string, via: string, stripped: bool, oversized: bool}|null
	 */
	private $authorization;

	/**
	 * Returns the reader of the current request (made again when `Request::reset()` forgot it).
	 *
	 * @return Credentials
	 */
	public static function current(): Credentials {
		$request = Request::current();
		if ( null === self::$current || self::$current->request !== $request ) {
			self::$current = new self( $request );
		}
		return self::$current;
	}

	/**
	 * Creates a reader over one request.
	 *
	 * @param Request $request The request.
	 */
	public function __construct( Request $request ) {
		$this->request = $request;
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
		foreach ( array_merge( $this->request->header_keys(), array( 'raw_headers' ) ) as $key ) {
			$value = 'raw_headers' === $key ? ( $this->request->raw_headers()['authorization'] ?? null ) : ( $this->request->values( 'server' )[ $key ] ?? null );
			if ( ! is_string( $value ) || '' === trim( $value ) ) {
				continue;
			}
			$found['via']      = $key;
			$found['stripped'] = in_array( $key, array( 'REDIRECT_HTTP_AUTHORIZATION', 'raw_headers' ), true );
			if ( strlen( $value ) > Request::MAX_LENGTH ) {
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
	 * Returns what the request presents as a token, for diagnosing a refusal: the first JWT-shaped
	 * token, else whatever the Authorization header carries as one (`Bearer <anything>` or a
	 * single word — garbage is a corrupted token, not no token), else a token parameter's value.
	 * An oversized value comes back cut just past the cap, so that it reads as too long.
	 *
	 * @return string|null
	 */
	public function presented_token(): ?string {
		$token = $this->request->token();
		if ( null !== $token ) {
			return $token;
		}
		$header = $this->authorization();
		if ( $header['oversized'] ) {
			return str_repeat( 'A', Request::MAX_LENGTH + 1 );
		}
		$value = null === $header['value'] ? '' : trim( $header['value'] );
		if ( preg_match( '/^bearer\s+(\S+)/i', $value, $match ) ) {
			return $match[1];
		}
		if ( '' !== $value && ! preg_match( '/\s/', $value ) ) {
			return $value;
		}
		$names = $this->request->sjl_names();
		$query = $this->request->values( 'query' );
		$form  = $this->request->values( 'form' );
		foreach ( array( $query[ Request::QUERY_AUTHORIZATION ] ?? null, $query[ $names['url'] ] ?? null, $form[ $names['url'] ] ?? null ) as $param ) {
			if ( is_string( $param ) && '' !== trim( $param ) ) {
				return substr( trim( $param ), 0, Request::MAX_LENGTH + 1 );
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
		$cookie = $this->request->values( 'cookies' )[ Request::REFRESH ] ?? null;
		if ( ! is_string( $cookie ) || strlen( $cookie ) > Request::MAX_LENGTH ) {
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
		$server = $this->request->values( 'server' );
		$user   = $server['PHP_AUTH_USER'] ?? null;
		$pass   = $server['PHP_AUTH_PW'] ?? null;
		if ( is_string( $user ) && is_string( $pass ) ) {
			return strlen( $user ) + strlen( $pass ) <= Request::MAX_LENGTH ? array( $user, $pass ) : null;
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
	 * Returns the REST nonce the request sent ('' for none), bounded.
	 *
	 * @return string
	 */
	public function nonce(): string {
		$query  = $this->request->values( 'query' );
		$form   = $this->request->values( 'form' );
		$server = $this->request->values( 'server' );
		$nonce  = $query['_wpnonce'] ?? $form['_wpnonce'] ?? $server['HTTP_X_WP_NONCE'] ?? '';
		return is_string( $nonce ) ? substr( $nonce, 0, 64 ) : '';
	}
}
