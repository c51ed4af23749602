<?php
/**
 * Who ended a credential, and why, for the diagnosis of a later failure.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Sessions;

defined( 'ABSPATH' ) || exit;

/**
 * Answers the failures capture about a cookie session or an application password that was
 * presented again after it ended: when, by whom, why — from the index row, which stays 30 days.
 *
 * @since 0.1.0
 */
class EndedCredentials {

	/**
	 * Option (autoloaded, single site): when application passwords last ended, as a Unix time
	 * at most an hour early. A failed application password is looked up among ended ones only
	 * when some ended within the days their rows are kept; on most sites none has, and the
	 * failure costs one query (its record), not two.
	 */
	const APP_PASSWORD_ENDED = 'auth_sentinel_app_password_ended';

	/**
	 * How long ended rows stay in the index, in days: Inventory::KEEP_ENDED_DAYS, which its
	 * upkeep prunes by (RequestFootprintTest holds the two equal). A copy, so that a failed
	 * application password does not load the inventory to read it, nor a wp-admin page, which
	 * loads the inventory, this class.
	 */
	const KEEP_DAYS = 30;

	/**
	 * The sessions index (a wrong application password on a site where none ended lately does
	 * not ask it).
	 *
	 * @var callable(): SessionIndex
	 */
	private $index;

	/**
	 * The credentials' fingerprints.
	 *
	 * @var callable(): CredentialFingerprints
	 */
	private $fingerprints;

	/**
	 * Creates the lookup.
	 *
	 * @param callable $index        Provides the SessionIndex, built on the first call.
	 * @param callable $fingerprints Provides the CredentialFingerprints, built on the first call.
	 */
	public function __construct( callable $index, callable $fingerprints ) {
		$this->index        = $index;
		$this->fingerprints = $fingerprints;
	}

	/**
	 * A cookie session, by its session token.
	 *
	 * @param string $token The cookie's session token (only hashed).
	 * @return array{at: int, by: int, reason: string}|null Null when it did not end here.
	 */
	public function cookie( string $token ): ?array {
		return self::fact( ( $this->index )()->find_fp( 'cookie', ( $this->fingerprints )()->cookie( hash( 'sha256', $token ) ) ) );
	}

	/**
	 * An application password, by the fingerprint of its secret.
	 *
	 * @param string $secret_fp The fingerprint of the password that was tried.
	 * @return array{at: int, by: int, reason: string}|null Null when it did not end here.
	 */
	public function app_password( string $secret_fp ): ?array {
		return self::fact( ( $this->index )()->find_secret( $secret_fp ) );
	}

	/**
	 * Tells whether an ended application password may be found: one ended within the days ended
	 * rows are kept (KEEP_DAYS, and a day). The first time on a site the index
	 * is asked once; on a network, whose index every site shares, always yes.
	 *
	 * @return bool
	 */
	public function may_find_app_password(): bool {
		if ( is_multisite() ) {
			return true;
		}
		$all = wp_load_alloptions();
		if ( isset( $all[ self::APP_PASSWORD_ENDED ] ) ) {
			$at = (int) $all[ self::APP_PASSWORD_ENDED ];
		} else {
			$at = ( $this->index )()->last_app_password_end();
			if ( null === $at ) {
				return true; // The index could not say: look, and ask it again next time.
			}
			update_option( self::APP_PASSWORD_ENDED, $at, true );
		}
		return $at >= time() - ( self::KEEP_DAYS + 1 ) * DAY_IN_SECONDS;
	}

	/**
	 * Notes that application passwords may have ended now (SessionIndex::end()): written at most
	 * once an hour.
	 *
	 * @return void
	 */
	public static function app_passwords_ended(): void {
		if ( is_multisite() ) {
			return;
		}
		$now = time();
		$all = wp_load_alloptions();
		if ( (int) ( $all[ self::APP_PASSWORD_ENDED ] ?? 0 ) < $now - HOUR_IN_SECONDS ) {
			update_option( self::APP_PASSWORD_ENDED, $now, true );
		}
	}

	/**
	 * Reads who ended a row, and why.
	 *
	 * @param array<string, mixed>|null $row The index row.
	 * @return array{at: int, by: int, reason: string}|null
	 */
	private static function fact( ?array $row ): ?array {
		if ( ! $row || 'active' === $row['status'] ) {
			return null;
		}
		return array(
			'at'     => null === $row['ended_at'] ? 0 : (int) strtotime( $row['ended_at'] . ' UTC' ),
			'by'     => (int) $row['ended_by'],
			'reason' => (string) $row['ended_reason'],
		);
	}
}
