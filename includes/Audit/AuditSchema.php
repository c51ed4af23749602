<?php
/**
 * The shape of an audit row in the REST API.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Audit;

use AuthSentinel\Vocabulary\AuditAction;

defined( 'ABSPATH' ) || exit;

/**
 * The JSON schema of an audit row and the query parameters of `GET /audit` (the filters and
 * the format); read only when the audit route is registered.
 *
 * @since 0.1.0
 */
final class AuditSchema {

	/**
	 * Declares the query parameters of the audit log's listing.
	 *
	 * @param array<string, array<string, mixed>> $params The collection parameters every listing has.
	 * @return array<string, array<string, mixed>>
	 */
	public static function collection_params( array $params ): array {
		$params['per_page']['maximum']   = 100;
		$params['search']['description'] = __( 'Only rows with every word of this text at the start of a word of their user agent or details (words of three letters or more, on MariaDB and MySQL), whose address starts with it, or whose action or user (login, email, name) contains it.', 'auth-sentinel' );
		return array_merge(
			$params,
			array(
				'action' => array(
					'description' => __( 'Only rows of this action.', 'auth-sentinel' ),
					'type'        => 'string',
					'enum'        => AuditAction::VALUES,
				),
				'actor'  => array(
					'description' => __( 'Only rows of what this user did; 0 for the system.', 'auth-sentinel' ),
					'type'        => 'integer',
					'minimum'     => 0,
				),
				'user'   => array(
					'description' => __( 'Only rows about this user’s account.', 'auth-sentinel' ),
					'type'        => 'integer',
					'minimum'     => 1,
				),
				'since'  => array(
					'description' => __( 'Only rows at or after this time.', 'auth-sentinel' ),
					'type'        => 'string',
					'format'      => 'date-time',
				),
				'until'  => array(
					'description' => __( 'Only rows at or before this time.', 'auth-sentinel' ),
					'type'        => 'string',
					'format'      => 'date-time',
				),
				'format' => array(
					'description' => __( 'json: a page of rows; csv: every row matching the filters, as a file download.', 'auth-sentinel' ),
					'type'        => 'string',
					'enum'        => array( 'json', 'csv' ),
					'default'     => 'json',
				),
			)
		);
	}

	/**
	 * Describes one audit row.
	 *
	 * @return array<string, mixed>
	 */
	public static function item(): array {
		$user = array(
			'description' => __( 'The user, null for none or a deleted user.', 'auth-sentinel' ),
			'type'        => array( 'object', 'null' ),
			'readonly'    => true,
			'properties'  => array(
				'id'    => array( 'type' => 'integer' ),
				'login' => array( 'type' => 'string' ),
				'name'  => array(
					'description' => __( 'Display name.', 'auth-sentinel' ),
					'type'        => 'string',
				),
			),
		);
		return array(
			'$schema'    => 'http://json-schema.org/draft-04/schema#',
			'title'      => 'auth-sentinel-audit',
			'type'       => 'object',
			'properties' => array(
				'id'             => array(
					'description' => __( 'Row id.', 'auth-sentinel' ),
					'type'        => 'integer',
					'readonly'    => true,
				),
				'at'             => array(
					'description' => __( 'When it happened (UTC).', 'auth-sentinel' ),
					'type'        => 'string',
					'format'      => 'date-time',
					'readonly'    => true,
				),
				'action'         => array(
					'description' => __( 'What happened.', 'auth-sentinel' ),
					'type'        => 'string',
					'readonly'    => true,
				),
				'action_label'   => array(
					'description' => __( 'The action’s name.', 'auth-sentinel' ),
					'type'        => 'string',
					'readonly'    => true,
				),
				'actor_id'       => array(
					'description' => __( 'Who did it; 0 for the system.', 'auth-sentinel' ),
					'type'        => 'integer',
					'readonly'    => true,
				),
				'actor'          => $user,
				'target_user_id' => array(
					'description' => __( 'Whose account it concerns; 0 for none.', 'auth-sentinel' ),
					'type'        => 'integer',
					'readonly'    => true,
				),
				'target'         => $user,
				'ip'             => array(
					'description' => __( 'Client address (anonymised when the settings ask).', 'auth-sentinel' ),
					'type'        => 'string',
					'readonly'    => true,
				),
				'user_agent'     => array(
					'description' => __( 'Client user agent.', 'auth-sentinel' ),
					'type'        => 'string',
					'readonly'    => true,
				),
				'details'        => array(
					'description' => __( 'What the action recorded; never a secret.', 'auth-sentinel' ),
					'type'        => 'object',
					'readonly'    => true,
				),
				'summary'        => array(
					'description' => __( 'The row in one sentence.', 'auth-sentinel' ),
					'type'        => 'string',
					'readonly'    => true,
				),
			),
		);
	}
}
