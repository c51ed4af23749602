<?php
/**
 * The error catalog's entries: look-ups, search and translation for the REST routes, the CLI
 * and the screens.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Catalog;

defined( 'ABSPATH' ) || exit;

/**
 * Reads catalog.json (once per request, on first use) and answers with its entries: every
 * entry, one by its code, the entry an admin means (by code, app alias or server code), the
 * entries a search matches, and an entry's texts translated. Never touches the database.
 *
 * A failed request does not load this class: Catalog files a failure from the filing index
 * alone.
 *
 * @since 0.1.0
 */
class CatalogEntries {

	/**
	 * Parsed catalogs by file, so each file is read once per request.
	 *
	 * @var array<string, array{entries: array<string, array<string, mixed>>, aliases: array<string, string>}>
	 */
	private static $loaded = array();

	/**
	 * The JSON file.
	 *
	 * @var string
	 */
	private $file;

	/**
	 * Creates the catalog's entries.
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
	 * Returns every entry by lower-case code, in catalog order, untranslated (Catalog builds the
	 * filing index of a file other than catalog.json from them).
	 *
	 * @return array<string, array<string, mixed>>
	 */
	public function entries(): array {
		return $this->data()['entries'];
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
			$code  = ( new Catalog( $this->file ) )->home_of( $key );
			$entry = null === $code ? null : $this->get( $code );
		}
		return $entry;
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
