<?php
/**
 * Sends failures and audit rows to the configured log destinations.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Logging;

use AuthSentinel\Database\AtomicOption;
use AuthSentinel\Events\EventsRepository;
use AuthSentinel\Events\Failure;
use AuthSentinel\Events\Recorder;
use AuthSentinel\Hooks;

defined( 'ABSPATH' ) || exit;

/**
 * Listens to `auth_sentinel_failure_recorded` and `auth_sentinel_audited` (rows of
 * `Hooks::TABLE`, guarded by `Guards::log_forwarding`), keeps the records in memory and sends
 * them at `shutdown`, after the answer went out when PHP-FPM allows it. Each destination has a
 * time budget; what it cannot take goes to `LogSpool` and is retried by the next request that
 * logs something and by a cron event a minute later.
 *
 * A failure's new aggregated row is one record at once. Its repeats are not: a repeat only makes
 * sure the count-update event is scheduled (one read of the autoloaded cron option), and that
 * event sends one `failure_repeated` record per row repeated since the last run, with the row's
 * count, so that a storm of retries is a few lines every few minutes, not a line per retry.
 *
 * @since 0.1.0
 */
class LogForwarder {

	/**
	 * The option holding the end of the last count updates' window (GMT Y-m-d H:i:s), claimed
	 * with a compare-and-swap so that one node sends each window.
	 */
	const COUNTS_OPTION = 'auth_sentinel_log_counts_until';

	/**
	 * Most records kept in memory in one request; more are dropped and counted.
	 */
	const BUFFER_MAX = 500;

	/**
	 * Most rows one count-update run sends.
	 */
	const COUNTS_MAX = 1000;

	/**
	 * The failures table.
	 *
	 * @var EventsRepository
	 */
	private $events;

	/**
	 * Records waiting for the end of the request.
	 *
	 * @var array<int, array<string, string|int>>
	 */
	private $buffer = array();

	/**
	 * Records dropped because the buffer was full.
	 *
	 * @var int
	 */
	private $overflowed = 0;

	/**
	 * Creates the forwarder.
	 *
	 * @param EventsRepository $events The failures table.
	 */
	public function __construct( EventsRepository $events ) {
		$this->events = $events;
	}

	/**
	 * Takes a failure just written: a new row is logged, a repeat waits for the count update.
	 *
	 * @param Failure|mixed        $failure The failure.
	 * @param string               $status  inserted, updated or overflow.
	 * @param array<string, mixed> $row     The row.
	 * @return void
	 */
	public function failure_recorded( $failure = null, $status = '', $row = array() ): void {
		if ( 'inserted' === $status && is_array( $row ) ) {
			$this->buffer( LogRecord::failure( $row, true, $failure instanceof Failure ? $failure->credential : '' ) );
			return;
		}
		if ( 'updated' === $status || 'overflow' === $status ) {
			$this->schedule_counts();
		}
	}

	/**
	 * Takes an audit row just written.
	 *
	 * @param string|mixed               $action    The action.
	 * @param array<string, mixed>|mixed $details   Its details.
	 * @param int|mixed                  $target_id The user it concerns.
	 * @param int|mixed                  $id        The row's id.
	 * @param int|mixed                  $actor     Who did it.
	 * @return void
	 */
	public function audited( $action = '', $details = array(), $target_id = 0, $id = 0, $actor = 0 ): void {
		$this->buffer( LogRecord::audit( (string) $action, is_array( $details ) ? $details : array(), (int) $target_id, (int) $id, (int) $actor, Recorder::client_ip(), Recorder::user_agent() ) );
	}

	/**
	 * Sends what this request buffered (hooked at `shutdown` by the first record).
	 *
	 * @return void
	 */
	public function flush(): void {
		$records      = $this->buffer;
		$this->buffer = array();
		if ( ! $records && ! $this->overflowed ) {
			return;
		}
		/**
		 * Filters whether the answer is finished (PHP-FPM's fastcgi_finish_request()) before the
		 * log lines are sent, so that the client does not wait for them.
		 *
		 * @since 0.1.0
		 *
		 * @param bool $finish Whether to finish the request first.
		 */
		if ( function_exists( 'fastcgi_finish_request' ) && apply_filters( 'auth_sentinel_log_finish_request', true ) ) {
			fastcgi_finish_request();
		}
		try {
			$this->deliver( $records, true );
		} catch ( \Throwable $e ) {
			unset( $e ); // Logging never breaks the request.
		}
	}

