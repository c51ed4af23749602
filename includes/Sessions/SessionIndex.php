<?php
/**
 * The index of every credential across users.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Sessions;

use AuthSentinel\Database\BatchDelete;
use AuthSentinel\Database\BoundedQuery;
use AuthSentinel\Database\Schema;

defined( 'ABSPATH' ) || exit;

// The table name is the plugin's own; every clause is built from whitelisted column names and
// placeholders that prepare() fills. The index is read for admin screens: nothing to cache.
// phpcs:disable WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared, WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQLPlaceholders.UnfinishedPrepare

/**
 * The only place that writes the sessions table, and its reads on a request's path: one
 * credential's row, the counts by kind (SessionListing reads the pages of the Sessions screen).
 * The credentials themselves stay where core and the token plugins keep them (user meta); this
 * table lists them across users with indexes, and keeps a row after its credential ends so
 * that a later failure can tell who ended it. Rows hold fingerprints and identifiers, never a
 * token, verifier or password.
 *
 * @since 0.1.0
 */
class SessionIndex {

	/**
	 * The kinds of credential.
	 */
	const TYPES = array( 'cookie', 'app_password', 'wcpos', 'token' );

	/**
	 * End reasons that are not a revocation: the row's status becomes "ended".
	 */
	const ENDED = array( 'signed_out', 'expired', 'deleted', 'replaced' );

	/**
	 * Columns an upsert may set.
	 */
	const COLUMNS = array( 'type', 'fp', 'user_id', 'created', 'expires', 'last_seen', 'ip', 'user_agent', 'label', 'ref', 'secret_fp', 'site_id' );

	/**
	 * The site new rows are noted as created on, when not the current one (0: unknown).
	 *
	 * @var int|null
	 */
	private $site;

