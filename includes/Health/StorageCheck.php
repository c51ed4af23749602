<?php
/**
 * Site Health: the plugin's tables, and the faults its writes met.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Health;

use AuthSentinel\Database\QueryFaults;
use AuthSentinel\Database\TableHealth;

defined( 'ABSPATH' ) || exit;

/**
 * Tells the administrator when a table of the plugin is missing, or when writes to one failed
 * lately (locked, denied, full): sign-ins went on as WordPress handles them, but the failures,
 * audit rows or sessions of that time were not all recorded.
 *
 * @since 0.1.0
 */
class StorageCheck {

	/**
	 * How long a fault is worth telling, in seconds.
	 */
	const RECENT = DAY_IN_SECONDS;

	/**
	 * Runs the check.
	 *
	 * @return array<string, mixed> A Site Health result.
	 */
	public function run(): array {
		$test    = 'auth_sentinel_storage';
		$missing = TableHealth::unreadable_tables();
		if ( $missing ) {
			return Result::make(
				$test,
				'critical',
				__( 'Auth Sentinel’s tables are missing', 'auth-sentinel' ),
				array(
					/* translators: %s: table names. */
					sprintf( __( 'These tables cannot be read: %s. Sign-ins work as WordPress handles them, but failures, the audit trail and the session list are not recorded.', 'auth-sentinel' ), esc_html( implode( ', ', $missing ) ) ),
					__( 'Deactivate and activate Auth Sentinel to create them again, or restore them from a backup.', 'auth-sentinel' ),
				),
				'overview',
				__( 'Open Auth Sentinel', 'auth-sentinel' )
			);
		}
		$recent = array_filter(
			QueryFaults::faults(),
			static function ( $fault ) {
				return time() - (int) $fault['at'] < self::RECENT;
			}
		);
		if ( ! $recent ) {
			return Result::make(
				$test,
				'good',
				__( 'Auth Sentinel records what happens', 'auth-sentinel' ),
				array( __( 'Its tables are in place and no write to them failed in the last day.', 'auth-sentinel' ) ),
				'overview',
				__( 'Open Auth Sentinel', 'auth-sentinel' )
			);
		}
		$lines = array();
		foreach ( $recent as $table => $fault ) {
			$lines[] = sprintf(
				/* translators: 1: a table name, 2: what went wrong, 3: a date, 4: a date. */
				__( '%1$s: %2$s, from %3$s until at least %4$s.', 'auth-sentinel' ),
				esc_html( (string) $table ),
				esc_html( self::describe( (string) $fault['kind'] ) ),
				esc_html( (string) wp_date( (string) get_option( 'date_format' ) . ' ' . (string) get_option( 'time_format' ), (int) $fault['since'] ) ),
				esc_html( (string) wp_date( (string) get_option( 'time_format' ), (int) $fault['at'] ) )
			);
		}
		$lines[] = __( 'Sign-ins and revocations went on as they should (a revoked credential stays refused), but some failures, audit rows or sessions of that time were not recorded. Ask your host about the database if it happens again.', 'auth-sentinel' );
		return Result::make(
			$test,
			'recommended',
			__( 'Auth Sentinel could not write to its tables lately', 'auth-sentinel' ),
			$lines,
			'overview',
			__( 'Open Auth Sentinel', 'auth-sentinel' )
		);
	}

	/**
	 * Says what a kind of fault means.
	 *
	 * @param string $kind missing|denied|locked|full|error.
	 * @return string
	 */
	private static function describe( string $kind ): string {
		switch ( $kind ) {
			case 'missing':
				return __( 'the table was missing', 'auth-sentinel' );
			case 'denied':
				return __( 'the database user may not write to it', 'auth-sentinel' );
			case 'locked':
				return __( 'it stayed locked by another connection', 'auth-sentinel' );
			case 'full':
				return __( 'the table or the disk was full', 'auth-sentinel' );
		}
		return __( 'the database answered with an error', 'auth-sentinel' );
	}
}
