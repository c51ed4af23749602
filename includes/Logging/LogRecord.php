<?php
/**
 * One forwarded log record, with fields named after the Elastic Common Schema.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Logging;

defined( 'ABSPATH' ) || exit;

/**
 * Builds the flat records the destinations write: a failure's aggregate (new, or a count
 * update), an audit row, a test. Every field is one of `FIELDS` (docs/logging.md lists the same
 * names, and `tests/php/LogForwardingTest.php` checks both agree); values are strings or
 * integers, never a raw credential: only what the plugin stores (fingerprints, causes, codes).
 *
 * @since 0.1.0
 */
final class LogRecord {

	/**
	 * The ECS version the names follow.
	 */
	const ECS_VERSION = '8.11.0';

	/**
	 * Every field a record may carry, and whether each record has it (required) or only some.
	 */
	const FIELDS = array(
		'@timestamp'                    => true,
		'ecs.version'                   => true,
		'message'                       => true,
		'log.level'                     => true,
		'event.kind'                    => true,
		'event.category'                => true,
		'event.type'                    => true,
		'event.action'                  => true,
		'event.outcome'                 => true,
		'event.dataset'                 => true,
		'event.id'                      => true,
		'event.reason'                  => false,
		'event.code'                    => false,
		'event.provider'                => false,
		'event.count'                   => false,
		'event.start'                   => false,
		'event.end'                     => false,
		'error.code'                    => false,
		'user.id'                       => false,
		'user.name'                     => false,
		'user.target.id'                => false,
		'user.target.name'              => false,
		'source.ip'                     => false,
		'user_agent.original'           => false,
		'url.path'                      => false,
		'host.hostname'                 => true,
		'service.name'                  => true,
		'labels.site'                   => true,
		'labels.issuer'                 => false,
		'labels.token_type'             => false,
		'labels.token_fingerprint'      => false,
		'labels.credential_fingerprint' => false,
		'labels.overflow'               => false,
		'labels.details'                => false,
	);

	/**
	 * Builds the record of a failure's aggregate row.
	 *
	 * @param array<string, mixed> $row        The row as the events table holds it (or as the recorder wrote it).
	 * @param bool                 $is_new     True for the row's first failure, false for a count update.
	 * @param string               $credential The failure's credential fingerprint, '' when unknown.
	 * @return array<string, string|int>
	 */
	public static function failure( array $row, bool $is_new, string $credential = '' ): array {
		// Not translated: a log pipeline parses and searches one language.
		$count                    = max( 1, (int) ( $row['count'] ?? 1 ) );
		$cause                    = (string) ( $row['cause'] ?? '' );
		$source                   = (string) ( $row['source'] ?? '' );
		$record                   = self::base(
			$is_new ? 'failure_recorded' : 'failure_repeated',
			'authentication',
			'denied',
			'failure',
			'auth_sentinel.failures',
			(string) ( $row['agg_key'] ?? '' ),
			'warning',
			$is_new
				? sprintf( 'Failed authentication: %s (%s)', $cause, $source )
				: sprintf( 'Failed authentication repeated: %s (%s), %d times so far', $cause, $source, $count )
		);
		$record['event.reason']   = $cause;
		$record['event.code']     = (string) ( $row['code'] ?? '' );
		$record['event.provider'] = $source;
		$record['event.count']    = $count;
		$record['event.start']    = self::time( (string) ( $row['first_seen'] ?? '' ) );
		$record['event.end']      = self::time( (string) ( $row['last_seen'] ?? '' ) );
		$record['error.code']     = (string) ( $row['server_code'] ?? '' );
		$user                     = (int) ( $row['user_id'] ?? 0 );
		if ( $user > 0 ) {
			$record['user.id']   = (string) $user;
			$record['user.name'] = self::login( $user );
		}
		$record['source.ip']                     = (string) ( $row['ip'] ?? '' );
		$record['user_agent.original']           = (string) ( $row['user_agent'] ?? '' );
		$record['url.path']                      = (string) ( $row['route'] ?? '' );
		$record['labels.issuer']                 = (string) ( $row['issuer'] ?? '' );
		$record['labels.token_type']             = (string) ( $row['token_type'] ?? '' );
		$record['labels.token_fingerprint']      = (string) ( $row['token_fp'] ?? '' );
		$record['labels.credential_fingerprint'] = $credential;
		if ( ! empty( $row['overflow'] ) ) {
			$record['labels.overflow'] = 'true';
		}
		return self::compact( $record );
	}

