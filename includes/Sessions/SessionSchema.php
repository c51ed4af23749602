<?php
/**
 * The shape of a session in the REST API.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Sessions;

defined( 'ABSPATH' ) || exit;

/**
 * The JSON schema of a session and the query parameters of a listing of sessions, shared by
 * `GET /sessions` and `GET /users/{id}/sessions`; read only when a sessions route is registered.
 *
 * @since 0.1.0
 */
final class SessionSchema {

	/**
	 * Describes a session.
	 *
	 * @return array<string, mixed>
	 */
	public static function item(): array {
		$date = array(
			'type'   => array( 'string', 'null' ),
			'format' => 'date-time',
		);
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'auth-sentinel-session',
			'type'       => 'object',
			'properties' => array(
				'id'           => array(
					'description' => __( 'Session id.', 'auth-sentinel' ),
					'type'        => 'integer',
					'readonly'    => true,
				),
				'type'         => array(
					'description' => __( 'Kind: browser session, application password, WCPOS session or token.', 'auth-sentinel' ),
					'type'        => 'string',
					'enum'        => SessionIndex::TYPES,
				),
				'user_id'      => array(
					'description' => __( 'Owner.', 'auth-sentinel' ),
					'type'        => 'integer',
				),
				'user'         => array(
					'description' => __( 'Owner’s login, name and roles; null if the user is gone.', 'auth-sentinel' ),
					'type'        => array( 'object', 'null' ),
				),
				'created'      => array( 'description' => __( 'When it was created (UTC).', 'auth-sentinel' ) ) + $date,
				'expires'      => array( 'description' => __( 'When it expires (UTC); null if it does not.', 'auth-sentinel' ) ) + $date,
				'last_seen'    => array( 'description' => __( 'Last use known (UTC); null if never used.', 'auth-sentinel' ) ) + $date,
				'ip'           => array(
					'description' => __( 'Address of its last known use.', 'auth-sentinel' ),
					'type'        => 'string',
				),
				'user_agent'   => array(
					'description' => __( 'User agent.', 'auth-sentinel' ),
					'type'        => 'string',
				),
				'client'       => array(
					'description' => __( 'Readable browser or app name.', 'auth-sentinel' ),
					'type'        => 'string',
				),
				'label'        => array(
					'description' => __( 'Application password name or token plugin.', 'auth-sentinel' ),
					'type'        => 'string',
				),
				'current'      => array(
					'description' => __( 'Whether it is the caller’s own current session.', 'auth-sentinel' ),
					'type'        => 'boolean',
				),
				'status'       => array(
					'description' => __( 'active, revoked or ended.', 'auth-sentinel' ),
					'type'        => 'string',
					'enum'        => array( 'active', 'revoked', 'ended' ),
				),
				'ended_at'     => array( 'description' => __( 'When it ended (UTC).', 'auth-sentinel' ) ) + $date,
				'ended_by'     => array(
					'description' => __( 'Who ended it; 0 for the system.', 'auth-sentinel' ),
					'type'        => 'integer',
				),
				'ended_reason' => array(
					'description' => __( 'Why it ended.', 'auth-sentinel' ),
					'type'        => 'string',
				),
			),
		);
	}

	/**
	 * Declares the query parameters of a listing.
	 *
	 * @param array<string, array<string, mixed>> $params The base controller's (paging, search).
	 * @return array<string, array<string, mixed>>
	 */
	public static function collection_params( array $params ): array {
		$params['per_page']['maximum']   = 100;
		$params['search']['description'] = __( 'Only credentials whose address, application name, or user login or email starts with this text, or with every word of it at the start of a word of their user agent or application name (words of three letters or more, on MariaDB and MySQL).', 'auth-sentinel' );
		unset( $params['context'] );
		return array_merge(
			$params,
			array(
				'user'    => array(
					'description' => __( 'Only this user’s sessions.', 'auth-sentinel' ),
					'type'        => 'integer',
					'minimum'     => 1,
				),
				'site'    => array(
					'description' => __( 'On a network: only members of this site (network administrators; others always see their own site).', 'auth-sentinel' ),
					'type'        => 'integer',
					'minimum'     => 0,
					'default'     => 0,
				),
				'type'    => array(
					'description' => __( 'Only this kind of credential.', 'auth-sentinel' ),
					'type'        => 'string',
					'enum'        => SessionIndex::TYPES,
				),
				'status'  => array(
					'description' => __( 'Live sessions (default), ended ones, or all.', 'auth-sentinel' ),
					'type'        => 'string',
					'enum'        => array( 'active', 'ended', 'all' ),
					'default'     => 'active',
				),
				'orderby' => array(
					'description' => __( 'Sort by.', 'auth-sentinel' ),
					'type'        => 'string',
					'enum'        => array( 'last_seen', 'created', 'expires' ),
					'default'     => 'last_seen',
				),
				'order'   => array(
					'description' => __( 'Sort direction.', 'auth-sentinel' ),
					'type'        => 'string',
					'enum'        => array( 'asc', 'desc' ),
					'default'     => 'desc',
				),
			)
		);
	}
}
