<?php
/**
 * The error catalog: what each kind of failure means and how to fix it.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Catalog;

defined( 'ABSPATH' ) || exit;

/**
 * Reads catalog.json (once per request, on first use) and answers look-ups: by entry code,
 * by app alias (API02003), by server code (jwt_auth_invalid_token), and which entry a
 * diagnosed failure belongs to. Never touches the database.
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
	 * Parsed catalogs by file, so each file is read once per request.
	 *
	 * @var array<string, array{entries: array<string, array<string, mixed>>, aliases: array<string, string>}>
	 */
	private static $loaded = array();

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
	 * Returns every entry, in catalog order, untranslated.
	 *
	 * @return array<int, array<string, mixed>>
	 */
	public function all(): array {
		return array_values( $this->data()['entries'] );
	}

	/**
	 * Returns one entry by its code.
	 *
	 * @param string $code The entry code, e.g. token_invalid.
	 * @return array<string, mixed>|null
	 */
	public function get( string $code ): ?array {
		return $this->data()['entries'][ strtolower( trim( $code ) ) ] ?? null;
	}

	/**
	 * Finds the entry an admin means: by entry code, app alias (any case) or server code.
	 *
	 * @param string $query E.g. token_invalid, API02003, jwt_auth_invalid_token.
	 * @return array<string, mixed>|null
	 */
	public function find( string $query ): ?array {
		$key   = strtolower( trim( $query ) );
		$entry = $this->get( $key );
		if ( null === $entry && isset( $this->data()['aliases'][ $key ] ) ) {
			$entry = $this->get( $this->data()['aliases'][ $key ] );
		}
		if ( null === $entry ) {
			$code  = $this->home_of( $key );
			$entry = null === $code ? null : $this->get( $code );
		}
		return $entry;
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
	 * Returns the codes of the entries whose code, alias or title (English or translated)
	 * matches a search, for searching events by what the app showed ("API02003").
	 * Queries under three characters only match a whole code or alias.
	 *
	 * @param string $query The search.
	 * @return string[]
	 */
	public function aliases_for_search( string $query ): array {
		$needle = strtolower( trim( $query ) );
		if ( '' === $needle ) {
			return array();
		}
		$codes = array();
		foreach ( $this->data()['entries'] as $code => $entry ) {
			$words = array_merge( array( $code ), $entry['aliases'] );
			$exact = in_array( $needle, array_map( 'strtolower', $words ), true );
			if ( $exact || ( strlen( $needle ) >= 3 && $this->contains( array_merge( $words, array( $entry['title'], $this->translate( $entry['title'] ) ) ), $needle ) ) ) {
				$codes[] = $code;
			}
		}
		return $codes;
	}

	/**
	 * Returns the entries whose code, title, aliases, server codes or messages contain a search.
	 *
	 * @param string $query The search; empty returns every entry.
	 * @return array<int, array<string, mixed>>
	 */
	public function search( string $query ): array {
		$needle = strtolower( trim( $query ) );
		if ( '' === $needle ) {
			return $this->all();
		}
		$found = array();
		foreach ( $this->data()['entries'] as $entry ) {
			$haystack = array_merge(
				array( $entry['code'], $entry['title'], $this->translate( $entry['title'] ) ),
				$entry['aliases'],
				array_column( $entry['server_codes'], 'code' ),
				$entry['messages']
			);
			if ( $this->contains( $haystack, $needle ) ) {
				$found[] = $entry;
			}
		}
		return $found;
	}

	/**
	 * Translates an entry's texts for output. Codes, aliases, sources and the server's own
	 * messages stay as they are.
	 *
	 * @param array<string, mixed> $entry An entry from this catalog.
	 * @return array<string, mixed>
	 */
	public function localize( array $entry ): array {
		$entry['title']   = $this->translate( $entry['title'] );
		$entry['meaning'] = $this->translate( $entry['meaning'] );
		foreach ( $entry['causes'] as $i => $cause ) {
			$entry['causes'][ $i ]['text'] = $this->translate( $cause['text'] );
		}
		foreach ( $entry['server_codes'] as $i => $listing ) {
			if ( isset( $listing['note'] ) ) {
				$entry['server_codes'][ $i ]['note'] = $this->translate( $listing['note'] );
			}
		}
		foreach ( $entry['how_to_fix'] as $i => $fix ) {
			$entry['how_to_fix'][ $i ]['title'] = $this->translate( $fix['title'] );
			$entry['how_to_fix'][ $i ]['steps'] = array_map( array( $this, 'translate' ), $fix['steps'] );
		}
		return $entry;
	}

	/**
	 * Translates one catalog text; the English text is the msgid.
	 *
	 * @param string $text English text from catalog.json.
	 * @return string
	 */
	private function translate( string $text ): string {
		// phpcs:ignore WordPress.WP.I18n.NonSingularStringLiteralText -- The catalog's texts live in catalog.json (see its notes on translation).
		return __( $text, 'auth-sentinel' );
	}

	/**
	 * Returns the code of a server code's home entry: the exact code, then `outer` of an
	 * `outer:detail`, then the code without a "[plugin] " prefix.
	 *
	 * @param string $server_code Lower-case server code.
	 * @return string|null
	 */
	private function home_of( string $server_code ): ?string {
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
	 * Tells whether any of the strings contains the lower-case needle.
	 *
	 * @param string[] $haystack The strings.
	 * @param string   $needle   Lower-case search.
	 * @return bool
	 */
	private function contains( array $haystack, string $needle ): bool {
		foreach ( $haystack as $text ) {
			if ( false !== strpos( strtolower( (string) $text ), $needle ) ) {
				return true;
			}
		}
		return false;
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
				: self::index_of( $this->data()['entries'] );
		}
		return self::$indexes[ $this->file ];
	}

	/**
	 * Builds the filing index of a catalog's entries (bin/catalog-index.php writes it for
	 * catalog.json): a server code listed without a `when` belongs to its entry; each entry's
	 * credential kind.
	 *
	 * @param array<string, array<string, mixed>> $entries The entries by code, as entries_of() returns them.
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

	/**
	 * Returns a decoded catalog's entries by lower-case code, with every field present.
	 *
	 * @param mixed $json The decoded catalog.json.
	 * @return array<string, array<string, mixed>>
	 */
	public static function entries_of( $json ): array {
		$entries = array();
		foreach ( is_array( $json ) && isset( $json['entries'] ) && is_array( $json['entries'] ) ? $json['entries'] : array() as $entry ) {
			if ( ! is_array( $entry ) || empty( $entry['code'] ) ) {
				continue;
			}
			$entry += array(
				'title'        => $entry['code'],
				'credential'   => 'any',
				'aliases'      => array(),
				'meaning'      => '',
				'causes'       => array(),
				'server_codes' => array(),
				'messages'     => array(),
				'how_to_fix'   => array(),
				'related'      => array(),
			);

			$entries[ strtolower( (string) $entry['code'] ) ] = $entry;
		}
		return $entries;
	}

	/**
	 * Reads the catalog on first use, with its aliases.
	 *
	 * @return array{entries: array<string, array<string, mixed>>, aliases: array<string, string>}
	 */
	private function data(): array {
		if ( isset( self::$loaded[ $this->file ] ) ) {
			return self::$loaded[ $this->file ];
		}
		$data = array(
			'entries' => self::entries_of( wp_json_file_decode( $this->file, array( 'associative' => true ) ) ),
			'aliases' => array(),
		);
		foreach ( $data['entries'] as $code => $entry ) {
			foreach ( $entry['aliases'] as $alias ) {
				$data['aliases'] += array( strtolower( (string) $alias ) => $code ); // The first entry listing an alias owns it.
			}
		}
		self::$loaded[ $this->file ] = $data;
		return $data;
	}
}