	/**
	 * Sends the count updates: one record per row repeated since the last run (cron).
	 *
	 * @return void
	 */
	public function emit_counts(): void {
		if ( ! LogConfig::enabled() ) {
			return;
		}
		$config = LogConfig::get();
		$until  = gmdate( 'Y-m-d H:i:s', time() - 1 ); // Whole seconds only: a row seen this second belongs to the next window.
		$seen   = AtomicOption::read( self::COUNTS_OPTION );
		if ( null === $seen ) {
			AtomicOption::insert( self::COUNTS_OPTION, gmdate( 'Y-m-d H:i:s', time() - (int) $config['repeat'] - HOUR_IN_SECONDS ), false );
			$seen = AtomicOption::read( self::COUNTS_OPTION );
			if ( null === $seen ) {
				return;
			}
		}
		if ( $seen >= $until ) {
			return;
		}
		$rows = $this->events->repeated_between( $seen, $until, self::COUNTS_MAX );
		if ( count( $rows ) >= self::COUNTS_MAX ) {
			$last    = end( $rows );
			$second  = (string) $last['last_seen'];
			$earlier = array_filter(
				$rows,
				static function ( $row ) use ( $second ) {
					return (string) $row['last_seen'] < $second;
				}
			);
			if ( $earlier ) {
				// The rows of the last second may go on past the limit: they are the next run's.
				$rows  = $earlier;
				$until = gmdate( 'Y-m-d H:i:s', (int) strtotime( $second . ' UTC' ) - 1 );
			} else {
				// More than the limit in one second: these, and the rest of that second waits
				// for its next repeat.
				$until = $second;
			}
		}
		if ( ! AtomicOption::swap( self::COUNTS_OPTION, $seen, $until ) ) {
			return; // Another node sent this window.
		}
		wp_cache_delete( self::COUNTS_OPTION, 'options' );
		$records = array();
		foreach ( $rows as $row ) {
			$records[] = LogRecord::failure( $row, false );
		}
		if ( count( $rows ) >= self::COUNTS_MAX - 1 ) {
			$this->schedule_counts( MINUTE_IN_SECONDS );
		}
		$this->deliver( $records, true );
	}

	/**
	 * Retries what the destinations could not take (cron, a minute after it was spooled).
	 *
	 * @return void
	 */
	public function retry(): void {
		$this->deliver( array(), false );
	}

	/**
	 * Sends one test record to a destination, now, whatever its switch says (WP-CLI).
	 *
	 * @param string $name file or syslog.
	 * @return array{0: int, 1: string, 2: array<string, string|int>} Records delivered, the error, the record.
	 */
	public function test( string $name ): array {
		$record      = LogRecord::test();
		$destination = self::destination( $name, LogConfig::get() );
		if ( null === $destination ) {
			return array( 0, 'unknown destination', $record );
		}
		list( $sent, $error ) = $destination->send( array( $record ) );
		return array( $sent, $error, $record );
	}

	/**
	 * Builds a destination.
	 *
	 * @param string               $name   file or syslog.
	 * @param array<string, mixed> $config LogConfig::get().
	 * @return Destination|null
	 */
	public static function destination( string $name, array $config ): ?Destination {
		if ( 'file' === $name ) {
			return JsonLinesFile::from( $config );
		}
		if ( 'syslog' === $name ) {
			return new Syslog( $config );
		}
		return null;
	}

	/**
	 * Keeps a record for the end of the request; the first one hooks the send.
	 *
	 * @param array<string, string|int> $record The record.
	 * @return void
	 */
	private function buffer( array $record ): void {
		if ( count( $this->buffer ) >= self::BUFFER_MAX ) {
			++$this->overflowed;
			return;
		}
		if ( ! $this->buffer ) {
			add_action( 'shutdown', array( $this, 'flush' ), 1000 );
		}
		$this->buffer[] = $record;
	}

	/**
	 * Schedules the count update of the current window, unless it is (from the autoloaded cron
	 * option: no query then).
	 *
	 * @param int $delay Seconds from now; the configured interval when 0.
	 * @return void
	 */
	private function schedule_counts( int $delay = 0 ): void {
		if ( ! wp_next_scheduled( Hooks::LOG_COUNTS ) ) {
			wp_schedule_single_event( time() + ( $delay > 0 ? $delay : (int) LogConfig::get()['repeat'] ), Hooks::LOG_COUNTS );
		}
	}

	/**
	 * Sends records (with what is spooled) to every enabled destination; spools what fails.
	 *
	 * @param array<int, array<string, string|int>> $records         The records.
	 * @param bool                                  $respect_backoff Whether a destination that failed lately is left alone (requests), or tried (the retry).
	 * @return void
	 */
	private function deliver( array $records, bool $respect_backoff ): void {
		$config = LogConfig::get();
		$state  = LogSpool::state();
		foreach ( array( 'file', 'syslog' ) as $name ) {
			$destination = $config[ $name ] ? self::destination( $name, $config ) : null;
			if ( null !== $destination && $this->overflowed ) {
				LogSpool::count_dropped( $name, $this->overflowed ); // Lines the buffer could not keep.
			}
			$spooled = ! $respect_backoff || ! empty( $state['spooled'][ $name ] ); // The retry looks whatever the flag says.
			if ( null === $destination || ( ! $records && ! $spooled ) ) {
				continue;
			}
			if ( $respect_backoff && LogSpool::backing_off( $name ) ) {
				LogSpool::add( $name, $records );
				continue;
			}
			$old     = $spooled ? LogSpool::take( $name ) : array();
			$pending = array_merge( $old, $records );
			if ( ! $pending ) {
				continue;
			}
			list( $sent, $error ) = $destination->send( $pending );
			if ( '' !== $error ) {
				LogSpool::add( $name, array_slice( $pending, $sent ), $error );
			} elseif ( $old ) {
				LogSpool::recovered( $name, count( $old ) );
			}
		}
		$this->overflowed = 0;
	}
}
