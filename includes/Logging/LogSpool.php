<?php
/**
 * Lines a destination could not take, kept for a retry, and the counts Site Health shows.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Logging;

use AuthSentinel\Database\AtomicOption;

defined( 'ABSPATH' ) || exit;

/**
 * Three options, each written with a compare-and-swap (`Database\AtomicOption`) so that
 * concurrent requests and web nodes add to them rather than overwrite each other:
 *
 * - `auth_sentinel_log_spool` (not autoloaded): the records each destination could not take,
 *   at most `MAX` per destination; past it the oldest are dropped and counted;
 * - `auth_sentinel_log_state` (autoloaded, a few bytes): per destination, whether something is
 *   spooled and until when it is left alone after a failure (so that a destination that is down
 *   costs its time budget once per `BACKOFF`, not on every failing request);
 * - `auth_sentinel_log_stats` (not autoloaded): per destination, records sent after a retry,
 *   failures, records spooled and dropped, the last error and its time.
 *
 * Nothing here runs on a request where nothing failed to send.
 *
 * @since 0.1.0
 */
final class LogSpool {

	const SPOOL_OPTION = 'auth_sentinel_log_spool';
	const STATE_OPTION = 'auth_sentinel_log_state';
	const STATS_OPTION = 'auth_sentinel_log_stats';

	/**
	 * Records kept per destination.
	 */
	const MAX = 1000;

	/**
	 * Seconds a destination is left alone after a failure (its records go to the spool).
	 */
	const BACKOFF = 30;

	/**
	 * The state, from the autoloaded options (no query).
	 *
	 * @return array{spooled: array<string, int>, down: array<string, int>}
	 */
	public static function state(): array {
		$all   = wp_load_alloptions();
		$state = json_decode( (string) ( $all[ self::STATE_OPTION ] ?? '' ), true );
		return array(
			'spooled' => is_array( $state ) && is_array( $state['spooled'] ?? null ) ? array_map( 'intval', $state['spooled'] ) : array(),
			'down'    => is_array( $state ) && is_array( $state['down'] ?? null ) ? array_map( 'intval', $state['down'] ) : array(),
		);
	}

	/**
	 * Tells whether a destination is being left alone after a failure.
	 *
	 * @param string $destination file or syslog.
	 * @return bool
	 */
	public static function backing_off( string $destination ): bool {
		return ( self::state()['down'][ $destination ] ?? 0 ) > time();
	}

	/**
	 * Adds records to a destination's spool, dropping (and counting) the oldest past `MAX`; with
	 * an error, also counts a failed send and leaves the destination alone for `BACKOFF`. One
	 * write of each option at most.
	 *
	 * @param string                                $destination file or syslog.
	 * @param array<int, array<string, string|int>> $records     The records.
	 * @param string                                $error       Why a send failed ('' when none was tried: the back-off).
	 * @return void
	 */
	public static function add( string $destination, array $records, string $error = '' ): void {
		if ( ! $records && '' === $error ) {
			return;
		}
		$dropped = 0;
		$stored  = ! $records || self::change(
			self::SPOOL_OPTION,
			false,
			static function ( array $spool ) use ( $destination, $records, &$dropped ): array {
				$list                  = array_merge( is_array( $spool[ $destination ] ?? null ) ? $spool[ $destination ] : array(), $records );
				$dropped               = max( 0, count( $list ) - self::MAX );
				$spool[ $destination ] = array_slice( $list, $dropped );
				return $spool;
			}
		);
		if ( ! $stored ) {
			$dropped = count( $records ); // The spool could not be written: these are lost, and counted.
		}
		$add = array(
			'spooled' => $stored ? count( $records ) : 0,
			'dropped' => $dropped,
		);
		$set = array();
		if ( '' !== $error ) {
			$add['failed'] = 1;
			$set           = array(
				'last_error'    => substr( $error, 0, 300 ),
				'last_error_at' => time(),
			);
		}
		self::count( $destination, $add, $set );
		self::mark( $destination, $stored && $records ? 1 : null, '' !== $error ? time() + self::BACKOFF : null );
		if ( $stored && $records && ! wp_next_scheduled( \AuthSentinel\Hooks::LOG_RETRY ) ) {
			wp_schedule_single_event( time() + MINUTE_IN_SECONDS, \AuthSentinel\Hooks::LOG_RETRY );
		}
	}

	/**
	 * Takes a destination's spooled records out (a retry puts back what it cannot send).
	 *
	 * @param string $destination file or syslog.
	 * @return array<int, array<string, string|int>>
	 */
	public static function take( string $destination ): array {
		$taken = array();
		$done  = self::change(
			self::SPOOL_OPTION,
			false,
			static function ( array $spool ) use ( $destination, &$taken ): array {
				$taken = is_array( $spool[ $destination ] ?? null ) ? array_values( $spool[ $destination ] ) : array();
				unset( $spool[ $destination ] );
				return $spool;
			}
		);
		if ( ! $done ) {
			return array();
		}
		self::mark( $destination, 0, null );
		return $taken;
	}

