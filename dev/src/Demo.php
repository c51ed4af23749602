<?php
/**
 * Fills a development site with demo data, and takes it away again.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Dev;

use AuthSentinel\Events\PasswordWatch;
use AuthSentinel\Plugin;
use AuthSentinel\Secrets\SecretResolver;
use AuthSentinel\Secrets\SecretsState;
use AuthSentinel\Secrets\SecretsWatch;

defined( 'ABSPATH' ) || exit;

// The demo draws from mt_rand() so that --seed repeats it; nothing here is a secret.
// phpcs:disable WordPress.WP.AlternativeFunctions.rand_mt_rand

/**
 * Tells the demo's story: users and their credentials (DemoPeople), a few revocations by a
 * manager, a password change or two, a change of the keys and salts recorded as the secrets
 * watch records one, failures of every cause around it (DemoFailures), and the audit rows of
 * it all at the time they happen in the story. Remembers what it made in an option, so that
 * remove() deletes exactly that.
 *
 * The recorded change touches no secret: the state of the secrets watch is told that the
 * keys changed at that time (as the watch itself would write it), and the audit log gets the
 * row the watch would have written. remove() takes both back.
 *
 * @since 0.1.0
 */
class Demo {

	/**
	 * The option remembering what the demo made.
	 */
	const OPTION = 'auth_sentinel_demo';

	/**
	 * The writes the repositories do not offer.
	 *
	 * @var DemoStorage
	 */
	private $storage;

	/**
	 * What was made so far: made, users, audit, secrets.
	 *
	 * @var array<string, mixed>
	 */
	private $record = array();

	/**
	 * Prints a line of progress or a warning.
	 *
	 * @var callable
	 */
	private $log = 'error_log';

	/**
	 * Audit rows to move back in time: id => Unix time.
	 *
	 * @var array<int, int>
	 */
	private $times = array();

	/**
	 * Creates the demo (the plugin's objects come from Plugin::get(): this is an entry point).
	 */
	public function __construct() {
		$this->storage = new DemoStorage();
	}

	/**
	 * Runs work with a client's address and user agent, as if a request had come from it.
	 *
	 * @param string   $ip    The address.
	 * @param string   $agent The user agent.
	 * @param callable $work  The work.
	 * @return mixed What the work returns.
	 */
	public static function as_client( string $ip, string $agent, callable $work ) {
		$before                     = array_intersect_key( $_SERVER, array_flip( array( 'REMOTE_ADDR', 'HTTP_USER_AGENT' ) ) );
		$_SERVER['REMOTE_ADDR']     = $ip;
		$_SERVER['HTTP_USER_AGENT'] = $agent;
		try {
			return $work();
		} finally {
			unset( $_SERVER['REMOTE_ADDR'], $_SERVER['HTTP_USER_AGENT'] );
			$_SERVER = array_merge( $_SERVER, $before );
		}
	}

	/**
	 * Tells whether demo data is on the site.
	 *
	 * @return bool
	 */
	public function exists(): bool {
		return false !== get_option( self::OPTION, false ) || (bool) $this->demo_users();
	}

