<?php
/**
 * One fingerprint key for a whole network.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Database;

use AuthSentinel\Secrets\Fingerprinter;
use AuthSentinel\Secrets\SecretsState;
use AuthSentinel\Sessions\NotBefore;
use AuthSentinel\Sessions\Revocations;
use AuthSentinel\Sessions\Inventory;

defined( 'ABSPATH' ) || exit;

/**
 * Until 0.1.0's last fix each site of a network fingerprinted credentials with its own key,
 * while the sessions index and the deny lists are the network's: a session created on /site2/
 * and revoked from the main site matched nothing. This makes the network's key (a network option)
 * the key of every site, once per network:
 *
 * - the network key is the main site's (so what the main site fingerprinted keeps matching);
 * - every site whose copy differed gets the network key; its secrets watch forgets the
 *   fingerprints made under the old key and learns them again at its next check (a first sight,
 *   not a change: no alarm);
 * - the live rows of the sessions index are made again from where the credentials live (a
 *   reindex), since their fingerprints may come from any site's key;
 * - deny-list entries cannot be made again (the tokens are not kept): each user who had some gets
 *   a not-before time at their latest entry instead, which refuses those tokens and every older
 *   one of the user — more than was revoked, never less (fail closed).
 *
 * Idempotent and safe to run on several nodes at once (an add-only lock).
 *
 * @since 0.1.0
 */
class NetworkKeyMigration {

	/**
	 * Network option set once the migration is done.
	 */
	const DONE = 'auth_sentinel_network_key_migrated';

	/**
	 * Network option held while one request migrates.
	 */
	const LOCK = 'auth_sentinel_network_key_migrating';

	/**
	 * Migrates the network, once; nothing on a single site.
	 *
	 * @return void
	 */
	public static function run(): void {
		if ( ! is_multisite() || get_site_option( self::DONE ) ) {
			return;
		}
		if ( ! add_site_option( self::LOCK, time() ) ) {
			$since = (int) get_site_option( self::LOCK );
			if ( $since > time() - 10 * MINUTE_IN_SECONDS ) {
				return; // Another request is at it.
			}
			update_site_option( self::LOCK, time() ); // A migration that died: take it over.
		}
		try {
			self::migrate();
			update_site_option( self::DONE, time() );
		} finally {
			delete_site_option( self::LOCK );
		}
	}

	/**
	 * Does the work.
	 *
	 * @return void
	 */
	private static function migrate(): void {
		$network = get_site_option( Fingerprinter::OPTION );
		if ( ! is_string( $network ) || strlen( $network ) < 64 ) {
			$main    = get_blog_option( get_main_site_id(), Fingerprinter::OPTION );
			$network = is_string( $main ) && strlen( $main ) >= 64 ? $main : Fingerprinter::network_key();
			update_site_option( Fingerprinter::OPTION, $network );
		}
		$differed = false;
		foreach ( get_sites(
			array(
				'fields' => 'ids',
				'number' => 0,
			)
		) as $site_id ) {
			$key = get_blog_option( (int) $site_id, Fingerprinter::OPTION );
			if ( $key === $network ) {
				continue;
			}
			$differed = $differed || ( is_string( $key ) && '' !== $key );
			switch_to_blog( (int) $site_id );
			update_option( Fingerprinter::OPTION, $network, true );
			delete_option( SecretsState::OPTION );
			delete_option( SecretsState::DIGEST_OPTION );
			restore_current_blog();
		}
		if ( $differed ) {
			self::rebuild_index();
			self::deny_lists_to_not_before();
		}
	}

	/**
	 * Drops the index's live rows and starts a reindex from where the credentials live.
	 *
	 * @return void
	 */
	private static function rebuild_index(): void {
		global $wpdb;
		$table = Schema::sessions_table();
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery,WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- Own table; a one-time migration.
		$wpdb->query( "DELETE FROM {$table} WHERE status = 'active'" );
		update_option(
			Inventory::REINDEX_OPTION,
			array(
				'key'   => 0,
				'after' => 0,
			),
			false
		);
	}

	/**
	 * Replaces every deny list by a not-before time at its latest entry.
	 *
	 * @return void
	 */
	private static function deny_lists_to_not_before(): void {
		global $wpdb;
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- A one-time migration over every user's deny list.
		$rows = $wpdb->get_results( $wpdb->prepare( "SELECT user_id, meta_value FROM {$wpdb->usermeta} WHERE meta_key = %s", Revocations::DENY_META ), ARRAY_A );
		foreach ( (array) $rows as $row ) {
			$user_id = (int) $row['user_id'];
			$list    = maybe_unserialize( $row['meta_value'] );
			$latest  = array(
				'at'     => 0,
				'by'     => 0,
				'reason' => 'admin',
			);
			foreach ( is_array( $list ) ? $list : array() as $entry ) {
				if ( is_array( $entry ) && (int) ( $entry['at'] ?? 0 ) > $latest['at'] ) {
					$latest = array(
						'at'     => (int) $entry['at'],
						'by'     => (int) ( $entry['by'] ?? 0 ),
						'reason' => (string) ( $entry['reason'] ?? 'admin' ),
					);
				}
			}
			$current = get_user_meta( $user_id, NotBefore::USER_META, true );
			if ( $latest['at'] > 0 && ( ! is_array( $current ) || (int) ( $current['at'] ?? 0 ) < $latest['at'] ) ) {
				update_user_meta( $user_id, NotBefore::USER_META, $latest );
			}
			delete_user_meta( $user_id, Revocations::DENY_META );
		}
	}
}
