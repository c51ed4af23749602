<?php
/**
 * The error catalog: its vocabulary, and which entry a failure is filed under.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Catalog;

defined( 'ABSPATH' ) || exit;

/**
 * Answers which entry a diagnosed failure belongs to, and the home entry of a server code
 * (jwt_auth_invalid_token); holds the catalog's causes, audiences and kinds of credential.
 * The entries themselves (look-ups by code or app alias, search, translation) are
 * CatalogEntries'. Never touches the database.
 *
 * Filing a failure (`code_for()`, on every failed request) needs only which entry each server
 * code belongs to and what kind of credential each entry is about: that index is kept in
 * `catalog-index.php`, which `php bin/catalog-index.php` writes from catalog.json (the source;
 * `CatalogTest` fails when the two differ), so that opcache keeps it and a failure does not
 * decode the 50 KB of JSON.
 *
 * @since 0.1.0
 */
class Catalog {

	/**
	 * The diagnosis causes (PRODUCT.md).
	 */
	const CAUSES = array( 'expired', 'revoked', 'secret_changed', 'password_changed', 'corrupted', 'wrong_site', 'unknown_user', 'bad_credentials', 'header_stripped', 'plugin_conflict', 'unknown' );

	/**
	 * Whom a fix is for: the person signing in, or the site administrator.
	 */
	const AUDIENCES = array( 'user', 'admin' );

	/**
	 * The kinds of credential an entry is about.
	 */
	const CREDENTIALS = array( 'token', 'cookie', 'password', 'application_password', 'nonce', 'any' );

	/**
	 * Causes that decide the entry of any token failure, whatever the code.
	 */
	const OVERRIDING_CAUSES = array(
		'plugin_conflict' => 'plugin_conflict',
		'header_stripped' => 'authorization_header_missing',
	);

	/**
	 * Where a generic "invalid token" lands, by diagnosed cause.
	 */
	const TOKEN_CAUSES = array(
		'expired'          => 'token_expired',
		'revoked'          => 'token_revoked',
		'password_changed' => 'token_obsolete',
		'wrong_site'       => 'token_wrong_site',
		'unknown_user'     => 'token_user_unknown',
		'secret_changed'   => 'token_invalid',
		'corrupted'        => 'token_invalid',
	);

	/**
	 * Token entries that become a refresh-token entry when the token was a refresh token.
	 */
	const REFRESHABLE = array( 'token_expired', 'token_invalid', 'token_revoked', 'token_obsolete', 'token_wrong_site' );

	/**
	 * Event sources whose codes are shared with other sources, and the hook that qualifies them.
	 */
	const SOURCE_HOOKS = array(
		'application_password' => 'application_password_failed_authentication',
		'login_form'           => 'wp_login_failed',
		'token_login'          => 'wp_login_failed',
		'xmlrpc'               => 'wp_login_failed',
	);

	/**
	 * Indexes by file (see index()), so each is built or read once per request.
	 *
	 * @var array<string, array{server: array<string, string>, credential: array<string, string>}>
	 */
	private static $indexes = array();

	/**
	 * The JSON file.
	 *
	 * @var string
	 */
	private $file;

	/**
	 * Creates the catalog.
	 *
	 * @param string $file The JSON file; catalog.json next to this class by default.
	 */
	public function __construct( string $file = '' ) {
		$this->file = '' === $file ? __DIR__ . '/catalog.json' : $file;
	}