	/**
	 * Adds a credential, or refreshes it (a row that ended comes back only if it was not revoked).
	 *
	 * @param array<string, mixed> $row Columns: type, fp, user_id, created (unix), expires (unix|null),
	 *                                  last_seen (unix|null), ip, user_agent, label, ref, secret_fp.
	 * @return bool
	 */
	public function upsert( array $row ): bool {
		$values  = array(
			'type'       => (string) $row['type'],
			'fp'         => (string) $row['fp'],
			'user_id'    => (int) $row['user_id'],
			'created'    => self::datetime( $row['created'] ?? time() ),
			'expires'    => isset( $row['expires'] ) ? self::datetime( $row['expires'] ) : null,
			'last_seen'  => isset( $row['last_seen'] ) ? self::datetime( $row['last_seen'] ) : null,
			'ip'         => substr( (string) ( $row['ip'] ?? '' ), 0, 45 ),
			'user_agent' => mb_substr( (string) ( $row['user_agent'] ?? '' ), 0, 255 ),
			'label'      => mb_substr( (string) ( $row['label'] ?? '' ), 0, 191 ),
			'ref'        => substr( (string) ( $row['ref'] ?? '' ), 0, 128 ),
			'secret_fp'  => (string) ( $row['secret_fp'] ?? '' ),
			// Where the credential was created: on a network a site administrator sees and ends only those of their site.
			'site_id'    => (int) ( $row['site_id'] ?? $this->site ?? get_current_blog_id() ),
		);
		$holders = array();
		$args    = array();
		foreach ( $values as $name => $value ) {
			if ( null === $value ) {
				$holders[] = 'NULL';
				continue;
			}
			$holders[] = in_array( $name, array( 'user_id', 'site_id' ), true ) ? '%d' : '%s';
			$args[]    = $value;
		}
		// Refresh what can change; keep the first `created`; a non-empty secret fingerprint sticks.
		$sql = 'INSERT INTO ' . Schema::sessions_table() . ' (' . implode( ', ', array_keys( $values ) ) . ') VALUES (' . implode( ', ', $holders ) . ')'
			. ' ON DUPLICATE KEY UPDATE expires = VALUES(expires), last_seen = VALUES(last_seen), ip = VALUES(ip), user_agent = VALUES(user_agent), label = VALUES(label)';
		if ( '' !== $values['secret_fp'] ) {
			$sql .= ', secret_fp = VALUES(secret_fp)';
		}
		return BoundedQuery::run(
			Schema::sessions_table(),
			static function () use ( $sql, $args ): bool {
				global $wpdb;
				return false !== BoundedQuery::exec( $wpdb->prepare( $sql, $args ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared -- Placeholders built above.
			}
		);
	}

	/**
	 * Runs work whose new rows are noted as created on another site (0: unknown, for the
	 * credentials indexed after the fact).
	 *
	 * @param int      $site The site.
	 * @param callable $work The work.
	 * @return mixed What $work returns.
	 */
	public function on_site( int $site, callable $work ) {
		$outer      = $this->site;
		$this->site = $site;
		try {
			return $work();
		} finally {
			$this->site = $outer;
		}
	}

	/**
	 * Marks credentials ended.
	 *
	 * @param array<string, mixed> $where  Equality conditions on columns (status active is added).
	 * @param string               $reason Why: admin, user, signed_out, policy_password, limit, revoke_all.
	 * @param int                  $by     Who ended them; 0 for the system.
	 * @param string[]             $keep   Fingerprints to leave alone.
	 * @return int Rows changed.
	 */
	public function end( array $where, string $reason, int $by, array $keep = array() ): int {
		$sql  = 'UPDATE ' . Schema::sessions_table() . ' SET status = %s, ended_at = %s, ended_by = %d, ended_reason = %s WHERE status = %s';
		$args = array( in_array( $reason, self::ENDED, true ) ? 'ended' : 'revoked', gmdate( 'Y-m-d H:i:s' ), $by, substr( $reason, 0, 32 ), 'active' );
		foreach ( $where as $column => $value ) {
			if ( ! in_array( $column, self::COLUMNS, true ) && 'id' !== $column ) {
				continue;
			}
			if ( is_array( $value ) ) {
				if ( ! $value ) {
					return 0;
				}
				$sql .= " AND {$column} IN (" . implode( ', ', array_fill( 0, count( $value ), is_int( reset( $value ) ) ? '%d' : '%s' ) ) . ')';
				$args = array_merge( $args, array_values( $value ) );
				continue;
			}
			$sql   .= " AND {$column} = " . ( is_int( $value ) ? '%d' : '%s' );
			$args[] = $value;
		}
		if ( $keep ) {
			$sql .= ' AND fp NOT IN (' . implode( ', ', array_fill( 0, count( $keep ), '%s' ) ) . ')';
			$args = array_merge( $args, array_values( $keep ) );
		}
		$done = BoundedQuery::run(
			Schema::sessions_table(),
			static function () use ( $sql, $args ) {
				global $wpdb;
				return BoundedQuery::exec( $wpdb->prepare( $sql, $args ) ); // phpcs:ignore WordPress.DB.PreparedSQL.NotPrepared -- Placeholders built above.
			}
		);
		if ( is_int( $done ) && $done > 0 && ( ! isset( $where['type'] ) || in_array( 'app_password', (array) $where['type'], true ) ) ) {
			EndedCredentials::app_passwords_ended(); // A failure with one of them is then looked up.
		}
		return is_int( $done ) ? $done : 0;
	}

	/**
	 * Returns when an application password whose secret is known last ended (0: never; null when
	 * the index could not be read).
	 *
	 * @return int|null Unix time.
	 */
	public function last_app_password_end(): ?int {
		global $wpdb;
		$at = BoundedQuery::read( Schema::sessions_table(), 'get_var', $wpdb->prepare( 'SELECT MAX(ended_at) FROM ' . Schema::sessions_table() . " WHERE type = %s AND status <> 'active' AND secret_fp <> ''", 'app_password' ) );
		if ( is_string( $at ) && '' !== $at ) {
			return (int) strtotime( $at . ' UTC' );
		}
		return '' === $wpdb->last_error ? 0 : null;
	}

	/**
	 * Keeps a user's newest live credentials of one kind; the others end as replaced.
	 *
	 * @param int    $user_id The user.
	 * @param string $type    The kind.
	 * @param int    $keep    How many stay.
	 * @return int Rows ended.
	 */
	public function keep_newest( int $user_id, string $type, int $keep ): int {
		global $wpdb;
		$ids = BoundedQuery::read( Schema::sessions_table(), 'get_col', $wpdb->prepare( 'SELECT id FROM ' . Schema::sessions_table() . " WHERE user_id = %d AND type = %s AND status = 'active' ORDER BY last_seen DESC, id DESC LIMIT 1000 OFFSET %d", $user_id, $type, $keep ) );
		$ids = array_map( 'intval', (array) $ids );
		return $ids ? $this->end( array( 'id' => $ids ), 'replaced', 0 ) : 0;
	}

	/**
	 * Counts live credentials by kind.
	 *
	 * @param array<string, int> $where Equality conditions (user_id, site_id).
	 * @param string[]           $keep  Fingerprints not counted.
	 * @return array<string, int> Every kind, zero when none.
	 */
	public function count_by_type( array $where, array $keep = array() ): array {
		global $wpdb;
		$sql  = 'SELECT type, COUNT(*) AS n FROM ' . Schema::sessions_table() . " WHERE status = 'active' AND (expires IS NULL OR expires > %s)";
		$args = array( gmdate( 'Y-m-d H:i:s' ) );
		if ( isset( $where['user_id'] ) ) {
			$sql   .= ' AND user_id = %d';
			$args[] = (int) $where['user_id'];
		}
		if ( isset( $where['site_id'] ) ) {
			$sql   .= ' AND site_id = %d';
			$args[] = (int) $where['site_id'];
		}
		if ( $keep ) {
			$sql .= ' AND fp NOT IN (' . implode( ', ', array_fill( 0, count( $keep ), '%s' ) ) . ')';
			$args = array_merge( $args, array_values( $keep ) );
		}
		$rows   = BoundedQuery::read( Schema::sessions_table(), 'get_results', $wpdb->prepare( $sql . ' GROUP BY type', $args ) );
		$counts = array_fill_keys( self::TYPES, 0 );
		foreach ( (array) $rows as $row ) {
			if ( isset( $counts[ $row['type'] ] ) ) {
				$counts[ $row['type'] ] = (int) $row['n'];
			}
		}
		return $counts;
	}

	/**
	 * Returns the row of one credential.
	 *
	 * @param string $type The kind.
	 * @param string $fp   Its fingerprint.
	 * @return array<string, mixed>|null
	 */
	public function find_fp( string $type, string $fp ): ?array {
		global $wpdb;
		$row = BoundedQuery::read( Schema::sessions_table(), 'get_row', $wpdb->prepare( 'SELECT * FROM ' . Schema::sessions_table() . ' WHERE type = %s AND fp = %s', $type, $fp ) );
		return is_array( $row ) ? $row : null;
	}

	/**
	 * Returns the newest ended application password whose secret matches a fingerprint.
	 *
	 * @param string $secret_fp The fingerprint of the password that was tried.
	 * @return array<string, mixed>|null
	 */
	public function find_secret( string $secret_fp ): ?array {
		global $wpdb;
		$row = BoundedQuery::read( Schema::sessions_table(), 'get_row', $wpdb->prepare( 'SELECT * FROM ' . Schema::sessions_table() . " WHERE secret_fp = %s AND status <> 'active' ORDER BY id DESC LIMIT 1", $secret_fp ) );
		return is_array( $row ) ? $row : null;
	}

	/**
	 * Returns one user's live credentials created on one site.
	 *
	 * @param int $user_id The user.
	 * @param int $site    The site.
	 * @return array<int, array<string, mixed>>
	 */
	public function active_on_site( int $user_id, int $site ): array {
		global $wpdb;
		$rows = BoundedQuery::read( Schema::sessions_table(), 'get_results', $wpdb->prepare( 'SELECT * FROM ' . Schema::sessions_table() . " WHERE site_id = %d AND user_id = %d AND status = 'active'", $site, $user_id ) );
		return is_array( $rows ) ? $rows : array();
	}

	/**
	 * Forgets rows that ended (or expired) before a time, in batches of ids within a time budget.
	 *
	 * @param int   $before Unix time.
	 * @param int   $batch  Rows per DELETE.
	 * @param float $budget Seconds to spend at most.
	 * @return int Rows deleted.
	 */
	public function prune( int $before, int $batch = 2000, float $budget = 20.0 ): int {
		$at = gmdate( 'Y-m-d H:i:s', $before );
		return BatchDelete::run( Schema::sessions_table(), "(status <> 'active' AND ended_at < %s) OR expires < %s", array( $at, $at ), $batch, $budget )['deleted'];
	}

	/**
	 * Formats a unix time for the table.
	 *
	 * @param mixed $at Unix time.
	 * @return string
	 */
	public static function datetime( $at ): string {
		return gmdate( 'Y-m-d H:i:s', max( 0, min( (int) $at, 4102444800 ) ) );
	}
}