	/**
	 * Counts the spooled records (for Site Health and the CLI).
	 *
	 * @return array<string, int>
	 */
	public static function sizes(): array {
		$spool = json_decode( (string) AtomicOption::read( self::SPOOL_OPTION ), true );
		$sizes = array();
		foreach ( is_array( $spool ) ? $spool : array() as $destination => $records ) {
			$sizes[ (string) $destination ] = is_array( $records ) ? count( $records ) : 0;
		}
		return $sizes;
	}

	/**
	 * Counts records dropped before they could be sent (the request's buffer was full).
	 *
	 * @param string $destination file or syslog.
	 * @param int    $count       How many.
	 * @return void
	 */
	public static function count_dropped( string $destination, int $count ): void {
		self::count( $destination, array( 'dropped' => $count ) );
	}

	/**
	 * Notes records delivered by a retry (after a failure).
	 *
	 * @param string $destination file or syslog.
	 * @param int    $count       How many.
	 * @return void
	 */
	public static function recovered( string $destination, int $count ): void {
		self::count( $destination, array( 'resent' => $count ), array( 'last_resent_at' => time() ) );
		self::mark( $destination, null, 0 );
	}

	/**
	 * Returns the counts, by destination.
	 *
	 * @return array<string, array<string, int|string>>
	 */
	public static function stats(): array {
		$stats = json_decode( (string) AtomicOption::read( self::STATS_OPTION ), true );
		return is_array( $stats ) ? array_filter( $stats, 'is_array' ) : array();
	}

	/**
	 * Adds to a destination's counts and sets its other facts.
	 *
	 * @param string               $destination file or syslog.
	 * @param array<string, int>   $add         Counts to add.
	 * @param array<string, mixed> $set         Facts to set.
	 * @return void
	 */
	private static function count( string $destination, array $add, array $set = array() ): void {
		self::change(
			self::STATS_OPTION,
			false,
			static function ( array $stats ) use ( $destination, $add, $set ): array {
				$mine = is_array( $stats[ $destination ] ?? null ) ? $stats[ $destination ] : array();
				foreach ( $add as $name => $value ) {
					$mine[ $name ] = (int) ( $mine[ $name ] ?? 0 ) + $value;
				}
				$stats[ $destination ] = array_merge( $mine, $set );
				return $stats;
			}
		);
	}

	/**
	 * Sets a destination's state: whether something is spooled, until when it is left alone.
	 *
	 * @param string   $destination file or syslog.
	 * @param int|null $spooled     1 or 0; null to keep.
	 * @param int|null $down        Until when (0 for no more); null to keep.
	 * @return void
	 */
	private static function mark( string $destination, ?int $spooled, ?int $down ): void {
		$state = self::state();
		if ( ( null === $spooled || ( $state['spooled'][ $destination ] ?? 0 ) === $spooled )
			&& ( null === $down || ( $state['down'][ $destination ] ?? 0 ) === $down ) ) {
			return; // Nothing changes: no write.
		}
		self::change(
			self::STATE_OPTION,
			true,
			static function ( array $state ) use ( $destination, $spooled, $down ): array {
				if ( null !== $spooled ) {
					$state['spooled'][ $destination ] = $spooled;
				}
				if ( null !== $down ) {
					$state['down'][ $destination ] = $down;
				}
				return $state;
			}
		);
		wp_cache_delete( 'alloptions', 'options' );
	}

	/**
	 * Changes a JSON option with a compare-and-swap, a few tries.
	 *
	 * @param string   $name     The option.
	 * @param bool     $autoload Whether WordPress loads it with every request.
	 * @param callable $change   Gives the new value from the stored one (array in, array out).
	 * @return bool Whether it was written.
	 */
	private static function change( string $name, bool $autoload, callable $change ): bool {
		for ( $try = 0; $try < 5; $try++ ) {
			$seen  = AtomicOption::read( $name );
			$value = null === $seen ? array() : json_decode( $seen, true );
			$next  = (string) wp_json_encode( $change( is_array( $value ) ? $value : array() ), JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_INVALID_UTF8_SUBSTITUTE );
			if ( null === $seen ? true === AtomicOption::insert( $name, $next, $autoload ) : ( $seen === $next || AtomicOption::swap( $name, $seen, $next ) ) ) {
				wp_cache_delete( $name, 'options' );
				return true;
			}
			usleep( wp_rand( 1000, 5000 ) );
		}
		return false;
	}
}
