<?php
/**
 * Resolves the secrets WordPress and the token plugins really use, without ever keeping a value.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Secrets;

defined( 'ABSPATH' ) || exit;

/**
 * Resolves each watched secret the way its consumer does, and fingerprints it.
 *
 * The eight keys and salts follow `wp_salt()`: a constant is used unless it is empty, the
 * default phrase or shared with another key; then the legacy SECRET_KEY / SECRET_SALT; then
 * the site option WordPress generates. In cheap mode nothing is read that is not already in
 * memory (constants, autoloaded options, the options cache), so no query is ever made.
 *
 * @since 0.1.0
 */
class SecretResolver {

	/**
	 * The default phrase of wp-config-sample.php.
	 */
	const DEFAULT_PHRASE = 'put your unique phrase here';

	/**
	 * The WordPress keys and salts, by constant name.
	 */
	const SALTS = QuickDigest::SALTS;

	/**
	 * The keys and salts whose change invalidates every sign-in cookie.
	 */
	const COOKIE_SALTS = array( 'AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT' );

	/**
	 * The token plugins' signing secrets stored as options.
	 */
	const TOKEN_OPTIONS = QuickDigest::TOKEN_OPTIONS;

	/**
	 * The options that say which site tokens are issued for.
	 */
	const SITE_OPTIONS = QuickDigest::SITE_OPTIONS;

	/**
	 * Fewer characters than this makes a secret weak.
	 */
	const MIN_LENGTH = 32;

	/**
	 * Fewer distinct characters than this makes a secret weak.
	 */
	const MIN_DISTINCT = 12;

	/**
	 * Fingerprints values.
	 *
	 * @var Fingerprinter
	 */
	private $fingerprinter;

	/**
	 * Creates the resolver.
	 *
	 * @param Fingerprinter $fingerprinter Fingerprints values with the site's key.
	 */
	public function __construct( Fingerprinter $fingerprinter ) {
		$this->fingerprinter = $fingerprinter;
	}

	/**
	 * Resolves every watched secret.
	 *
	 * Each item: `name`, `group` (salt|token|site), `source` (constant|option|generated|missing),
	 * `strength` (ok|weak|default|duplicate|missing) and `fp` (fingerprint, null when there is no
	 * value). A token secret that does not exist is returned with source `missing`. In cheap
	 * mode, a secret whose value is not in memory is left out.
	 *
	 * @param bool $cheap Whether to read only what is already in memory.
	 * @return array<string, array{name: string, group: string, source: string, strength: string, fp: ?string}>
	 */
	public function resolve( bool $cheap = false ): array {
		$items = $this->resolve_salts( self::SALTS, $cheap );

		$value                        = (string) QuickDigest::constant_value( 'JWT_AUTH_SECRET_KEY' );
		$items['JWT_AUTH_SECRET_KEY'] = '' === $value
			? $this->item( 'JWT_AUTH_SECRET_KEY', 'token', 'missing', 'missing', null )
			: $this->item( 'JWT_AUTH_SECRET_KEY', 'token', 'constant', $this->strength_of( $value ), $value );

		foreach ( self::TOKEN_OPTIONS as $name ) {
			$value = $this->read_option( $name, $cheap, false );
			if ( null !== $value ) { // Null: not in memory in cheap mode.
				$items[ $name ] = '' === $value
					? $this->item( $name, 'token', 'missing', 'missing', null )
					: $this->item( $name, 'token', 'option', $this->strength_of( $value ), $value );
			}
		}

		$value = TokenSecrets::simple_jwt_login( $cheap );
		if ( null !== $value ) {
			$name           = TokenSecrets::SIMPLE_JWT_LOGIN;
			$items[ $name ] = '' === $value
				? $this->item( $name, 'token', 'missing', 'missing', null )
				: $this->item( $name, 'token', 'option', $this->strength_of( $value ), $value );
		}

		foreach ( self::SITE_OPTIONS as $name => $constant ) {
			// The site address options are autoloaded, and their constants override them.
			$value          = (string) get_option( $name, '' );
			$source         = defined( $constant ) ? 'constant' : 'option';
			$items[ $name ] = $this->item( $name, 'site', $source, '' === $value ? 'missing' : 'ok', untrailingslashit( $value ) );
		}

		return $items;
	}

	/**
	 * Resolves some of the eight keys and salts.
	 *
	 * @param string[] $names Constant names.
	 * @param bool     $cheap Whether to read only what is in memory.
	 * @return array<string, array{name: string, group: string, source: string, strength: string, fp: ?string}>
	 */
	public function resolve_salts( array $names, bool $cheap ): array {
		$items      = array();
		$duplicated = $this->duplicated_constants();
		foreach ( $names as $name ) {
			$item = $this->resolve_salt( $name, $duplicated, $cheap );
			if ( null !== $item ) {
				$items[ $name ] = $item;
			}
		}
		return $items;
	}

	/**
	 * Returns one fingerprint of the secrets that can be read for free on every request: the
	 * constants (whether or not WordPress uses them) and the autoloaded token secrets. Equal
	 * digests mean nothing of those changed; one keyed BLAKE2b, no query. The site address has its own
	 * digest (address_digest()), as it may follow the request's host.
	 *
	 * @return string
	 */
	public function quick_digest(): string {
		return $this->fingerprinter->quick( 'quick', QuickDigest::material( wp_load_alloptions() ) );
	}

	/**
	 * Returns one fingerprint of the site address as this request sees it (siteurl and home,
	 * autoloaded or from WP_SITEURL / WP_HOME); one keyed BLAKE2b, no query.
	 *
	 * @return string
	 */
	public function address_digest(): string {
		return $this->fingerprinter->quick( 'quick-address', QuickDigest::address_material() );
	}

