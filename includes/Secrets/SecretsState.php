<?php
/**
 * Storage of what the secrets watch knows.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Secrets;

use AuthSentinel\Database\AtomicOption;

defined( 'ABSPATH' ) || exit;

/**
 * Keeps the known fingerprints in one autoloaded option, so that comparing costs no query,
 * and replaces it with a compare-and-swap so that two requests seeing the same change at once
 * record it once.
 *
 * State shape: `items` (name => fp, group, source, strength, first_seen, changed_at),
 * `since` (when watching began), `last_change` (at, names) or null.
 *
 * @since 0.1.0
 */
class SecretsState {

	/**
	 * The option holding the state.
	 */
	const OPTION = 'auth_sentinel_secrets';

	/**
	 * The option holding the quick digest and the names of the salts kept in the database.
	 */
	const DIGEST_OPTION = QuickDigest::DIGEST_OPTION;

	/**
	 * How many site addresses the quick check knows (see save_digest()).
	 */
	const KNOWN_ADDRESSES = 5;

	/**
	 * Returns the quick digest, the database-kept salt names and the digests of the site
	 * addresses seen lately, from memory; null when there are none.
	 *
	 * @return array{0: string, 1: string[], 2: string[]}|null
	 */
	public function digest(): ?array {
		$all = wp_load_alloptions();
		if ( empty( $all[ self::DIGEST_OPTION ] ) || ! is_string( $all[ self::DIGEST_OPTION ] ) ) {
			return null;
		}
		$parts = explode( '|', $all[ self::DIGEST_OPTION ], 3 );
		return array(
			$parts[0],
			isset( $parts[1] ) && '' !== $parts[1] ? explode( ',', $parts[1] ) : array(),
			isset( $parts[2] ) && '' !== $parts[2] ? explode( ',', $parts[2] ) : array(),
		);
	}

	/**
	 * Stores the quick digest when it differs from the stored one, with the address this
	 * request saw added to the few known ones. A site whose address follows the request's host
	 * then runs the full check once per address, not on every request that alternates.
	 *
	 * @param string   $digest    The quick digest.
	 * @param string[] $generated Names of the salts kept in the database.
	 * @param string   $address   The address digest of this request.
	 * @return void
	 */
	public function save_digest( string $digest, array $generated, string $address ): void {
		$known     = $this->digest();
		$addresses = null === $known ? array() : $known[2];
		if ( ! in_array( $address, $addresses, true ) ) {
			$addresses = array_slice( array_merge( array( $address ), $addresses ), 0, self::KNOWN_ADDRESSES );
		}
		$value = $digest . '|' . implode( ',', $generated ) . '|' . implode( ',', $addresses );
		if ( get_option( self::DIGEST_OPTION ) !== $value ) {
			update_option( self::DIGEST_OPTION, $value, true );
		}
	}

	/**
	 * Returns the state from memory (autoloaded), or null when there is none yet.
	 *
	 * @return array<string, mixed>|null
	 */
	public function cached(): ?array {
		$all = wp_load_alloptions();
		if ( ! isset( $all[ self::OPTION ] ) ) {
			return null;
		}
		$state = maybe_unserialize( $all[ self::OPTION ] );
		return is_array( $state ) ? $state : null;
	}

	/**
	 * Reads the stored state straight from the database, with its raw form for a later swap.
	 *
	 * @return array{0: ?array<string, mixed>, 1: ?string} The state and its raw stored value.
	 */
	public function read(): array {
		$raw = AtomicOption::read( self::OPTION );
		if ( null === $raw ) {
			return array( null, null );
		}
		$state = maybe_unserialize( $raw );
		return array( is_array( $state ) ? $state : null, $raw );
	}

	/**
	 * Replaces the state if nobody else changed it since it was read.
	 *
	 * @param array<string, mixed> $state The new state.
	 * @param string|null          $raw   The raw value read, or null when there was none.
	 * @return bool Whether this call won the swap.
	 */
	public function swap( array $state, ?string $raw ): bool {
		$value = maybe_serialize( $state );
		$won   = null === $raw
			? true === AtomicOption::insert( self::OPTION, $value, true ) // Under a unique key: one request wins.
			: AtomicOption::swap( self::OPTION, $raw, $value );
		// Autoloaded: the copies WordPress keeps in memory (and a persistent cache) go.
		wp_cache_delete( 'alloptions', 'options' );
		wp_cache_delete( 'notoptions', 'options' );
		wp_cache_delete( self::OPTION, 'options' );
		return $won;
	}

	/**
	 * With a persistent object cache, drops the cached autoloaded options when the state they
	 * hold is not the stored one: WordPress writes that array back whole on any update of an
	 * autoloaded option, so a node that read it before a change can put the old state back, and
	 * every node's quick check would differ (and run the full check) on every request. Called by
	 * a full check that found nothing changed; the nodes then load the options once more.
	 *
	 * @param string|null $raw The stored value, as read from the table.
	 * @return void
	 */
	public function mend_cache( ?string $raw ): void {
		if ( ! wp_using_ext_object_cache() ) {
			return; // Each request loads its own copy.
		}
		$all = wp_load_alloptions();
		if ( ( isset( $all[ self::OPTION ] ) ? (string) $all[ self::OPTION ] : null ) !== $raw ) {
			wp_cache_delete( 'alloptions', 'options' );
		}
	}

	/**
	 * Forgets everything (uninstall only).
	 *
	 * @return void
	 */
	public function delete(): void {
		delete_option( self::OPTION );
		delete_option( self::DIGEST_OPTION );
	}
}
