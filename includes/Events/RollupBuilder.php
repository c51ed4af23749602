<?php
/**
 * Computes the statistics' rollup from the failures table.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Events;

defined( 'ABSPATH' ) || exit;

/**
 * Sums the failures of closed hours and days into the buckets of the rollup table
 * (RollupRepository, which reads and writes them): per bucket its busiest users, user agents
 * and codes, its total, sums by cause and users' sketch, a day's most common words of the user
 * agents, and the same for each slice (RollupRepository::slice_of()). It reads the failures
 * table through EventsStatsRepository::hour_rows() and writes through RollupRepository::upsert().
 *
 * @since 0.1.0
 */
class RollupBuilder {

	/**
	 * How many users, user agents and codes an hour keeps.
	 */
	const HOUR_TOP = 10;

	/**
	 * How many a day keeps.
	 */
	const DAY_TOP = 50;

	/**
	 * How many words of the user agents a day keeps, the most common, with the rows that hold
	 * each, in all and by cause and by source (agent_words(), RollupRepository::word_rows()).
	 */
	const DAY_WORDS = 100;

	/**
	 * The rollup table.
	 *
	 * @var RollupRepository
	 */
	private $rollup;

	/**
	 * The failures table.
	 *
	 * @var EventsStatsRepository
	 */
	private $events;

	/**
	 * Creates the builder.
	 *
	 * @param RollupRepository      $rollup The rollup table.
	 * @param EventsStatsRepository $events The failures table.
	 */
	public function __construct( RollupRepository $rollup, EventsStatsRepository $events ) {
		$this->rollup = $rollup;
		$this->events = $events;
	}