	/**
	 * Resolves one of the eight keys and salts as `wp_salt()` does.
	 *
	 * @param string              $name       Constant name, e.g. AUTH_KEY.
	 * @param array<string, bool> $duplicated Constant values core ignores, as keys.
	 * @param bool                $cheap      Whether to read only what is in memory.
	 * @return array{name: string, group: string, source: string, strength: string, fp: ?string}|null The item, or null when its value is not in memory in cheap mode.
	 */
	private function resolve_salt( string $name, array $duplicated, bool $cheap ): ?array {
		$type = substr( $name, -3 ) === 'KEY' ? 'KEY' : 'SALT';

		$strength = 'missing';
		$value    = QuickDigest::constant_value( $name );
		if ( null !== $value ) {
			if ( '' === $value ) {
				$strength = 'missing';
			} elseif ( $this->is_default_phrase( $value ) ) {
				$strength = 'default';
			} elseif ( ! empty( $duplicated[ $value ] ) ) {
				$strength = 'duplicate';
			} else {
				return $this->item( $name, 'salt', 'constant', $this->strength_of( $value ), $value );
			}
		}

		// Core's legacy fallbacks: SECRET_KEY for every key, SECRET_SALT for AUTH_SALT.
		$legacy = 'KEY' === $type ? 'SECRET_KEY' : ( 'AUTH_SALT' === $name ? 'SECRET_SALT' : '' );
		$value  = '' === $legacy ? null : QuickDigest::constant_value( $legacy );
		if ( null !== $value ) {
			if ( '' !== $value && empty( $duplicated[ $value ] ) && ! $this->is_default_phrase( $value ) ) {
				return $this->item( $name, 'salt', 'constant', 'missing' === $strength ? $this->strength_of( $value ) : $strength, $value );
			}
		}

		$value = $this->read_option( strtolower( $name ), $cheap, true );
		if ( null === $value ) {
			return null;
		}
		if ( '' === $value ) {
			return $this->item( $name, 'salt', 'missing', $strength, null );
		}
		return $this->item( $name, 'salt', 'generated', $strength, $value );
	}

	/**
	 * Lists the constant values `wp_salt()` ignores because they are shared or the default phrase.
	 *
	 * @return array<string, bool> Ignored values as keys.
	 */
	private function duplicated_constants(): array {
		$seen = array();
		foreach ( array( 'AUTH', 'SECURE_AUTH', 'LOGGED_IN', 'NONCE', 'SECRET' ) as $first ) {
			foreach ( array( 'KEY', 'SALT' ) as $second ) {
				$const = "{$first}_{$second}";
				$value = QuickDigest::constant_value( $const );
				if ( null !== $value ) {
					$seen[ $value ] = isset( $seen[ $value ] );
				}
			}
		}
		return array_filter( $seen );
	}

	/**
	 * Tells whether a value is the default phrase of wp-config-sample.php, in English or translated.
	 *
	 * @param string $value The value.
	 * @return bool
	 */
	private function is_default_phrase( string $value ): bool {
		if ( self::DEFAULT_PHRASE === $value ) {
			return true;
		}
		// phpcs:ignore WordPress.WP.I18n.MissingArgDomain -- Core's own string, as wp_salt() checks it.
		return function_exists( '__' ) && did_action( 'init' ) && __( 'put your unique phrase here' ) === $value;
	}

	/**
	 * Grades a secret value without revealing it.
	 *
	 * @param string $value The value.
	 * @return string ok|weak|missing
	 */
	public function strength_of( string $value ): string {
		if ( '' === $value ) {
			return 'missing';
		}
		if ( strlen( $value ) < self::MIN_LENGTH || count( array_unique( str_split( $value ) ) ) < self::MIN_DISTINCT ) {
			return 'weak';
		}
		return 'ok';
	}

	/**
	 * Reads an option, a site option for the salts, optionally from memory only.
	 *
	 * @param string $name  Option name.
	 * @param bool   $cheap Whether to read only what is in memory.
	 * @param bool   $site  Whether it is a network (site) option, as the generated salts are.
	 * @return string|null The value ('' when absent), or null when not in memory in cheap mode.
	 */
	private function read_option( string $name, bool $cheap, bool $site ): ?string {
		if ( ! $cheap ) {
			$value = $site ? get_site_option( $name, '' ) : get_option( $name, '' );
			return is_scalar( $value ) ? (string) $value : '';
		}

		if ( $site && is_multisite() ) {
			$value = wp_cache_get( get_current_network_id() . ':' . $name, 'site-options' );
		} else {
			$all   = wp_load_alloptions();
			$value = isset( $all[ $name ] ) ? $all[ $name ] : wp_cache_get( $name, 'options' );
		}
		if ( false === $value ) {
			return null;
		}
		return is_scalar( $value ) ? (string) $value : '';
	}

	/**
	 * Builds one item, replacing the value by its fingerprint.
	 *
	 * @param string      $name     Secret name.
	 * @param string      $group    salt|token|site.
	 * @param string      $source   constant|option|generated|missing.
	 * @param string      $strength ok|weak|default|duplicate|missing.
	 * @param string|null $value    The value, never kept.
	 * @return array{name: string, group: string, source: string, strength: string, fp: ?string}
	 */
	private function item( string $name, string $group, string $source, string $strength, ?string $value ): array {
		return array(
			'name'     => $name,
			'group'    => $group,
			'source'   => $source,
			'strength' => $strength,
			'fp'       => null === $value ? null : $this->fingerprinter->fingerprint( $name, $value ),
		);
	}
}