	/**
	 * Returns the entry code a diagnosed failure belongs to (see the rules in the report and
	 * catalog.json's notes).
	 *
	 * @param string      $server_code The code the server answered with.
	 * @param string      $cause       The diagnosed cause.
	 * @param string|null $token_type  The token's type claim (access or refresh), if any.
	 * @param string      $source      The event's source (login_form, application_password, token, …), if known.
	 * @return string
	 */
	public function code_for( string $server_code, string $cause, ?string $token_type = null, string $source = '' ): string {
		$code = strtolower( trim( $server_code ) );
		if ( isset( self::SOURCE_HOOKS[ $source ] ) && false === strpos( $code, ':' ) ) {
			$code = self::SOURCE_HOOKS[ $source ] . ':' . $code;
		}
		$home       = $this->home_of( $code );
		$credential = null === $home ? 'any' : ( $this->index()['credential'][ $home ] ?? '' );

		// Cookies, passwords and nonces: the code alone says which entry.
		if ( null !== $home && ! in_array( $credential, array( 'token', 'any' ), true ) ) {
			return $home;
		}
		if ( isset( self::OVERRIDING_CAUSES[ $cause ] ) ) {
			return self::OVERRIDING_CAUSES[ $cause ];
		}

		$generic  = null === $home || in_array( $home, array( 'token_invalid', 'auth_unknown' ), true );
		$is_token = 'token' === $credential || ( null !== $token_type && '' !== $token_type ) || 'token' === $source;
		if ( ! $is_token ) {
			return $home ?? 'auth_unknown';
		}
		if ( 'unknown_user' === $cause ) {
			return 'token_user_unknown';
		}
		if ( 'refresh' === $token_type && ( $generic || in_array( $home, self::REFRESHABLE, true ) ) ) {
			return 'expired' === $cause || 'token_expired' === $home ? 'refresh_token_expired' : 'refresh_token_invalid';
		}
		if ( $generic ) {
			return self::TOKEN_CAUSES[ $cause ] ?? $home ?? 'auth_unknown';
		}
		if ( 'token_revoked' === $home && 'password_changed' === $cause ) {
			return 'token_obsolete'; // Revoked here by the revoke-on-password-change policy.
		}
		return (string) $home;
	}

	/**
	 * Returns the code of a server code's home entry: the exact code, then `outer` of an
	 * `outer:detail`, then the code without a "[plugin] " prefix.
	 *
	 * @param string $server_code Lower-case server code.
	 * @return string|null
	 */
	public function home_of( string $server_code ): ?string {
		$server = $this->index()['server'];
		if ( isset( $server[ $server_code ] ) ) {
			return $server[ $server_code ];
		}
		$outer = strstr( $server_code, ':', true );
		if ( false !== $outer && isset( $server[ $outer ] ) ) {
			return $server[ $outer ];
		}
		if ( preg_match( '/^\[[a-z0-9_-]+\]\s*(\S+)$/', $server_code, $match ) ) {
			return $this->home_of( $match[1] );
		}
		return null;
	}

	/**
	 * Returns the index a failure is filed by: the home entry of each server code, and the kind
	 * of credential of each entry. catalog-index.php for catalog.json; built from the file's
	 * entries for another file (tests).
	 *
	 * @return array{server: array<string, string>, credential: array<string, string>}
	 */
	private function index(): array {
		if ( ! isset( self::$indexes[ $this->file ] ) ) {
			self::$indexes[ $this->file ] = __DIR__ . '/catalog.json' === $this->file
				? require __DIR__ . '/catalog-index.php'
				: self::index_of( ( new CatalogEntries( $this->file ) )->entries() );
		}
		return self::$indexes[ $this->file ];
	}

	/**
	 * Builds the filing index of a catalog's entries (bin/catalog-index.php writes it for
	 * catalog.json): a server code listed without a `when` belongs to its entry; each entry's
	 * credential kind.
	 *
	 * @param array<string, array<string, mixed>> $entries The entries by code, as CatalogEntries::entries_of() returns them.
	 * @return array{server: array<string, string>, credential: array<string, string>}
	 */
	public static function index_of( array $entries ): array {
		$index = array(
			'server'     => array(),
			'credential' => array(),
		);
		foreach ( $entries as $code => $entry ) {
			$index['credential'][ $code ] = (string) $entry['credential'];
			foreach ( $entry['server_codes'] as $listing ) {
				if ( empty( $listing['when'] ) ) {
					$index['server'][ strtolower( (string) $listing['code'] ) ] = $code;
				}
			}
		}
		return $index;
	}
}