	/**
	 * Computes the buckets of some hours of one UTC day from the failures table, and the day's
	 * own bucket when the day is over: one read of the day's rows (by the hour index,
	 * EventsStatsRepository::hour_rows()), then upserts (RollupRepository::upsert()), so that
	 * two requests computing the same day write the same rows.
	 *
	 * @param int  $first     First hour (of one UTC day).
	 * @param int  $last      Last hour (of the same day).
	 * @param bool $whole_day Whether to write the day's bucket too (the day is over).
	 * @return bool Whether every write succeeded.
	 */
	public function compute( int $first, int $last, bool $whole_day ): bool {
		// Per dimension (cause, user, agent, code): per hour, and for the day, key => failures.
		$hours      = array();
		$day        = array();
		$totals     = array_fill( $first, $last - $first + 1, 0 );
		$sketches   = array();
		$day_sketch = new UserSketch();
		for ( $hour = $first; $hour <= $last; $hour++ ) {
			$sketches[ $hour ] = new UserSketch();
		}
		foreach ( array( 'cause', 'user', 'agent', 'code' ) as $dim ) {
			$hours[ $dim ] = array();
			$day[ $dim ]   = array();
		}
		// Each slice (one filter's value, or two): per hour its total, sums by cause and users; per day
		// the same and its busiest.
		$slice_totals    = array();
		$slice_causes    = array();
		$slice_users     = array();
		$slice_day_users = array();
		$slice_day       = array();
		// One pass over the day's rows (the caps keep them to tens of thousands), summed here:
		// one read of each row instead of one per dimension.
		$rows = $this->events->hour_rows( $first, $last );
		if ( null === $rows ) {
			return false;
		}
		$seen        = array();
		$named       = array(); // The slices of each cause, source and code met: named once.
		$words       = array(); // A whole day's: word => rows whose user agent holds it.
		$word_by     = array(); // The same by cause and by source: word => column => value => rows.
		$agent_words = array(); // The words of each user agent met: found once.
		foreach ( $rows as $row ) {
			$hour = (int) $row[0];
			$n    = (int) $row[5];
			if ( ! isset( $totals[ $hour ] ) ) {
				continue;
			}
			$totals[ $hour ] += $n;
			$user             = (int) $row[2];
			if ( $user > 0 ) {
				$sketches[ $hour ]->add( $user );
				$day_sketch->add( $user );
			}
			$keys = array();
			foreach ( array(
				'cause' => (string) $row[1],
				'user'  => $user > 0 ? (string) $user : null,
				'agent' => (string) $row[3],
				'code'  => (string) $row[4],
			) as $dim => $key ) {
				if ( null === $key ) {
					continue;
				}
				// Keys equal to the table's collation (letter case, trailing blanks) are one key,
				// written as first met.
				$key  = mb_substr( $key, 0, 191 );
				$norm = $dim . "\0" . mb_strtolower( rtrim( $key ) );
				$key  = $seen[ $norm ] ?? $key;

				$seen[ $norm ]                  = $key;
				$keys[ $dim ]                   = $key;
				$hours[ $dim ][ $hour ][ $key ] = ( $hours[ $dim ][ $hour ][ $key ] ?? 0 ) + $n;
				$day[ $dim ][ $key ]            = ( $day[ $dim ][ $key ] ?? 0 ) + $n;
			}
			if ( $whole_day && '' !== (string) $row[3] ) {
				if ( ! isset( $agent_words[ $row[3] ] ) ) {
					$agent_words[ $row[3] ] = self::agent_words( (string) $row[3] );
				}
				foreach ( $agent_words[ $row[3] ] as $word ) {
					$words[ $word ] = ( $words[ $word ] ?? 0 ) + 1;

					$source = (string) $row[6];

					$word_by[ $word ]['cause'][ $keys['cause'] ] = ( $word_by[ $word ]['cause'][ $keys['cause'] ] ?? 0 ) + 1;
					$word_by[ $word ]['source'][ $source ]       = ( $word_by[ $word ]['source'][ $source ] ?? 0 ) + 1;
				}
			}
			$combo = $keys['cause'] . "\0" . (string) $row[6] . "\0" . $keys['code'];
			if ( ! isset( $named[ $combo ] ) ) {
				$named[ $combo ] = self::slices_of( $keys['cause'], (string) $row[6], $keys['code'] );
			}
			foreach ( $named[ $combo ] as $slice ) {
				if ( ! isset( $slice_users[ $slice ][ $hour ] ) ) {
					$slice_users[ $slice ][ $hour ] = new UserSketch();
				}
				if ( ! isset( $slice_day_users[ $slice ] ) ) {
					$slice_day_users[ $slice ] = new UserSketch();
				}
				$slice_totals[ $slice ][ $hour ]                   = ( $slice_totals[ $slice ][ $hour ] ?? 0 ) + $n;
				$slice_causes[ $slice ][ $hour ][ $keys['cause'] ] = ( $slice_causes[ $slice ][ $hour ][ $keys['cause'] ] ?? 0 ) + $n;
				if ( $user > 0 ) {
					$slice_users[ $slice ][ $hour ]->add( $user );
					$slice_day_users[ $slice ]->add( $user );
				}
				foreach ( $keys as $dim => $key ) {
					$slice_day[ $slice ][ $dim ][ $key ] = ( $slice_day[ $slice ][ $dim ][ $key ] ?? 0 ) + $n;
				}
			}
		}
		unset( $rows );

		// The busiest of each kind per bucket; the sums by cause on the bucket's `all` row.
		$values = array();
		foreach ( $totals as $hour => $total ) {
			foreach ( array_keys( RollupRepository::DIMENSIONS ) as $dim ) {
				foreach ( self::top( $hours[ $dim ][ $hour ] ?? array(), self::HOUR_TOP ) as $key => $n ) {
					$values[] = array( 1, $hour, $dim, (string) $key, $n, null, null, '' );
				}
			}
			$values[] = array( 1, $hour, 'all', '', $total, $sketches[ $hour ]->encode(), (string) wp_json_encode( (object) ( $hours['cause'][ $hour ] ?? array() ) ), '' );
			$values[] = array( 1, $hour, 'done', (string) RollupRepository::FORMAT, 0, null, null, '' );
		}
		foreach ( $slice_totals as $slice => $by_hour ) {
			foreach ( $by_hour as $hour => $total ) {
				$values[] = array( 1, $hour, 'all', '', $total, $slice_users[ $slice ][ $hour ]->encode(), (string) wp_json_encode( (object) $slice_causes[ $slice ][ $hour ] ), (string) $slice );
			}
		}
		if ( $whole_day ) {
			$start = $first - $first % 24;
			foreach ( array_keys( RollupRepository::DIMENSIONS ) as $dim ) {
				foreach ( self::top( $day[ $dim ], self::DAY_TOP ) as $key => $n ) {
					$values[] = array( 24, $start, $dim, (string) $key, $n, null, null, '' );
				}
			}
			$values[] = array( 24, $start, 'all', '', (int) array_sum( $totals ), $day_sketch->encode(), (string) wp_json_encode( (object) $day['cause'] ), '' );
			$values[] = array( 24, $start, 'done', (string) RollupRepository::FORMAT, 0, null, null, '' );
			foreach ( self::top( $words, self::DAY_WORDS ) as $word => $held ) {
				$values[] = array( 24, $start, 'words', (string) $word, $held, null, (string) wp_json_encode( $word_by[ $word ] ?? array() ), '' );
			}
			foreach ( $slice_day as $slice => $dims ) {
				foreach ( array_keys( RollupRepository::DIMENSIONS ) as $dim ) {
					foreach ( self::top( $dims[ $dim ] ?? array(), self::DAY_TOP ) as $key => $n ) {
						$values[] = array( 24, $start, $dim, (string) $key, $n, null, null, (string) $slice );
					}
				}
				$values[] = array( 24, $start, 'all', '', (int) array_sum( $dims['cause'] ?? array() ), $slice_day_users[ $slice ]->encode(), (string) wp_json_encode( (object) ( $dims['cause'] ?? array() ) ), (string) $slice );
			}
		}
		return $this->rollup->upsert( $values );
	}

