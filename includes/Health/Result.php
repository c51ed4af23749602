<?php
/**
 * The shape of a Site Health test result.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Health;

use AuthSentinel\Admin\AdminPages;

defined( 'ABSPATH' ) || exit;

/**
 * Builds the array Site Health expects from a test: label, status, badge, description,
 * actions and test id. Descriptions are HTML made by the callers from escaped parts.
 *
 * @since 0.1.0
 */
final class Result {

	/**
	 * The statuses Site Health knows, mildest first.
	 */
	const STATUSES = array( 'good', 'recommended', 'critical' );

	/**
	 * Builds one result.
	 *
	 * @param string   $test        Test id, e.g. auth_sentinel_keys.
	 * @param string   $status      good|recommended|critical.
	 * @param string   $label       Headline, plain text.
	 * @param string[] $paragraphs  Description paragraphs (or lists, code blocks), each already safe HTML.
	 * @param string   $screen      The plugin screen the action links to (AdminPages::SCREENS key).
	 * @param string   $action      The link's text, plain.
	 * @param string[] $args        Query arguments for the screen (e.g. a filter).
	 * @return array{label: string, status: string, badge: array{label: string, color: string}, description: string, actions: string, test: string}
	 */
	public static function make( string $test, string $status, string $label, array $paragraphs, string $screen, string $action, array $args = array() ): array {
		$url = AdminPages::url( $screen );
		if ( $args ) {
			$url = add_query_arg( array_map( 'rawurlencode', $args ), $url );
		}
		$description = '';
		foreach ( $paragraphs as $paragraph ) {
			// Lists and code blocks stand on their own; anything else is a paragraph.
			$description .= preg_match( '/^<(ul|ol|pre|p)[\s>]/', $paragraph ) ? $paragraph : '<p>' . $paragraph . '</p>';
		}
		return array(
			'label'       => $label,
			'status'      => in_array( $status, self::STATUSES, true ) ? $status : 'recommended',
			'badge'       => array(
				'label' => __( 'Security', 'auth-sentinel' ),
				'color' => 'blue',
			),
			'description' => $description,
			'actions'     => sprintf( '<p><a href="%s">%s</a></p>', esc_url( $url ), esc_html( $action ) ),
			'test'        => $test,
		);
	}

	/**
	 * Formats a list of names as inline code, comma separated.
	 *
	 * @param string[] $names Names (secret names, plugin names).
	 * @param bool     $code  Whether to mark them as code.
	 * @return string Safe HTML.
	 */
	public static function names( array $names, bool $code = true ): string {
		$out = array();
		foreach ( $names as $name ) {
			$out[] = $code ? '<code>' . esc_html( (string) $name ) . '</code>' : esc_html( (string) $name );
		}
		return implode( ', ', $out );
	}

	/**
	 * Formats a Unix time in the site's time zone, with how long ago it was.
	 *
	 * @param int $at  Unix time.
	 * @param int $now Current Unix time.
	 * @return string Plain text, e.g. "2025-05-01 14:03 (3 hours ago)".
	 */
	public static function when( int $at, int $now ): string {
		return sprintf(
			/* translators: 1: date and time, 2: time since, e.g. "3 hours". */
			__( '%1$s (%2$s ago)', 'auth-sentinel' ),
			(string) wp_date( 'Y-m-d H:i', $at ),
			human_time_diff( $at, max( $at, $now ) )
		);
	}
}