	/**
	 * Makes the demo data.
	 *
	 * @param int      $count How many users.
	 * @param int      $days  Over how many days.
	 * @param callable $log   Prints a line of progress or a warning (WP_CLI::log under WP-CLI; the
	 *                        demo needs no WP-CLI otherwise).
	 * @return array<string, int> secret (1 when the change was recorded), users, cookie, app_password, wcpos, token, rows, failures, causes, audit.
	 */
	public function fill( int $count, int $days, callable $log ): array {
		$this->log    = $log;
		$now          = time();
		$since        = $now - $days * DAY_IN_SECONDS;
		$this->record = array(
			'made'    => $now,
			'users'   => array(),
			'audit'   => array(),
			'secrets' => null,
		);
		$this->save();
		$collect = function ( $action, $details, $target, $id ) {
			$this->record['audit'][] = (int) $id;
		};
		add_action( 'auth_sentinel_audited', $collect, 10, 4 );
		// A fresh site has no generated salts until something first signs a cookie or a nonce, and
		// the watch cannot record a change of a salt that does not exist yet: let WordPress make
		// them as it would on the first sign-in, then have the watch learn them.
		foreach ( array( 'auth', 'secure_auth', 'logged_in', 'nonce' ) as $scheme ) {
			wp_salt( $scheme );
		}
		Plugin::get( \AuthSentinel\Secrets\SecretsWatch::class )->safe_check( 'cli' ); // Know the secrets before recording a change of them.

		$users    = array();
		$rows     = array();
		$failures = 0;
		$causes   = array();
		$people   = new DemoPeople( array( $this, 'audit' ), $log );
		try {
			$log( sprintf( 'Making %d users…', $count ) );
			$users = $people->users(
				$count,
				$since,
				function ( int $id ) {
					$this->record['users'][] = $id;
					$this->save();
				}
			);
			$log( 'Signing them in: browser sessions, application passwords, WCPOS sessions, tokens…' );
			$people->credentials( $users, $now, $days );

			$managers  = array_values( array_filter( $users, static fn( $p ) => 'manager' === $p['kind'] ) );
			$revoker   = $managers ? (int) $managers[0]['id'] : 0;
			$passwords = $this->password_changes( $users, $since, $now );
			self::as_client(
				$managers ? (string) $managers[0]['ip'] : DemoData::home_ip(),
				$managers ? (string) $managers[0]['agent'] : DemoData::BROWSERS[0],
				function () use ( $users, $revoker ) {
					$this->revocations( $users, $revoker );
				}
			);

			$log( 'Recording a change of the keys and salts…' );
			// Within the last day, so that the Overview's default view shows the spike.
			$change_at = $now - min( (int) round( $days * DAY_IN_SECONDS * 0.35 ), 16 * HOUR_IN_SECONDS );
			$changed   = $this->record_secret_change( $change_at, $people->made['cookie'] + count( $users ) );

			$log( 'Writing failures…' );
			$rows   = ( new DemoFailures( Plugin::get( \AuthSentinel\Catalog\Catalog::class ), Plugin::get( \AuthSentinel\Secrets\Fingerprinter::class ) ) )->make(
				$users,
				array(
					'now'       => $now,
					'since'     => $since,
					'change_at' => $change_at,
					'changed'   => $changed,
					'passwords' => $passwords,
					'revoker'   => $revoker,
					'header_at' => $since + mt_rand( 0, max( 0, $days - 1 ) ) * DAY_IN_SECONDS + 13 * HOUR_IN_SECONDS,
				)
			);
			$events = Plugin::get( \AuthSentinel\Events\EventsRepository::class );
			foreach ( $rows as $row ) {
				if ( $events->import( $row ) ) {
					$failures               += (int) $row['count'];
					$causes[ $row['cause'] ] = true;
				}
			}
		} finally {
			remove_action( 'auth_sentinel_audited', $collect, 10 );
			$this->storage->backdate_audit( $this->times );
			$this->save();
		}

		return array(
			'secret'   => (int) ! empty( $this->record['secrets'] ),
			'users'    => count( $users ),
			'rows'     => count( $rows ),
			'failures' => $failures,
			'causes'   => count( $causes ),
			'audit'    => count( array_unique( $this->record['audit'] ) ),
		) + $people->made;
	}

	/**
	 * Writes an audit row at a time of the story, from a client.
	 *
	 * @param string               $action  The action.
	 * @param array<string, mixed> $details Its details.
	 * @param int                  $target  Whose account.
	 * @param int                  $actor   Who did it.
	 * @param int                  $at      When.
	 * @param string               $ip      From where.
	 * @param string               $agent   With what.
	 * @return void
	 */
	public function audit( string $action, array $details, int $target, int $actor, int $at, string $ip, string $agent ): void {
		$id = self::as_client(
			$ip,
			$agent,
			function () use ( $action, $details, $target, $actor ) {
				return Plugin::get( \AuthSentinel\Audit\Auditor::class )->record( $action, $details, $target, $actor );
			}
		);
		if ( $id > 0 ) {
			$this->times[ (int) $id ] = $at;
		}
	}