	/**
	 * Names every slice a failure belongs to: its cause, source and code alone and in pairs.
	 *
	 * @param string $cause  Its cause.
	 * @param string $source Its source.
	 * @param string $code   Its catalog code.
	 * @return string[]
	 */
	private static function slices_of( string $cause, string $source, string $code ): array {
		$values = array(
			'cause'  => $cause,
			'source' => $source,
			'code'   => $code,
		);
		$names  = array();
		foreach ( array( array( 'cause' ), array( 'source' ), array( 'code' ), array( 'cause', 'source' ), array( 'cause', 'code' ), array( 'source', 'code' ) ) as $columns ) {
			$name = RollupRepository::slice_of( array_intersect_key( $values, array_flip( $columns ) ) );
			if ( null !== $name ) {
				$names[] = $name;
			}
		}
		return $names;
	}

	/**
	 * Finds the words of a user agent that a search for each of them finds (see RollupRepository::word_rows()):
	 * runs of three to 84 ASCII letters, digits and underscores that start the text or follow
	 * an ASCII character outside them, and end it or precede one (beside a non-ASCII letter
	 * InnoDB reads one longer word), lowercased, each once. A search for one of them matches
	 * every row whose user agent holds it, by the full-text index (`+word*`) or row by row
	 * (LIKE, then REGEXP on a word's start).
	 *
	 * @param string $agent A user agent.
	 * @return string[]
	 */
	public static function agent_words( string $agent ): array {
		if ( ! preg_match_all( '/(?<![A-Za-z0-9_\x80-\xff])[A-Za-z0-9_]{3,84}(?![A-Za-z0-9_\x80-\xff])/', $agent, $found ) ) {
			return array();
		}
		return array_values( array_unique( array_map( 'strtolower', $found[0] ) ) );
	}

	/**
	 * Keeps the biggest groups.
	 *
	 * @param array<string|int, int> $groups Key => failures.
	 * @param int                    $limit  How many.
	 * @return array<string|int, int>
	 */
	private static function top( array $groups, int $limit ): array {
		arsort( $groups );
		return array_slice( $groups, 0, $limit, true );
	}
}