	/**
	 * Builds the record of an audit row.
	 *
	 * @param string               $action    The audit action.
	 * @param array<string, mixed> $details   Its (non-secret) details.
	 * @param int                  $target_id The user it concerns, 0 for none.
	 * @param int                  $id        The row's id.
	 * @param int                  $actor_id  Who did it, 0 for the site itself.
	 * @param string               $ip        The client's address as stored.
	 * @param string               $agent     The client's user agent as stored.
	 * @return array<string, string|int>
	 */
	public static function audit( string $action, array $details, int $target_id, int $id, int $actor_id, string $ip, string $agent ): array {
		$record = self::base( $action, 'iam', 'change', 'success', 'auth_sentinel.audit', 'audit-' . $id, 'notice', sprintf( 'Audit: %s', $action ) );
		if ( $actor_id > 0 ) {
			$record['user.id']   = (string) $actor_id;
			$record['user.name'] = self::login( $actor_id );
		}
		if ( $target_id > 0 ) {
			$record['user.target.id']   = (string) $target_id;
			$record['user.target.name'] = self::login( $target_id );
		}
		$record['source.ip']           = $ip;
		$record['user_agent.original'] = $agent;
		if ( $details ) {
			$record['labels.details'] = mb_substr( (string) wp_json_encode( $details, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE ), 0, 1000 );
		}
		return self::compact( $record );
	}

	/**
	 * Builds the record `wp auth-sentinel log test` sends.
	 *
	 * @return array<string, string|int>
	 */
	public static function test(): array {
		return self::base( 'log_test', 'configuration', 'info', 'unknown', 'auth_sentinel.test', 'test-' . bin2hex( random_bytes( 6 ) ), 'info', 'Auth Sentinel log forwarding test' );
	}

	/**
	 * The fields every record has.
	 *
	 * @param string $action   event.action.
	 * @param string $category event.category.
	 * @param string $type     event.type.
	 * @param string $outcome  event.outcome.
	 * @param string $dataset  event.dataset.
	 * @param string $id       event.id.
	 * @param string $level    log.level (a syslog severity name).
	 * @param string $message  message.
	 * @return array<string, string|int>
	 */
	private static function base( string $action, string $category, string $type, string $outcome, string $dataset, string $id, string $level, string $message ): array {
		$now = microtime( true );
		return array(
			'@timestamp'     => gmdate( 'Y-m-d\TH:i:s', (int) $now ) . sprintf( '.%03dZ', (int) ( ( $now - floor( $now ) ) * 1000 ) ),
			'ecs.version'    => self::ECS_VERSION,
			'message'        => $message,
			'log.level'      => $level,
			'event.kind'     => 'event',
			'event.category' => $category,
			'event.type'     => $type,
			'event.action'   => $action,
			'event.outcome'  => $outcome,
			'event.dataset'  => $dataset,
			'event.id'       => $id,
			'host.hostname'  => (string) gethostname(),
			'service.name'   => 'auth-sentinel',
			'labels.site'    => (string) home_url( '/' ),
		);
	}

	/**
	 * Drops empty fields (an absent field, not an empty string).
	 *
	 * @param array<string, string|int> $record The record.
	 * @return array<string, string|int>
	 */
	private static function compact( array $record ): array {
		return array_filter(
			$record,
			static function ( $value ) {
				return '' !== $value;
			}
		);
	}

	/**
	 * A stored UTC time (Y-m-d H:i:s) as ISO 8601, '' for none.
	 *
	 * @param string $mysql The stored time.
	 * @return string
	 */
	private static function time( string $mysql ): string {
		return '' === $mysql ? '' : str_replace( ' ', 'T', $mysql ) . 'Z';
	}

	/**
	 * A user's login, '' when the user is gone.
	 *
	 * @param int $user_id The user.
	 * @return string
	 */
	private static function login( int $user_id ): string {
		$user = get_userdata( $user_id );
		return $user instanceof \WP_User ? (string) $user->user_login : '';
	}
}