	/**
	 * Has one or two users change their password during the story (their old credentials fail after).
	 *
	 * @param array<int, array<string, mixed>> $users The users.
	 * @param int                              $since When the story starts.
	 * @param int                              $now   Now.
	 * @return array<int, int> User id => when.
	 */
	private function password_changes( array $users, int $since, int $now ): array {
		$changes = array();
		$pool    = array_values( array_filter( $users, static fn( $p ) => 'manager' !== $p['kind'] ) );
		shuffle( $pool );
		foreach ( array_slice( $pool, 0, count( $users ) >= 10 ? 2 : 1 ) as $person ) {
			$at = mt_rand( $since + (int) ( ( $now - $since ) * 0.1 ), $now - 2 * HOUR_IN_SECONDS );
			update_user_meta( (int) $person['id'], PasswordWatch::META, $at );
			$this->audit( 'password_changed', array(), (int) $person['id'], (int) $person['id'], $at, (string) $person['ip'], (string) $person['browser'] );
			$changes[ (int) $person['id'] ] = $at;
		}
		return $changes;
	}

	/**
	 * Has a manager revoke a cashier's POS session and every credential of an app user, through
	 * the plugin's own revoker.
	 *
	 * @param array<int, array<string, mixed>> $users   The users.
	 * @param int                              $revoker The manager.
	 * @return void
	 */
	private function revocations( array $users, int $revoker ): void {
		foreach ( array( 'cashier', 'app' ) as $kind ) {
			foreach ( $users as $person ) {
				if ( $kind !== $person['kind'] ) {
					continue;
				}
				try {
					if ( 'cashier' === $kind ) {
						$rows = Plugin::get( \AuthSentinel\Sessions\SessionListing::class )->query(
							array(
								'user' => (int) $person['id'],
								'type' => 'wcpos',
							)
						)['rows'];
						if ( ! $rows ) {
							continue;
						}
						Plugin::get( \AuthSentinel\Sessions\Revoker::class )->revoke( $rows[0], $revoker, 'admin' );
					} else {
						Plugin::get( \AuthSentinel\Sessions\Revoker::class )->revoke_user( (int) $person['id'], $revoker, 'admin' );
					}
				} catch ( \RuntimeException $e ) {
					( $this->log )( 'Warning: a demo revocation could not be confirmed: ' . $e->getMessage() );
				}
				break;
			}
		}
	}

	/**
	 * Records that the keys and salts changed at a time: in the secrets watch's state, as the
	 * watch writes a change, and in the audit log. No secret changes.
	 *
	 * @param int $at       When.
	 * @param int $sessions How many sessions the change signed out.
	 * @return string[] The names recorded as changed.
	 */
	private function record_secret_change( int $at, int $sessions ): array {
		$state = new SecretsState();
		for ( $attempt = 0; $attempt < 3; $attempt++ ) {
			list( $known, $raw ) = $state->read();
			if ( null === $known ) {
				return array();
			}
			$saved   = array(
				'at'          => $at,
				'last_change' => $known['last_change'],
				'items'       => array(),
				'previous'    => substr( hash( 'sha256', 'demo|' . $at . '|' . mt_rand() ), 0, 32 ),
			);
			$changed = array();
			foreach ( SecretResolver::SALTS as $name ) {
				$item = $known['items'][ $name ] ?? null;
				if ( ! is_array( $item ) || null === $item['fp'] ) {
					continue;
				}
				$changed[] = $name;
				if ( null !== $item['changed_at'] && (int) $item['changed_at'] > $at ) {
					continue; // A real change since: what the diagnoses know of it stays.
				}
				$saved['items'][ $name ]               = array(
					'changed_at' => $item['changed_at'],
					'previous'   => $item['previous'] ?? array(),
				);
				$known['items'][ $name ]['changed_at'] = $at;
				$known['items'][ $name ]['previous']   = array_slice( array_merge( array( $saved['previous'] ), (array) ( $item['previous'] ?? array() ) ), 0, 5 );
			}
			if ( ! $changed ) {
				return array();
			}
			$change   = array(
				'at'       => $at,
				'changed'  => $changed,
				'sessions' => $sessions,
				'users'    => (int) ceil( $sessions * 0.7 ),
			);
			$modified = (bool) $saved['items'];
			if ( null === $known['last_change'] || (int) $known['last_change']['at'] < $at ) {
				$known['last_change'] = $change;
				$modified             = true;
			}
			// When every key changed for real since, the state stays: only the history gets the row.
			if ( $modified && ! $state->swap( $known, $raw ) ) {
				continue;
			}
			$this->record['secrets'] = $saved;
			$id                      = Plugin::get( \AuthSentinel\Audit\AuditRepository::class )->add( SecretsWatch::ACTION, array( 'trigger' => 'demo' ) + $change, 0 );
			if ( $id > 0 ) {
				$this->record['audit'][] = $id;
				$this->times[ $id ]      = $at;
			}
			$this->save();
			return $changed;
		}
		return array();
	}

	/**
	 * Removes the demo data: its users (with their sessions and application passwords), its
	 * failures, its audit rows and the rows of its users, its sessions index rows; takes the
	 * recorded secret change back.
	 *
	 * @return array{users: int, events: int, audit: int, sessions: int}
	 */
	public function remove(): array {
		$record  = get_option( self::OPTION, array() );
		$record  = is_array( $record ) ? $record : array();
		$ids     = array_values( array_unique( array_merge( array_map( 'intval', (array) ( $record['users'] ?? array() ) ), $this->demo_users() ) ) );
		$written = array();
		$collect = static function ( $action, $details, $target, $id ) use ( &$written ) {
			$written[] = (int) $id;
		};
		add_action( 'auth_sentinel_audited', $collect, 10, 4 );

		require_once ABSPATH . 'wp-admin/includes/user.php'; // @phpstan-ignore requireOnce.fileNotFound (core's file, not analysed)
		$users = 0;
		foreach ( $ids as $id ) {
			$user = get_userdata( $id );
			if ( ! $user || 0 !== strpos( $user->user_login, DemoPeople::PREFIX ) ) {
				continue; // Never someone else, whatever the option says.
			}
			if ( is_multisite() ) {
				require_once ABSPATH . 'wp-admin/includes/ms.php'; // @phpstan-ignore requireOnce.fileNotFound (core's file, not analysed)
				$gone = wpmu_delete_user( $id );
			} else {
				$gone = wp_delete_user( $id );
			}
			$users += $gone ? 1 : 0;
		}
		remove_action( 'auth_sentinel_audited', $collect, 10 );

		$done = array(
			'users'    => $users,
			'events'   => $this->storage->delete_events(),
			'audit'    => $this->storage->delete_audit( array_merge( array_map( 'intval', (array) ( $record['audit'] ?? array() ) ), $written ), $ids ),
			'sessions' => $this->storage->delete_sessions( $ids ),
		);
		if ( ! empty( $record['secrets'] ) && is_array( $record['secrets'] ) ) {
			$this->take_back_secret_change( $record['secrets'] );
		}
		delete_option( self::OPTION );
		return $done;
	}

	/**
	 * Puts the secrets watch's state back as it was before the demo recorded its change
	 * (leaving alone any secret whose change is not the demo's).
	 *
	 * @param array<string, mixed> $saved What the demo changed: at, last_change, items, previous.
	 * @return void
	 */
	private function take_back_secret_change( array $saved ): void {
		$state = new SecretsState();
		$at    = (int) $saved['at'];
		for ( $attempt = 0; $attempt < 3; $attempt++ ) {
			list( $known, $raw ) = $state->read();
			if ( null === $known ) {
				return;
			}
			foreach ( (array) $saved['items'] as $name => $before ) {
				if ( isset( $known['items'][ $name ] ) && (int) $known['items'][ $name ]['changed_at'] === $at ) {
					$known['items'][ $name ]['changed_at'] = $before['changed_at'];
					$known['items'][ $name ]['previous']   = $before['previous'];
				}
			}
			if ( is_array( $known['last_change'] ) && (int) $known['last_change']['at'] === $at ) {
				$known['last_change'] = $saved['last_change'];
			}
			if ( $state->swap( $known, $raw ) ) {
				return;
			}
		}
	}

	/**
	 * Returns the ids of the users the demo made, found by their login prefix and mark.
	 *
	 * @return int[]
	 */
	private function demo_users(): array {
		$users = get_users(
			array(
				'search'         => DemoPeople::PREFIX . '*',
				'search_columns' => array( 'user_login' ),
				'meta_key'       => DemoPeople::META, // phpcs:ignore WordPress.DB.SlowDBQuery.slow_db_query_meta_key -- Development data, on request.
				'fields'         => 'ID',
				'number'         => -1,
				'blog_id'        => 0,
			)
		);
		return array_map( 'intval', $users );
	}

	/**
	 * Saves what was made so far.
	 *
	 * @return void
	 */
	private function save(): void {
		$this->record['audit'] = array_values( array_unique( array_map( 'intval', $this->record['audit'] ) ) );
		update_option( self::OPTION, $this->record, false );
	}
}
